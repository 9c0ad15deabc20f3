import { recordLeaver, type LeaverRecordedData } from '@dpe/employment';
import { commandSpec } from '@dpe/testing';
import { hire, ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

const input = { ...ids, leavingDate: '2026-08-31', reason: 'resignation' };
const left: LeaverRecordedData = leftOn31August.data;

const spec = commandSpec(recordLeaver, { prepared });
const givenNothing = spec.given([]);
// Started 6 April 2024: two years of continuous employment are complete on 5 April 2026.
const fromApril2024 = { recipient: recipientWith({ ...hire, startDate: '2024-04-06' }) };
const redundancy = { ...input, leavingDate: '2026-04-05', reason: 'redundancy' };

describe('record leaver', () => {
  it('given an employment, when the PA leaves, then LeaverRecorded records the leaving date and reason', () => {
    givenNothing.when(input).then([{ type: 'LeaverRecorded', data: left }]);
  });

  it('records the final pay due: notice pay and holiday owed', () => {
    const finalPay = { noticePay: '540.00', holidayOwed: { hours: '22.5', amount: '303.75' } };
    givenNothing
      .when({ ...input, finalPay })
      .then([{ type: 'LeaverRecorded', data: { ...left, finalPay: { ...finalPay, statutoryRedundancyPay: null } } }]);
  });

  it('records statutory redundancy pay after two years of continuous employment', () => {
    const finalPay = { statutoryRedundancyPay: '1080.00' };
    givenNothing.when({ ...redundancy, finalPay }, { prepared: fromApril2024 }).then([
      {
        type: 'LeaverRecorded',
        data: {
          ...left,
          leavingDate: '2026-04-05',
          reason: 'redundancy',
          finalPay: { noticePay: null, holidayOwed: null, statutoryRedundancyPay: '1080.00' },
        },
      },
    ]);
  });

  it('refuses statutory redundancy pay with less than two years of service', () => {
    givenNothing
      .when(
        { ...redundancy, leavingDate: '2026-04-04', finalPay: { statutoryRedundancyPay: '1080.00' } },
        {
          prepared: fromApril2024,
        },
      )
      .thenError('leaver.redundancy-pay-service', 'rule');
  });

  it('allows statutory redundancy pay when the employer died, and refuses it for a resignation', () => {
    givenNothing
      .when(
        { ...redundancy, reason: 'employer-died', finalPay: { statutoryRedundancyPay: '1080.00' } },
        { prepared: fromApril2024 },
      )
      .then([
        {
          type: 'LeaverRecorded',
          data: {
            ...left,
            leavingDate: '2026-04-05',
            reason: 'employer-died',
            finalPay: { noticePay: null, holidayOwed: null, statutoryRedundancyPay: '1080.00' },
          },
        },
      ]);
    givenNothing
      .when(
        { ...redundancy, reason: 'resignation', finalPay: { statutoryRedundancyPay: '1080.00' } },
        {
          prepared: fromApril2024,
        },
      )
      .thenError('leaver.redundancy-pay-reason', 'rule');
  });

  it('refuses a second leaver', () => {
    spec.given([leftOn31August]).when(input).thenError('leaver.already-recorded', 'conflict');
  });

  it('refuses a leaving date before the employment started', () => {
    givenNothing.when({ ...input, leavingDate: '2026-04-05' }).thenError('leaver.before-start', 'rule');
  });

  it('refuses an employment that is not on the recipient roster as not found', () => {
    givenNothing
      .when(input, { prepared: { recipient: recipientWith() } })
      .thenError('employment.not-found', 'not-found');
  });

  it('refuses negative holiday owed, and names every bad field at once', () => {
    givenNothing
      .when({
        ...input,
        reason: 'sacked',
        finalPay: { noticePay: 540, holidayOwed: { hours: '-7.5', amount: '-101.25' }, bonus: '10.00' },
      })
      .thenInvalid([
        'reason',
        'finalPay.noticePay',
        'finalPay.holidayOwed.hours',
        'finalPay.holidayOwed.amount',
        'finalPay.bonus',
      ]);
  });
});
