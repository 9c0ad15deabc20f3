import { defineCommand } from '@dpe/decider';
import { addDays } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound } from '@dpe/recipients';
import { text, z } from '@dpe/schema';
import {
  EarmarkInput,
  RECOVERY_OFFICERS,
  assertRecoverable,
  councilOfRecipient,
  recoveryAmount,
  surplusOn,
} from './recovery-rules';
import { openRecovery, recoveryStream, type RecoveryProposed } from './recovery-stream';
import { loadSurplusStreams, type SurplusStreams } from './surplus-streams';

/**
 * The first step of a recovery: the council tells the recipient how much surplus it means to recover and why, and
 * gives them the notice its policy sets before anything is raised (dp-domain.md §5.4 `RecoveryProposed`: "notify and
 * discuss first", LGO Lancashire 22 014 616 and the Richmond agreement; St Helens gives 2 weeks). The amount may not
 * exceed the council's share of the recoverable surplus on the day (recoverable-surplus.ts), and a recipient has one
 * recovery open at a time, so two proposals can never claim the same money. The proposal records the policy version,
 * the whole surplus computation and the date the notice ends (proposal date + the policy's recoveryNoticeDays).
 */
export const proposeRecovery = defineCommand({
  name: 'propose-recovery',
  summary:
    "Propose recovering surplus from a recipient's DP account, with the notice the council's policy gives (records RecoveryProposed)",
  input: z.strictObject({
    recipientId: RecipientId,
    amount: recoveryAmount('Amount of surplus to recover, e.g. "1200.00"; at most the council’s share of the surplus'),
    reason: text(500, 'Why the surplus is being recovered, as the recipient will be told'),
    earmarks: z
      .array(EarmarkInput)
      .max(20, 'must list at most 20 earmarks')
      .default([])
      .describe(
        'Allocations kept out of the surplus when the council policy ring-fences earmarks (respite, a one-off item)',
      ),
  }),
  complete: (input, ids) => ({ ...input, recoveryId: ids.derive('recovery') }),
  stream: recoveryStream,
  streamKey: (command) => command.recipientId,
  prepare: (command, context) => loadSurplusStreams(command.recipientId, context),
  decide(command, state, now, streams: SurplusStreams): RecoveryProposed[] {
    if (streams.recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const open = openRecovery(state);
    if (open) {
      throw new DomainError(
        'conflict',
        'recovery.already-open',
        `recovery ${open.recoveryId}, proposed on ${open.proposed.proposedOn}, is still ${open.status}: ` +
          'close it before proposing another',
      );
    }
    const on = now.toISODate()!;
    const { policy, surplus } = surplusOn(command, streams, state, command.earmarks, on);
    assertRecoverable('amount', command.amount, surplus, 'now');
    return [
      {
        type: 'RecoveryProposed',
        data: {
          recipientId: command.recipientId,
          recoveryId: command.recoveryId,
          councilId: policy.councilId,
          amount: command.amount,
          reason: command.reason,
          proposedOn: on,
          noticeEndsOn: addDays(on, policy.recoveryNoticeDays),
          noticeDays: policy.recoveryNoticeDays,
          policyVersion: policy.version,
          earmarks: command.earmarks,
          surplus,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/recoveries', status: 201 },
  policy: {
    roles: RECOVERY_OFFICERS,
    councilOfPrepared: councilOfRecipient,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({
      recipientId: z.string(),
      recoveryId: z.string(),
      amount: z.string(),
      noticeEndsOn: z.string().describe('The first day the recovery may be raised'),
    }),
    // Read from the recorded event, so a replay answers the same.
    of: (command, _prepared, events) => ({
      recipientId: command.recipientId,
      recoveryId: command.recoveryId,
      amount: command.amount,
      noticeEndsOn: events[0]?.data.noticeEndsOn ?? '',
    }),
  },
});
