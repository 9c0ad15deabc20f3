import { csvCell } from '@dpe/bank-payments';
import { checkRows, crlfLines, Problems, totalsOf, type CheckedRow } from './rows';
import {
  PENSION_FILE_RULES as RULES,
  type PayFrequency,
  type PensionContributionRow,
  type PensionFileResult,
} from './types';

/**
 * NEST's contribution schedule CSV (the "file upload"/SFTP format of NEST's Employer payroll guide, section 3.2):
 * one H (header) record, one D (detail) record per member, one T (trailer) record, no row of column names.
 *
 * Sources. NEST's Employer payroll guide PDF could not be read in full, so the layout is assembled from:
 * - Header fields and their order (employer reference "EMP" + 9 digits; process type "CS"; earnings period end date
 *   YYYY-MM-DD; payment source name exactly as in the NEST account; payment due date YYYY-MM-DD; frequency; reason
 *   for exception schedule and generation date, not used for a contribution schedule; earnings period start date
 *   YYYY-MM-DD): NEST help centre, "How do I complete a contribution CSV file using the NEST template?"
 *   (https://nestpensions.org.uk/schemeweb/helpcentre/contributions/making-contributions/complete-a-contribution-csv-file.html).
 * - Record identifiers H/D/T, positions H[1] employer reference, H[2] "CS", H[3] EPED, H[4] payment source, H[6]
 *   frequency (one of weekly, fortnightly, 4 weekly, monthly, or "tax ..." variants), H[9] EPSD; D record
 *   [1] forename, [2] surname, [3] NI number, [4] alternative ID, [5] pensionable earnings, [6] leave earnings,
 *   [7] employer contribution, [8] member contribution, [9] reason for partial or non-payment, [10] its effective
 *   date (fields 11-21 are group, payment-source and opt-out changes and second enrolments, not written here);
 *   T[1] number of D records: a public TypeScript reimplementation of NEST's contribution-file validation
 *   (Azure functions, `Type2BValidations` and `EnumRowDColumns`, "Contribution template - specification v1.9",
 *   found by `find_string "Earnings period end date"` / `"enum EnumRowDColumns"`).
 *   UNCONFIRMED: that reimplementation reads the payment due date from H[5] in one file and H[8] in another, and the
 *   EPSD from H[7] or H[9]; this writer follows the help-centre order (PDD H[5], EPSD H[9], H[7] and H[8] blank).
 *   Also unconfirmed: whether T carries more than the count (the reimplementation names a T[2] "version number").
 * - Reason codes 1, 3, 5, 6: NEST help centre, "Making partial or zero payments through file upload"
 *   (https://nestpensions.org.uk/schemeweb/helpcentre/contributions/partial-or-zero-payments/making-partial-or-zero-payments-through-file-upload.html).
 * - Amounts are pounds and pence without commas (the reimplementation accepts `^\d+(\.\d+)?$`); CRLF line ends.
 * Only enrolled members (`enrolled: true`) are written: a contribution schedule lists NEST members only.
 */
export const NEST_HEADER_FIELDS = [
  'Record identifier',
  'NEST employer reference',
  'Process type',
  'Earnings period end date',
  'Payment source',
  'Payment due date',
  'Frequency',
  'Reason for exception schedule',
  'Generation date',
  'Earnings period start date',
] as const;

export const NEST_DETAIL_FIELDS = [
  'Record identifier',
  'Forename',
  'Surname',
  'NI number',
  'Alternative unique ID',
  'Pensionable earnings',
  'Leave earnings',
  'Employer contribution',
  'Member contribution',
  'Reason for partial or non-payment of contributions',
  'Effective date of partial or non-payment',
] as const;

export const NEST_TRAILER_FIELDS = ['Record identifier', 'Total number of member records'] as const;

export const NEST_FREQUENCIES: Readonly<Record<PayFrequency, string>> = {
  weekly: 'Weekly',
  fortnightly: 'Fortnightly',
  'four-weekly': '4 Weekly',
  monthly: 'Monthly',
};

export interface NestContributionInput {
  /** NEST employer reference, "EMP" and nine digits. */
  readonly employerReference: string;
  /** The payment source's name exactly as set up in the NEST account (case sensitive). */
  readonly paymentSource: string;
  readonly earningsPeriodStart: string;
  readonly earningsPeriodEnd: string;
  readonly paymentDueDate: string;
  readonly frequency: PayFrequency;
  readonly rows: readonly PensionContributionRow[];
}

/** NEST: "the Payment Source must begin with an alphanumerical character" (then these characters). */
const PAYMENT_SOURCE = /^[A-Za-z\d][A-Za-z\d "'#$%&@=?:.+*\-/\\()[\]{}]*$/;
const REASONS = ['1', '3', '5', '6'];

function detail(checked: CheckedRow): string[] {
  const { row } = checked;
  return [
    'D',
    row.forename,
    row.surname,
    checked.nationalInsuranceNumber ?? '',
    checked.nationalInsuranceNumber ? '' : row.payrollId,
    checked.pensionableEarnings.toString(),
    '',
    checked.employerContribution.toString(),
    checked.employeeContribution.toString(),
    row.nestNonPaymentReason ?? '',
    row.nestNonPaymentEffectiveDate ?? '',
  ];
}

/** NEST's contribution schedule CSV, refused whole (text null, every problem by path and rule) if anything is bad. */
export function nestContributionCsv(input: NestContributionInput): PensionFileResult {
  const problems = new Problems();
  if (!/^EMP\d{9}$/.test(input.employerReference ?? '')) {
    problems.add('employerReference', RULES.nestEmployerReference, 'must be EMP followed by nine digits');
  }
  if (problems.required('paymentSource', input.paymentSource) && !PAYMENT_SOURCE.test(input.paymentSource)) {
    problems.add('paymentSource', RULES.nestPaymentSource, 'must begin with a letter or digit');
  }
  const start = problems.date('earningsPeriodStart', input.earningsPeriodStart, true);
  const end = problems.date('earningsPeriodEnd', input.earningsPeriodEnd, true);
  if (start !== undefined && end !== undefined && end < start) {
    problems.add('earningsPeriodEnd', RULES.periodEndBeforeStart, 'must not be before earningsPeriodStart');
  }
  problems.date('paymentDueDate', input.paymentDueDate, true);
  if (!(input.frequency in NEST_FREQUENCIES)) {
    problems.add('frequency', RULES.frequency, `must be one of ${Object.keys(NEST_FREQUENCIES).join(', ')}`);
  }
  const members = checkRows(input.rows, problems).filter((checked) => checked.row.enrolled);
  for (const { row, index, employerContribution, employeeContribution } of members) {
    const at = (field: string) => `rows[${index}].${field}`;
    if (row.periodStart !== input.earningsPeriodStart) {
      problems.add(at('periodStart'), RULES.nestPeriodMismatch, 'must equal the schedule earningsPeriodStart');
    }
    if (row.periodEnd !== input.earningsPeriodEnd) {
      problems.add(at('periodEnd'), RULES.nestPeriodMismatch, 'must equal the schedule earningsPeriodEnd');
    }
    if (row.frequency !== input.frequency) {
      problems.add(at('frequency'), RULES.nestFrequencyMismatch, 'must equal the schedule frequency');
    }
    const reason = row.nestNonPaymentReason;
    if (reason != null && !REASONS.includes(reason)) {
      problems.add(at('nestNonPaymentReason'), RULES.nestReason, `must be one of ${REASONS.join(', ')}`);
    }
    if (reason == null && employerContribution.isZero() && employeeContribution.isZero()) {
      problems.add(
        at('nestNonPaymentReason'),
        RULES.nestReasonRequired,
        'NEST needs a reason for partial or non-payment when no contribution is paid',
      );
    }
    problems.date(at('nestNonPaymentEffectiveDate'), row.nestNonPaymentEffectiveDate, reason === '6');
  }
  if (input.rows.length > 0 && members.length === 0 && problems.list.length === 0) {
    problems.add('rows', RULES.noRows, 'no row is an enrolled NEST member');
  }
  if (problems.list.length > 0) return { text: null, problems: problems.list, totals: null };
  const header = [
    'H',
    input.employerReference,
    'CS',
    input.earningsPeriodEnd,
    input.paymentSource,
    input.paymentDueDate,
    NEST_FREQUENCIES[input.frequency],
    '',
    '',
    input.earningsPeriodStart,
  ];
  const lines = [header, ...members.map(detail), ['T', String(members.length)]];
  return {
    text: crlfLines(lines.map((cells) => cells.map(csvCell).join(','))),
    problems: [],
    totals: totalsOf(members),
  };
}
