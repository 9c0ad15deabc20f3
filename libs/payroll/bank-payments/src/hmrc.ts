import { accountsOfficeReferenceProblem, normaliseAccountsOfficeReference } from '@dpe/identifiers';
import { isTaxYearId } from '@dpe/tax-calendar';
import { InvalidBankPaymentInput } from './errors';

/**
 * HMRC's bank account for employers' PAYE (and Class 1 NICs, Student Loan and CIS deductions) paid by Faster Payments,
 * CHAPS or Bacs. Source: GOV.UK, "Pay employers' PAYE: Bank details for online or telephone banking, CHAPS, Bacs"
 * (https://www.gov.uk/pay-paye-tax/bank-details): sort code 08 32 10, account number 12001039, account name
 * "HMRC Cumbernauld". The same account is given for Class 1A on GOV.UK, "Pay Class 1A National Insurance: Make an
 * online or telephone bank transfer" (https://www.gov.uk/pay-class-1a-national-insurance/make-an-online-or-telephone-bank-transfer).
 * Overseas payers use IBAN GB62BARC20114770297690, BIC BARCGB22 (ibid.; HMRC moved it from Citi, whose
 * GB74CITI08321012001039 older copies of the page show). HMRC changes these rarely but does change them: check the
 * page before each tax year.
 */
export const HMRC_PAYE_BANK_ACCOUNT = Object.freeze({
  sortCode: '083210',
  accountNumber: '12001039',
  accountName: 'HMRC Cumbernauld',
  iban: 'GB62BARC20114770297690',
  bic: 'BARCGB22',
  source: 'https://www.gov.uk/pay-paye-tax/bank-details',
});

export const HMRC_REFERENCE_RULES = {
  accountsOfficeReference: 'hmrc.accounts-office-reference',
  taxYear: 'hmrc.tax-year-format',
  taxMonth: 'hmrc.tax-month-range',
} as const;

/**
 * The 17-character reference for a PAYE payment made early or late, or for a particular tax month: the 13-character
 * Accounts Office reference, then the last two digits of the year the tax year ENDS in, then the tax month as two
 * digits. GOV.UK, "Pay employers' PAYE" (https://www.gov.uk/pay-paye-tax/bank-details): add extra numbers "if you pay
 * before the 6th of the tax month that payment is due" or "on or after the 5th of the tax month after payment was due".
 * The year is the ending year: GOV.UK's Class 1A page (above) works the example "To make a payment in July 2024 for the
 * previous 2023 to 2024 tax year, add the digits '2413' to your reference number so that your reference is now
 * 123PA000123452413". HMRC's monthly and quarterly wording, as reproduced by the ATT ("PAYE payment references and why
 * they matter", http://www.att.org.uk/employers/welcome-employer-focus/paye-payment-references-and-why-they-matter):
 * the quarter 6 April 2023 to 5 July 2023 is 2403, "24 - the tax year you are paying for ends in 2024"; and by
 * A S Robins (https://asrobins.com/our-blog/paying-employers-paye): the month 6 May 2023 to 5 June 2023 is 2402.
 * Those two were not found on GOV.UK itself here (only the Class 1A example was); all three agree on the ending year.
 *
 * taxMonth is 1 (6 April to 5 May) to 12; a quarterly payer gives the last month of the quarter (3, 6, 9 or 12, per the
 * same examples); 13 is what GOV.UK asks for Class 1A, paid once for the year. The reference is checked with HMRC's
 * modulus-23 check character (@dpe/identifiers), so a mistyped reference is refused before money goes to the wrong
 * place. Note GOV.UK's own illustration 123PA00012345 does not pass that check (its check letter would be G).
 */
export function hmrcPaymentReference(accountsOfficeReference: string, taxYear: string, taxMonth: number): string {
  const problems = [];
  const reference = normaliseAccountsOfficeReference(String(accountsOfficeReference ?? ''));
  const broken = accountsOfficeReferenceProblem(reference);
  if (broken !== undefined) {
    problems.push({
      path: 'accountsOfficeReference',
      rule: HMRC_REFERENCE_RULES.accountsOfficeReference,
      message: broken,
    });
  }
  if (!isTaxYearId(taxYear)) {
    problems.push({
      path: 'taxYear',
      rule: HMRC_REFERENCE_RULES.taxYear,
      message: 'must be a tax year written like "2023-24"',
    });
  }
  if (!Number.isInteger(taxMonth) || taxMonth < 1 || taxMonth > 13) {
    problems.push({
      path: 'taxMonth',
      rule: HMRC_REFERENCE_RULES.taxMonth,
      message: 'must be a tax month 1 to 12 (13 for Class 1A)',
    });
  }
  if (problems.length > 0) throw new InvalidBankPaymentInput(problems);
  const endingYear = (Number(taxYear.slice(0, 4)) + 1) % 100;
  return `${reference}${String(endingYear).padStart(2, '0')}${String(taxMonth).padStart(2, '0')}`;
}
