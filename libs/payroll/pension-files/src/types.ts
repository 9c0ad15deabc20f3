import { type InputIssue } from '@dpe/errors';

/** How often the worker is paid; each file maps it to its own code. */
export type PayFrequency = 'weekly' | 'fortnightly' | 'four-weekly' | 'monthly';

/**
 * The worker's automatic-enrolment category for this pay reference period (Pensions Act 2008 ss.1, 3, 7; TPR's
 * "worker categories"). `excluded` covers anyone outside the duties (under 16 or 75 and over, already a member of a
 * qualifying scheme, ...).
 */
export type PensionAssessment = 'eligible-jobholder' | 'non-eligible-jobholder' | 'entitled-worker' | 'excluded';

/** What enrolment happened in the period, if any: automatic (re-)enrolment, a jobholder's opt-in, a worker joining. */
export type EnrolmentEvent = 'automatic-enrolment' | 'opt-in' | 'joiner';

/** One worker's contribution for one pay reference period. Dates are ISO `YYYY-MM-DD`; amounts decimal text. */
export interface PensionContributionRow {
  /** The scheme's reference for the employer (PAPDIS EmployerId). */
  readonly employerId: string;
  /** The scheme's group or category the worker belongs to (PAPDIS Group). */
  readonly groupId?: string;
  readonly payrollId: string;
  readonly title?: string;
  readonly forename: string;
  readonly middleNames?: string;
  readonly surname: string;
  readonly nationalInsuranceNumber: string | null;
  readonly dateOfBirth: string;
  readonly gender: 'F' | 'M';
  /** Up to four address lines (PAPDIS has Address1..Address4). */
  readonly address: { readonly lines: readonly string[]; readonly postcode: string | null; readonly country?: string };
  readonly email?: string | null;
  readonly employmentStartDate: string;
  readonly leavingDate: string | null;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The date contributions were deducted (PAPDIS ContributionDeductionDate). */
  readonly payDate: string;
  readonly frequency: PayFrequency;
  /** Tax period number (1-52/53 weekly, 1-12 monthly), written to PAPDIS TaxPeriod when given. */
  readonly taxPeriod?: number;
  readonly assessment: PensionAssessment;
  /** The enrolment event of this period, if any; its date is `enrolmentDate`. */
  readonly enrolmentEvent?: EnrolmentEvent | null;
  /** Whether the worker is an active member of the scheme for this period (only members go in NEST's schedule). */
  readonly enrolled: boolean;
  readonly enrolmentDate?: string | null;
  /** Date the worker opted out, if they did (PAPDIS AEOptOutDate). */
  readonly optOutDate?: string | null;
  readonly pensionableEarnings: string;
  readonly employerContribution: string;
  readonly employeeContribution: string;
  /**
   * NEST "Reason for partial or non-payment of contributions" code, needed when contributions are zero or partial:
   * 1 no further contributions payable, 3 member on family leave, 5 member has insufficient earnings, 6 transferring
   * member to a different payment source (NEST help centre, "Making partial or zero payments through file upload").
   */
  readonly nestNonPaymentReason?: NestNonPaymentReason | null;
  /** The date a reason takes effect, where NEST asks for one (reason 6). */
  readonly nestNonPaymentEffectiveDate?: string | null;
}

export type NestNonPaymentReason = '1' | '3' | '5' | '6';

/** One thing wrong with a pension file's input: where (`rows[3].nationalInsuranceNumber`), the rule, why in words. */
export interface PensionFileProblem extends InputIssue {
  readonly message: string;
}

/** Totals over the rows written, summed with Money (never floats), as two-decimal text. */
export interface PensionFileTotals {
  readonly rows: number;
  readonly pensionableEarnings: string;
  readonly employerContributions: string;
  readonly employeeContributions: string;
  /** Employer plus employee: what the employer pays the scheme for the period. */
  readonly totalContributions: string;
}

export type PensionFileResult =
  | { readonly text: string; readonly problems: readonly []; readonly totals: PensionFileTotals }
  | { readonly text: null; readonly problems: readonly PensionFileProblem[]; readonly totals: null };

/** Every rule a problem can name. */
export const PENSION_FILE_RULES = {
  required: 'pension.required',
  dateFormat: 'pension.date-format',
  periodEndBeforeStart: 'pension.period-end-before-start',
  leavingBeforeStart: 'pension.leaving-before-start',
  niNumberFormat: 'pension.ni-number-format',
  amountFormat: 'pension.amount-format',
  amountNegative: 'pension.amount-negative',
  gender: 'pension.gender',
  frequency: 'pension.frequency',
  assessment: 'pension.assessment',
  enrolmentEvent: 'pension.enrolment-event',
  addressLines: 'pension.address-too-many-lines',
  taxPeriod: 'pension.tax-period',
  noRows: 'pension.no-rows',
  nestEmployerReference: 'nest.employer-reference-format',
  nestPaymentSource: 'nest.payment-source-format',
  nestPeriodMismatch: 'nest.row-period-mismatch',
  nestFrequencyMismatch: 'nest.row-frequency-mismatch',
  nestReasonRequired: 'nest.reason-required-for-zero-contributions',
  nestReason: 'nest.non-payment-reason',
} as const;
