import { changeTaxCode, type TaxCodeChangedData } from '@dpe/employment';
import { commandSpec } from '@dpe/testing';
import { ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

const input = { ...ids, notice: 'P6', taxCode: '1100L', issuedOn: '2026-05-01' };
const changed: TaxCodeChangedData = {
  ...ids,
  notice: 'P6',
  taxCode: '1100L',
  week1Month1: false,
  issuedOn: '2026-05-01',
  effectiveFrom: '2026-05-01',
};

// prepare finds recipient r-1001 (of kent) with employment e-2001, started 2026-04-06, on its roster.
const spec = commandSpec(changeTaxCode, { prepared });
const givenNothing = spec.given([]);

describe('change tax code', () => {
  it('given an employment, when a P6 arrives, then TaxCodeChanged records it from its issue date', () => {
    givenNothing.when(input).then([{ type: 'TaxCodeChanged', data: changed }]);
  });

  it('normalises the code as HMRC writes it, and takes W1/M1 from its marker', () => {
    givenNothing.when({ ...input, taxCode: ' s1257l w1 ', effectiveFrom: '2026-05-08' }).then([
      {
        type: 'TaxCodeChanged',
        data: { ...changed, taxCode: 'S1257L', week1Month1: true, effectiveFrom: '2026-05-08' },
      },
    ]);
  });

  it('puts a code on a W1/M1 basis when the notice says so', () => {
    givenNothing
      .when({ ...input, notice: 'P6B', week1Month1: true })
      .then([{ type: 'TaxCodeChanged', data: { ...changed, notice: 'P6B', week1Month1: true } }]);
  });

  it('applies a P9 from the next 6 April by default', () => {
    givenNothing.when({ ...input, notice: 'P9', taxCode: '1300L', issuedOn: '2027-01-15' }).then([
      {
        type: 'TaxCodeChanged',
        data: { ...changed, notice: 'P9', taxCode: '1300L', issuedOn: '2027-01-15', effectiveFrom: '2027-04-06' },
      },
    ]);
  });

  it('refuses a P9 that does not take effect on 6 April', () => {
    givenNothing
      .when({ ...input, notice: 'P9', issuedOn: '2027-01-15', effectiveFrom: '2027-04-01' })
      .thenError('tax-code.p9-start-of-year', 'rule');
  });

  it('refuses a notice that would take effect before it was issued', () => {
    givenNothing.when({ ...input, effectiveFrom: '2026-04-30' }).thenError('tax-code.effective-before-issued', 'rule');
  });

  it('refuses a notice that would take effect before the employment started', () => {
    givenNothing.when({ ...input, issuedOn: '2026-04-01' }).thenError('tax-code.before-start', 'rule');
  });

  it('refuses a notice that would take effect after the PA left', () => {
    spec
      .given([leftOn31August])
      .when({ ...input, issuedOn: '2026-09-01' })
      .thenError('tax-code.after-leaving', 'rule');
  });

  it('checks the code against the tables of the tax year it takes effect in', () => {
    // Rest-of-UK D codes are D0 (higher) and D1 (additional): there is no band for D2.
    givenNothing.when({ ...input, taxCode: 'D2' }).thenError('tax-code.not-valid-in-year', 'rule');
    givenNothing
      .when({ ...input, taxCode: 'SD3' })
      .then([{ type: 'TaxCodeChanged', data: { ...changed, taxCode: 'SD3' } }]);
  });

  it('checks only the form of a code for a tax year whose tables are not published yet', () => {
    givenNothing.when({ ...input, notice: 'P9', taxCode: 'D2', issuedOn: '2099-01-15' }).then([
      {
        type: 'TaxCodeChanged',
        data: { ...changed, notice: 'P9', taxCode: 'D2', issuedOn: '2099-01-15', effectiveFrom: '2099-04-06' },
      },
    ]);
  });

  it('refuses a W1/M1 code with week1Month1 false', () => {
    givenNothing
      .when({ ...input, taxCode: '1257L M1', week1Month1: false })
      .thenError('tax-code.basis-conflict', 'rule');
  });

  it('refuses an employment that is not on the recipient roster as not found', () => {
    givenNothing
      .when(input, { prepared: { recipient: recipientWith() } })
      .thenError('employment.not-found', 'not-found');
    givenNothing
      .when(input, { prepared: { recipient: { status: 'not-enrolled' } } })
      .thenError('employment.not-found', 'not-found');
  });

  it('names every bad field at once', () => {
    givenNothing
      .when({ ...input, notice: 'P45', taxCode: '1257Q', week1Month1: 'yes', issuedOn: '2026-02-30' })
      .thenInvalid(['notice', 'taxCode', 'week1Month1', 'issuedOn']);
  });

  it('keeps ids in lower case', () => {
    givenNothing
      .when({ ...input, recipientId: 'R-1001', employmentId: 'E-2001' })
      .then([{ type: 'TaxCodeChanged', data: changed }]);
  });
});
