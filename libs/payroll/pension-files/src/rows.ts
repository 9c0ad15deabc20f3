import { Money } from '@dpe/money';
import { nationalInsuranceNumberProblem, normaliseNationalInsuranceNumber } from '@dpe/identifiers';
import { dayNumberOfIso } from '@dpe/tax-calendar';
import {
  PENSION_FILE_RULES as RULES,
  type PensionContributionRow,
  type PensionFileProblem,
  type PensionFileTotals,
} from './types';

const FREQUENCIES = ['weekly', 'fortnightly', 'four-weekly', 'monthly'] as const;
const ASSESSMENTS = ['eligible-jobholder', 'non-eligible-jobholder', 'entitled-worker', 'excluded'] as const;
const EVENTS = ['automatic-enrolment', 'opt-in', 'joiner'] as const;
const AMOUNT_TEXT = /^\d+(\.\d{1,2})?$/;

/** A row once checked: its amounts as Money, its NI number normalised (`AB123456C`) or null. */
export interface CheckedRow {
  readonly row: PensionContributionRow;
  readonly index: number;
  readonly nationalInsuranceNumber: string | null;
  readonly pensionableEarnings: Money;
  readonly employerContribution: Money;
  readonly employeeContribution: Money;
}

function blank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** Collects problems, each with its path, rule and words. */
export class Problems {
  readonly list: PensionFileProblem[] = [];
  add(path: string, rule: string, message: string): void {
    this.list.push({ path, rule, message });
  }
  required(path: string, value: unknown): boolean {
    if (!blank(value)) return true;
    this.add(path, RULES.required, 'is required');
    return false;
  }
  /** An ISO date that must be present (required) or may be null/absent; returns its day number when valid. */
  date(path: string, value: unknown, required: boolean): number | undefined {
    if (value === null || value === undefined || value === '') {
      if (required) this.add(path, RULES.required, 'is required');
      return undefined;
    }
    const day = typeof value === 'string' ? dayNumberOfIso(value) : undefined;
    if (day === undefined) this.add(path, RULES.dateFormat, 'must be a real date written YYYY-MM-DD');
    return day;
  }
  /** A non-negative pounds-and-pence amount such as "123.45". */
  amount(path: string, value: unknown): Money | undefined {
    if (typeof value !== 'string' || value.trim() === '') {
      this.add(path, RULES.required, 'is required, as pounds and pence such as "123.45"');
      return undefined;
    }
    const text = value.trim();
    if (/^-\d+(\.\d{1,2})?$/.test(text) && !Money.of(text).isZero()) {
      this.add(path, RULES.amountNegative, 'must not be negative');
      return undefined;
    }
    if (!AMOUNT_TEXT.test(text.replace(/^-/, ''))) {
      this.add(path, RULES.amountFormat, 'must be pounds and pence such as "123.45" (at most 2 decimal places)');
      return undefined;
    }
    return Money.of(text.replace(/^-/, ''));
  }
}

/** Checks every row, adding each problem found; returns the rows that passed (all of them when none failed). */
export function checkRows(rows: readonly PensionContributionRow[], problems: Problems): CheckedRow[] {
  if (rows.length === 0) problems.add('rows', RULES.noRows, 'a contribution file needs at least one worker');
  const checked: CheckedRow[] = [];
  rows.forEach((row, index) => {
    const at = (field: string) => `rows[${index}].${field}`;
    const before = problems.list.length;
    for (const field of ['employerId', 'payrollId', 'forename', 'surname'] as const) {
      problems.required(at(field), row[field]);
    }
    let ni: string | null = null;
    if (row.nationalInsuranceNumber !== null && row.nationalInsuranceNumber !== undefined) {
      const why =
        typeof row.nationalInsuranceNumber === 'string'
          ? nationalInsuranceNumberProblem(row.nationalInsuranceNumber)
          : 'must be text or null';
      if (why) problems.add(at('nationalInsuranceNumber'), RULES.niNumberFormat, why);
      else ni = normaliseNationalInsuranceNumber(row.nationalInsuranceNumber);
    }
    problems.date(at('dateOfBirth'), row.dateOfBirth, true);
    if (row.gender !== 'F' && row.gender !== 'M') problems.add(at('gender'), RULES.gender, 'must be F or M');
    const lines = row.address?.lines ?? [];
    if (lines.length > 4) problems.add(at('address.lines'), RULES.addressLines, 'at most 4 address lines');
    const employed = problems.date(at('employmentStartDate'), row.employmentStartDate, true);
    const left = problems.date(at('leavingDate'), row.leavingDate, false);
    if (employed !== undefined && left !== undefined && left < employed) {
      problems.add(at('leavingDate'), RULES.leavingBeforeStart, 'must not be before employmentStartDate');
    }
    const start = problems.date(at('periodStart'), row.periodStart, true);
    const end = problems.date(at('periodEnd'), row.periodEnd, true);
    if (start !== undefined && end !== undefined && end < start) {
      problems.add(at('periodEnd'), RULES.periodEndBeforeStart, 'must not be before periodStart');
    }
    problems.date(at('payDate'), row.payDate, true);
    problems.date(at('enrolmentDate'), row.enrolmentDate, false);
    problems.date(at('optOutDate'), row.optOutDate, false);
    if (!(FREQUENCIES as readonly string[]).includes(row.frequency)) {
      problems.add(at('frequency'), RULES.frequency, `must be one of ${FREQUENCIES.join(', ')}`);
    }
    if (!(ASSESSMENTS as readonly string[]).includes(row.assessment)) {
      problems.add(at('assessment'), RULES.assessment, `must be one of ${ASSESSMENTS.join(', ')}`);
    }
    if (row.enrolmentEvent != null && !(EVENTS as readonly string[]).includes(row.enrolmentEvent)) {
      problems.add(at('enrolmentEvent'), RULES.enrolmentEvent, `must be null or one of ${EVENTS.join(', ')}`);
    }
    if (
      row.taxPeriod !== undefined &&
      !(Number.isInteger(row.taxPeriod) && row.taxPeriod >= 1 && row.taxPeriod <= 56)
    ) {
      problems.add(at('taxPeriod'), RULES.taxPeriod, 'must be a whole tax period number from 1');
    }
    const pensionableEarnings = problems.amount(at('pensionableEarnings'), row.pensionableEarnings);
    const employerContribution = problems.amount(at('employerContribution'), row.employerContribution);
    const employeeContribution = problems.amount(at('employeeContribution'), row.employeeContribution);
    if (problems.list.length === before && pensionableEarnings && employerContribution && employeeContribution) {
      checked.push({
        row,
        index,
        nationalInsuranceNumber: ni,
        pensionableEarnings,
        employerContribution,
        employeeContribution,
      });
    }
  });
  return checked;
}

/** Totals of the rows written, summed exactly with Money. */
export function totalsOf(rows: readonly CheckedRow[]): PensionFileTotals {
  let earnings = Money.zero;
  let employer = Money.zero;
  let employee = Money.zero;
  for (const r of rows) {
    earnings = earnings.plus(r.pensionableEarnings);
    employer = employer.plus(r.employerContribution);
    employee = employee.plus(r.employeeContribution);
  }
  return {
    rows: rows.length,
    pensionableEarnings: earnings.toString(),
    employerContributions: employer.toString(),
    employeeContributions: employee.toString(),
    totalContributions: employer.plus(employee).toString(),
  };
}

/** Lines joined with CRLF, each line ended by one (RFC 4180 §2). */
export function crlfLines(lines: readonly string[]): string {
  return lines.map((line) => `${line}\r\n`).join('');
}
