import { Money } from '@dpe/money';
import { el, opt, renderXml, XML_DECLARATION, type XmlElement } from './xml';
import { govTalkMessage, type RtiEmployer, type RtiSender, irHeader, empRefs } from './govtalk';
import { withIrmark } from './irmark';
import { rtiYear } from './tax-years';

/**
 * The Full Payment Submission of one PAYE scheme for one payment date: what HMRC must be told on or before the day
 * the PAs are paid (PAYE Regulations 2003 reg 67B; uk-payroll-rules.md §10). Every figure is given as money text
 * ("123.45") by the caller, from the payslips it reports; this writer lays them out in the tax year's schema.
 */
export interface FpsInput {
  readonly taxYear: string;
  readonly employer: RtiEmployer;
  readonly sender: RtiSender;
  readonly employees: readonly FpsEmployee[];
  /** The last FPS of the tax year (FinalSubmission/ForYear): HMRC's year-end, by 19 April. */
  readonly finalForYear?: boolean;
  /** GovTalk GatewayTest 1: the message is for HMRC's test service. */
  readonly test?: boolean;
}

export type PayFrequency = 'weekly' | 'fortnightly' | 'four-weekly' | 'monthly';
export type StudentLoanPlan = '1' | '2' | '4' | '5';

export interface FpsEmployee {
  /** Null when the PA has no NI number yet: HMRC asks for the date of birth, gender and address instead. */
  readonly nationalInsuranceNumber: string | null;
  readonly forename: string;
  readonly surname: string;
  readonly address: { readonly lines: readonly string[]; readonly postcode: string } | null;
  readonly birthDate: string;
  readonly gender: 'F' | 'M';
  readonly payrollId: string;
  /** Given on the employment's first FPS only. */
  readonly starter?: {
    readonly startDate: string;
    /** The starter declaration A, B or C; null when the PA gave a P45 instead. */
    readonly declaration: 'A' | 'B' | 'C' | null;
    readonly studentLoan: boolean;
    readonly postgraduateLoan: boolean;
  };
  /** Given with the leaver's final pay. */
  readonly leavingDate?: string;
  /** Contracted hours a week, or null for irregular hours (HoursWorked E, "Other"). */
  readonly hoursPerWeek: string | null;
  readonly toDate: {
    readonly taxablePay: string;
    readonly tax: string;
    readonly studentLoan: string;
    readonly postgraduateLoan: string;
    /** Employee pension contributions to date under a net pay arrangement (deducted before tax). */
    readonly pensionNetPay: string;
    /** Employee pension contributions to date under relief at source (deducted from net pay). */
    readonly pensionReliefAtSource: string;
  };
  readonly payment: {
    readonly frequency: PayFrequency;
    readonly paymentDate: string;
    /** The tax week (weekly, fortnightly, four-weekly) or month (monthly) of the payment date. */
    readonly taxPeriod: number;
    /** How many pay periods the payment covers (1, or 2 for a fortnight, 4 for four weeks: HMRC's PeriodsCovered). */
    readonly periodsCovered: number;
    /** The code as operated, e.g. "S1257L", "K475", "1257L"; region prefix and W1/M1 are split out here. */
    readonly taxCode: string;
    readonly nonCumulative: boolean;
    readonly taxablePay: string;
    /** Pay that bears neither tax nor NI (statutory redundancy pay, ITEPA 2003 s.309). */
    readonly nonTaxablePay: string;
    readonly pensionNetPay: string;
    readonly pensionReliefAtSource: string;
    readonly studentLoan: { readonly plan: StudentLoanPlan; readonly amount: string } | null;
    readonly postgraduateLoan: string;
    /** Tax deducted, or refunded when negative. */
    readonly tax: string;
    readonly smpYtd: string;
    readonly sppYtd: string;
    /** Given when the FPS is sent after the payment date: HMRC's late-reporting reason A–H. */
    readonly lateReason?: LateReason;
  };
  /** One entry per NI category letter used in the tax year in this employment (at most 4). */
  readonly ni: readonly FpsNiLetter[];
}

/** FPS LateReason (2026-27 schema): G reasonable excuse, H correction to an earlier submission, and the others. */
export type LateReason = 'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H';

export interface FpsNiLetter {
  readonly letter: string;
  readonly grossInPeriod: string;
  readonly grossYtd: string;
  readonly atLelYtd: string;
  readonly lelToPtYtd: string;
  readonly ptToUelYtd: string;
  /** Employer NICs (before the employment allowance, which the EPS claims). */
  readonly employerInPeriod: string;
  readonly employerYtd: string;
  readonly employeeInPeriod: string;
  readonly employeeYtd: string;
}

export interface RtiDocument {
  /** The GovTalk message, IRmark included, ready for a gateway adapter to add its credentials to the Header. */
  readonly govTalk: string;
  /** The IRenvelope alone (the document the tax year's schema validates). */
  readonly irEnvelope: string;
  readonly irmark: string;
}

/** HMRC's PayFreq codes (FPS 2026-27): W1 weekly, W2 fortnightly, W4 four-weekly, M1 calendar monthly. */
const PAY_FREQUENCY: Readonly<Record<PayFrequency, string>> = {
  weekly: 'W1',
  fortnightly: 'W2',
  'four-weekly': 'W4',
  monthly: 'M1',
};

/** Money as the schema writes it (IRdecimalType: two places, no "-0.00"). */
export function amount(value: string): string {
  const money = Money.of(value);
  return money.isZero() ? '0.00' : money.toString();
}

/** Whole pounds (IRwholeUnitsMonetaryType, pattern ".*\.00"): student loans and the NI earnings bands; pence dropped. */
export function wholePounds(value: string): string {
  const money = Money.of(value);
  const pounds = money.isNegative() ? money.negated().roundDownToPound().negated() : money.roundDownToPound();
  return amount(pounds.toString());
}

/**
 * The FPS TaxCode element: the code without its region prefix (TaxRegime S for Scotland, C for Wales) and without
 * W1/M1 (BasisNonCumulative="yes"), as the schema's pattern ([1-9][0-9]{0,5}[LMNPTY] | BR | 0T | NT | D0-D8 | K…)
 * requires.
 */
export function fpsTaxCode(code: string, nonCumulative: boolean): XmlElement {
  const match = /^([SC])?([0-9A-Z]+?)(?:\s*(?:W1\/M1|W1|M1|X))?$/.exec(code.trim().toUpperCase());
  if (!match) throw new Error(`tax code ${JSON.stringify(code)} cannot be written on an FPS`);
  const [, region, body] = match;
  const marked = nonCumulative || /(W1|M1|X)$/.test(code.trim().toUpperCase());
  return el('TaxCode', body!, {
    ...(marked ? { BasisNonCumulative: 'yes' } : {}),
    ...(region ? { TaxRegime: region } : {}),
  });
}

/** FPS HoursWorked bands (2026-27 schema): A up to 15.99, B 16–23.99, C 24–29.99, D 30 or more, E other. */
export function hoursWorkedBand(hoursPerWeek: string | null): 'A' | 'B' | 'C' | 'D' | 'E' {
  if (hoursPerWeek === null) return 'E';
  const hours = Money.of(hoursPerWeek);
  if (hours.lessThan('16')) return 'A';
  if (hours.lessThan('24')) return 'B';
  if (hours.lessThan('30')) return 'C';
  return 'D';
}

const positive = (value: string): boolean => Money.of(value).isPositive();

function employeeElement(employee: FpsEmployee): XmlElement {
  const { payment, toDate } = employee;
  const details = el('EmployeeDetails', [
    opt('NINO', employee.nationalInsuranceNumber),
    el('Name', [el('Fore', employee.forename), el('Sur', employee.surname)]),
    employee.address &&
      el('Address', [
        ...employee.address.lines.map((line) => el('Line', line)),
        el('UKPostcode', employee.address.postcode),
      ]),
    el('BirthDate', employee.birthDate),
    el('Gender', employee.gender),
  ]);
  const starter =
    employee.starter &&
    el('Starter', [
      el('StartDate', employee.starter.startDate),
      opt('StartDec', employee.starter.declaration),
      employee.starter.studentLoan && el('StudentLoan', 'yes'),
      employee.starter.postgraduateLoan && el('PostgradLoan', 'yes'),
    ]);
  const hasStudentLoan = payment.studentLoan !== null || positive(toDate.studentLoan);
  const hasPostgraduateLoan = positive(payment.postgraduateLoan) || positive(toDate.postgraduateLoan);
  const figuresToDate = el('FiguresToDate', [
    el('TaxablePay', amount(toDate.taxablePay)),
    el('TotalTax', amount(toDate.tax)),
    hasStudentLoan && el('StudentLoansTD', wholePounds(toDate.studentLoan)),
    hasPostgraduateLoan && el('PostgradLoansTD', wholePounds(toDate.postgraduateLoan)),
    positive(toDate.pensionNetPay) && el('EmpeePenContribnsPaidYTD', amount(toDate.pensionNetPay)),
    positive(toDate.pensionReliefAtSource) && el('EmpeePenContribnsNotPaidYTD', amount(toDate.pensionReliefAtSource)),
  ]);
  const paymentElement = el('Payment', [
    el('PayFreq', PAY_FREQUENCY[payment.frequency]),
    el('PmtDate', payment.paymentDate),
    opt('LateReason', payment.lateReason),
    el(payment.frequency === 'monthly' ? 'MonthNo' : 'WeekNo', String(payment.taxPeriod)),
    el('PeriodsCovered', String(payment.periodsCovered)),
    el('HoursWorked', hoursWorkedBand(employee.hoursPerWeek)),
    fpsTaxCode(payment.taxCode, payment.nonCumulative),
    el('TaxablePay', amount(payment.taxablePay)),
    positive(payment.nonTaxablePay) && el('NonTaxOrNICPmt', amount(payment.nonTaxablePay)),
    positive(payment.pensionNetPay) && el('EmpeePenContribnsPaid', amount(payment.pensionNetPay)),
    positive(payment.pensionReliefAtSource) && el('EmpeePenContribnsNotPaid', amount(payment.pensionReliefAtSource)),
    payment.studentLoan &&
      el('StudentLoanRecovered', wholePounds(payment.studentLoan.amount), { PlanType: `0${payment.studentLoan.plan}` }),
    positive(payment.postgraduateLoan) && el('PostgradLoanRecovered', wholePounds(payment.postgraduateLoan)),
    el('TaxDeductedOrRefunded', amount(payment.tax)),
    positive(payment.smpYtd) && el('SMPYTD', amount(payment.smpYtd)),
    positive(payment.sppYtd) && el('SPPYTD', amount(payment.sppYtd)),
  ]);
  const ni = employee.ni.map((letter) =>
    el('NIlettersAndValues', [
      el('NIletter', letter.letter),
      el('GrossEarningsForNICsInPd', amount(letter.grossInPeriod)),
      el('GrossEarningsForNICsYTD', amount(letter.grossYtd)),
      el('AtLELYTD', wholePounds(letter.atLelYtd)),
      el('LELtoPTYTD', wholePounds(letter.lelToPtYtd)),
      el('PTtoUELYTD', wholePounds(letter.ptToUelYtd)),
      el('TotalEmpNICInPd', amount(letter.employerInPeriod)),
      el('TotalEmpNICYTD', amount(letter.employerYtd)),
      el('EmpeeContribnsInPd', amount(letter.employeeInPeriod)),
      el('EmpeeContribnsYTD', amount(letter.employeeYtd)),
    ]),
  );
  const employment = el('Employment', [
    starter,
    el('PayId', employee.payrollId),
    opt('LeavingDate', employee.leavingDate),
    figuresToDate,
    paymentElement,
    ...ni,
  ]);
  return el('Employee', [details, employment]);
}

/** Writes the FPS for the tax year's schema, in its GovTalk envelope, with its IRmark. */
export function fullPaymentSubmission(input: FpsInput): RtiDocument {
  if (input.employees.length === 0) throw new Error('an FPS reports at least one employee (the schema requires one)');
  const year = rtiYear(input.taxYear);
  const envelope = el(
    'IRenvelope',
    [
      irHeader(year, input.employer, input.sender),
      el('FullPaymentSubmission', [
        empRefs(input.employer),
        el('RelatedTaxYear', year.relatedTaxYear),
        ...input.employees.map(employeeElement),
        input.finalForYear && el('FinalSubmission', [el('ForYear', 'yes')]),
      ]),
    ],
    { xmlns: year.fps.namespace },
  );
  return documentOf(envelope, year.fps.messageClass, input.employer, input.test ?? false);
}

/** The GovTalk message with its IRmark, and the IRenvelope alone carrying the same IRmark. */
export function documentOf(
  envelope: XmlElement,
  messageClass: string,
  employer: RtiEmployer,
  test: boolean,
): RtiDocument {
  const { message, irmark } = withIrmark(govTalkMessage(envelope, messageClass, employer, test));
  const irEnvelope = (XML_DECLARATION + renderXml(envelope)).replace(
    /(<IRmark Type="generic">)[^<]*(<\/IRmark>)/,
    `$1${irmark}$2`,
  );
  return { govTalk: message, irEnvelope, irmark };
}
