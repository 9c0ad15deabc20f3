import { InvalidInput, type InputIssue } from '@dpe/errors';
import { Money } from '@dpe/money';
import type { ReadModelRows } from '@dpe/projector';
import { dayNumberOfIso, isTaxYearId, taxMonthOf, taxYear as taxYearNamed } from '@dpe/tax-calendar';
import type { MonthRow, PayeLiabilityTables } from './projection';
import {
  dueDateOfQuarter,
  isOverdue,
  monthsOfQuarter,
  periodOfTaxMonth,
  QUARTERS,
  underQuarterlyLimit,
  type QuarterNumber,
} from './rules';

/** The councils a principal may see: a list of council ids, or every council (the same shape as `Principal`). */
export type CouncilScope = readonly string[] | 'all';

/** One employer's PAYE for one tax month, as the queries answer it. Money is decimal text with two places. */
export interface PayeLiability {
  readonly recipientId: string;
  readonly councilId: string | null;
  readonly payeReference: string | null;
  readonly accountsOfficeReference: string | null;
  /** Whether the employer claims the Employment Allowance (EmployerRegistered); null before it registers. */
  readonly employmentAllowanceClaimed: boolean | null;
  readonly taxYear: string;
  readonly taxMonth: number;
  /** The tax month's first and last days (6th to 5th). */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The 22nd after the tax month ends (electronic payment). */
  readonly dueDate: string;
  readonly incomeTax: string;
  readonly employeeNic: string;
  readonly employerNic: string;
  readonly studentLoan: string;
  readonly postgraduateLoan: string;
  /** Employment Allowance set against the month's employer NICs. */
  readonly employmentAllowance: string;
  /** SMP and SPP paid in the month. */
  readonly smp: string;
  readonly spp: string;
  /** The recovery rate applied to them, e.g. '1.09'; null when none was paid. */
  readonly statutoryPayRecoveryRate: string | null;
  readonly statutoryPayRecovered: string;
  /** tax + employee NI + employer NI − Employment Allowance + loans − statutory pay recovered. */
  readonly due: string;
  readonly paid: string;
  readonly outstanding: string;
  /** asOf is after the due date and something is outstanding; false when no asOf is given. */
  readonly overdue: boolean;
  readonly payslips: number;
  readonly payments: number;
  readonly lastPaidOn: string | null;
  /** What the pay runs state as PAYE due (before statutory pay recovered), which record-payment settles against. */
  readonly payRunPayeDue: string;
}

export interface ListPayeLiabilitiesParams {
  readonly councils: CouncilScope;
  readonly recipientId?: string;
  readonly taxYear?: string;
  readonly taxMonth?: number;
  /** Business date, 'YYYY-MM-DD': what `overdue` is judged at. */
  readonly asOf?: string;
  /** Only the rows overdue at asOf (asOf is then required). */
  readonly overdueOnly?: boolean;
  /** 1 to 1000. */
  readonly limit: number;
  readonly offset?: number;
}

export const MAX_LIMIT = 1000;

type Rows = ReadModelRows<PayeLiabilityTables>;
/** The read model as the projector hands it out (`projector.readModel`), typed for this view's tables. */
const typed = (rows: ReadModelRows<unknown>): Rows => rows as unknown as Rows;

interface JoinedRow extends MonthRow {
  paye_reference: string | null;
  accounts_office_reference: string | null;
  employment_allowance_claimed: number | null;
}

function check(issues: InputIssue[]): void {
  if (issues.length > 0) throw InvalidInput.of(issues);
}

function councilIssues(councils: unknown): InputIssue[] {
  if (councils === 'all') return [];
  if (Array.isArray(councils) && councils.every((council) => typeof council === 'string')) return [];
  return [{ path: 'councils', rule: "must be 'all' or a list of council ids" }];
}

function asOfIssues(asOf: unknown, required: boolean): InputIssue[] {
  if (asOf === undefined) return required ? [{ path: 'asOf', rule: 'is required' }] : [];
  if (typeof asOf !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(asOf) || dayNumberOfIso(asOf) === undefined) {
    return [{ path: 'asOf', rule: 'must be a business date written YYYY-MM-DD' }];
  }
  return [];
}

function taxYearIssues(taxYear: unknown, required: boolean): InputIssue[] {
  if (taxYear === undefined) return required ? [{ path: 'taxYear', rule: 'is required' }] : [];
  return isTaxYearId(taxYear) ? [] : [{ path: 'taxYear', rule: 'must be a tax year written like "2026-27"' }];
}

/** The month rows visible in the scope, with the employer's references, narrowed by the given filters. */
function selectMonths(
  rows: Rows,
  councils: CouncilScope,
  filters: { recipientId?: string; taxYear?: string; taxMonth?: number; overdueAt?: string },
) {
  let query = rows.db
    .selectFrom('paye_liabilities_months as m')
    .leftJoin('paye_liabilities_employers as e', 'e.recipient_id', 'm.recipient_id')
    .selectAll('m')
    .select(['e.paye_reference', 'e.accounts_office_reference', 'e.employment_allowance_claimed']);
  // A principal of some councils sees only rows of those councils; a row with no council only with 'all'.
  if (councils !== 'all') query = query.where('m.council_id', 'in', [...councils]);
  if (filters.recipientId !== undefined) query = query.where('m.recipient_id', '=', filters.recipientId);
  if (filters.taxYear !== undefined) query = query.where('m.tax_year', '=', filters.taxYear);
  if (filters.taxMonth !== undefined) query = query.where('m.tax_month', '=', filters.taxMonth);
  // Overdue: asOf after the due date (ISO dates compare as text) and outstanding > 0 (a flag Money set).
  if (filters.overdueAt !== undefined) {
    query = query.where('m.due_date', '<', filters.overdueAt).where('m.outstanding_positive', '=', 1);
  }
  return query.orderBy('m.tax_year').orderBy('m.tax_month').orderBy('m.recipient_id');
}

function liabilityOf(row: JoinedRow, asOf: string | undefined): PayeLiability {
  const period = periodOfTaxMonth(row.tax_year, row.tax_month);
  return {
    recipientId: row.recipient_id,
    councilId: row.council_id,
    payeReference: row.paye_reference,
    accountsOfficeReference: row.accounts_office_reference,
    employmentAllowanceClaimed:
      row.employment_allowance_claimed === null ? null : row.employment_allowance_claimed === 1,
    taxYear: row.tax_year,
    taxMonth: row.tax_month,
    periodStart: period.firstDay,
    periodEnd: period.lastDay,
    dueDate: row.due_date,
    incomeTax: row.income_tax,
    employeeNic: row.employee_nic,
    employerNic: row.employer_nic,
    studentLoan: row.student_loan,
    postgraduateLoan: row.postgraduate_loan,
    employmentAllowance: row.employment_allowance,
    smp: row.smp,
    spp: row.spp,
    statutoryPayRecoveryRate: row.recovery_rate,
    statutoryPayRecovered: row.statutory_pay_recovered,
    due: row.due,
    paid: row.paid,
    outstanding: row.outstanding,
    overdue: isOverdue(asOf, row.due_date, Money.of(row.outstanding)),
    payslips: row.payslips,
    payments: row.payments,
    lastPaidOn: row.last_paid_on,
    payRunPayeDue: row.pay_run_paye_due,
  };
}

/**
 * The P32 lines visible to the principal's councils, in tax year, tax month and employer order, a page at a time.
 * `overdue` is judged at `asOf` (false without it); `overdueOnly` keeps only the overdue rows (asOf required).
 */
export function listPayeLiabilities(
  readModel: ReadModelRows<unknown>,
  params: ListPayeLiabilitiesParams,
): PayeLiability[] {
  const offset = params.offset ?? 0;
  check([
    ...councilIssues(params.councils),
    ...taxYearIssues(params.taxYear, false),
    ...asOfIssues(params.asOf, params.overdueOnly === true),
    ...(params.taxMonth === undefined ||
    (Number.isInteger(params.taxMonth) && params.taxMonth >= 1 && params.taxMonth <= 12)
      ? []
      : [{ path: 'taxMonth', rule: 'must be a whole number from 1 to 12' }]),
    ...(Number.isInteger(params.limit) && params.limit >= 1 && params.limit <= MAX_LIMIT
      ? []
      : [{ path: 'limit', rule: `must be a whole number from 1 to ${MAX_LIMIT}` }]),
    ...(Number.isInteger(offset) && offset >= 0 ? [] : [{ path: 'offset', rule: 'must be a whole number, 0 or more' }]),
  ]);
  if (params.councils !== 'all' && params.councils.length === 0) return [];
  const rows = typed(readModel);
  const query = selectMonths(rows, params.councils, {
    ...(params.recipientId !== undefined ? { recipientId: params.recipientId } : {}),
    ...(params.taxYear !== undefined ? { taxYear: params.taxYear } : {}),
    ...(params.taxMonth !== undefined ? { taxMonth: params.taxMonth } : {}),
    ...(params.overdueOnly ? { overdueAt: params.asOf } : {}),
  })
    .limit(params.limit)
    .offset(offset);
  return rows.all<JoinedRow>(query).map((row) => liabilityOf(row, params.asOf));
}

/** One quarter of an employer's tax year: the sum of its three months. */
export interface PayeQuarter {
  readonly quarter: QuarterNumber;
  readonly taxMonths: readonly [number, number, number];
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The 22nd after the quarter ends: 22 July, 22 October, 22 January, 22 April. */
  readonly dueDate: string;
  readonly due: string;
  readonly paid: string;
  readonly outstanding: string;
  readonly overdue: boolean;
  /** The months of the quarter that have a liability row. */
  readonly months: readonly PayeLiability[];
}

export interface PayeQuarters {
  readonly recipientId: string;
  readonly councilId: string | null;
  readonly taxYear: string;
  readonly asOf: string;
  readonly quarters: readonly PayeQuarter[];
  /**
   * The tax months of the year so far: 1 to the tax month containing asOf (12 once the year has ended, 0 before it
   * starts). Months with no payroll count as nothing due.
   */
  readonly monthsSoFar: number;
  /** What was due for those months. */
  readonly dueSoFar: string;
  /** dueSoFar ÷ monthsSoFar to the nearest penny; null before the year starts. */
  readonly averageMonthlyDue: string | null;
  /** The average monthly due so far is under £1,500 (uk-payroll-rules.md §10, DMBM520425); false before the year. */
  readonly mayPayQuarterly: boolean;
}

export interface PayeQuartersParams {
  readonly councils: CouncilScope;
  readonly recipientId: string;
  readonly taxYear: string;
  /** Business date, 'YYYY-MM-DD'. */
  readonly asOf: string;
}

/** The tax months of `taxYear` begun by `asOf`: 0 before the year, 12 after it. */
function monthsSoFar(taxYear: string, asOf: string): number {
  const year = taxYearNamed(taxYear);
  if (asOf < year.firstDay) return 0;
  if (asOf > year.lastDay) return 12;
  return taxMonthOf(asOf).month;
}

/**
 * An employer's tax year by quarter (quarterly payment, uk-payroll-rules.md §10), and whether its average monthly due
 * so far is under £1,500. Undefined when no month of that employer and year is visible in the councils' scope.
 */
export function payeQuarters(readModel: ReadModelRows<unknown>, params: PayeQuartersParams): PayeQuarters | undefined {
  check([
    ...councilIssues(params.councils),
    ...(typeof params.recipientId === 'string' && params.recipientId.length > 0
      ? []
      : [{ path: 'recipientId', rule: 'is required' }]),
    ...taxYearIssues(params.taxYear, true),
    ...asOfIssues(params.asOf, true),
  ]);
  if (params.councils !== 'all' && params.councils.length === 0) return undefined;
  const rows = typed(readModel);
  const months = rows
    .all<JoinedRow>(selectMonths(rows, params.councils, { recipientId: params.recipientId, taxYear: params.taxYear }))
    .map((row) => liabilityOf(row, params.asOf));
  const [first] = months;
  if (!first) return undefined;
  const sum = (of: readonly PayeLiability[], pick: (month: PayeLiability) => string) =>
    Money.sum(of.map((month) => Money.of(pick(month))));

  const quarters = QUARTERS.map((quarter): PayeQuarter => {
    const taxMonths = monthsOfQuarter(quarter);
    const inQuarter = months.filter((month) => taxMonths.includes(month.taxMonth));
    const due = sum(inQuarter, (month) => month.due);
    const paid = sum(inQuarter, (month) => month.paid);
    const outstanding = due.minus(paid);
    const dueDate = dueDateOfQuarter(params.taxYear, quarter);
    return {
      quarter,
      taxMonths,
      periodStart: periodOfTaxMonth(params.taxYear, taxMonths[0]).firstDay,
      periodEnd: periodOfTaxMonth(params.taxYear, taxMonths[2]).lastDay,
      dueDate,
      due: due.toString(),
      paid: paid.toString(),
      outstanding: outstanding.toString(),
      overdue: isOverdue(params.asOf, dueDate, outstanding),
      months: inQuarter,
    };
  });

  // "Average monthly payments below £1,500": the figure includes tax, NICs and student loans (§10, DMBM520425), so
  // it is the amount due (after the Employment Allowance and statutory pay recovered: what is paid to HMRC).
  const soFar = monthsSoFar(params.taxYear, params.asOf);
  const dueSoFar = sum(
    months.filter((month) => month.taxMonth <= soFar),
    (month) => month.due,
  );
  const average = soFar === 0 ? undefined : dueSoFar.dividedBy(soFar);
  return {
    recipientId: params.recipientId,
    councilId: first.councilId,
    taxYear: params.taxYear,
    asOf: params.asOf,
    quarters,
    monthsSoFar: soFar,
    dueSoFar: dueSoFar.toString(),
    averageMonthlyDue: average ? average.roundHalfUpToPenny().toString() : null,
    // Compared unrounded: an average of 1499.996 is under the limit, though it shows as 1500.00.
    mayPayQuarterly: average ? underQuarterlyLimit(average) : false,
  };
}

/** The bureau's PAYE for one tax month: the sum over the employers in scope. */
export interface BureauPayeMonth {
  readonly taxYear: string;
  readonly taxMonth: number;
  readonly dueDate: string;
  /** Employers with a liability row in the month. */
  readonly employers: number;
  readonly incomeTax: string;
  readonly employeeNic: string;
  readonly employerNic: string;
  readonly studentLoan: string;
  readonly postgraduateLoan: string;
  readonly employmentAllowance: string;
  readonly statutoryPayRecovered: string;
  readonly due: string;
  readonly paid: string;
  readonly outstanding: string;
  /** With asOf: the employers overdue at asOf and what they still owe (their outstanding); null without it. */
  readonly overdue: { readonly employers: number; readonly outstanding: string } | null;
}

export interface BureauPayeTotalsParams {
  readonly councils: CouncilScope;
  readonly taxYear: string;
  readonly asOf?: string;
}

/** The bureau's PAYE for each tax month of a year that has a liability, summed over the employers in scope. */
export function bureauPayeTotals(readModel: ReadModelRows<unknown>, params: BureauPayeTotalsParams): BureauPayeMonth[] {
  check([...councilIssues(params.councils), ...taxYearIssues(params.taxYear, true), ...asOfIssues(params.asOf, false)]);
  if (params.councils !== 'all' && params.councils.length === 0) return [];
  const rows = typed(readModel);
  const months = rows
    .all<JoinedRow>(selectMonths(rows, params.councils, { taxYear: params.taxYear }))
    .map((row) => liabilityOf(row, params.asOf));
  const byMonth = new Map<number, PayeLiability[]>();
  for (const month of months) byMonth.set(month.taxMonth, [...(byMonth.get(month.taxMonth) ?? []), month]);
  return [...byMonth.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taxMonth, lines]) => {
      // Money summed in decimal.js, never in SQL.
      const total = (pick: (line: PayeLiability) => string) =>
        Money.sum(lines.map((line) => Money.of(pick(line)))).toString();
      const overdue = lines.filter((line) => line.overdue);
      return {
        taxYear: params.taxYear,
        taxMonth,
        dueDate: lines[0]!.dueDate,
        employers: lines.length,
        incomeTax: total((line) => line.incomeTax),
        employeeNic: total((line) => line.employeeNic),
        employerNic: total((line) => line.employerNic),
        studentLoan: total((line) => line.studentLoan),
        postgraduateLoan: total((line) => line.postgraduateLoan),
        employmentAllowance: total((line) => line.employmentAllowance),
        statutoryPayRecovered: total((line) => line.statutoryPayRecovered),
        due: total((line) => line.due),
        paid: total((line) => line.paid),
        outstanding: total((line) => line.outstanding),
        overdue:
          params.asOf === undefined
            ? null
            : {
                employers: overdue.length,
                outstanding: Money.sum(overdue.map((line) => Money.of(line.outstanding))).toString(),
              },
      };
    });
}
