import { defineStream, type DomainEvent } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import type { RECOVERY_METHODS } from '@dpe/councils';
import { identifier } from '@dpe/schema';
import type { Earmark, RecoverableSurplus } from './recoverable-surplus';

/**
 * The recovery of a surplus from a recipient's Direct Payment account, one stream per recipient:
 * `recovery-{recipientId}`, holding every recovery in turn (at most one open at a time). The steps follow dp-domain.md
 * §5.4: `RecoveryProposed` (amount, recipient notified, response window), `RecoveryRaised` (method),
 * `RecoveryPaymentReceived` (partial allowed) and a closing outcome (`RecoveryOffsetApplied`, `RecoveryWaived`): a
 * recovery is proposed and the recipient given notice before any money moves (LGO Lancashire 22 014 616: money clawed
 * back without warning; §0.3: "a warning or discussion must come first"). Its council is the recipient's, found by
 * `prepare`. Money is pounds as decimal text with two places; dates are business dates (Europe/London).
 */

export type RecoveryMethod = (typeof RECOVERY_METHODS)[number];

/** RecoveryProposed, schema version 1: the recipient is told what the council means to recover, and by when to answer. */
export interface RecoveryProposedData {
  readonly recipientId: string;
  /** Derived from the command id, so a retry proposes the same recovery. */
  readonly recoveryId: string;
  readonly councilId: string;
  readonly amount: string;
  /** Why: free text, which may name the person's circumstances (so personal data). */
  readonly reason: string;
  /** The business date of the proposal (the date of the decision). */
  readonly proposedOn: string;
  /** proposedOn + the policy's recoveryNoticeDays: the recovery may be raised on this date, not before. */
  readonly noticeEndsOn: string;
  readonly noticeDays: number;
  /** The version of the council's policy in force on proposedOn, which the surplus and the notice used. */
  readonly policyVersion: number;
  /** Allocations set aside from the surplus (respite, a one-off item), as the proposer listed them. */
  readonly earmarks: readonly Earmark[];
  /** The recoverable surplus computed at the proposal, every component. */
  readonly surplus: RecoverableSurplus;
}
export type RecoveryProposed = DomainEvent<'RecoveryProposed', RecoveryProposedData>;

/** RecoveryRaised, schema version 1: after the notice, the council asks for the money by one of its policy's methods. */
export interface RecoveryRaisedData {
  readonly recipientId: string;
  readonly recoveryId: string;
  readonly method: RecoveryMethod;
  readonly amount: string;
  readonly raisedOn: string;
  /** The version of the council's policy in force on raisedOn, whose methods and surplus rules applied. */
  readonly policyVersion: number;
  /** The recoverable surplus recomputed at raising (with the proposal's earmarks). */
  readonly surplus: RecoverableSurplus;
}
export type RecoveryRaised = DomainEvent<'RecoveryRaised', RecoveryRaisedData>;

/** RecoveryPaymentReceived, schema version 1: money paid to the council against a raised recovery (part or all). */
export interface RecoveryPaymentReceivedData {
  readonly recipientId: string;
  readonly recoveryId: string;
  readonly paymentId: string;
  readonly amount: string;
  readonly receivedOn: string;
  /** The payment's reference as on the council's statement; it may carry the payer's name (personal data). */
  readonly reference: string;
}
export type RecoveryPaymentReceived = DomainEvent<'RecoveryPaymentReceived', RecoveryPaymentReceivedData>;

export const RECOVERY_OUTCOMES = ['payment-received', 'offset-applied', 'waived'] as const;
export type RecoveryOutcome = (typeof RECOVERY_OUTCOMES)[number];

/** RecoveryClosed, schema version 1: the recovery ends, paid, offset against funding, or waived. */
export interface RecoveryClosedData {
  readonly recipientId: string;
  readonly recoveryId: string;
  readonly outcome: RecoveryOutcome;
  readonly closedOn: string;
  /** Payments received and the offset applied, in all. */
  readonly recovered: string;
  /** For offset-applied: the amount by which a funding payment was reduced (dp-domain.md §5.4 RecoveryOffsetApplied). */
  readonly offset: { readonly amount: string; readonly appliedOn: string; readonly fundingReference: string } | null;
  /**
   * For waived: what was still outstanding, why, and the council officer who approved it (dp-domain.md §5.4
   * RecoveryWaived: "record who approved"; §1.3 honest mistakes and fraud victims). reason and approver are personal.
   */
  readonly waiver: { readonly amount: string; readonly reason: string; readonly approver: string } | null;
}
export type RecoveryClosed = DomainEvent<'RecoveryClosed', RecoveryClosedData>;

export type RecoveryEvent = RecoveryProposed | RecoveryRaised | RecoveryPaymentReceived | RecoveryClosed;

export type RecoveryStatus = 'proposed' | 'raised' | 'closed';

/** One recovery and what has happened to it. */
export interface Recovery {
  readonly recoveryId: string;
  readonly status: RecoveryStatus;
  readonly proposed: RecoveryProposedData;
  readonly raised: RecoveryRaisedData | null;
  readonly payments: readonly RecoveryPaymentReceivedData[];
  readonly closed: RecoveryClosedData | null;
}

export interface RecoveryState {
  /** Every recovery of the recipient, in the order proposed. */
  readonly recoveries: readonly Recovery[];
}

const update = (state: RecoveryState, recoveryId: string, change: (recovery: Recovery) => Recovery): RecoveryState => ({
  recoveries: state.recoveries.map((recovery) => (recovery.recoveryId === recoveryId ? change(recovery) : recovery)),
});

export const recoveryStream = defineStream<RecoveryEvent, RecoveryState>({
  name: 'recovery',
  streamId: (recipientId) => `recovery-${recipientId}`,
  initialState: { recoveries: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'RecoveryProposed':
        return {
          recoveries: [
            ...state.recoveries,
            {
              recoveryId: event.data.recoveryId,
              status: 'proposed',
              proposed: event.data,
              raised: null,
              payments: [],
              closed: null,
            },
          ],
        };
      case 'RecoveryRaised':
        return update(state, event.data.recoveryId, (r) => ({ ...r, status: 'raised', raised: event.data }));
      case 'RecoveryPaymentReceived':
        return update(state, event.data.recoveryId, (r) => ({ ...r, payments: [...r.payments, event.data] }));
      case 'RecoveryClosed':
        return update(state, event.data.recoveryId, (r) => ({ ...r, status: 'closed', closed: event.data }));
      default:
        // Events this version does not know (written by a newer one) leave the state as it is.
        return state;
    }
  },
  personalData: {
    // Free text: a reason or an earmark's purpose may name the person's condition or circumstances.
    RecoveryProposed: ['reason', 'earmarks'],
    // A payment reference often carries the payer's name (as a contribution's does, account-stream.ts).
    RecoveryPaymentReceived: ['reference'],
    // The approver is a person, named; a waiver's reason may describe hardship or a fraud.
    RecoveryClosed: ['waiver.reason', 'waiver.approver'],
  },
});

// ------------------------------------------------------------------------------------------------ commands' shared parts

/** A recovery id as the proposal derived it (a UUID); case does not matter. */
export const RecoveryId = identifier(64, 'The recovery id, as propose-recovery answered it').transform((id) =>
  id.toLowerCase(),
);

/** The one answer for a recovery the recipient does not have (or the caller may not see). */
export function recoveryNotFound(command: { recipientId: string; recoveryId: string }): DomainError {
  return new DomainError(
    'not-found',
    'recovery.not-found',
    `recoveryId: recipient ${command.recipientId} has no recovery ${command.recoveryId}`,
  );
}

/** The recovery, or refused as not found. */
export function recoveryOf(state: RecoveryState, command: { recipientId: string; recoveryId: string }): Recovery {
  const found = state.recoveries.find((recovery) => recovery.recoveryId === command.recoveryId);
  if (!found) throw recoveryNotFound(command);
  return found;
}

/** The recovery not yet closed, if any: a recipient has at most one open recovery at a time. */
export function openRecovery(state: RecoveryState): Recovery | undefined {
  return state.recoveries.find((recovery) => recovery.status !== 'closed');
}

/** What has been recovered so far: payments received, and the offset applied. */
export function recoveredSoFar(recovery: Recovery): Money {
  return Money.sum(recovery.payments.map((payment) => Money.of(payment.amount))).plus(
    recovery.closed?.offset?.amount ?? '0',
  );
}

/** What the recipient still owes on a raised recovery: the amount raised less what has been recovered. */
export function outstandingOn(recovery: Recovery): Money {
  if (!recovery.raised || recovery.closed) return Money.zero;
  return Money.of(recovery.raised.amount).minus(recoveredSoFar(recovery));
}

/**
 * Money that left the DP account back to the council: every recovery payment received. The account stream records no
 * such event yet (dp-domain.md §5.2 `FundsReturnedToCouncil` is not built), so the surplus subtracts these from the
 * cash, or a second recovery would count the first one's money again. An offset leaves the account untouched: the
 * council pays less funding instead, and the smaller FundingReceived already carries it.
 */
export function returnedToCouncil(state: RecoveryState): string[] {
  return state.recoveries.flatMap((recovery) => recovery.payments.map((payment) => payment.amount));
}
