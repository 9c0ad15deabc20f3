import { Money } from '@dpe/money';
import { documentDate, formatDate, formatMoney, formatTaxDeducted, taxPeriodLabel } from './format';
import { type FormField, LEFT_HALF, RIGHT_HALF, formBox, formNote, formTitle } from './form';
import { renderPdfPages, type Pdf } from './pdf';

export interface PayAndTax {
  readonly pay: string;
  readonly tax: string;
}

/**
 * The figures HMRC's P45 Part 1A ("Details of employee leaving work: copy for employee") holds, boxes 1 to 13, as
 * listed on the form P45(Online) and in gov.uk's "P45, P60 and P11D forms: workers' guide"
 * (https://www.gov.uk/paye-forms-p45-p60-p11d) and "Employee leaving" (https://www.gov.uk/employee-leaving).
 * Parts 2 and 3 repeat boxes 1 to 7 from the same figures. Money is decimal text with two places, as on the payroll
 * events.
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

type Box = readonly [number: string, heading: string, fields: readonly FormField[]];

/**
 * Boxes 1 to 7, the same on Parts 1A, 2 and 3: the leaving employer fills them in once and the new employer checks
 * Part 3's against Part 2's (HMRC, "Notifying and getting new employee information right": "check that items 6 and 7
 * of Part 3 of the P45 agree with Part 2", http://www.hmrc.gov.uk/payerti/employee-starting/new-emp-info.htm). Part 2's
 * list, as the form prints it (LITRG's "Employing a personal assistant" guide 2018, p. 27, an example P45 Part 2,
 * https://online.flipbuilder.com/lmam/ahyb/files/basic-html/page27.html): 1 employer PAYE reference (office number /
 * reference number); 2 employee's National Insurance number; 3 title, surname or family name, first name(s); 4 leaving
 * date; 5 Student Loan deductions to continue; 6 tax code at leaving date, with an X when week 1 or month 1 applies;
 * 7 last entries on the payroll record, completed only if the code is cumulative: week or month number, total pay to
 * date, total tax to date. Box 5 also carries the Postgraduate Loan, which the form has had since PGL deductions began
 * in April 2019 (the 2018 guide predates it; Sage, "a Y in the Postgraduate Loan deductions box" of a P45,
 * https://gb-kb.sage.com/portal/app/portlets/results/view2.jsp?k2dockey=250213092422633).
 */
function leaverBoxes(doc: P45Document): Box[] {
  const { box7 } = p45Boxes7And8(doc);
  const paye = payeParts(doc.employer.payeReference);
  const e = doc.employee;
  return [
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
  ];
}

/** Boxes down two columns: those numbered up to `lastLeft` on the left, the rest on the right; returns the y below. */
function twoColumns(pdf: Pdf, y: number, boxes: readonly Box[], lastLeft: number): number {
  let left = y;
  let right = y;
  for (const [number, heading, fields] of boxes) {
    if (Number(number) <= lastLeft) left = formBox(pdf, LEFT_HALF, left, number, heading, fields);
    else right = formBox(pdf, RIGHT_HALF, right, number, heading, fields);
  }
  return Math.max(left, right);
}

/** Part 1A, the employee's own copy: boxes 1 to 13. */
function part1A(doc: P45Document, pdf: Pdf): void {
  const { box8 } = p45Boxes7And8(doc);
  const e = doc.employee;
  const y = formTitle(
    pdf,
    'P45 Part 1A',
    'Details of employee leaving work: copy for employee',
    'HM Revenue & Customs',
  );
  const boxes: Box[] = [
    ...leaverBoxes(doc),
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
    ['10', 'Gender', [{ label: 'Gender', value: e.gender === null ? blank : e.gender === 'male' ? 'Male' : 'Female' }]],
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
  formNote(
    pdf,
    twoColumns(pdf, y, boxes, 8),
    'Certificate: the employer certifies that the details on this form are correct. Box 7 is completed only ' +
      'when the tax code is cumulative; box 8 is left blank when its figures would be the same as box 7. Tax ' +
      'marked R is a refund. To the employee: keep this part safe; you may need it for a tax return or to ' +
      'claim a tax refund. Give Parts 2 and 3 to your new employer.',
  );
}

/** Part 2, the new employer's copy: boxes 1 to 7, and the notes to the employee who carries it. */
function part2(doc: P45Document, pdf: Pdf): void {
  const y = formTitle(
    pdf,
    'P45 Part 2',
    'Details of employee leaving work: copy for new employer',
    'HM Revenue & Customs',
  );
  // Boxes 1 to 4 down the left and 5 to 7 down the right, as the paper Part 2 has them.
  formNote(
    pdf,
    twoColumns(pdf, y, leaverBoxes(doc), 4),
    'To the employee: keep Parts 2 and 3 together and do not alter them; copies are not available. Going to a new ' +
      'job: give Parts 2 and 3 to the new employer, or tax may be deducted on the emergency code and you may pay too ' +
      'much. Claiming Jobseeker’s Allowance or Employment and Support Allowance: take this form to Jobcentre Plus. ' +
      'To the new employer: check these details against Part 3 and keep this part with your payroll records. Box 7 ' +
      'is completed only when the tax code is cumulative; tax marked R is a refund.',
  );
}

/**
 * Part 3's own boxes, 8 to 18, for the new employer to fill in (so drawn empty), in the order the A4 form prints them:
 * 8 new employer PAYE reference; 9 date new employment started; 10 works number/payroll number and department or
 * branch; 11 P if the employee will not be paid by the new employer before the next 5 April; 12 tax code in use if
 * different from box 6, with W1/M1; 13 the tax figure entered on the payroll record if it differs from box 7; 14 job
 * title or description; 15 employee's private address; 16 gender; 17 date of birth; 18 declaration, with the new
 * employer's name and address and the date. Sources: payroll-help.com, "applying the details from a P45 for a new
 * employee", Part 3 of 3 (http://www.payroll-help.com/faq/new-employee-p45-details-3/), items 8 on, which it counts to
 * 17; its 2008 page (http://www.payroll-help.com/2008/11/employer-faq001-2/) counts 8 to 17 on the old A5 form and 8 to
 * 18 on the A4 form, the one laid out here. The wording of 14 and 18 is as a reproduction of the A4 Part 3 prints it,
 * not read off an HMRC copy. The employee's address, gender and date of birth are on Part 1A; the new employer takes
 * its own from the employee.
 */
const NEW_EMPLOYER_BOXES: readonly Box[] = (
  [
    ['8', 'New employer PAYE reference', ['Office number', 'Reference number']],
    ['9', 'Date new employment started', ['Date']],
    ['10', 'Works number and department', ['Works number / payroll number', 'Department or branch (if any)']],
    ['11', 'Not paid by you before the next 5 April', ["Enter 'P' if so"]],
    ['12', 'Tax code in use if different to box 6', ['Tax code', 'Week 1/Month 1']],
    ['13', 'Tax on payroll record if different to box 7', ['Total tax to date']],
    ['14', "New employee's job title or job description", ['Job title']],
    ['15', "Employee's private address", ['Address', '', '', 'Postcode']],
    ['16', 'Gender', ['Male / Female']],
    ['17', 'Date of birth', ['Date of birth']],
    [
      '18',
      'Declaration',
      ['Payroll record prepared from the details above', 'Employer name', 'Address', '', 'Postcode', 'Date'],
    ],
  ] as const
).map(([number, heading, labels]) => [number, heading, labels.map((label) => ({ label, value: '' }))] as const);

/**
 * Part 3, for the new employer: boxes 1 to 7 as on Part 2, then the new employer's boxes 8 to 18, left blank. Under RTI
 * the new employer reports the starter on its first FPS rather than sending Part 3 to HMRC (HMRC, "Notifying and
 * getting new employee information right", above), which the note says.
 */
function part3(doc: P45Document, pdf: Pdf): void {
  const y = formTitle(
    pdf,
    'P45 Part 3',
    'New employee details: for completion by new employer',
    'HM Revenue & Customs',
  );
  const below = twoColumns(pdf, y, leaverBoxes(doc), 4);
  const next = formNote(
    pdf,
    below,
    'To the new employer: boxes 1 to 7 are the leaving employer’s; check that boxes 6 and 7 agree with Part 2. ' +
      'Boxes 8 to 18 are yours: you will need these details for your Full Payment Submission, which reports the new ' +
      'employee to HMRC (this part is no longer sent to HMRC on paper).',
  );
  twoColumns(pdf, next, NEW_EMPLOYER_BOXES, 14);
}

/**
 * HMRC's P45 as the leaver is given it: Parts 1A, 2 and 3, one part a page (the paper form is a set of separate
 * parts). The employer hands all three to the employee, who keeps Part 1A and gives Parts 2 and 3 to a new employer
 * (HMRC PAYE Manual PAYE62015, https://www.gov.uk/hmrc-internal-manuals/paye-manual/paye62015). Part 1, once the
 * employer's copy for HMRC, is not drawn: under RTI the leaving date goes to HMRC on the FPS instead (PAYE62015;
 * "remember not to send P45 part 1 to HMRC. This is no longer needed following the introduction of RTI", CSLM10211,
 * https://www.gov.uk/hmrc-internal-manuals/collection-of-student-loans-manual/cslm10211).
 */
export function p45Pdf(doc: P45Document): Promise<Buffer> {
  const name = `${doc.employee.forenames} ${doc.employee.surname}`;
  return renderPdfPages(
    {
      title: `P45 Parts 1A, 2 and 3: ${name}, leaving ${formatDate(doc.leavingDate)}`,
      author: doc.employer.name,
      subject: 'P45 Details of employee leaving work',
      date: documentDate(doc.issuedOn),
    },
    [(pdf) => part1A(doc, pdf), (pdf) => part2(doc, pdf), (pdf) => part3(doc, pdf)],
  );
}
