/** Exact decimal text ('26900', '0.09'), never a JS number: @dpe/student-loans turns it into Money or a Rate. */
type DecimalText = `${number}`;

/**
 * The income-contingent undergraduate plans HMRC collects through payroll. Plan 3 is the Postgraduate Loan
 * (Education (Student Loans) (Repayment) (Amendment) (No 4) Regulations 2022), held separately below
 * because it is deducted alongside an undergraduate plan rather than instead of one.
 */
export type UndergraduateLoanPlan = '1' | '2' | '4' | '5';

/**
 * One loan's threshold as HMRC publishes it: the annual figure and its weekly and monthly equivalents.
 * HMRC's equivalents are annual / 52 and annual / 12 truncated to the penny (e.g. 2024-25 Plan 1 £24,990 is
 * "£2,082.50 a month or £480.57 a week"), so a spec test checks each pair against that rule. Fortnightly and
 * four-weekly pay use the weekly figure, per week (CSLM17065), so no other frequency is published.
 */
export interface LoanThresholds {
  readonly annual: DecimalText;
  readonly weekly: DecimalText;
  readonly monthly: DecimalText;
}

export interface LoanScheme {
  /** The fraction of earnings above the threshold that is deducted ('0.09' is 9%). */
  readonly rate: DecimalText;
  readonly thresholds: LoanThresholds;
}

/** Student and Postgraduate Loan collection for one tax year. Owned by @dpe/student-loans. */
export interface StudentLoansTables {
  /**
   * The undergraduate plans HMRC collects in this year. A plan missing here has no payroll deductions that
   * year: Plan 5 is absent before 2026-27 because its first repayments are due from 6 April 2026.
   */
  readonly plans: Readonly<Partial<Record<UndergraduateLoanPlan, LoanScheme>>>;
  readonly postgraduate: LoanScheme;
}
