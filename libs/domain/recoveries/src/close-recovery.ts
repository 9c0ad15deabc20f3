import { defineCommand, type PrepareContext } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, text, z } from '@dpe/schema';
import {
  RECOVERY_OFFICERS,
  RECOVERY_PAYMENT_RECORDERS,
  councilOfRecipient,
  pounds,
  recoveryAmount,
} from './recovery-rules';
import {
  RecoveryId,
  outstandingOn,
  recoveredSoFar,
  recoveryOf,
  recoveryStream,
  type Recovery,
  type RecoveryClosed,
  type RecoveryEvent,
  type RecoveryPaymentReceived,
  type RecoveryState,
} from './recovery-stream';

/** Recoveries are under the Care Act 2014 regime, which began 1 April 2015 (as the account's money). */
const DATES = { from: '2015-04-01', to: '2099-12-31' };

const PaymentReceived = {
  amount: recoveryAmount('Amount received, e.g. "400.00"'),
  receivedOn: businessDate(DATES, 'The day the council received the money'),
  reference: text(64, 'The payment reference as on the council’s statement (invoice number, card recoup reference)'),
};

/** The outcomes of close-recovery; a part payment is recorded with record-recovery-payment. */
const Outcome = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('payment-received'), ...PaymentReceived }),
  z.strictObject({
    kind: z.literal('offset-applied'),
    amount: recoveryAmount('Amount by which the funding payment was reduced'),
    appliedOn: businessDate(DATES, 'The day of the reduced funding payment'),
    fundingReference: text(64, 'The remittance reference of the reduced funding payment'),
  }),
  z.strictObject({
    kind: z.literal('waived'),
    reason: text(500, 'Why the rest is waived (honest mistake, fraud victim, hardship, uneconomic, council error)'),
    approver: text(200, 'The council officer who approved the waiver: name and role'),
  }),
]);

type Open = Recovery & { readonly status: 'proposed' | 'raised' };

function openOf(state: RecoveryState, command: { recipientId: string; recoveryId: string }): Open {
  const recovery = recoveryOf(state, command);
  if (recovery.closed) {
    throw new DomainError(
      'conflict',
      'recovery.already-closed',
      `recovery ${recovery.recoveryId} was already closed on ${recovery.closed.closedOn} (${recovery.closed.outcome})`,
    );
  }
  return recovery as Open;
}

/** Money recovered (a payment, an offset) needs the recovery raised, and on or after the day it was raised. */
function raisedBefore(recovery: Open, field: string, date: string, what: string): Money {
  if (!recovery.raised) {
    throw new DomainError(
      'rule',
      'recovery.not-raised',
      `recovery ${recovery.recoveryId} is proposed, not raised: ${what} is recorded only against a raised recovery`,
    );
  }
  if (date < recovery.raised.raisedOn) {
    throw new DomainError(
      'rule',
      'recovery.before-raised',
      `${field} ${date} is before the recovery was raised on ${recovery.raised.raisedOn}`,
    );
  }
  return outstandingOn(recovery);
}

function moreThanOutstanding(field: string, amount: string, outstanding: Money, recovery: Open): DomainError {
  return new DomainError(
    'rule',
    'recovery.more-than-outstanding',
    `${field} ${pounds(amount)} is more than the ${pounds(outstanding.toString())} outstanding on recovery ` +
      `${recovery.recoveryId} (${pounds(recovery.raised!.amount)} raised, ${pounds(recoveredSoFar(recovery).toString())} recovered)`,
  );
}

/** A payment received, and the recovery closed as paid when it clears what is outstanding. */
function paymentEvents(
  command: { recipientId: string; recoveryId: string; paymentId: string },
  payment: { amount: string; receivedOn: string; reference: string },
  recovery: Open,
  on: string,
  partAllowed: boolean,
): (RecoveryPaymentReceived | RecoveryClosed)[] {
  const outstanding = raisedBefore(recovery, 'receivedOn', payment.receivedOn, 'a payment');
  if (Money.of(payment.amount).greaterThan(outstanding)) {
    throw moreThanOutstanding('amount', payment.amount, outstanding, recovery);
  }
  const left = outstanding.minus(payment.amount);
  if (left.isPositive() && !partAllowed) {
    throw new DomainError(
      'rule',
      'recovery.less-than-outstanding',
      `amount ${pounds(payment.amount)} is less than the ${pounds(outstanding.toString())} outstanding on recovery ` +
        `${recovery.recoveryId}: record a part payment with record-recovery-payment, or waive the rest`,
    );
  }
  const received: RecoveryPaymentReceived = {
    type: 'RecoveryPaymentReceived',
    data: {
      recipientId: command.recipientId,
      recoveryId: recovery.recoveryId,
      paymentId: command.paymentId,
      amount: payment.amount,
      receivedOn: payment.receivedOn,
      reference: payment.reference,
    },
  };
  if (left.isPositive()) return [received];
  return [
    received,
    {
      type: 'RecoveryClosed',
      data: {
        recipientId: command.recipientId,
        recoveryId: recovery.recoveryId,
        outcome: 'payment-received',
        closedOn: on,
        recovered: recoveredSoFar(recovery).plus(payment.amount).toString(),
        offset: null,
        waiver: null,
      },
    },
  ];
}

/** Closing or paying a recovery needs only the recipient (its council is the scope): no surplus is computed. */
interface RecipientPrepared {
  readonly recipient: RecipientState;
}
const prepareRecipient = async (
  command: { recipientId: string },
  { load }: PrepareContext,
): Promise<RecipientPrepared> => ({
  recipient: await load(recipientStream, command.recipientId),
});

/** The payment's id, derived from the command id, so a retry records the same payment. */
const PAYMENT_ID = 'recovery-payment';

const reply = {
  schema: z.object({
    recipientId: z.string(),
    recoveryId: z.string(),
    closed: z.boolean().describe('Whether the recovery is now closed'),
    outcome: z.string().nullable().describe('payment-received, offset-applied or waived; null while still open'),
    recovered: z.string().nullable().describe('Recovered in all, once closed'),
  }),
  // Read from the recorded events, so a replay answers the same.
  of: (
    command: { readonly recipientId: string; readonly recoveryId: string },
    _prepared: unknown,
    events: readonly RecoveryEvent[],
  ) => {
    const closed = events.find((event): event is RecoveryClosed => event.type === 'RecoveryClosed');
    return {
      recipientId: command.recipientId,
      recoveryId: command.recoveryId,
      closed: closed !== undefined,
      outcome: closed?.data.outcome ?? null,
      recovered: closed?.data.recovered ?? null,
    };
  },
};

/**
 * The last step, the council's: the recovery is closed because the money was received, because the next funding
 * payment was reduced by it (dp-domain.md §5.4 `RecoveryOffsetApplied`; Midlothian's netting; NHS DP reg 16(4)), or
 * because it is waived (§5.4 `RecoveryWaived`: honest mistakes and fraud victims are not to be penalised, §1.3; the
 * approver is recorded, as "record who approved" asks; that the approver is not the actor cannot be checked here).
 * A payment or offset must clear what is outstanding; a waiver gives up whatever is (the whole amount, if the recovery
 * was only proposed: a proposal withdrawn).
 */
export const closeRecovery = defineCommand({
  name: 'close-recovery',
  summary:
    'Close a recovery: payment received, offset against funding, or waived by a council officer (records RecoveryClosed)',
  input: z.strictObject({
    recipientId: RecipientId,
    recoveryId: RecoveryId,
    outcome: Outcome.describe('How the recovery ends: payment-received, offset-applied or waived'),
  }),
  complete: (input, ids) => ({ ...input, paymentId: ids.derive(PAYMENT_ID) }),
  stream: recoveryStream,
  streamKey: (command) => command.recipientId,
  prepare: prepareRecipient,
  decide(command, state, now, { recipient }: RecipientPrepared): (RecoveryPaymentReceived | RecoveryClosed)[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const recovery = openOf(state, command);
    const on = now.toISODate()!;
    const { outcome } = command;
    const base = { recipientId: command.recipientId, recoveryId: recovery.recoveryId, closedOn: on };
    switch (outcome.kind) {
      case 'payment-received':
        return paymentEvents(command, outcome, recovery, on, false);
      case 'offset-applied': {
        const outstanding = raisedBefore(recovery, 'appliedOn', outcome.appliedOn, 'an offset');
        if (recovery.raised!.method !== 'offset-next-funding') {
          throw new DomainError(
            'rule',
            'recovery.offset-method',
            `outcome offset-applied needs a recovery raised by offset-next-funding; recovery ${recovery.recoveryId} ` +
              `was raised by ${recovery.raised!.method}`,
          );
        }
        if (Money.of(outcome.amount).greaterThan(outstanding)) {
          throw moreThanOutstanding('amount', outcome.amount, outstanding, recovery);
        }
        if (Money.of(outcome.amount).lessThan(outstanding)) {
          throw new DomainError(
            'rule',
            'recovery.less-than-outstanding',
            `amount ${pounds(outcome.amount)} is less than the ${pounds(outstanding.toString())} outstanding on ` +
              `recovery ${recovery.recoveryId}: an offset closes the recovery, so it must clear it; waive the rest instead`,
          );
        }
        const offset = {
          amount: outcome.amount,
          appliedOn: outcome.appliedOn,
          fundingReference: outcome.fundingReference,
        };
        return [
          {
            type: 'RecoveryClosed',
            data: {
              ...base,
              outcome: 'offset-applied',
              recovered: recoveredSoFar(recovery).plus(outcome.amount).toString(),
              offset,
              waiver: null,
            },
          },
        ];
      }
      case 'waived': {
        const waived = recovery.raised ? outstandingOn(recovery) : Money.of(recovery.proposed.amount);
        return [
          {
            type: 'RecoveryClosed',
            data: {
              ...base,
              outcome: 'waived',
              recovered: recoveredSoFar(recovery).toString(),
              offset: null,
              waiver: { amount: waived.toString(), reason: outcome.reason, approver: outcome.approver },
            },
          },
        ];
      }
    }
  },
  http: { method: 'POST', path: '/recipients/:recipientId/recoveries/:recoveryId/close', status: 200 },
  policy: {
    roles: RECOVERY_OFFICERS,
    councilOfPrepared: councilOfRecipient,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply,
});

/**
 * A payment received against a raised recovery, part or all (dp-domain.md §5.4 `RecoveryPaymentReceived`, partial
 * allowed): the bureau, which runs the managed account, records it as well as council finance. The payment that clears
 * what is outstanding closes the recovery as paid.
 */
export const recordRecoveryPayment = defineCommand({
  name: 'record-recovery-payment',
  summary:
    'Record a payment received against a raised recovery; the one that clears it closes it (records RecoveryPaymentReceived)',
  input: z.strictObject({ recipientId: RecipientId, recoveryId: RecoveryId, ...PaymentReceived }),
  complete: (input, ids) => ({ ...input, paymentId: ids.derive(PAYMENT_ID) }),
  stream: recoveryStream,
  streamKey: (command) => command.recipientId,
  prepare: prepareRecipient,
  decide(command, state, now, { recipient }: RecipientPrepared): (RecoveryPaymentReceived | RecoveryClosed)[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    return paymentEvents(command, command, openOf(state, command), now.toISODate()!, true);
  },
  http: { method: 'POST', path: '/recipients/:recipientId/recoveries/:recoveryId/payments', status: 201 },
  policy: {
    roles: RECOVERY_PAYMENT_RECORDERS,
    councilOfPrepared: councilOfRecipient,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply,
});
