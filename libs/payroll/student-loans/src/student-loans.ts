import { DecimalOf, Money, readAmount, type MoneyInput } from '@dpe/money';
import type { StudentLoansTables, TaxYearTables } from '@dpe/statutory-data';
import { PAY_FREQUENCIES, type PayFrequency } from '@dpe/tax-calendar';
import { StudentLoanInputError } from './errors';

/** The undergraduate plans HMRC collects through payroll (Plan 3 is the Postgraduate Loan, handled apart). */
export type UndergraduateLoanPlan = keyof StudentLoansTables['plans'];
export const UNDERGRADUATE_LOAN_PLANS = ['1', '2', '4', '5'] as const satisfies readonly UndergraduateLoanPlan[];
type LoanScheme = StudentLoansTables['postgraduate'];

export interface StudentLoanInput {
  /** The statutory tables of the tax year in which the pay date falls. */
  readonly tables: TaxYearTables;
  readonly frequency: PayFrequency;
  /**
   * How many of the frequency's pay periods this one payment covers (default 1), e.g. 3 for three weeks' pay on
   * a weekly payroll. HMRC's rule for multiples of a week or month (CSLM17065) divides the pay by the number of
   * weeks or months, so a fortnightly payment is 2 weeks and a four-weekly payment 4 weeks times `periods`.
   */
  readonly periods?: number;
  /** Earnings for the period as for employer (secondary) Class 1 NICs (CSLM10111), in pounds. */
  readonly earningsThisPeriod: MoneyInput;
  /** The undergraduate plans on the employee's start notice(s); may be empty. */
  readonly plans: readonly UndergraduateLoanPlan[];
  /** Whether a Postgraduate Loan start notice (PGL1) is in force. */
  readonly postgraduate: boolean;
}

export interface StudentLoanDeductions {
  /** The single undergraduate-plan deduction (Plans 1, 2, 4, 5), whole pounds. */
  readonly studentLoan: Money;
  /** The Postgraduate Loan deduction, whole pounds. */
  readonly postgraduateLoan: Money;
  /** The plan whose threshold was operated, when the employee has any undergraduate plan. */
  readonly planOperated: UndergraduateLoanPlan | undefined;
}

/** Weeks in one pay period of a week-based frequency (HMRC tax weeks: fortnight = 2, four-weekly = 4). */
const WEEKS_PER_PERIOD: Readonly<Record<Exclude<PayFrequency, 'monthly'>, number>> = {
  weekly: 1,
  fortnightly: 2,
  'four-weekly': 4,
};

const MAX_PERIODS = 53;

/**
 * Student and Postgraduate Loan deductions for one payment.
 *
 * - Deductions are non-cumulative: only this period's earnings count (CSLM10111).
 * - Deduction = rate × (earnings − period threshold), rounded DOWN to the whole pound (CSLM17060 step 3;
 *   CSLM13013 "rounded down to the nearest whole pound"). Earnings themselves are not rounded: CSLM17060
 *   subtracts the threshold from the exact earnings.
 * - Weekly pay uses the weekly threshold and monthly pay the monthly one. Pay for a multiple of weeks or months
 *   (fortnightly, four-weekly, or several periods at once) is divided into equal weekly or monthly amounts, the
 *   deduction for one week or month is worked out (in whole pounds) and multiplied back (CSLM17065: £1,500 for
 *   3 weeks → £500 a week → £14 → £42).
 * - Only one undergraduate plan is operated at a time (HMRC Employer Bulletin Aug 2015: "employers will never be
 *   asked to operate more than one plan type at a time", https://www.cipp.org.uk/resources/news/slplan2eb.html;
 *   HMRC to software developers on Plan 5: "must only deduct one Plan at a time ... 1, 2, 4 or 5",
 *   https://www.bookkeepers.org.uk/resources/news/general/welcome-student-loan-plan-5/a/10374). Where the employee
 *   holds several, the plan with the lowest threshold is operated (gov.uk employer guidance, as summarised at
 *   https://www.foxmain.com/post/student-loan-repayment-guidance-for-employers: "start deductions for the plan with
 *   the lowest recovery threshold"), and the Student Loans Company allocates the repayment between the plans
 *   (LITRG "Repaying more than one student loan").
 * - The Postgraduate Loan is deducted in addition, at its own rate over its own threshold (CSLM10111; gov.uk
 *   employer guidance: an employee "may be liable to repay a PGL at the same time as a Plan 1, Plan 2 or Plan 4").
 */
export function calculateStudentLoans(input: StudentLoanInput): StudentLoanDeductions {
  const request = readInput(input);
  const { tables } = request;
  const units =
    request.frequency === 'monthly' ? request.periods : WEEKS_PER_PERIOD[request.frequency] * request.periods;
  const basis: 'weekly' | 'monthly' = request.frequency === 'monthly' ? 'monthly' : 'weekly';

  let planOperated: UndergraduateLoanPlan | undefined;
  let studentLoan = Money.zero;
  if (request.plans.length > 0) {
    const schemes = request.plans.map((plan) => {
      const scheme = tables.studentLoans.plans[plan];
      if (!scheme) {
        throw new StudentLoanInputError(
          'plans',
          `plan ${plan} has no payroll deductions in tax year ${tables.taxYear} (Plan 5 repayments start on 6 April 2026)`,
          request.plans,
        );
      }
      return { plan, scheme };
    });
    const lowest = schemes.reduce((a, b) =>
      Money.of(b.scheme.thresholds.annual).lessThan(a.scheme.thresholds.annual) ? b : a,
    );
    planOperated = lowest.plan;
    studentLoan = deduction(request.earnings, lowest.scheme, basis, units);
  }
  const postgraduateLoan = request.postgraduate
    ? deduction(request.earnings, tables.studentLoans.postgraduate, basis, units)
    : Money.zero;
  return { studentLoan, postgraduateLoan, planOperated };
}

/** One loan's deduction over `units` weeks or months, per CSLM17060 and CSLM17065. */
function deduction(earnings: Money, scheme: LoanScheme, basis: 'weekly' | 'monthly', units: number): Money {
  const threshold = Money.of(scheme.thresholds[basis]);
  const perUnitEarnings = earnings.dividedBy(units);
  if (!perUnitEarnings.greaterThan(threshold)) return Money.zero;
  const perUnit = perUnitEarnings.minus(threshold).times(new DecimalOf(scheme.rate)).roundDownToPound();
  return perUnit.times(units);
}

interface ValidRequest {
  readonly tables: TaxYearTables;
  readonly frequency: PayFrequency;
  readonly periods: number;
  readonly earnings: Money;
  readonly plans: readonly UndergraduateLoanPlan[];
  readonly postgraduate: boolean;
}

function readInput(input: unknown): ValidRequest {
  if (typeof input !== 'object' || input === null) {
    throw new StudentLoanInputError(
      'input',
      'must be an object with tables, frequency, earningsThisPeriod, plans and postgraduate',
      input,
    );
  }
  const raw = input as Record<string, unknown>;
  const tables = raw['tables'] as TaxYearTables | undefined;
  if (
    typeof tables !== 'object' ||
    tables === null ||
    typeof tables.studentLoans !== 'object' ||
    tables.studentLoans === null ||
    typeof tables.studentLoans.plans !== 'object' ||
    typeof tables.studentLoans.postgraduate !== 'object'
  ) {
    throw new StudentLoanInputError(
      'tables',
      "must be a tax year's statutory tables with a studentLoans section",
      tables,
    );
  }
  const frequency = raw['frequency'];
  if (typeof frequency !== 'string' || !(PAY_FREQUENCIES as readonly string[]).includes(frequency)) {
    throw new StudentLoanInputError('frequency', `must be one of ${PAY_FREQUENCIES.join(', ')}`, frequency);
  }
  const periods = raw['periods'] ?? 1;
  if (typeof periods !== 'number' || !Number.isInteger(periods) || periods < 1 || periods > MAX_PERIODS) {
    throw new StudentLoanInputError(
      'periods',
      `must be a whole number of pay periods from 1 to ${MAX_PERIODS}`,
      periods,
    );
  }
  const earnings = readMoney(raw['earningsThisPeriod'], 'earningsThisPeriod');
  const plans = raw['plans'];
  if (!Array.isArray(plans)) {
    throw new StudentLoanInputError('plans', 'must be a list of plan types such as ["2"] (empty if none)', plans);
  }
  for (const plan of plans) {
    if (typeof plan !== 'string' || !(UNDERGRADUATE_LOAN_PLANS as readonly string[]).includes(plan)) {
      throw new StudentLoanInputError(
        'plans',
        `each plan must be one of ${UNDERGRADUATE_LOAN_PLANS.join(', ')}`,
        plans,
      );
    }
  }
  const postgraduate = raw['postgraduate'];
  if (typeof postgraduate !== 'boolean') {
    throw new StudentLoanInputError('postgraduate', 'must be true or false', postgraduate);
  }
  return {
    tables,
    frequency: frequency as PayFrequency,
    periods,
    earnings,
    plans: [...new Set(plans as UndergraduateLoanPlan[])],
    postgraduate,
  };
}

function readMoney(value: unknown, field: string): Money {
  return readAmount(value, field, StudentLoanInputError);
}
