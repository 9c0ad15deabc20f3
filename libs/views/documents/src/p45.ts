import { Money } from '@dpe/money';
import { documentDate, formatDate, formatMoney, formatTaxDeducted, taxPeriodLabel } from './format';
import { type FormField, LEFT_HALF, RIGHT_HALF, formBox, formNote, formTitle } from './form';
import { renderPdf } from './pdf';

export interface PayAndTax {
  readonly pay: string;
  readonly tax: string;
}

/**
 * The figures HMRC's P45 Part 1A ("Details of employee leaving work: copy for employee") holds, boxes 1 to 13, as
 * listed on the form P45(Online) and in gov.uk's "P45, P60 and P11D forms: workers' guide"
 * (https://www.gov.uk/paye-forms-p45-p60-p11d) and "Employee leaving" (https://www.gov.uk/employee-leaving).
 * Money is decimal text with two places, as on the payroll events.
 */
export interface P45Document {
  readonly employer: {
    readonly name: string;
    readonly address: readonly string[];
    readonly postcode: string;
    /** "123/AB456": box 1 prints the HMRC office number (before the slash) and the reference (after it). */
    readonly payeReference: string;
  };
  readonly employee: {
    readonly niNumber: string | null;
    readonly title: string | null;
    readonly surname: string;
    readonly forenames: string;
    readonly address: readonly string[];
    readonly postcode: string | null;
    readonly dateOfBirth: string;
    readonly gender: 'male' | 'female' | null;
    readonly worksNumber: string;
    readonly department?: string | null;
  };
  /** Box 4. */
  readonly leavingDate: string;
  /** Box 5: whether the new employer should carry on deducting each loan. */
  readonly studentLoanContinues: boolean;
  readonly postgraduateLoanContinues: boolean;
  /** Box 6. */
  readonly taxCode: string;
  readonly week1Month1: boolean;
  /** The pay frequency and HMRC tax week or month number of the last payment (box 7's "week or month number"). */
  readonly frequency: string;
  readonly taxPeriod: number;
  /** Pay and tax of this employment in the tax year: the final payslip's year to date. */
  readonly thisEmployment: PayAndTax;
  /** Pay and tax of earlier employments in the tax year, from the P45 the PA started with; null if none. */
  readonly previousEmployment: PayAndTax | null;
  /** The date the employer signs the certificate (box 13). */
  readonly issuedOn: string;
}

function payeParts(reference: string): { office: string; reference: string } {
  const slash = reference.indexOf('/');
  return slash < 0
    ? { office: '', reference }
    : { office: reference.slice(0, slash), reference: reference.slice(slash + 1) };
}

/**
 * Box 7 is the year's totals the new employer carries on from: previous employments plus this one, and is left
 * empty when the code is Week 1/Month 1 (non-cumulative), as the form says. Box 8 separates this employment's own
 * pay and tax, and the form leaves it blank when it would repeat box 7 (no previous employment, cumulative code).
 */
export function p45Boxes7And8(doc: P45Document): { box7: PayAndTax | null; box8: PayAndTax | null } {
  const previous = doc.previousEmployment;
  const box7 = doc.week1Month1
    ? null
    : {
        pay: Money.of(doc.thisEmployment.pay)
          .plus(previous?.pay ?? '0')
          .toString(),
        tax: Money.of(doc.thisEmployment.tax)
          .plus(previous?.tax ?? '0')
          .toString(),
      };
  const box8 = previous !== null || doc.week1Month1 ? doc.thisEmployment : null;
  return { box7, box8 };
}

const yesNo = (value: boolean): string => (value ? 'Yes' : 'No');
const blank = '—';

export function p45Pdf(doc: P45Document): Promise<Buffer> {
  const { box7, box8 } = p45Boxes7And8(doc);
  const paye = payeParts(doc.employer.payeReference);
  const e = doc.employee;
  const name = `${e.forenames} ${e.surname}`;
  return renderPdf(
    {
      title: `P45 Part 1A: ${name}, leaving ${formatDate(doc.leavingDate)}`,
      author: doc.employer.name,
      subject: 'P45 Details of employee leaving work',
      date: documentDate(doc.issuedOn),
    },
    (pdf) => {
      let y = formTitle(
        pdf,
        'P45 Part 1A',
        'Details of employee leaving work: copy for employee',
        'HM Revenue & Customs',
      );
      const boxes: [string, string, FormField[]][] = [
        [
          '1',
          'Employer PAYE reference',
          [
            { label: 'Office number', value: paye.office || blank },
            { label: 'Reference number', value: paye.reference },
          ],
        ],
        ['2', "Employee's National Insurance number", [{ label: 'NI number', value: e.niNumber ?? blank }]],
        [
          '3',
          'Employee name',
          [
            { label: 'Title', value: e.title ?? blank },
            { label: 'Surname or family name', value: e.surname },
            { label: 'First or given name(s)', value: e.forenames },
          ],
        ],
        ['4', 'Leaving date', [{ label: 'Leaving date', value: formatDate(doc.leavingDate) }]],
        [
          '5',
          'Student Loan deductions',
          [
            { label: 'Continue Student Loan deductions', value: yesNo(doc.studentLoanContinues) },
            { label: 'Continue Postgraduate Loan deductions', value: yesNo(doc.postgraduateLoanContinues) },
          ],
        ],
        [
          '6',
          'Tax code at leaving date',
          [
            { label: 'Tax code', value: doc.taxCode },
            { label: 'Week 1/Month 1 (non-cumulative) basis', value: doc.week1Month1 ? 'X' : blank },
          ],
        ],
        [
          '7',
          'Last entries on payroll record',
          box7 === null
            ? [{ label: 'Not completed: Week 1/Month 1 tax code', value: blank }]
            : [
                { label: 'Week or month number', value: taxPeriodLabel(doc.frequency, doc.taxPeriod) },
                { label: 'Total pay to date', value: formatMoney(box7.pay) },
                { label: 'Total tax to date', value: formatTaxDeducted(box7.tax) },
              ],
        ],
        [
          '8',
          'This employment pay and tax',
          box8 === null
            ? [{ label: 'Same as box 7', value: blank }]
            : [
                { label: 'Total pay in this employment', value: formatMoney(box8.pay) },
                { label: 'Total tax in this employment', value: formatTaxDeducted(box8.tax) },
              ],
        ],
        [
          '9',
          'Works number and department',
          [
            { label: 'Works number / payroll number', value: e.worksNumber },
            { label: 'Department or branch', value: e.department ?? blank },
          ],
        ],
        [
          '10',
          'Gender',
          [{ label: 'Gender', value: e.gender === null ? blank : e.gender === 'male' ? 'Male' : 'Female' }],
        ],
        ['11', 'Date of birth', [{ label: 'Date of birth', value: formatDate(e.dateOfBirth) }]],
        [
          '12',
          "Employee's private address",
          [
            ...e.address.map((line, i) => ({ label: i === 0 ? 'Address' : '', value: line })),
            { label: 'Postcode', value: e.postcode ?? blank },
          ],
        ],
        [
          '13',
          'Employer name and address',
          [
            { label: 'Employer', value: doc.employer.name },
            ...doc.employer.address.map((line, i) => ({ label: i === 0 ? 'Address' : '', value: line })),
            { label: 'Postcode', value: doc.employer.postcode },
            { label: 'Date', value: formatDate(doc.issuedOn) },
          ],
        ],
      ];
      // Boxes 1 to 8 down the left, as the paper form has them; the personal details 9 to 13 down the right.
      let left = y;
      let right = y;
      for (const [number, heading, fields] of boxes) {
        if (Number(number) <= 8) left = formBox(pdf, LEFT_HALF, left, number, heading, fields);
        else right = formBox(pdf, RIGHT_HALF, right, number, heading, fields);
      }
      y = Math.max(left, right);
      formNote(
        pdf,
        y,
        'Certificate: the employer certifies that the details on this form are correct. Box 7 is completed only ' +
          'when the tax code is cumulative; box 8 is left blank when its figures would be the same as box 7. Tax ' +
          'marked R is a refund. To the employee: keep this part safe; you may need it for a tax return or to ' +
          'claim a tax refund.',
      );
    },
  );
}
