import { BUREAU_WRITERS } from '@dpe/access';
import { defineStream, type DomainEvent, type PrepareContext } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import {
  recipientStream,
  type BankDetails,
  type PaHiredData,
  type PayRates,
  type RateKind,
  type RecipientState,
} from '@dpe/recipients';
import { identifier } from '@dpe/schema';
import type { Weekday } from '@dpe/statutory-pay';
import { UNDERGRADUATE_LOAN_PLANS, type UndergraduateLoanPlan } from '@dpe/student-loans';
import { taxYearOf } from '@dpe/tax-calendar';
import { DateTime } from 'luxon';

/**
 * One employment of a Personal Assistant by a Direct Payment recipient, after the hire: everything that changes
 * during it. Stream: employment-{employmentId}. The hire itself (PaHired) is on the recipient's stream, in its roster
 * (docs/domain-model.md), so every decision here reads the recipient first (`prepare`) and refuses an employment that
 * is not on that recipient's roster. Money is pounds as decimal text; dates are ISO business dates (Europe/London).
 */

/** The HMRC coding notices an employer operates (uk-payroll-rules.md §1.4): P6 during the year (P6B: one that also
 * gives pay and tax from a previous employment, not recorded here), P9 for the next tax year. */
export const TAX_CODE_NOTICES = ['P6', 'P6B', 'P9'] as const;
export type TaxCodeNotice = (typeof TAX_CODE_NOTICES)[number];

/** HMRC loan notices: SL1 start / SL2 stop an undergraduate plan, PGL1 start / PGL2 stop the Postgraduate Loan
 * (uk-payroll-rules.md §8). */
export const STUDENT_LOAN_NOTICES = ['SL1', 'SL2', 'PGL1', 'PGL2'] as const;
export type StudentLoanNotice = (typeof STUDENT_LOAN_NOTICES)[number];

export const ABSENCE_KINDS = ['holiday', 'sickness', 'maternity', 'paternity'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];

export const LEAVING_REASONS = [
  'resignation',
  'dismissal',
  'redundancy',
  'end-of-contract',
  'employer-died',
  'retirement',
  'other',
] as const;
export type LeavingReason = (typeof LEAVING_REASONS)[number];

interface OfEmployment {
  readonly recipientId: string;
  readonly employmentId: string;
}

/** TaxCodeChanged, schema version 1: an HMRC coding notice, operated from the first pay date on or after effectiveFrom. */
export interface TaxCodeChangedData extends OfEmployment {
  readonly notice: TaxCodeNotice;
  /** Normalised as HMRC writes it (upper case, S/C prefix), without a W1/M1/X marker: the basis is `week1Month1`. */
  readonly taxCode: string;
  readonly week1Month1: boolean;
  readonly issuedOn: string;
  readonly effectiveFrom: string;
}
export type TaxCodeChanged = DomainEvent<'TaxCodeChanged', TaxCodeChangedData>;

/** StudentLoansChanged, schema version 1: one loan notice. `plan` names the undergraduate plan of an SL1 or SL2. */
export interface StudentLoansChangedData extends OfEmployment {
  readonly notice: StudentLoanNotice;
  readonly plan: UndergraduateLoanPlan | null;
  readonly effectiveFrom: string;
}
export type StudentLoansChanged = DomainEvent<'StudentLoansChanged', StudentLoansChangedData>;

/** PayRateChanged, schema version 1: new rates from effectiveFrom (changes take effect in order). */
export interface PayRateChangedData extends OfEmployment {
  readonly effectiveFrom: string;
  readonly rates: PayRates;
}
export type PayRateChanged = DomainEvent<'PayRateChanged', PayRateChangedData>;

/** BankDetailsChanged, schema version 1: where net pay is paid from effectiveFrom. accountName, sortCode and
 * accountNumber are personal data. */
export interface BankDetailsChangedData extends OfEmployment, BankDetails {
  readonly effectiveFrom: string;
}
export type BankDetailsChanged = DomainEvent<'BankDetailsChanged', BankDetailsChangedData>;

/** Holiday taken, in hours or in days (exactly one is set), decimal text. */
export interface HolidayAbsence {
  readonly kind: 'holiday';
  readonly from: string;
  readonly to: string;
  readonly hours: string | null;
  readonly days: string | null;
}
/** A spell of sickness; lastDay null while the PA is still off sick. */
export interface SicknessAbsence {
  readonly kind: 'sickness';
  readonly firstDay: string;
  readonly lastDay: string | null;
  /** The weekdays the PA normally works: SSP is paid only for these (SSCBA 1992 s.154). */
  readonly qualifyingDays: readonly Weekday[];
  readonly fitNote: boolean;
}
export interface MaternityAbsence {
  readonly kind: 'maternity';
  /** The Sunday that starts the expected week of childbirth (SSCBA 1992 s.171(1): a week begins on Sunday). */
  readonly expectedWeekOfChildbirth: string;
  /** The first day of the maternity pay period. */
  readonly startDate: string;
  readonly averageWeeklyEarnings: string;
}
export interface PaternityAbsence {
  readonly kind: 'paternity';
  readonly startDate: string;
  readonly weeks: 1 | 2;
  readonly averageWeeklyEarnings: string;
}
export type Absence = HolidayAbsence | SicknessAbsence | MaternityAbsence | PaternityAbsence;

/** AbsenceRecorded, schema version 1. A sickness recorded again with the firstDay of an open spell replaces it (same
 * absenceId): that is how an open spell is closed. */
export type AbsenceRecordedData = OfEmployment & { readonly absenceId: string } & Absence;
export type AbsenceRecorded = DomainEvent<'AbsenceRecorded', AbsenceRecordedData>;

export interface FinalPay {
  readonly noticePay: string | null;
  /** Holiday accrued and not taken, paid on leaving. */
  readonly holidayOwed: { readonly hours: string; readonly amount: string } | null;
  /** Free of tax (ITEPA 2003 s.309) and of NICs (not earnings): paid outside gross-to-net. */
  readonly statutoryRedundancyPay: string | null;
}

/** LeaverRecorded, schema version 1: the employment ends on leavingDate (the last day of employment). */
export interface LeaverRecordedData extends OfEmployment {
  readonly leavingDate: string;
  readonly reason: LeavingReason;
  readonly finalPay: FinalPay;
}
export type LeaverRecorded = DomainEvent<'LeaverRecorded', LeaverRecordedData>;

/** A shift as a timesheet records it (the timesheets library's Shift). */
export interface AmendedShift {
  readonly date: string;
  readonly start: string;
  readonly hours: string;
  readonly rateKind: RateKind;
}

/**
 * TimesheetAmended, schema version 1: an approved timesheet's shifts corrected. Never an edit of the timesheet: the
 * next pay run pays the corrected shifts if the timesheet is unpaid, or the difference as an adjustment line if it was
 * paid. Recorded on the employment's stream, which every pay run of the employment reads.
 */
export interface TimesheetAmendedData extends OfEmployment {
  readonly amendmentId: string;
  readonly timesheetId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The shifts as they should have been: they replace the timesheet's (and any earlier amendment's). */
  readonly shifts: readonly AmendedShift[];
  /** The shifts they replace, so the difference is known without reading the timesheet again. */
  readonly replaces: readonly AmendedShift[];
  readonly reason: string;
}
export type TimesheetAmended = DomainEvent<'TimesheetAmended', TimesheetAmendedData>;

export type EmploymentEvent =
  | TaxCodeChanged
  | StudentLoansChanged
  | PayRateChanged
  | BankDetailsChanged
  | AbsenceRecorded
  | LeaverRecorded
  | TimesheetAmended;

/** Every change since the hire, in the order recorded. */
export interface EmploymentState {
  /** The recipient whose employment this is, from the first event (null before any). */
  readonly recipientId: string | null;
  readonly taxCodes: readonly TaxCodeChangedData[];
  readonly studentLoans: readonly StudentLoansChangedData[];
  readonly payRates: readonly PayRateChangedData[];
  readonly bankDetails: readonly BankDetailsChangedData[];
  readonly absences: readonly AbsenceRecordedData[];
  readonly leaver: LeaverRecordedData | null;
  /** Corrections of approved timesheets, in the order recorded. */
  readonly amendments: readonly TimesheetAmendedData[];
}

export const EMPTY_EMPLOYMENT: EmploymentState = {
  recipientId: null,
  taxCodes: [],
  studentLoans: [],
  payRates: [],
  bankDetails: [],
  absences: [],
  leaver: null,
  amendments: [],
};

export const employmentStream = defineStream<EmploymentEvent, EmploymentState>({
  name: 'employment',
  streamId: (employmentId) => `employment-${employmentId}`,
  initialState: EMPTY_EMPLOYMENT,
  evolve(state, event) {
    const base = state.recipientId === null ? { ...state, recipientId: event.data.recipientId } : state;
    switch (event.type) {
      case 'TaxCodeChanged':
        return { ...base, taxCodes: [...base.taxCodes, event.data] };
      case 'StudentLoansChanged':
        return { ...base, studentLoans: [...base.studentLoans, event.data] };
      case 'PayRateChanged':
        return { ...base, payRates: [...base.payRates, event.data] };
      case 'BankDetailsChanged':
        return { ...base, bankDetails: [...base.bankDetails, event.data] };
      case 'AbsenceRecorded': {
        // A replacement (an open sickness closed) keeps its place, so the absences stay in the order first recorded.
        const replaces = base.absences.some((absence) => absence.absenceId === event.data.absenceId);
        const absences = replaces
          ? base.absences.map((absence) => (absence.absenceId === event.data.absenceId ? event.data : absence))
          : [...base.absences, event.data];
        return { ...base, absences };
      }
      case 'LeaverRecorded':
        return { ...base, leaver: event.data };
      case 'TimesheetAmended':
        return { ...base, amendments: [...(base.amendments ?? []), event.data] };
      default:
        // Events this version does not know (written by a newer one) leave the state as it is.
        return state;
    }
  },
  personalData: {
    BankDetailsChanged: ['accountName', 'sortCode', 'accountNumber'],
  },
});

// ------------------------------------------------------------------------------------------------ commands' shared parts

/** An employment id as callers write it: unique without regard to case, so kept in lower case. */
export const EmploymentId = identifier(64, 'Employment id (case does not matter), as the hire recorded it').transform(
  (id) => id.toLowerCase(),
);

/** The one answer for an employment that is not on the recipient's roster, or that the caller may not see. */
export function employmentNotFound(command: OfEmployment): DomainError {
  return new DomainError(
    'not-found',
    'employment.not-found',
    `employment ${command.employmentId} is not on the roster of recipient ${command.recipientId}`,
  );
}

export interface EmploymentPrepared {
  readonly recipient: RecipientState;
}

/** `prepare` of every employment command: the recipient, whose roster holds the hire and whose council is the scope. */
export async function prepareEmployment(command: OfEmployment, { load }: PrepareContext): Promise<EmploymentPrepared> {
  return { recipient: await load(recipientStream, command.recipientId) };
}

/** The policy of every employment command: the bureau's writers, in the council of the stored recipient. */
export const EMPLOYMENT_POLICY = {
  roles: BUREAU_WRITERS,
  councilOfPrepared: ({ recipient }: EmploymentPrepared) =>
    recipient.status === 'enrolled' ? recipient.councilId : undefined,
  notFound: (command: OfEmployment) => employmentNotFound(command),
};

/**
 * The hire of the command's employment, from the recipient's roster; refused as not found when the recipient is not
 * enrolled, the employment is not on its roster, or the stream already belongs to another recipient.
 */
export function hiredEmployment(
  command: OfEmployment,
  state: EmploymentState,
  { recipient }: EmploymentPrepared,
): PaHiredData {
  const hire =
    recipient.status === 'enrolled'
      ? recipient.roster.find((entry) => entry.employmentId === command.employmentId)
      : undefined;
  if (!hire || (state.recipientId !== null && state.recipientId !== command.recipientId))
    throw employmentNotFound(command);
  return hire;
}

/** Refuses a date before the employment started or, once a leaver is recorded, after the leaving date. */
export function assertWithinEmployment(
  code: string,
  field: string,
  date: string,
  hire: PaHiredData,
  state: EmploymentState,
): void {
  if (date < hire.startDate) {
    throw new DomainError(
      'rule',
      `${code}.before-start`,
      `${field} ${date} is before the employment started on ${hire.startDate}`,
    );
  }
  if (state.leaver && date > state.leaver.leavingDate) {
    throw new DomainError(
      'rule',
      `${code}.after-leaving`,
      `${field} ${date} is after the PA left on ${state.leaver.leavingDate}`,
    );
  }
}

export const addDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'Europe/London' }).plus({ days }).toISODate()!;

// --------------------------------------------------------------------------------------------------- terms on a pay date

export interface EmploymentTerms {
  readonly taxCode: string;
  /** Non-cumulative basis for this pay. */
  readonly week1Month1: boolean;
  /** Where the code comes from: the hire, or the notice in force. */
  readonly taxCodeSource: 'hire' | TaxCodeNotice;
  readonly studentLoanPlans: readonly UndergraduateLoanPlan[];
  readonly postgraduateLoan: boolean;
  readonly rates: PayRates;
  readonly bank: BankDetails;
  /** The leaver record, once one is recorded (its final pay is due on the next pay date). */
  readonly leaver: LeaverRecordedData | null;
  /** True when the pay date is after the leaving date: the PA has left. */
  readonly hasLeft: boolean;
}

/** Of the changes taking effect on or before the date, the latest to take effect (a tie: the one recorded last). */
function inForce<T extends { readonly effectiveFrom: string }>(changes: readonly T[], on: string): T | undefined {
  let found: T | undefined;
  for (const change of changes) {
    if (change.effectiveFrom <= on && (!found || change.effectiveFrom >= found.effectiveFrom)) found = change;
  }
  return found;
}

/**
 * The terms in force for a pay on payDate.
 *
 * - Tax code: a P6/P6B/P9 notice is operated from the first pay date on or after its effectiveFrom (a P9's is
 *   6 April, the start of the tax year it is for), so the notice in force is the one with the latest effectiveFrom on
 *   or before the pay date; none → the hire's code. Its W1/M1 basis is as the notice says, so a new cumulative notice
 *   ends a W1/M1 basis (uk-payroll-rules.md §1.4). A W1/M1 code carried into a later tax year is operated cumulatively:
 *   HMRC's P9X tells employers not to carry week 1/month 1 markers forward at the start of a tax year.
 * - Student loans: the hire's plans, then every SL1/SL2/PGL1/PGL2 with effectiveFrom on or before the pay date, in the
 *   order they take effect (uk-payroll-rules.md §8): deductions start or stop from the first pay date on or after the
 *   date on the notice.
 * - Rates and bank details: the latest change with effectiveFrom on or before the pay date, else the hire's.
 */
export function employmentTermsOn(hire: PaHiredData, state: EmploymentState, payDate: string): EmploymentTerms {
  const notice = inForce(state.taxCodes, payDate);
  const code = notice
    ? { taxCode: notice.taxCode, week1Month1: notice.week1Month1, from: notice.effectiveFrom, source: notice.notice }
    : { taxCode: hire.taxCode, week1Month1: hire.week1Month1, from: hire.startDate, source: 'hire' as const };
  const carriedIntoLaterYear = taxYearOf(code.from).id !== taxYearOf(payDate).id;

  const plans = new Set<UndergraduateLoanPlan>(hire.studentLoanPlans);
  let postgraduateLoan = hire.postgraduateLoan;
  const loanNotices = state.studentLoans
    .map((change, order) => ({ change, order }))
    .filter(({ change }) => change.effectiveFrom <= payDate)
    .sort((a, b) => a.change.effectiveFrom.localeCompare(b.change.effectiveFrom) || a.order - b.order);
  for (const { change } of loanNotices) {
    if (change.notice === 'SL1' && change.plan) plans.add(change.plan);
    if (change.notice === 'SL2' && change.plan) plans.delete(change.plan);
    if (change.notice === 'PGL1') postgraduateLoan = true;
    if (change.notice === 'PGL2') postgraduateLoan = false;
  }

  const rates = inForce(state.payRates, payDate)?.rates ?? hire.rates;
  const bankChange = inForce(state.bankDetails, payDate);
  const bank: BankDetails = bankChange
    ? { accountName: bankChange.accountName, sortCode: bankChange.sortCode, accountNumber: bankChange.accountNumber }
    : hire.bank;

  return {
    taxCode: code.taxCode,
    week1Month1: code.week1Month1 && !carriedIntoLaterYear,
    taxCodeSource: code.source,
    studentLoanPlans: UNDERGRADUATE_LOAN_PLANS.filter((plan) => plans.has(plan)),
    postgraduateLoan,
    rates,
    bank,
    leaver: state.leaver,
    hasLeft: state.leaver !== null && payDate > state.leaver.leavingDate,
  };
}

/**
 * employmentTermsOn for one hire and one state, worked out once per distinct date: a timesheet names the same few days
 * in many shifts, and a decision asks for the terms of each. Hold the lookup for one decision only (the state it closes
 * over is the state read for it); the terms of a date are exactly employmentTermsOn's, and shared, so not to be changed.
 */
export function employmentTermsLookup(hire: PaHiredData, state: EmploymentState): (date: string) => EmploymentTerms {
  const byDate = new Map<string, EmploymentTerms>();
  return (date) => {
    let terms = byDate.get(date);
    if (terms === undefined) {
      terms = employmentTermsOn(hire, state, date);
      byDate.set(date, terms);
    }
    return terms;
  };
}

// ------------------------------------------------------------------------------------------------------------ absences

/** Weeks in the maternity pay period (SSCBA 1992 s.165(1)). */
export const MATERNITY_PAY_PERIOD_WEEKS = 39;

/** The days an absence covers, first and last inclusive; last null for a sickness still open. */
export function absencePeriod(absence: Absence): { readonly first: string; readonly last: string | null } {
  switch (absence.kind) {
    case 'holiday':
      return { first: absence.from, last: absence.to };
    case 'sickness':
      return { first: absence.firstDay, last: absence.lastDay };
    case 'maternity':
      return { first: absence.startDate, last: addDays(absence.startDate, MATERNITY_PAY_PERIOD_WEEKS * 7 - 1) };
    case 'paternity':
      return { first: absence.startDate, last: addDays(absence.startDate, absence.weeks * 7 - 1) };
  }
}

/** True when two periods share a day (an open period runs on indefinitely). */
export function periodsOverlap(
  a: { readonly first: string; readonly last: string | null },
  b: { readonly first: string; readonly last: string | null },
): boolean {
  return (a.last === null || b.first <= a.last) && (b.last === null || a.first <= b.last);
}

/** The absences that cover any day from `from` to `to` inclusive, in the order recorded. */
export function absencesIn(state: EmploymentState, from: string, to: string): AbsenceRecordedData[] {
  return state.absences.filter((absence) => periodsOverlap(absencePeriod(absence), { first: from, last: to }));
}
