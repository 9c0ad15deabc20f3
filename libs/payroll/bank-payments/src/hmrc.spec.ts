import {
  accountProblem,
  HMRC_PAYE_BANK_ACCOUNT,
  HMRC_REFERENCE_RULES,
  hmrcPaymentReference,
  InvalidBankPaymentInput,
} from '@dpe/bank-payments';

/*
 * GOV.UK's worked example (https://www.gov.uk/pay-class-1a-national-insurance/make-an-online-or-telephone-bank-transfer):
 * "Your Accounts Office reference number is 123PA00012345. To make a payment in July 2024 for the previous 2023 to 2024
 * tax year, add the digits '2413' to your reference number so that your reference is now 123PA000123452413."
 * GOV.UK's illustrative 123PA00012345 fails HMRC's own check character (modulus 23 over weights 9,10,11,12,0,8,...,1:
 * 1*9 + 2*10 + 3*11 + 48*12 + 1*5 + 2*4 + 3*3 + 4*2 + 5*1 = 673, 673 mod 23 = 6, the 7th check character "G"), so the
 * examples below use 123PG00012345, the same reference with its check letter made valid.
 */
const AOR = '123PG00012345';

describe('hmrcPaymentReference: the 17-character reference for an early or late PAYE payment', () => {
  it("follows GOV.UK's worked example: 2023 to 2024, month 13 (Class 1A), adds 2413", () => {
    expect(hmrcPaymentReference(AOR, '2023-24', 13)).toBe('123PG000123452413');
  });

  it('uses the year the tax year ends in: 6 May to 5 June 2023 is month 2 of 2023-24, so 2402', () => {
    expect(hmrcPaymentReference(AOR, '2023-24', 2)).toBe('123PG000123452402');
  });

  it('gives a quarterly payer the last month of the quarter: 6 April to 5 July 2023 is 2403', () => {
    expect(hmrcPaymentReference(AOR, '2023-24', 3)).toBe('123PG000123452403');
  });

  it('keeps the leading zero of a year ending in 2100 and of single-digit months', () => {
    expect(hmrcPaymentReference(AOR, '2099-00', 1)).toBe('123PG000123450001');
  });

  it('accepts the reference in lower case or with spaces, as HMRC normalises it', () => {
    expect(hmrcPaymentReference('123 pg 00012345', '2026-27', 12)).toBe('123PG000123452712');
  });

  it('refuses a reference that fails the check character, a bad tax year and month 0, listing each', () => {
    let caught: unknown;
    try {
      hmrcPaymentReference('123PA00012345', '2023-2024', 0);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidBankPaymentInput);
    expect((caught as InvalidBankPaymentInput).issues.map((i) => i.rule)).toEqual([
      HMRC_REFERENCE_RULES.accountsOfficeReference,
      HMRC_REFERENCE_RULES.taxYear,
      HMRC_REFERENCE_RULES.taxMonth,
    ]);
  });
});

describe("HMRC's bank account for PAYE", () => {
  it('is HMRC Cumbernauld, 08 32 10, 12001039, as GOV.UK publishes it', () => {
    expect(HMRC_PAYE_BANK_ACCOUNT).toMatchObject({
      sortCode: '083210',
      accountNumber: '12001039',
      accountName: 'HMRC Cumbernauld',
    });
  });

  it('passes our account checks, so it can be paid by the same route as wages', () => {
    expect(accountProblem(HMRC_PAYE_BANK_ACCOUNT.sortCode, HMRC_PAYE_BANK_ACCOUNT.accountNumber)).toBeNull();
  });
});
