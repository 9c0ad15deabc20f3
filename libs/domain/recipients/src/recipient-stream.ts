import { defineStream, type DomainEvent } from '@dpe/decider';
import {
  EMPLOYER_PERSONAL_DATA,
  type EmployerRegistered,
  type EmployerRegisteredData,
  type PaHired,
  type PaHiredData,
} from './employer-types';

/**
 * A Direct Payment recipient: the person (or their parent, carer or suitable person) who holds the DP account and,
 * when they employ Personal Assistants, is a PAYE employer. Stream: recipient-{recipientId}.
 */
export const RECIPIENT_TYPES = ['adult', 'carer', 'parent-of-disabled-child'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

// Care Act 2014 s.32 lets a "suitable person" receive the DP for an adult who lacks capacity; a nominated
// representative manages it for someone who has capacity (dp-domain.md §5.1).
export const REPRESENTATIVE_ROLES = ['representative', 'suitable-person'] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];

export const DP_ACCOUNT_TYPES = ['managed-account', 'bank-account', 'prepaid-card'] as const;
export type DpAccountType = (typeof DP_ACCOUNT_TYPES)[number];

export interface Representative {
  readonly name: string;
  readonly role: RepresentativeRole;
}

export interface EmployerReferences {
  readonly payeReference: string;
  readonly accountsOfficeReference: string;
}

/** RecipientEnrolled, schema version 3 (the current one). */
export interface RecipientEnrolledData {
  readonly recipientId: string;
  /** The registered council paying the DP; null only for a recipient enrolled before councils were registered. */
  readonly councilId: string | null;
  /** The council as free text, kept only from version 1 and 2 events (before councils were registered). */
  readonly legacyCouncilName?: string;
  readonly recipientType: RecipientType;
  readonly name: string;
  readonly representative: Representative | null;
  readonly accountType: DpAccountType;
  /**
   * The HMRC employer references, set only on records written before register-as-employer existed (enrolment took
   * them then); null for every new enrolment. The employer's references are now on EmployerRegistered (`employer`).
   */
  readonly employerReferences: EmployerReferences | null;
  readonly enrolledOn: string;
}

/** RecipientEnrolled as version 2 wrote it: the council was free text. */
interface RecipientEnrolledV2 extends Omit<RecipientEnrolledData, 'councilId' | 'legacyCouncilName'> {
  readonly council: string;
}

/** RecipientEnrolled as version 1 wrote it: the references were required and held under `employer`. */
interface RecipientEnrolledV1 extends Omit<RecipientEnrolledV2, 'employerReferences'> {
  readonly employer: EmployerReferences;
}

export type RecipientEnrolled = DomainEvent<'RecipientEnrolled', RecipientEnrolledData>;
export interface ClientContribution {
  /** Pounds as decimal text, e.g. "25.00". */
  readonly amount: string;
  readonly frequency: 'weekly' | 'four-weekly' | 'monthly';
  readonly collection: 'net' | 'gross';
}

/** BudgetAgreed, schema version 1: one version of the personal budget paid as a Direct Payment. */
export interface BudgetAgreedData {
  readonly recipientId: string;
  readonly version: number;
  /** Pounds as decimal text, e.g. "412.50". */
  readonly grossWeekly: string;
  readonly effectiveFrom: string;
  readonly clientContribution: ClientContribution | null;
}
export type BudgetAgreed = DomainEvent<'BudgetAgreed', BudgetAgreedData>;

/** DirectPaymentSuspended / DirectPaymentResumed, schema version 1. */
export interface SuspensionData {
  readonly recipientId: string;
  /** Business date it takes effect. */
  readonly on: string;
  readonly reason: string;
}
export type DirectPaymentSuspended = DomainEvent<'DirectPaymentSuspended', SuspensionData>;
export type DirectPaymentResumed = DomainEvent<'DirectPaymentResumed', SuspensionData>;

/** DirectPaymentTerminated, schema version 1. */
export interface TerminationData {
  readonly recipientId: string;
  readonly on: string;
  readonly reason: string;
  /** Set when termination was forced past outstanding PAYE, pension or final pay: who approved it and why. */
  readonly forced: {
    readonly approver: string;
    readonly reason: string;
    readonly outstanding: readonly string[];
  } | null;
}
export type DirectPaymentTerminated = DomainEvent<'DirectPaymentTerminated', TerminationData>;

export type RecipientEvent =
  | RecipientEnrolled
  | BudgetAgreed
  | DirectPaymentSuspended
  | DirectPaymentResumed
  | DirectPaymentTerminated
  | EmployerRegistered
  | PaHired;

export type RecipientState =
  | { readonly status: 'not-enrolled' }
  | ({
      readonly status: 'enrolled';
      readonly budgets: readonly BudgetAgreedData[];
      /** The suspension in force, if the DP is suspended. */
      readonly suspension?: SuspensionData;
      readonly termination?: TerminationData;
      /** Set once the recipient has registered as a PAYE employer. */
      readonly employer?: EmployerRegisteredData;
      /** Every PA the employer has hired, in order; each is an employment with its own stream. */
      readonly roster: readonly PaHiredData[];
    } & RecipientEnrolledData);

export const recipientStream = defineStream<RecipientEvent, RecipientState>({
  name: 'recipient',
  streamId: (recipientId) => `recipient-${recipientId}`,
  initialState: { status: 'not-enrolled' },
  evolve(state, event) {
    switch (event.type) {
      case 'RecipientEnrolled':
        return { status: 'enrolled', budgets: [], roster: [], ...event.data };
      case 'BudgetAgreed':
        return state.status === 'enrolled' ? { ...state, budgets: [...state.budgets, event.data] } : state;
      case 'DirectPaymentSuspended':
        return state.status === 'enrolled' ? { ...state, suspension: event.data } : state;
      case 'DirectPaymentResumed': {
        if (state.status !== 'enrolled') return state;
        const { suspension: _ended, ...rest } = state;
        return rest;
      }
      case 'DirectPaymentTerminated':
        return state.status === 'enrolled' ? { ...state, termination: event.data } : state;
      case 'EmployerRegistered':
        return state.status === 'enrolled' ? { ...state, employer: event.data } : state;
      case 'PaHired':
        return state.status === 'enrolled' ? { ...state, roster: [...state.roster, event.data] } : state;
      default:
        // Events this version does not know (written by a newer one) leave the state as it is.
        return state;
    }
  },
  upcasters: {
    RecipientEnrolled: [
      (data) => {
        const { employer, ...rest } = data as RecipientEnrolledV1;
        return { ...rest, employerReferences: employer } satisfies RecipientEnrolledV2;
      },
      // Free text cannot be matched to a registered council safely, so the record keeps the text and no council id:
      // only principals of every council see it until it is re-enrolled under a registered council.
      (data) => {
        const { council, ...rest } = data as RecipientEnrolledV2;
        return { ...rest, councilId: null, legacyCouncilName: council } satisfies RecipientEnrolledData;
      },
    ],
  },
  personalData: {
    RecipientEnrolled: ['name', 'representative.name'],
    ...EMPLOYER_PERSONAL_DATA,
  },
});
