import type { DomainEvent } from '@dpe/decider';

/**
 * The recipient as a PAYE employer, and the roster of Personal Assistants it employs. Both live on the recipient's
 * stream (docs/domain-model.md): a pay run starts from the employer and finds every employment there, never in a read
 * model that may lag. Money is pounds as decimal text; dates are ISO business dates (Europe/London).
 */

export interface Warning {
  readonly code: string;
  readonly message: string;
}

export interface PensionScheme {
  readonly provider: string;
  /** The employer's auto-enrolment duties start date (the first day it employed a worker, for a new employer). */
  readonly dutiesStartDate: string;
  readonly taxRelief: 'relief-at-source' | 'net-pay-arrangement';
  /** Rates on qualifying earnings as decimal fractions ("0.03", "0.05"); the statutory minimums when absent. */
  readonly employerRate: string | null;
  readonly employeeRate: string | null;
}

/** A UK postal address: 1 to 4 lines of at most 35 characters, and a UK postcode ("LS1 1AA"). */
export interface EmployerAddress {
  readonly lines: readonly string[];
  readonly postcode: string;
}

/** EmployerRegistered, schema version 1. */
export interface EmployerRegisteredData {
  readonly recipientId: string;
  /** As HMRC writes it: "123/AB456". One PAYE scheme belongs to one employer (the store claims it). */
  readonly payeReference: string;
  /** 13 characters, e.g. "123PW12345678". */
  readonly accountsOfficeReference: string;
  /** Claimed for the tax year of each run: care and support employers qualify (uk-payroll-rules.md §4). */
  readonly employmentAllowance: boolean;
  readonly pensionScheme: PensionScheme | null;
  readonly employersLiabilityInsurance: { readonly insurer: string; readonly renewalDate: string } | null;
  /** Whether the bureau files and pays as the employer's agent (a 64-8 or online authorisation). */
  readonly bureauActsAsAgent: boolean;
  /**
   * Where the employer's forms (P45, P60) and HMRC's letters go; personal data. Absent when not given, and on every
   * event written before the field existed: such an event folds as before, with no address held.
   */
  readonly address?: EmployerAddress;
  readonly registeredOn: string;
  /** Accepted with a warning shown to the operator, e.g. an Accounts Office office number that differs. */
  readonly warnings: readonly Warning[];
}
export type EmployerRegistered = DomainEvent<'EmployerRegistered', EmployerRegisteredData>;

export const PAY_DAY_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/**
 * When a PA is paid. Weekly, fortnightly and four-weekly pay dates fall every 1, 2 or 4 weeks from `firstPayDate`
 * (which fixes the weekday); monthly on a day of the month or the last working day. Each pay date pays the period
 * that ends `daysInArrears` days before it (weekly kinds: the 1, 2 or 4 weeks ending then; monthly: the calendar
 * month of the pay date when 0, else the month ending that many days before).
 */
export type PaySchedule =
  | {
      readonly frequency: 'weekly' | 'fortnightly' | 'four-weekly';
      readonly firstPayDate: string;
      readonly daysInArrears: number;
    }
  | {
      readonly frequency: 'monthly';
      /** 1-31 (a short month pays on its last day), or the last working day (Mon-Fri, not a bank holiday). */
      readonly payDay: number | 'last-working-day';
      readonly firstPayDate: string;
      readonly daysInArrears: number;
    };

export const RATE_KINDS = ['standard', 'night', 'weekend', 'bank-holiday', 'sleep-in'] as const;
export type RateKind = (typeof RATE_KINDS)[number];

/** Hourly rates by kind; `sleep-in` is a flat amount per night (not hourly). Only `standard` is required. */
export type PayRates = { readonly standard: string } & Partial<Record<Exclude<RateKind, 'standard'>, string>>;

export type StarterDeclaration =
  | { readonly kind: 'statement'; readonly statement: 'A' | 'B' | 'C' }
  | {
      readonly kind: 'p45';
      readonly previousPayToDate: string;
      readonly previousTaxToDate: string;
      readonly taxCode: string;
      readonly week1Month1: boolean;
      readonly leavingDate: string;
    };

export interface BankDetails {
  readonly accountName: string;
  /** Six digits, no separators. */
  readonly sortCode: string;
  /** Eight digits. */
  readonly accountNumber: string;
}

export interface PostalAddress {
  readonly lines: readonly string[];
  readonly postcode: string | null;
}

/** PaHired, schema version 1: everything needed to pay the PA from the first run. */
export interface PaHiredData {
  readonly recipientId: string;
  readonly employmentId: string;
  /** The employer's own payroll id for the PA (FPS PayId); defaults to the employment id. */
  readonly payrollId: string;
  readonly pa: {
    readonly forename: string;
    readonly surname: string;
    /** Null when the PA has none yet (HMRC: report without it; never a temporary number). */
    readonly nationalInsuranceNumber: string | null;
    readonly dateOfBirth: string;
    readonly gender: 'F' | 'M';
    readonly address: PostalAddress;
  };
  readonly startDate: string;
  readonly starter: StarterDeclaration;
  readonly taxCode: string;
  readonly week1Month1: boolean;
  readonly niCategory: string;
  readonly studentLoanPlans: readonly ('1' | '2' | '4' | '5')[];
  readonly postgraduateLoan: boolean;
  readonly schedule: PaySchedule;
  readonly rates: PayRates;
  /** Contracted hours a week, when the PA has regular hours (used for 5.6 weeks holiday and SSP qualifying days). */
  readonly contractedHoursPerWeek: string | null;
  readonly holiday:
    | { readonly basis: 'accrual'; readonly rolledUp: boolean }
    | { readonly basis: 'weeks'; readonly weeksPerYear: string };
  readonly pension: 'assess' | 'opted-in' | 'opted-out';
  readonly bank: BankDetails;
  readonly warnings: readonly Warning[];
}
export type PaHired = DomainEvent<'PaHired', PaHiredData>;

/** Personal fields of the employer events, by path, for the stream's declaration. */
export const EMPLOYER_PERSONAL_DATA = {
  EmployerRegistered: ['address'],
  PaHired: [
    'pa.forename',
    'pa.surname',
    'pa.nationalInsuranceNumber',
    'pa.dateOfBirth',
    'pa.gender',
    'pa.address',
    'bank.accountName',
    'bank.sortCode',
    'bank.accountNumber',
  ],
} as const;
