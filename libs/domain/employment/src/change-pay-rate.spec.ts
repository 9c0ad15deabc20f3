import { changePayRate, type PayRateChangedData } from '@dpe/employment';
import { commandSpec } from '@dpe/testing';
import { hire, ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

const input = { ...ids, effectiveFrom: '2026-06-01', rates: { standard: '14.00', 'sleep-in': '90.00' } };
const changed: PayRateChangedData = { ...input };
const changedEvent = { type: 'PayRateChanged', data: changed } as const;

const spec = commandSpec(changePayRate, { prepared });
const givenNothing = spec.given([]);

describe('change pay rate', () => {
  it('given an employment, when its rates change, then PayRateChanged records them from the date', () => {
    givenNothing.when(input).then([changedEvent]);
  });

  it('takes rate changes in order: a later one is recorded, one on or before the last is refused', () => {
    spec
      .given([changedEvent])
      .when({ ...input, effectiveFrom: '2026-10-01', rates: { standard: '14.50' } })
      .then([
        { type: 'PayRateChanged', data: { ...changed, effectiveFrom: '2026-10-01', rates: { standard: '14.50' } } },
      ]);
    spec.given([changedEvent]).when(input).thenError('pay-rate.effective-order', 'rule');
  });

  it('refuses a rate below the National Living Wage for a PA of 21 or over (£12.71 from 1 April 2026)', () => {
    givenNothing
      .when({ ...input, rates: { standard: '12.70' } })
      .thenError('employment.rate-below-minimum-wage', 'rule');
    givenNothing
      .when({ ...input, rates: { standard: '13.00', night: '12.00' } })
      .thenError('employment.rate-below-minimum-wage', 'rule');
    givenNothing
      .when({ ...input, rates: { standard: '12.71' } })
      .then([{ type: 'PayRateChanged', data: { ...changed, rates: { standard: '12.71' } } }]);
  });

  it("uses the PA's age on the day the rates take effect (£10.85 for 18 to 20 from 1 April 2026)", () => {
    const eighteen = { recipient: recipientWith({ ...hire, pa: { ...hire.pa, dateOfBirth: '2008-05-01' } }) };
    givenNothing
      .when({ ...input, rates: { standard: '10.85' } }, { prepared: eighteen })
      .then([{ type: 'PayRateChanged', data: { ...changed, rates: { standard: '10.85' } } }]);
    givenNothing
      .when({ ...input, rates: { standard: '10.84' } }, { prepared: eighteen })
      .thenError('employment.rate-below-minimum-wage', 'rule');
  });

  it('refuses rates before the employment started or after the PA left', () => {
    givenNothing.when({ ...input, effectiveFrom: '2026-04-05' }).thenError('pay-rate.before-start', 'rule');
    spec
      .given([leftOn31August])
      .when({ ...input, effectiveFrom: '2026-09-01' })
      .thenError('pay-rate.after-leaving', 'rule');
  });

  it('refuses an employment that is not on the recipient roster as not found', () => {
    givenNothing
      .when(input, { prepared: { recipient: recipientWith() } })
      .thenError('employment.not-found', 'not-found');
  });

  it('names every bad rate at once, and needs the standard rate', () => {
    givenNothing
      .when({ ...input, rates: { night: 14, weekend: '0.00', 'bank-holiday': '200.01', overtime: '20.00' } })
      .thenInvalid(['rates.standard', 'rates.night', 'rates.weekend', 'rates.bank-holiday', 'rates.overtime']);
    givenNothing.when({ ...ids, rates: { standard: '14.00' } }).thenInvalid(['effectiveFrom']);
  });
});
