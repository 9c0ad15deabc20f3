import { Money } from '@dpe/money';
import {
  assertValidPeriod,
  parsePayFrequency,
  parseTaxYearId,
  payPeriodOf,
  taxYearOf,
  type PayFrequency,
  type TaxYearId,
} from '@dpe/tax-calendar';
import { taxYearTables } from '@dpe/statutory-data';
import { InvalidIncomeTaxInput, parseTaxCode } from '@dpe/income-tax';
import { UNDERGRADUATE_LOAN_PLANS, type UndergraduateLoanPlan } from '@dpe/student-loans';
import { InvalidInput } from '@dpe/errors';

/** One period's pay for one PA, as `dpe calc` and the pay run hand it to the calculators. */
export interface PeriodInput {
  readonly taxYear: TaxYearId;
  readonly frequency: PayFrequency;
  readonly period: number;
  readonly taxCode: string;
  readonly week1Month1: boolean;
  /** Gross pay this period (taxable and NI-able; pension under a net pay arrangement is taken off for tax). */
  readonly gross: Money;
  /** Taxable pay to date INCLUDING this period. */
  readonly payToDate: Money;
  /** Tax deducted BEFORE this period. */
  readonly taxPaidToDate: Money;
  readonly niCategory: string;
  readonly studentLoanPlans: readonly UndergraduateLoanPlan[];
  readonly postgraduateLoan: boolean;
}

/**
 * The gross-to-net validation error: whatever calculator found the problem, the caller gets one error type naming
 * the input field (in the camelCase of the batch format) and the rule it breaks.
 */
export class InvalidPeriodInput extends InvalidInput {}

// The calculators name their own parameters; callers know the period input's fields.
const INPUT_FIELD_OF: Readonly<Record<string, string>> = {
  plans: 'studentLoanPlans',
  postgraduate: 'postgraduateLoan',
  earningsThisPeriod: 'gross',
  earnings: 'gross',
  grossThisPeriod: 'gross',
  taxablePayToDate: 'payToDate',
  category: 'niCategory',
};

/** Runs work, turning any calculator validation error into InvalidPeriodInput naming `field` (or the error's own). */
export function asPeriodInputError<T>(field: string | undefined, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidPeriodInput) throw error;
    if (error instanceof InvalidInput) {
      const rule =
        error instanceof InvalidIncomeTaxInput && error.field === 'taxCode'
          ? error.message.replace(/^taxCode: /, '')
          : error.rule;
      throw new InvalidPeriodInput(field ?? INPUT_FIELD_OF[error.field] ?? error.field, rule);
    }
    throw error;
  }
}

function bool(raw: Record<string, unknown>, field: string): boolean {
  const value = raw[field];
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'Y') return true;
  if (value === 'false' || value === 'N') return false;
  throw new InvalidPeriodInput(field, 'must be true or false');
}

function money(raw: Record<string, unknown>, field: string, fallback?: Money): Money {
  const value = raw[field];
  if ((value === undefined || value === null) && fallback) return fallback;
  if (value === undefined || value === null)
    throw new InvalidPeriodInput(field, 'is required: an amount in pounds such as "1234.56"');
  return asPeriodInputError(field, () => Money.parse(value, field));
}

function loanPlans(raw: Record<string, unknown>): UndergraduateLoanPlan[] {
  const value = raw['studentLoanPlans'];
  if (value === undefined || value === null || value === '') return [];
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];
  const plans = items.map((item) =>
    String(item)
      .trim()
      .replace(/^plan\s*/i, ''),
  );
  for (const plan of plans) {
    if (!(UNDERGRADUATE_LOAN_PLANS as readonly string[]).includes(plan)) {
      throw new InvalidPeriodInput(
        'studentLoanPlans',
        `each plan must be one of ${UNDERGRADUATE_LOAN_PLANS.join(', ')} (got ${JSON.stringify(plan)})`,
      );
    }
  }
  return [...new Set(plans)] as UndergraduateLoanPlan[];
}

function payDateInput(raw: Record<string, unknown>, frequency: PayFrequency): { taxYear: string; period: number } {
  const payDate = raw['payDate'];
  if (typeof payDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(payDate)) {
    throw new InvalidPeriodInput('payDate', 'must be a calendar date yyyy-mm-dd');
  }
  return asPeriodInputError('payDate', () => {
    const period = payPeriodOf(frequency, payDate);
    return { taxYear: taxYearOf(payDate).id, period: period.period };
  });
}

/** Parses one period's input from untrusted JSON or CLI flags; the first bad field found is named. */
export function parsePeriodInput(input: unknown): PeriodInput {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidPeriodInput('(input)', 'must be a JSON object');
  }
  const raw = input as Record<string, unknown>;
  const frequency = asPeriodInputError('frequency', () => parsePayFrequency(raw['frequency']));
  // A pay date numbers the period as the engine does (HMRC numbers periods by the pay date, never by when the work
  // was done), so no caller has to know how fortnightly or four-weekly periods are numbered.
  const byPayDate = raw['payDate'] === undefined || raw['payDate'] === null ? undefined : payDateInput(raw, frequency);
  const taxYear = asPeriodInputError('taxYear', () => parseTaxYearId(raw['taxYear'] ?? byPayDate?.taxYear));
  if (byPayDate && byPayDate.taxYear !== taxYear) {
    throw new InvalidPeriodInput(
      'taxYear',
      `must be ${byPayDate.taxYear}, the tax year of payDate ${String(raw['payDate'])}`,
    );
  }
  const tables = asPeriodInputError('taxYear', () => taxYearTables(taxYear));
  const period = asPeriodInputError('period', () =>
    assertValidPeriod(
      frequency,
      raw['period'] === undefined && byPayDate
        ? byPayDate.period
        : typeof raw['period'] === 'string'
          ? Number(raw['period'])
          : raw['period'],
    ),
  );
  if (byPayDate && period !== byPayDate.period) {
    throw new InvalidPeriodInput(
      'period',
      `must be ${byPayDate.period}, the ${frequency} period of payDate ${String(raw['payDate'])}; give one or the other`,
    );
  }
  const taxCodeText = raw['taxCode'];
  if (typeof taxCodeText !== 'string' || taxCodeText.trim() === '')
    throw new InvalidPeriodInput('taxCode', 'is required, e.g. 1257L');
  asPeriodInputError('taxCode', () => parseTaxCode(taxCodeText, tables.incomeTax));
  const week1Month1 = bool(raw, 'week1Month1');
  const gross = money(raw, 'gross');
  const payToDate = money(raw, 'payToDate', gross);
  const taxPaidToDate = money(raw, 'taxPaidToDate', Money.zero);
  const niCategoryRaw = raw['niCategory'] ?? 'A';
  if (typeof niCategoryRaw !== 'string' || !/^[A-Z]$/.test(niCategoryRaw.trim().toUpperCase())) {
    throw new InvalidPeriodInput('niCategory', 'must be a single category letter such as A');
  }
  const niCategory = niCategoryRaw.trim().toUpperCase();
  if (!(niCategory in tables.nationalInsurance.categories)) {
    throw new InvalidPeriodInput(
      'niCategory',
      `must be one of ${Object.keys(tables.nationalInsurance.categories).join(', ')} in ${taxYear}`,
    );
  }
  if (payToDate.lessThan(gross))
    throw new InvalidPeriodInput('payToDate', 'must include this period: at least the gross pay');
  return {
    taxYear,
    frequency,
    period,
    taxCode: taxCodeText.trim(),
    week1Month1,
    gross,
    payToDate,
    taxPaidToDate,
    niCategory,
    studentLoanPlans: loanPlans(raw),
    postgraduateLoan: bool(raw, 'postgraduateLoan'),
  };
}
