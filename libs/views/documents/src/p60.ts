import { Money } from '@dpe/money';
import { taxYear } from '@dpe/tax-calendar';
import { documentDate, formatDate, formatMoney, formatTaxDeducted, formatWholePounds } from './format';
import { FULL, LEFT_HALF, RIGHT_HALF, formBox, formNote, formTable, formTitle } from './form';
import type { PayAndTax } from './p45';
import { renderPdf } from './pdf';

/** One NIC table letter's row of the P60's "National Insurance contributions in this employment". */
export interface P60NationalInsurance {
  readonly category: string;
  /** Earnings at the Lower Earnings Limit (where earnings are equal to or exceed the LEL). */
  readonly atLel: string;
  /** Earnings above the LEL, up to and including the Primary Threshold. */
  readonly lelToPt: string;
  /** Earnings above the PT, up to and including the Upper Earnings Limit. */
  readonly ptToUel: string;
  /** Employee's contributions due on all earnings above the PT. */
  readonly employeeContributions: string;
}

/**
 * HMRC's P60 End of Year Certificate, as laid out on the form for the tax year to 5 April 2022 onwards (employee's
 * details; pay and income tax in previous employments, this employment and the total; final tax code; NICs by table
 * letter; statutory payments included in pay; student and postgraduate loan deductions in whole pounds; employer name,
 * address and PAYE reference) and gov.uk's "P45, P60 and P11D forms: workers' guide"
 * (https://www.gov.uk/paye-forms-p45-p60-p11d). Money is decimal text with two places.
 */
export interface P60Document {
  /** "2025-26": the certificate is for the tax year to 5 April 2026. */
  readonly taxYear: string;
  readonly employee: {
    readonly surname: string;
    readonly forenames: string;
    readonly niNumber: string | null;
    readonly worksNumber: string;
  };
  /** From the P45 the PA started with; null if none. */
  readonly previousEmployment: PayAndTax | null;
  /** The year's last payslip's taxable pay and tax to date. */
  readonly thisEmployment: PayAndTax;
  readonly finalTaxCode: string;
  readonly nationalInsurance: readonly P60NationalInsurance[];
  /** Statutory payments included in the "in this employment" pay; absent ones are shown as £0.00. */
  readonly statutoryPayments: {
    readonly smp?: string;
    readonly spp?: string;
    readonly sap?: string;
    readonly shpp?: string;
    readonly spbp?: string;
    readonly sncp?: string;
  };
  readonly studentLoan: string;
  readonly postgraduateLoan: string;
  readonly employer: {
    readonly name: string;
    readonly address: readonly string[];
    readonly postcode: string;
    readonly payeReference: string;
  };
}

export function p60Pdf(doc: P60Document): Promise<Buffer> {
  const year = taxYear(doc.taxYear);
  const previous = doc.previousEmployment ?? { pay: '0.00', tax: '0.00' };
  // "Total for year" is the only figure the form adds up itself: previous employments plus this one.
  const total = {
    pay: Money.of(previous.pay).plus(doc.thisEmployment.pay).toString(),
    tax: Money.of(previous.tax).plus(doc.thisEmployment.tax).toString(),
  };
  const sp = doc.statutoryPayments;
  const e = doc.employee;
  return renderPdf(
    {
      title: `P60 ${doc.taxYear}: ${e.forenames} ${e.surname}`,
      author: doc.employer.name,
      subject: `P60 End of Year Certificate, tax year to ${formatDate(year.lastDay)}`,
      date: documentDate(year.lastDay),
    },
    (pdf) => {
      let y = formTitle(
        pdf,
        'P60 End of Year Certificate',
        `Tax year to ${formatDate(year.lastDay)}`,
        'HM Revenue & Customs',
      );
      y = formBox(pdf, FULL, y, '', "Employee's details", [
        { label: 'Surname', value: e.surname },
        { label: 'Forenames or initials', value: e.forenames },
        { label: 'National Insurance number', value: e.niNumber ?? '—' },
        { label: 'Works/payroll number', value: e.worksNumber },
      ]);
      y = formTable(
        pdf,
        y,
        'Pay and Income Tax details (tax deducted marked R is a refund)',
        ['', 'Pay', 'Tax deducted'],
        [
          ['In previous employment(s)', formatMoney(previous.pay), formatTaxDeducted(previous.tax)],
          ['In this employment', formatMoney(doc.thisEmployment.pay), formatTaxDeducted(doc.thisEmployment.tax)],
          ['Total for year', formatMoney(total.pay), formatTaxDeducted(total.tax)],
        ],
        200,
      );
      y = formBox(pdf, FULL, y, '', 'Final tax code', [{ label: 'Final tax code', value: doc.finalTaxCode }]);
      y = formTable(
        pdf,
        y,
        'National Insurance contributions in this employment',
        ['NIC table letter', 'Earnings at LEL', 'LEL to PT', 'PT to UEL', 'Employee NICs above PT'],
        doc.nationalInsurance.map((row) => [
          row.category,
          formatMoney(row.atLel),
          formatMoney(row.lelToPt),
          formatMoney(row.ptToUel),
          formatMoney(row.employeeContributions),
        ]),
        70,
      );
      const statutory = (amount: string | undefined): string => formatMoney(amount ?? '0.00');
      const left = formBox(pdf, LEFT_HALF, y, '', "Statutory payments included in 'In this employment' pay", [
        { label: 'Statutory Maternity Pay', value: statutory(sp.smp) },
        { label: 'Statutory Paternity Pay', value: statutory(sp.spp) },
        { label: 'Statutory Adoption Pay', value: statutory(sp.sap) },
        { label: 'Statutory Shared Parental Pay', value: statutory(sp.shpp) },
        { label: 'Statutory Parental Bereavement Pay', value: statutory(sp.spbp) },
        { label: 'Statutory Neonatal Care Pay', value: statutory(sp.sncp) },
      ]);
      let right = formBox(pdf, RIGHT_HALF, y, '', 'Other details (whole £s only)', [
        { label: 'Student Loan deductions', value: formatWholePounds(doc.studentLoan) },
        { label: 'Postgraduate Loan deductions', value: formatWholePounds(doc.postgraduateLoan) },
      ]);
      right = formBox(pdf, RIGHT_HALF, right, '', 'Employer', [
        { label: 'Name', value: doc.employer.name },
        ...doc.employer.address.map((line, i) => ({ label: i === 0 ? 'Address' : '', value: line })),
        { label: 'Postcode', value: doc.employer.postcode },
        { label: 'PAYE reference', value: doc.employer.payeReference },
      ]);
      formNote(
        pdf,
        Math.max(left, right),
        'Certificate by employer: this form shows your total pay for Income Tax purposes in this employment for ' +
          'the year, including any overtime, bonus, commission and statutory payments (sick, maternity, paternity, ' +
          'adoption, shared parental, parental bereavement and neonatal care pay). To the employee: keep this ' +
          'certificate safe; you need it for a tax return and some benefit claims, and to check your employer used ' +
          'the right National Insurance number and category.',
      );
    },
  );
}
