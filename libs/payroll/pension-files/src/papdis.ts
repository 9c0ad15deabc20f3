import { csvCell } from '@dpe/bank-payments';
import { checkRows, crlfLines, Problems, totalsOf, type CheckedRow } from './rows';
import {
  type EnrolmentEvent,
  type PayFrequency,
  type PensionAssessment,
  type PensionContributionRow,
  type PensionFileResult,
} from './types';

/**
 * The PAPDIS CSV: Payroll And Pension Data Interface Standard (PAPDIS Sub-Committee of the Pensions BIB, now PASA),
 * one header row of field names, then one line per worker per pay reference period.
 *
 * Sources. The standard's own document is not public; this layout is the best-attested one found:
 * - Column names and order: a PAPDIS CSV fixture generator on public GitHub (TypeScript, `generatePapdisRow`, found by
 *   `find_string "PensionableEarningsAmount"`), which writes exactly these 44 headers in this order. The same field
 *   names appear in Staffology's PAPDIS data model (https://app.staffology.co.uk/api/docs/models/papdispayrollperiod,
 *   .../papdispensionprovider: pensionProviderId, employerId, group, subGroup, payPeriodStartDate, payPeriodEndDate,
 *   contributionDeductionDate, frequencyCode, taxPeriod, employeeId, name, birthDate, gender,
 *   nationalInsuranceNumber, address1-4, postcode, country, emailAddress, employmentStartDate, assessmentCode,
 *   eventCode, eventDate, deferralDate, enrolmentCommunicationsIssuedDate, contribution amounts and percents,
 *   salarySacrificeIndicator, exitDate, exitReasonCode, aeOptOutDate, aeOptOutReference).
 *   UNCONFIRMED: the column order against the PAPDIS 1.1 document itself, and whether 1.1 adds columns not listed.
 * - Version value `PAP11`: Staffology's papdisVersion enum ("PAP10", "PAP11"). UNCONFIRMED against the standard.
 * - Assessment codes 0 excluded, 1 eligible jobholder, 2 non-eligible jobholder, 3 entitled worker; event codes
 *   0 not an enrolment event, 1 automatic enrolment/re-enrolment, 2 opt-in, 3 voluntary joiner/joiner: Smart
 *   Pension, "PAPDIS specifications and assessment codes"
 *   (https://smartpension.co.uk/support/en/articles/4598845-papdis-specifications-and-assessment-codes).
 * - Frequency codes W1 weekly, W2 fortnightly, W4 four-weekly, M1 monthly: "M1" in the fixture above and in
 *   FinchContext's PAPDIS outline ("FrequencyCode (M1/W1...)"). UNCONFIRMED for W2/W4.
 * - Dates: ISO `YYYY-MM-DD`, as the fixture and Staffology's model write them. Some providers' upload pages
 *   (e.g. Jarvis, https://docs.getjarvis.app/en/articles/9881570-file-rules-for-papdis-uploads) ask for DD/MM/YYYY;
 *   the `dateFormat` option writes that instead. UNCONFIRMED which the standard mandates.
 * - CRLF line ends and RFC 4180 quoting; every cell passes through `csvCell` (formula-injection guard).
 * Left blank because the input does not carry them: ExitReasonCode, DeferralDate, AEOptOutReference,
 * EnrolmentCommunicationsIssuedDate, AVC amount and percent, contribution percents, SalarySacrificeIndicator,
 * AnnualSalary.
 */
export const PAPDIS_COLUMNS = [
  'PAPDISVersion',
  'PensionProviderId',
  'EmployerId',
  'Group',
  'SubGroup',
  'PayPeriodStartDate',
  'PayPeriodEndDate',
  'ContributionDeductionDate',
  'FrequencyCode',
  'TaxPeriod',
  'Title',
  'Forename1',
  'Forename2',
  'Surname',
  'EmployeeId',
  'BirthDate',
  'Gender',
  'NationalInsuranceNumber',
  'Address1',
  'Address2',
  'Address3',
  'Address4',
  'Postcode',
  'Country',
  'EmailAddress',
  'EmploymentStartDate',
  'ExitDate',
  'ExitReasonCode',
  'AssessmentCode',
  'EventCode',
  'EventDate',
  'DeferralDate',
  'AEOptOutDate',
  'AEOptOutReference',
  'EnrolmentCommunicationsIssuedDate',
  'EmployerContributionsAmount',
  'EmployeeContributionsAmount',
  'AdditionalVoluntaryContributionsAmount',
  'AdditionalVoluntaryContributionsPercent',
  'PensionableEarningsAmount',
  'EmployerContributionsPercent',
  'EmployeeContributionsPercent',
  'SalarySacrificeIndicator',
  'AnnualSalary',
] as const;

export const PAPDIS_VERSION = 'PAP11';

export const PAPDIS_FREQUENCY_CODES: Readonly<Record<PayFrequency, string>> = {
  weekly: 'W1',
  fortnightly: 'W2',
  'four-weekly': 'W4',
  monthly: 'M1',
};

export const PAPDIS_ASSESSMENT_CODES: Readonly<Record<PensionAssessment, string>> = {
  excluded: '0',
  'eligible-jobholder': '1',
  'non-eligible-jobholder': '2',
  'entitled-worker': '3',
};

export const PAPDIS_EVENT_CODES: Readonly<Record<EnrolmentEvent, string>> = {
  'automatic-enrolment': '1',
  'opt-in': '2',
  joiner: '3',
};

export interface PapdisInput {
  /** The provider's identifier for itself, where it asks for one (PensionProviderId); blank otherwise. */
  readonly pensionProviderId?: string;
  /** Dates as ISO YYYY-MM-DD (default) or DD/MM/YYYY for providers that ask for it. */
  readonly dateFormat?: 'YYYY-MM-DD' | 'DD/MM/YYYY';
  readonly rows: readonly PensionContributionRow[];
}

function dateText(iso: string | null | undefined, format: PapdisInput['dateFormat']): string {
  if (!iso) return '';
  return format === 'DD/MM/YYYY' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;
}

function papdisLine(checked: CheckedRow, input: PapdisInput): string[] {
  const { row } = checked;
  const date = (iso: string | null | undefined) => dateText(iso, input.dateFormat);
  const lines = row.address.lines;
  const event = row.enrolmentEvent ? PAPDIS_EVENT_CODES[row.enrolmentEvent] : '0';
  return [
    PAPDIS_VERSION,
    input.pensionProviderId ?? '',
    row.employerId,
    row.groupId ?? '',
    '',
    date(row.periodStart),
    date(row.periodEnd),
    date(row.payDate),
    PAPDIS_FREQUENCY_CODES[row.frequency],
    row.taxPeriod === undefined ? '' : String(row.taxPeriod),
    row.title ?? '',
    row.forename,
    row.middleNames ?? '',
    row.surname,
    row.payrollId,
    date(row.dateOfBirth),
    row.gender,
    checked.nationalInsuranceNumber ?? '',
    lines[0] ?? '',
    lines[1] ?? '',
    lines[2] ?? '',
    lines[3] ?? '',
    row.address.postcode ?? '',
    row.address.country ?? '',
    row.email ?? '',
    date(row.employmentStartDate),
    date(row.leavingDate),
    '',
    PAPDIS_ASSESSMENT_CODES[row.assessment],
    event,
    row.enrolmentEvent ? date(row.enrolmentDate) : '',
    '',
    date(row.optOutDate),
    '',
    '',
    checked.employerContribution.toString(),
    checked.employeeContribution.toString(),
    '',
    '',
    checked.pensionableEarnings.toString(),
    '',
    '',
    '',
    '',
  ];
}

/** The PAPDIS CSV for the rows, refused whole (text null, every problem listed by path and rule) if any is bad. */
export function papdisCsv(input: PapdisInput): PensionFileResult {
  const problems = new Problems();
  const rows = checkRows(input.rows, problems);
  if (problems.list.length > 0) return { text: null, problems: problems.list, totals: null };
  const lines = [[...PAPDIS_COLUMNS], ...rows.map((row) => papdisLine(row, input))];
  return { text: crlfLines(lines.map((cells) => cells.map(csvCell).join(','))), problems: [], totals: totalsOf(rows) };
}
