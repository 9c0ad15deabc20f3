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
import { defineProjection, type ReadModelRows } from '@dpe/projector';
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

type Rows = ReadModelRows<PayeLiabilityTables>;

const EMPLOYERS = 'paye_liabilities_employers' as const;
const MONTHS = 'paye_liabilities_months' as const;
const ZERO = '0.00';

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

const add = (a: string, b: string): string => Money.of(a).plus(b).toString();

function employerOf(rows: Rows, recipientId: string): EmployerRow | undefined {
  return rows.get(rows.db.selectFrom(EMPLOYERS).selectAll().where('recipient_id', '=', recipientId));
}

/** The month's row as stored, or a zero row carrying the employer's council (the employer may not be known yet). */
function monthOf(rows: Rows, recipientId: string, taxYear: string, month: number): MonthRow {
  const stored = rows.get(
    rows.db
      .selectFrom(MONTHS)
      .selectAll()
      .where('recipient_id', '=', recipientId)
      .where('tax_year', '=', taxYear)
      .where('tax_month', '=', month),
  );
  if (stored) return stored;
  return {
    recipient_id: recipientId,
    tax_year: taxYear,
    tax_month: month,
    council_id: employerOf(rows, recipientId)?.council_id ?? null,
    due_date: dueDateOfTaxMonth(taxYear, month),
    income_tax: ZERO,
    employee_nic: ZERO,
    employer_nic: ZERO,
    student_loan: ZERO,
    postgraduate_loan: ZERO,
    employment_allowance: ZERO,
    smp: ZERO,
    spp: ZERO,
    recovery_rate: null,
    statutory_pay_recovered: ZERO,
    due: ZERO,
    paid: ZERO,
    outstanding: ZERO,
    outstanding_positive: 0,
    payslips: 0,
    payments: 0,
    last_paid_on: null,
    pay_run_paye_due: ZERO,
  };
}

/** The derived figures of a month from its components (rules.ts, each with its source). */
function derived(row: MonthRow): MonthRow {
  const smp = Money.of(row.smp);
  const spp = Money.of(row.spp);
  const anyStatutoryPay = !smp.isZero() || !spp.isZero();
  const recoveryRate = anyStatutoryPay ? statutoryPayRecoveryRate(row.tax_year, ASSUME_SMALL_EMPLOYERS_RELIEF) : null;
  const statutoryPayRecovered = recoveryRate
    ? recovered(smp, recoveryRate).plus(recovered(spp, recoveryRate))
    : Money.zero;
  const due = amountDue({
    incomeTax: Money.of(row.income_tax),
    employeeNic: Money.of(row.employee_nic),
    employerNic: Money.of(row.employer_nic),
    employmentAllowance: Money.of(row.employment_allowance),
    studentLoan: Money.of(row.student_loan),
    postgraduateLoan: Money.of(row.postgraduate_loan),
    statutoryPayRecovered,
  });
  const outstanding = due.minus(row.paid);
  return {
    ...row,
    recovery_rate: recoveryRate ? recoveryRate.toString() : null,
    statutory_pay_recovered: statutoryPayRecovered.toString(),
    due: due.toString(),
    outstanding: outstanding.toString(),
    outstanding_positive: outstanding.isPositive() ? 1 : 0,
  };
}

function save(rows: Rows, row: MonthRow): void {
  const full = derived(row);
  const { recipient_id: _r, tax_year: _y, tax_month: _m, ...changes } = full;
  rows.run(
    rows.db
      .insertInto(MONTHS)
      .values(full)
      .onConflict((conflict) => conflict.columns(['recipient_id', 'tax_year', 'tax_month']).doUpdateSet(changes)),
  );
}

function onPayslip(rows: Rows, slip: PayslipIssuedData): void {
  // A payslip's tax month is the tax month of its pay date (6th to 5th: uk-payroll-rules.md §10, DMBM520055).
  const { taxYear, month } = taxMonthOf(slip.payDate);
  const row = monthOf(rows, slip.recipientId, taxYear, month);
  const statutory = (kind: (typeof RECOVERABLE_STATUTORY_PAY)[number]) =>
    Money.sum(slip.lines.filter((line) => line.kind === kind).map((line) => Money.of(line.amount)));
  save(rows, {
    ...row,
    income_tax: add(row.income_tax, slip.deductions.incomeTax),
    employee_nic: add(row.employee_nic, slip.deductions.employeeNic),
    employer_nic: add(row.employer_nic, slip.employer.employerNic),
    student_loan: add(row.student_loan, slip.deductions.studentLoan),
    postgraduate_loan: add(row.postgraduate_loan, slip.deductions.postgraduateLoan),
    employment_allowance: add(row.employment_allowance, slip.employer.employmentAllowance),
    smp: add(row.smp, statutory('smp').toString()),
    spp: add(row.spp, statutory('spp').toString()),
    payslips: row.payslips + 1,
  });
}

function onPayRun(rows: Rows, run: PayRunCompletedData): void {
  const row = monthOf(rows, run.recipientId, run.taxYear, run.taxMonth);
  save(rows, { ...row, pay_run_paye_due: add(row.pay_run_paye_due, run.totals.payeDue) });
}

function onPayment(rows: Rows, payment: PaymentRecordedData): void {
  if (payment.settles.kind !== 'paye') return;
  const row = monthOf(rows, payment.recipientId, payment.settles.taxYear, payment.settles.taxMonth);
  save(rows, {
    ...row,
    paid: add(row.paid, payment.amount),
    payments: row.payments + 1,
    last_paid_on: row.last_paid_on === null || payment.paidOn > row.last_paid_on ? payment.paidOn : row.last_paid_on,
  });
}

function saveEmployer(rows: Rows, recipientId: string, changes: Partial<Omit<EmployerRow, 'recipient_id'>>): void {
  const stored = employerOf(rows, recipientId);
  const row: EmployerRow = {
    recipient_id: recipientId,
    council_id: null,
    paye_reference: null,
    accounts_office_reference: null,
    employment_allowance_claimed: null,
    ...stored,
    ...changes,
  };
  const { recipient_id: _r, ...rest } = row;
  rows.run(
    rows.db
      .insertInto(EMPLOYERS)
      .values(row)
      .onConflict((conflict) => conflict.column('recipient_id').doUpdateSet(rest)),
  );
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
