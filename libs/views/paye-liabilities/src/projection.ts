import { upcast, type StreamDeclaration } from '@dpe/decider';
import type { RecordedEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import {
  payrollStream,
  type PaymentRecordedData,
  type PayRunCompletedData,
  type PayrollEvent,
  type PayslipIssuedData,
} from '@dpe/pay-runs';
import { defineProjection, readModelTable, type ProjectionRows, type WorkingRow } from '@dpe/projector';
import { recipientStream, type RecipientEvent } from '@dpe/recipients';
import { taxMonthOf } from '@dpe/tax-calendar';
import {
  amountDue,
  ASSUME_SMALL_EMPLOYERS_RELIEF,
  dueDateOfTaxMonth,
  recovered,
  statutoryPayRecoveryRate,
  type RECOVERABLE_STATUTORY_PAY,
} from './rules';

/** The projection's name, also the prefix of its tables. */
export const PAYE_LIABILITIES = 'paye_liabilities';

/** One employer (a recipient registered as a PAYE employer): its council and HMRC references. */
export interface EmployerRow {
  recipient_id: string;
  /** From RecipientEnrolled (upcast): null for a record enrolled before councils were registered. */
  council_id: string | null;
  paye_reference: string | null;
  accounts_office_reference: string | null;
  /** From EmployerRegistered: 1 when it claims the Employment Allowance, 0 when not, null before it registers. */
  employment_allowance_claimed: number | null;
}

/**
 * One employer's PAYE for one tax month (a P32 line). Money is decimal text with two places; the derived columns
 * (recovered, due, outstanding, outstanding_positive) are recomputed from the others each time the row is written.
 */
export interface MonthRow {
  recipient_id: string;
  tax_year: string;
  tax_month: number;
  council_id: string | null;
  /** The 22nd after the tax month ends (electronic payment), ISO text so that it compares as a date. */
  due_date: string;
  income_tax: string;
  employee_nic: string;
  employer_nic: string;
  student_loan: string;
  postgraduate_loan: string;
  employment_allowance: string;
  /** SMP and SPP paid in the month (the payslips' lines of those kinds). */
  smp: string;
  spp: string;
  /** The recovery rate applied (e.g. '1.09'), null while no statutory pay was paid in the month. */
  recovery_rate: string | null;
  statutory_pay_recovered: string;
  due: string;
  paid: string;
  outstanding: string;
  /** 1 when outstanding > 0 (computed with Money, never in SQL), so the overdue filter can run in SQL. */
  outstanding_positive: number;
  payslips: number;
  payments: number;
  last_paid_on: string | null;
  /** The PAYE the pay runs' PayRunCompleted totals state (before statutory pay recovered): what record-payment owes. */
  pay_run_paye_due: string;
}

export interface PayeLiabilityTables {
  paye_liabilities_employers: EmployerRow;
  paye_liabilities_months: MonthRow;
}

type Rows = ProjectionRows<PayeLiabilityTables>;

const EMPLOYERS = 'paye_liabilities_employers' as const;
const MONTHS = 'paye_liabilities_months' as const;

const TABLES = [
  `CREATE TABLE ${EMPLOYERS} (
    recipient_id                 TEXT PRIMARY KEY,
    council_id                   TEXT,
    paye_reference              TEXT,
    accounts_office_reference    TEXT,
    employment_allowance_claimed INTEGER
  ) STRICT`,
  `CREATE TABLE ${MONTHS} (
    recipient_id            TEXT NOT NULL,
    tax_year                TEXT NOT NULL,
    tax_month               INTEGER NOT NULL,
    council_id              TEXT,
    due_date                TEXT NOT NULL,
    income_tax              TEXT NOT NULL,
    employee_nic            TEXT NOT NULL,
    employer_nic            TEXT NOT NULL,
    student_loan            TEXT NOT NULL,
    postgraduate_loan       TEXT NOT NULL,
    employment_allowance    TEXT NOT NULL,
    smp                     TEXT NOT NULL,
    spp                     TEXT NOT NULL,
    recovery_rate           TEXT,
    statutory_pay_recovered TEXT NOT NULL,
    due                     TEXT NOT NULL,
    paid                    TEXT NOT NULL,
    outstanding             TEXT NOT NULL,
    outstanding_positive    INTEGER NOT NULL,
    payslips                INTEGER NOT NULL,
    payments                INTEGER NOT NULL,
    last_paid_on            TEXT,
    pay_run_paye_due        TEXT NOT NULL,
    PRIMARY KEY (recipient_id, tax_year, tax_month)
  ) STRICT`,
  `CREATE INDEX ${MONTHS}_by_month ON ${MONTHS} (tax_year, tax_month, council_id)`,
  `CREATE INDEX ${MONTHS}_by_council ON ${MONTHS} (council_id, tax_year, tax_month)`,
  `CREATE INDEX ${MONTHS}_by_due_date ON ${MONTHS} (due_date, outstanding_positive)`,
];

const MONTH_MONEY = [
  'income_tax',
  'employee_nic',
  'employer_nic',
  'student_loan',
  'postgraduate_loan',
  'employment_allowance',
  'smp',
  'spp',
  'statutory_pay_recovered',
  'due',
  'paid',
  'outstanding',
  'pay_run_paye_due',
] as const;
type Month = WorkingRow<MonthRow, (typeof MONTH_MONEY)[number]>;

/** The derived figures of a month from its components (rules.ts, each with its source). */
function derived(row: Month): Month {
  const anyStatutoryPay = !row.smp.isZero() || !row.spp.isZero();
  const recoveryRate = anyStatutoryPay ? statutoryPayRecoveryRate(row.tax_year, ASSUME_SMALL_EMPLOYERS_RELIEF) : null;
  const statutoryPayRecovered = recoveryRate
    ? recovered(row.smp, recoveryRate).plus(recovered(row.spp, recoveryRate))
    : Money.zero;
  const due = amountDue({
    incomeTax: row.income_tax,
    employeeNic: row.employee_nic,
    employerNic: row.employer_nic,
    employmentAllowance: row.employment_allowance,
    studentLoan: row.student_loan,
    postgraduateLoan: row.postgraduate_loan,
    statutoryPayRecovered,
  });
  const outstanding = due.minus(row.paid);
  return {
    ...row,
    recovery_rate: recoveryRate ? recoveryRate.toString() : null,
    statutory_pay_recovered: statutoryPayRecovered,
    due,
    outstanding,
    outstanding_positive: outstanding.isPositive() ? 1 : 0,
  };
}

const table = readModelTable<PayeLiabilityTables>();
const EMPLOYER_ROWS = table(EMPLOYERS, { key: ['recipient_id'] });
// The derived columns are worked out from the others when a month is written: a page's last change to it counts.
const MONTH_ROWS = table(MONTHS, {
  key: ['recipient_id', 'tax_year', 'tax_month'],
  money: MONTH_MONEY,
  derive: derived,
});

/** The month's row as the page has it, or a zero row carrying the employer's council (the employer may not be known yet). */
function monthOf(rows: Rows, recipientId: string, taxYear: string, month: number): Month {
  const stored = rows.find(MONTH_ROWS, { recipient_id: recipientId, tax_year: taxYear, tax_month: month });
  if (stored) return stored;
  return {
    recipient_id: recipientId,
    tax_year: taxYear,
    tax_month: month,
    council_id: rows.find(EMPLOYER_ROWS, { recipient_id: recipientId })?.council_id ?? null,
    due_date: dueDateOfTaxMonth(taxYear, month),
    income_tax: Money.zero,
    employee_nic: Money.zero,
    employer_nic: Money.zero,
    student_loan: Money.zero,
    postgraduate_loan: Money.zero,
    employment_allowance: Money.zero,
    smp: Money.zero,
    spp: Money.zero,
    recovery_rate: null,
    statutory_pay_recovered: Money.zero,
    due: Money.zero,
    paid: Money.zero,
    outstanding: Money.zero,
    outstanding_positive: 0,
    payslips: 0,
    payments: 0,
    last_paid_on: null,
    pay_run_paye_due: Money.zero,
  };
}

function onPayslip(rows: Rows, slip: PayslipIssuedData): void {
  // A payslip's tax month is the tax month of its pay date (6th to 5th: uk-payroll-rules.md §10, DMBM520055).
  const { taxYear, month } = taxMonthOf(slip.payDate);
  const row = monthOf(rows, slip.recipientId, taxYear, month);
  // The payslip's own total of each kind counts to the penny, as its two-place text would.
  const statutory = (kind: (typeof RECOVERABLE_STATUTORY_PAY)[number]) =>
    Money.sum(
      slip.lines.filter((line) => line.kind === kind).map((line) => Money.of(line.amount)),
    ).roundHalfUpToPenny();
  rows.put(MONTH_ROWS, {
    ...row,
    income_tax: row.income_tax.plus(slip.deductions.incomeTax),
    employee_nic: row.employee_nic.plus(slip.deductions.employeeNic),
    employer_nic: row.employer_nic.plus(slip.employer.employerNic),
    student_loan: row.student_loan.plus(slip.deductions.studentLoan),
    postgraduate_loan: row.postgraduate_loan.plus(slip.deductions.postgraduateLoan),
    employment_allowance: row.employment_allowance.plus(slip.employer.employmentAllowance),
    smp: row.smp.plus(statutory('smp')),
    spp: row.spp.plus(statutory('spp')),
    payslips: row.payslips + 1,
  });
}

function onPayRun(rows: Rows, run: PayRunCompletedData): void {
  const row = monthOf(rows, run.recipientId, run.taxYear, run.taxMonth);
  rows.put(MONTH_ROWS, { ...row, pay_run_paye_due: row.pay_run_paye_due.plus(run.totals.payeDue) });
}

function onPayment(rows: Rows, payment: PaymentRecordedData): void {
  if (payment.settles.kind !== 'paye') return;
  const row = monthOf(rows, payment.recipientId, payment.settles.taxYear, payment.settles.taxMonth);
  rows.put(MONTH_ROWS, {
    ...row,
    paid: row.paid.plus(payment.amount),
    payments: row.payments + 1,
    last_paid_on: row.last_paid_on === null || payment.paidOn > row.last_paid_on ? payment.paidOn : row.last_paid_on,
  });
}

function saveEmployer(rows: Rows, recipientId: string, changes: Partial<Omit<EmployerRow, 'recipient_id'>>): void {
  rows.put(EMPLOYER_ROWS, {
    recipient_id: recipientId,
    council_id: null,
    paye_reference: null,
    accounts_office_reference: null,
    employment_allowance_claimed: null,
    ...rows.find(EMPLOYER_ROWS, { recipient_id: recipientId }),
    ...changes,
  });
}

const recipientEvents = recipientStream as unknown as StreamDeclaration<RecipientEvent, unknown>;
const payrollEvents = payrollStream as unknown as StreamDeclaration<PayrollEvent, unknown>;

/**
 * The PAYE liabilities (P32) view: one row per employer per tax year per tax month. Rebuilt from the first event when
 * `version` is bumped (e.g. when a rule in rules.ts changes).
 */
export const payeLiabilitiesProjection = defineProjection<PayeLiabilityTables>({
  name: PAYE_LIABILITIES,
  version: 1,
  handles: ['RecipientEnrolled', 'EmployerRegistered', 'PayslipIssued', 'PayRunCompleted', 'PaymentRecorded'],
  tables: TABLES,
  // As at a date: a payslip counts from its pay date, a payment from the day it was paid; who the employer is (its
  // council and references) holds for every as-at view of it.
  effectiveDate(stored) {
    const data = stored.data as { payDate?: string; paidOn?: string };
    if (stored.type === 'PaymentRecorded') return data.paidOn;
    if (stored.type === 'PayslipIssued' || stored.type === 'PayRunCompleted') return data.payDate;
    return '0000-01-01';
  },
  apply(stored: RecordedEvent, rows) {
    switch (stored.type) {
      case 'RecipientEnrolled':
      case 'EmployerRegistered': {
        const event = upcast(recipientEvents, stored);
        if (event.type === 'RecipientEnrolled') {
          // Read in its current shape: versions 1 and 2 had free-text councils, upcast to councilId null (only
          // principals of every council see those). A re-enrolment moves every month of the employer with it.
          const councilId = event.data.councilId;
          saveEmployer(rows, event.data.recipientId, { council_id: councilId });
          rows.run(
            rows.db
              .updateTable(MONTHS)
              .set({ council_id: councilId })
              .where('recipient_id', '=', event.data.recipientId),
          );
        } else if (event.type === 'EmployerRegistered') {
          saveEmployer(rows, event.data.recipientId, {
            paye_reference: event.data.payeReference,
            accounts_office_reference: event.data.accountsOfficeReference,
            employment_allowance_claimed: event.data.employmentAllowance ? 1 : 0,
          });
        }
        return;
      }
      default: {
        const event = upcast(payrollEvents, stored);
        if (event.type === 'PayslipIssued') onPayslip(rows, event.data);
        else if (event.type === 'PayRunCompleted') onPayRun(rows, event.data);
        else if (event.type === 'PaymentRecorded') onPayment(rows, event.data);
      }
    }
  },
});
