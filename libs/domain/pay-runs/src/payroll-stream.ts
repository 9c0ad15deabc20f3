import { defineStream, type DomainEvent } from '@dpe/decider';
import { Money } from '@dpe/money';

/**
 * One employer's payroll for one tax year: `payroll-{recipientId}-{taxYear}`. Year-to-date figures are a fold of the
 * payslips on this stream, so a run can never compute from figures that lag (docs/domain-model.md). Money is pounds
 * as decimal text with two places.
 */

export const LINE_KINDS = [
  'hours',
  'sleep-in',
  'rolled-up-holiday-pay',
  'holiday-pay',
  'ssp',
  'smp',
  'spp',
  'notice-pay',
  'holiday-owed',
  'statutory-redundancy-pay',
  'adjustment',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** One gross line of a payslip. */
export interface PayLine {
  readonly kind: LineKind;
  readonly description: string;
  /** Hours (or nights, for a sleep-in) and the rate, when the line is hours × rate. */
  readonly quantity: string | null;
  readonly rate: string | null;
  readonly amount: string;
  /** Statutory redundancy pay is neither taxable nor NI-able (ITEPA 2003 s.309); every other line is both. */
  readonly taxable: boolean;
  /** Where the line came from: a timesheet id, an absence id, or "leaver". */
  readonly source: string;
}

export interface YearToDate {
  readonly gross: string;
  readonly taxablePay: string;
  readonly tax: string;
  readonly employeeNic: string;
  readonly employerNic: string;
  readonly studentLoan: string;
  readonly postgraduateLoan: string;
  readonly pensionEmployee: string;
  readonly pensionEmployer: string;
  readonly ssp: string;
}

/** PayslipIssued, schema version 1: every figure of one PA's pay for one pay date, and what it was computed from. */
export interface PayslipIssuedData {
  readonly payslipId: string;
  readonly payRunId: string;
  readonly recipientId: string;
  readonly employmentId: string;
  readonly payrollId: string;
  readonly payDate: string;
  readonly taxYear: string;
  readonly frequency: string;
  /** HMRC's tax week or month number of the pay date (the FPS's WeekNo / MonthNo). */
  readonly taxPeriod: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** True for a supplementary payslip of a correction run: it pays only what the first run did not. */
  readonly correction: boolean;
  readonly lines: readonly PayLine[];
  readonly gross: string;
  readonly taxablePay: string;
  readonly niablePay: string;
  readonly taxCode: string;
  readonly week1Month1: boolean;
  readonly niCategory: string;
  readonly deductions: {
    readonly incomeTax: string;
    readonly employeeNic: string;
    readonly studentLoan: string;
    readonly postgraduateLoan: string;
    readonly pensionEmployee: string;
  };
  readonly employer: {
    readonly employerNic: string;
    /** Employment allowance set against this payslip's employer NICs. */
    readonly employmentAllowance: string;
    readonly pensionEmployer: string;
  };
  /** The FPS's earnings bands for the NI category. */
  readonly niBands: { readonly atLel: string; readonly lelToPt: string; readonly ptToUel: string };
  readonly netPay: string;
  readonly ytd: YearToDate;
  readonly pension: { readonly assessment: string; readonly enrolled: boolean };
  readonly holiday: { readonly accruedHours: string; readonly takenHours: string };
  readonly minimumWage: { readonly requiredRate: string; readonly hours: string; readonly pay: string };
  /** The inputs it used, so a payslip traces back to them: timesheets, absences, the tax code's source, the leaver. */
  readonly inputs: {
    readonly timesheetIds: readonly string[];
    /** Timesheet amendments it paid (the corrected shifts, or the difference as an adjustment line). */
    readonly amendmentIds?: readonly string[];
    readonly absenceIds: readonly string[];
    readonly taxCodeSource: string;
    readonly finalPay: boolean;
  };
  /** Where net pay goes: the account, masked to its last four digits. */
  readonly paidTo: { readonly sortCode: string; readonly accountEnding: string };
}
export type PayslipIssued = DomainEvent<'PayslipIssued', PayslipIssuedData>;

/** PayslipHeld, schema version 1: the pay was below the minimum wage, so nothing was issued for the employment. */
export interface PayslipHeldData {
  readonly payRunId: string;
  readonly employmentId: string;
  readonly payDate: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly reason: 'minimum-wage-shortfall';
  readonly hours: string;
  readonly pay: string;
  readonly requiredRate: string;
  readonly shortfall: string;
  readonly timesheetIds: readonly string[];
}
export type PayslipHeld = DomainEvent<'PayslipHeld', PayslipHeldData>;

/** PayRunCompleted, schema version 1: what the run owes, to whom and by when. */
export interface PayRunCompletedData {
  readonly payRunId: string;
  readonly recipientId: string;
  readonly payDate: string;
  readonly taxYear: string;
  /** The tax month the pay date falls in (PAYE for it is due on the 22nd of the next month). */
  readonly taxMonth: number;
  readonly correction: { readonly reason: string } | null;
  readonly payslips: number;
  readonly held: readonly { readonly employmentId: string; readonly shortfall: string }[];
  readonly netPay: readonly { readonly employmentId: string; readonly amount: string }[];
  readonly totals: {
    readonly gross: string;
    readonly netPay: string;
    /** Tax, employee and employer NICs (after the employment allowance) and loans: the PAYE due to HMRC. */
    readonly payeDue: string;
    readonly employmentAllowance: string;
    readonly pensionDue: string;
  };
}
export type PayRunCompleted = DomainEvent<'PayRunCompleted', PayRunCompletedData>;

export const PAYEES = ['pa', 'hmrc', 'pension-provider'] as const;
export type Payee = (typeof PAYEES)[number];

/** PaymentRecorded, schema version 1: money paid out of the DP account for what payroll owes. */
export interface PaymentRecordedData {
  readonly paymentId: string;
  readonly recipientId: string;
  readonly payee: Payee;
  /** What it settles: a PA's net pay of a pay date; PAYE of a tax month; pension of a pay date. */
  readonly settles:
    | { readonly kind: 'net-pay'; readonly employmentId: string; readonly payDate: string }
    | { readonly kind: 'paye'; readonly taxYear: string; readonly taxMonth: number }
    | { readonly kind: 'pension'; readonly payDate: string };
  readonly amount: string;
  readonly paidOn: string;
  readonly reference: string;
}
export type PaymentRecorded = DomainEvent<'PaymentRecorded', PaymentRecordedData>;

export type PayrollEvent = PayslipIssued | PayslipHeld | PayRunCompleted | PaymentRecorded;

export interface PayrollYear {
  readonly payslips: readonly PayslipIssuedData[];
  readonly held: readonly PayslipHeldData[];
  readonly runs: readonly PayRunCompletedData[];
  readonly payments: readonly PaymentRecordedData[];
}

export const payrollStream = defineStream<PayrollEvent, PayrollYear>({
  name: 'payroll',
  streamId: (key) => `payroll-${key}`,
  initialState: { payslips: [], held: [], runs: [], payments: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'PayslipIssued':
        return { ...state, payslips: [...state.payslips, event.data] };
      case 'PayslipHeld':
        return { ...state, held: [...state.held, event.data] };
      case 'PayRunCompleted':
        return { ...state, runs: [...state.runs, event.data] };
      case 'PaymentRecorded':
        return { ...state, payments: [...state.payments, event.data] };
      default:
        return state;
    }
  },
  personalData: {},
});

export const payrollKey = (recipientId: string, taxYear: string): string => `${recipientId}-${taxYear}`;

const ZERO_YTD: YearToDate = {
  gross: '0.00',
  taxablePay: '0.00',
  tax: '0.00',
  employeeNic: '0.00',
  employerNic: '0.00',
  studentLoan: '0.00',
  postgraduateLoan: '0.00',
  pensionEmployee: '0.00',
  pensionEmployer: '0.00',
  ssp: '0.00',
};

/** The year to date of an employment: its latest payslip's, as every payslip carries its own. */
export function yearToDate(state: PayrollYear, employmentId: string): YearToDate {
  const mine = state.payslips.filter((slip) => slip.employmentId === employmentId);
  return mine[mine.length - 1]?.ytd ?? ZERO_YTD;
}

/** Employment allowance already set against employer NICs in the year. */
export function employmentAllowanceUsed(state: PayrollYear): Money {
  return Money.sum(state.payslips.map((slip) => Money.of(slip.employer.employmentAllowance)));
}

/** What is still owed for each thing payroll owes, after the payments recorded. */
export function owed(state: PayrollYear, settles: PaymentRecordedData['settles']): Money {
  const due = (() => {
    switch (settles.kind) {
      case 'net-pay':
        return Money.sum(
          state.payslips
            .filter((slip) => slip.employmentId === settles.employmentId && slip.payDate === settles.payDate)
            .map((slip) => Money.of(slip.netPay)),
        );
      case 'paye':
        return Money.sum(
          state.runs
            .filter((run) => run.taxYear === settles.taxYear && run.taxMonth === settles.taxMonth)
            .map((run) => Money.of(run.totals.payeDue)),
        );
      case 'pension':
        return Money.sum(
          state.runs.filter((run) => run.payDate === settles.payDate).map((run) => Money.of(run.totals.pensionDue)),
        );
    }
  })();
  const paid = Money.sum(
    state.payments
      .filter((payment) => JSON.stringify(payment.settles) === JSON.stringify(settles))
      .map((payment) => Money.of(payment.amount)),
  );
  return due.minus(paid);
}
