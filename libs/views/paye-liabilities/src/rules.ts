import { Money } from '@dpe/money';
import { taxMonth, type TaxMonth } from '@dpe/tax-calendar';

/**
 * The PAYE rules the P32 view encodes, each with its public source beside it (a GOV.UK page, an HMRC manual
 * reference, or the published page a figure was taken from). "§n" names the section of the team's payroll research
 * notes (uk-payroll-rules.md) where the source was gathered; the sources themselves are the ones cited here.
 * Pure functions of their arguments: the projection and the queries call them, the specs check them by hand.
 */

/**
 * Electronic payments of a tax month's PAYE are due by the 22nd after the end of the tax month (a tax month ends on the
 * 5th, so tax month 1, 6 April–5 May, is due on 22 May); cheques by post by the 19th. §10 "Payment deadlines"
 * (https://www.gov.uk/pay-paye-tax ; DMBM520055). The day is not moved off a weekend or bank holiday: §10 says pay on
 * the last working day before it "unless paying by Faster Payments", and the view assumes Faster Payments.
 */
export const ELECTRONIC_PAYMENT_DAY = 22;

/** The due date (electronic payment) of a tax month's PAYE: the 22nd of the calendar month in which it ends. */
export function dueDateOfTaxMonth(taxYear: string, month: number): string {
  const { lastDay } = taxMonth(taxYear, month);
  // lastDay is the 5th of the month the tax month ends in ("2026-05-05" for month 1 of 2026-27).
  return `${lastDay.slice(0, 8)}${ELECTRONIC_PAYMENT_DAY}`;
}

/** The tax month (first and last day) of a tax year's month number. */
export function periodOfTaxMonth(taxYear: string, month: number): TaxMonth {
  return taxMonth(taxYear, month);
}

/**
 * Quarterly payers pay by the 22nd after each quarter ends; quarter 1 is 6 April–5 July (due 22 July), quarter 2
 * 6 July–5 October (22 October), quarter 3 6 October–5 January (22 January), quarter 4 6 January–5 April (22 April).
 * §10 "Payment deadlines", table of quarters (https://www.gov.uk/pay-paye-tax ; DMBM520055). So a quarter is three
 * tax months (1–3, 4–6, 7–9, 10–12) and is due on its last month's due date.
 */
export type QuarterNumber = 1 | 2 | 3 | 4;
export const QUARTERS: readonly QuarterNumber[] = [1, 2, 3, 4];

export function quarterOfTaxMonth(month: number): QuarterNumber {
  return (Math.floor((month - 1) / 3) + 1) as QuarterNumber;
}

export function monthsOfQuarter(quarter: QuarterNumber): readonly [number, number, number] {
  const first = (quarter - 1) * 3 + 1;
  return [first, first + 1, first + 2];
}

export function dueDateOfQuarter(taxYear: string, quarter: QuarterNumber): string {
  return dueDateOfTaxMonth(taxYear, monthsOfQuarter(quarter)[2]);
}

/**
 * An employer with reasonable grounds to expect average monthly payments below £1,500 (under £18,000 a year; the
 * figure includes tax, NICs, student loans and CIS) may pay quarterly. §10 "Quarterly option" (DMBM520055 and
 * DMBM520425, https://www.gov.uk/hmrc-internal-manuals/debt-management-and-banking/dmbm520425).
 */
export const QUARTERLY_AVERAGE_MONTHLY_LIMIT = '1500.00';

/** Whether an average monthly payment is under the quarterly limit: strictly below £1,500 (§10, DMBM520425). */
export function underQuarterlyLimit(averageMonthly: Money): boolean {
  return averageMonthly.lessThan(QUARTERLY_AVERAGE_MONTHLY_LIMIT);
}

// The recovery of statutory pay is the statutory-pay library's rule, shared with the EPS.
export {
  ASSUME_SMALL_EMPLOYERS_RELIEF,
  RECOVERABLE_STATUTORY_PAY,
  RecoveryRateNotHeld,
  recovered,
  SMALL_EMPLOYERS_RELIEF_NIC_LIMIT,
  SMALL_EMPLOYERS_RELIEF_RATES,
  STANDARD_RECOVERY_RATE,
  statutoryPayRecoveryRate,
} from '@dpe/statutory-pay';

/**
 * The amount due to HMRC for a tax month: tax + employee NICs + employer NICs − Employment Allowance + student and
 * postgraduate loans − recoverable statutory pay. §4 "Engine implication" (HMRC liability for the period); the
 * allowance reduces only secondary (employer) Class 1 NICs, §4 "Claiming and offsetting"
 * (https://justpubsandclubs.com/employment-allowance/).
 */
export function amountDue(figures: {
  readonly incomeTax: Money;
  readonly employeeNic: Money;
  readonly employerNic: Money;
  readonly employmentAllowance: Money;
  readonly studentLoan: Money;
  readonly postgraduateLoan: Money;
  readonly statutoryPayRecovered: Money;
}): Money {
  return figures.incomeTax
    .plus(figures.employeeNic)
    .plus(figures.employerNic)
    .minus(figures.employmentAllowance)
    .plus(figures.studentLoan)
    .plus(figures.postgraduateLoan)
    .minus(figures.statutoryPayRecovered);
}

/** A month (or quarter) is overdue when the business date is past its due date and something is still outstanding. */
export function isOverdue(asOf: string | undefined, dueDate: string, outstanding: Money): boolean {
  return asOf !== undefined && asOf > dueDate && outstanding.isPositive();
}
