import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineStream, type DomainEvent } from '@dpe/decider';

/**
 * The DP account's money, one stream per recipient: `account-{recipientId}`. Its council is the recipient's, found by
 * `prepare`, so a record of another council's account is refused as not found before anything is decided.
 *
 * Money is tagged by its source so that a recovery can be split between the council's money and the client's own
 * (dp-domain.md §5 conventions; Gateshead refunds an overpaid contribution and recoups only the council's share, §0.3):
 * here the tag is the event type. FundingReceived is the council's money (§5.2 `FundingReceived`, source=council),
 * ClientContributionReceived the client's (§5.2 `ContributionReceived`, source=client), and OtherSpendRecorded money
 * going out other than payroll (§5.2 `PaymentInstructed`: agency invoice, provider fee, other).
 */
export interface FundingReceivedData {
  readonly recipientId: string;
  /** Pounds as decimal text, e.g. "1650.00". */
  readonly amount: string;
  /** The period the payment funds (a council pays four-weekly or monthly in advance, typically). */
  readonly periodFrom: string;
  readonly periodTo: string;
  /** The council's remittance reference, as on its remittance advice. */
  readonly remittanceReference: string;
  readonly receivedOn: string;
}
export type FundingReceived = DomainEvent<'FundingReceived', FundingReceivedData>;

/**
 * How a client's contribution reaches the DP account under the net model (dp-domain.md §1.7: the person pays their
 * contribution into the account, Lincolnshire, Gloucestershire; "into the card", Brighton & Hove, Gloucestershire, hence
 * `card`; Durham's few who pay into the account). `cash` and `cheque` are paid in at a bank or to a managed-account
 * provider. An invoice or direct debit to the council (the gross model, Hartlepool, Durham) never reaches the account,
 * so it is not a method here.
 */
export const CONTRIBUTION_METHODS = ['bank-transfer', 'standing-order', 'card', 'cash', 'cheque'] as const;
export type ContributionMethod = (typeof CONTRIBUTION_METHODS)[number];

/** ClientContributionReceived, schema version 1: the client's own money paid into the DP account. */
export interface ClientContributionReceivedData {
  readonly recipientId: string;
  /** Pounds as decimal text, e.g. "48.20". */
  readonly amount: string;
  readonly receivedOn: string;
  /** The period the contribution is for (usually 4 weeks, dp-domain.md §1.7), or null when the payer did not say. */
  readonly periodFrom: string | null;
  readonly periodTo: string | null;
  readonly method: ContributionMethod;
  /** The payment's reference as on the statement (a standing order's often carries the client's name). */
  readonly reference: string;
}
export type ClientContributionReceived = DomainEvent<'ClientContributionReceived', ClientContributionReceivedData>;

/**
 * What DP money other than payroll is spent on. Two groups, both from dp-domain.md:
 *
 * - What a DP pays for besides a PA's wages: `agency-care` (agency invoices, §2.1 Royal Greenwich "pays agency
 *   invoices", §1.6 Durham's unpaid agency/provider invoices, §5.2 payee "agency invoice"); `provider-fee` (payroll
 *   and managed-account fees, §2.1, §5.2 payee "provider fee"); `equipment` (one-off DPs for equipment, §1.8);
 *   `respite` (allocated respite funds, Trafford §1.5, earmarks §5.1); `insurance` (employer's liability insurance,
 *   §1.9 Wigan, §5.3). `transport`, `activities` and `training` (of PAs) are common support-plan items the reference
 *   does not name **[inference]**; `other` is anything else, described in `description`.
 * - What councils name as disallowed (§1.8: Oldham, Birmingham, Royal Greenwich, Stockport, South Tyneside, Merton):
 *   `household-costs` (food, utilities, rent), `clothing`, `alcohol-tobacco`, `gambling`, `residential-care`
 *   (long-term residential or nursing care), `nhs-funded` (NHS-funded services), `bank-charges` (general bank
 *   charges), `cash-withdrawal` (Oldham), `staff-extras` (tips, bonuses or extra payments to staff, Stockport). They are
 *   categories so that spend found on a statement can be recorded as what it is, and flagged when the council's policy
 *   disallows it (a council's `disallowedCategories` names them).
 */
export const SPEND_CATEGORIES = [
  'agency-care',
  'equipment',
  'provider-fee',
  'respite',
  'transport',
  'activities',
  'training',
  'insurance',
  'household-costs',
  'clothing',
  'alcohol-tobacco',
  'gambling',
  'residential-care',
  'nhs-funded',
  'bank-charges',
  'cash-withdrawal',
  'staff-extras',
  'other',
] as const;
export type SpendCategory = (typeof SPEND_CATEGORIES)[number];

/** Why a spend was recorded but flagged (dp-domain.md §5.2 `TransactionFlagged`: rule id, e.g. disallowed category). */
export interface SpendFlag {
  readonly rule: 'council.disallowed-category';
  /** The version of the council's policy that disallows the category. */
  readonly policyVersion: number;
  readonly message: string;
}

/** OtherSpendRecorded, schema version 1: money owed or paid from the DP account other than payroll. */
export interface OtherSpendRecordedData {
  readonly recipientId: string;
  /** Derived from the command id, so a retry records the same spend. */
  readonly spendId: string;
  readonly category: SpendCategory;
  /** Who is paid: an agency, a provider, a shop; may be a person. */
  readonly payee: string;
  /** Pounds as decimal text. */
  readonly amount: string;
  readonly invoiceReference: string;
  readonly invoiceDate: string;
  readonly dueDate: string | null;
  readonly description: string;
  /** The version of the council's policy in force on the invoice date, checked for the category; null if none. */
  readonly policyVersion: number | null;
  /** Present when the policy disallows the category: the spend is a fact, recorded, and flagged for audit. */
  readonly flag: SpendFlag | null;
}
export type OtherSpendRecorded = DomainEvent<'OtherSpendRecorded', OtherSpendRecordedData>;

export type AccountEvent = FundingReceived | ClientContributionReceived | OtherSpendRecorded;

/** The account's raw records in the order recorded; balances are computed from them elsewhere. */
export interface AccountState {
  /** The council's money in (source=council). */
  readonly funding: readonly FundingReceivedData[];
  /** The client's money in (source=client). */
  readonly contributions: readonly ClientContributionReceivedData[];
  readonly spend: readonly OtherSpendRecordedData[];
}

export const accountStream = defineStream<AccountEvent, AccountState>({
  name: 'account',
  streamId: (recipientId) => `account-${recipientId}`,
  initialState: { funding: [], contributions: [], spend: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'FundingReceived':
        return { ...state, funding: [...state.funding, event.data] };
      case 'ClientContributionReceived':
        return { ...state, contributions: [...state.contributions, event.data] };
      case 'OtherSpendRecorded':
        return { ...state, spend: [...state.spend, event.data] };
      default:
        // Events this version does not know (written by a newer one) leave the state as it is.
        return state;
    }
  },
  personalData: {
    ClientContributionReceived: ['reference'],
    // A payee may be a person (a self-employed worker, a relative), and a description may name a condition.
    OtherSpendRecorded: ['payee', 'description'],
  },
});

/** Council finance records the council's own remittances; the bureau records everything on the account. */
export const FUNDERS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];
/** Money on a DP account is under the Care Act 2014 regime, which began 1 April 2015. */
export const ACCOUNT_DATES = { from: '2015-04-01', to: '2099-12-31' };
