import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, oneOf, poundsAmount, text, z } from '@dpe/schema';
import {
  ACCOUNT_DATES as DATES,
  CONTRIBUTION_METHODS,
  accountStream,
  type ClientContributionReceived,
} from './account-stream';

/**
 * The client's own money paid into the DP account (dp-domain.md §1.7, the net model: the council pays the DP net and
 * the person pays their assessed contribution into the account; §5.2 `ContributionReceived`, source=client). Recorded
 * apart from the council's funding so that a recovery can be split between the two (§5 conventions; Gateshead, §0.3),
 * and so that an audit can show the contributions were paid (Worcestershire, Wigan, §1.7). The bureau records it: it
 * sees the account's statement; council finance records only the council's own remittances.
 */
export const recordClientContribution = defineCommand({
  name: 'record-client-contribution',
  summary: "Record a client's contribution paid into their DP account (records ClientContributionReceived)",
  input: z.strictObject({
    recipientId: RecipientId,
    // A contribution is at most the cost of the care it pays towards, so never more than a year of the largest DP
    // package (under £250,000, as for funding); more is a typing error.
    amount: poundsAmount({ max: '250000.00', allowZero: false, description: 'Amount paid in, e.g. "48.20"' }),
    receivedOn: businessDate(DATES, 'The day the money arrived in the account'),
    // Usually 4-weekly (Gloucestershire pays in at least every 4 weeks, Hartlepool and Durham invoice 4-weekly, §1.7);
    // a payer does not always say which period a payment is for, so the period is optional.
    periodFrom: businessDate(DATES, 'First day of the period the contribution is for').optional(),
    periodTo: businessDate(DATES, 'Last day of the period the contribution is for').optional(),
    method: oneOf(CONTRIBUTION_METHODS, 'How it was paid in'),
    reference: text(64, "The payment's reference, as on the account's statement or the receipt"),
  }),
  complete: (input) => input,
  stream: accountStream,
  streamKey: (command) => command.recipientId,
  prepare: async (command, { load }) => ({ recipient: await load(recipientStream, command.recipientId) }),
  decide(command, state, _now, { recipient }: { recipient: RecipientState }): ClientContributionReceived[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const { periodFrom = null, periodTo = null } = command;
    if ((periodFrom === null) !== (periodTo === null)) {
      // Half a period says nothing: the contribution due (§5.2: compared against the contribution due) is per period.
      throw new DomainError(
        'rule',
        'contribution.period',
        `periodFrom and periodTo go together: give both or neither (only ${periodFrom === null ? 'periodTo' : 'periodFrom'} was given)`,
      );
    }
    if (periodFrom !== null && periodTo !== null && periodTo < periodFrom) {
      throw new DomainError('rule', 'contribution.period', `periodTo ${periodTo} is before periodFrom ${periodFrom}`);
    }
    const same = state.contributions.find((c) => c.reference === command.reference);
    if (same) {
      // A payment is recorded once: the same reference again is a duplicate import of the statement, not more money.
      throw new DomainError(
        'conflict',
        'contribution.duplicate-reference',
        `a contribution with reference ${command.reference} was already recorded (received ${same.receivedOn})`,
      );
    }
    return [
      {
        type: 'ClientContributionReceived',
        data: {
          recipientId: command.recipientId,
          amount: command.amount,
          receivedOn: command.receivedOn,
          periodFrom,
          periodTo,
          method: command.method,
          reference: command.reference,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/contributions', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: { recipient: RecipientState }) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: { schema: z.object({ recipientId: z.string() }), of: (command) => ({ recipientId: command.recipientId }) },
});
