import { RECOVERY_METHODS } from '@dpe/councils';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import { RecipientId, recipientNotFound } from '@dpe/recipients';
import { oneOf, z } from '@dpe/schema';
import {
  RECOVERY_OFFICERS,
  assertRecoverable,
  councilOfRecipient,
  pounds,
  recoveryAmount,
  surplusOn,
} from './recovery-rules';
import { RecoveryId, recoveryOf, recoveryStream, type Recovery, type RecoveryRaised } from './recovery-stream';
import { loadSurplusStreams, type SurplusStreams } from './surplus-streams';

const already = (recovery: Recovery): string =>
  recovery.closed
    ? `was closed on ${recovery.closed.closedOn} (${recovery.closed.outcome})`
    : `was already raised on ${recovery.raised?.raisedOn} by ${recovery.raised?.method}`;

/**
 * The second step: once the notice has run, the council asks for the money by one of its policy's methods (dp-domain.md
 * §5.4 `RecoveryRaised`; §0.3: an invoice, recoupment from a prepaid card, an offset against the next payment, or a
 * bank transfer back). Refused before the notice ends (the date the proposal recorded: LGO Lancashire 22 014 616),
 * by a method the council's policy in force does not name, and for more than the recoverable surplus now: the money
 * may have been spent on care since the proposal, so the surplus is computed again, with the proposal's earmarks.
 * The amount is the one proposed unless a smaller one is given; never more than the recipient was told of.
 */
export const raiseRecovery = defineCommand({
  name: 'raise-recovery',
  summary:
    'Raise a proposed recovery once its notice has ended, by a method of the council’s policy (records RecoveryRaised)',
  input: z.strictObject({
    recipientId: RecipientId,
    recoveryId: RecoveryId,
    method: oneOf(RECOVERY_METHODS, 'How the money is recovered; one of the council policy’s recovery methods'),
    amount: recoveryAmount(
      'Amount to raise when less than the amount proposed; default: the amount proposed',
    ).optional(),
  }),
  complete: (input) => input,
  stream: recoveryStream,
  streamKey: (command) => command.recipientId,
  prepare: (command, context) => loadSurplusStreams(command.recipientId, context),
  decide(command, state, now, streams: SurplusStreams): RecoveryRaised[] {
    if (streams.recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const recovery = recoveryOf(state, command);
    if (recovery.status !== 'proposed') {
      throw new DomainError(
        'conflict',
        'recovery.not-proposed',
        `recovery ${recovery.recoveryId} ${already(recovery)}`,
      );
    }
    const { proposed } = recovery;
    const on = now.toISODate()!;
    if (on < proposed.noticeEndsOn) {
      throw new DomainError(
        'rule',
        'recovery.notice-period',
        `recovery ${recovery.recoveryId} cannot be raised before ${proposed.noticeEndsOn}: the recipient has ` +
          `${proposed.noticeDays} days' notice from the proposal on ${proposed.proposedOn} ` +
          `(recoveryNoticeDays of council policy version ${proposed.policyVersion})`,
      );
    }
    const { policy, surplus } = surplusOn(command, streams, state, proposed.earmarks, on);
    if (!policy.recoveryMethods.includes(command.method)) {
      throw new DomainError(
        'rule',
        'recovery.method',
        `method ${command.method} is not a recovery method of council ${policy.councilId}'s policy version ` +
          `${policy.version}, which allows ${policy.recoveryMethods.join(', ')}`,
      );
    }
    const amount = command.amount ?? proposed.amount;
    if (Money.of(amount).greaterThan(proposed.amount)) {
      throw new DomainError(
        'rule',
        'recovery.more-than-proposed',
        `amount ${pounds(amount)} is more than the ${pounds(proposed.amount)} proposed on ${proposed.proposedOn}: ` +
          'the recipient was given notice of that amount; propose a larger one anew',
      );
    }
    assertRecoverable('amount', amount, surplus, 'at raising');
    return [
      {
        type: 'RecoveryRaised',
        data: {
          recipientId: command.recipientId,
          recoveryId: recovery.recoveryId,
          method: command.method,
          amount,
          raisedOn: on,
          policyVersion: policy.version,
          surplus,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/recoveries/:recoveryId/raise', status: 200 },
  policy: {
    roles: RECOVERY_OFFICERS,
    councilOfPrepared: councilOfRecipient,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({ recipientId: z.string(), recoveryId: z.string(), method: z.string(), amount: z.string() }),
    of: (command, _prepared, events) => ({
      recipientId: command.recipientId,
      recoveryId: command.recoveryId,
      method: command.method,
      amount: events[0]?.data.amount ?? command.amount ?? '',
    }),
  },
});
