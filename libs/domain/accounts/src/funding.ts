import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, poundsAmount, text, z } from '@dpe/schema';
import { ACCOUNT_DATES as DATES, FUNDERS, accountStream, type FundingReceived } from './account-stream';

/** The council's money in (dp-domain.md §5.2 `FundingReceived`, source=council). */
export const recordFunding = defineCommand({
  name: 'record-funding',
  summary: "Record a council payment received into a recipient's DP account (records FundingReceived)",
  input: z.strictObject({
    recipientId: RecipientId,
    // A year of the largest DP package is under £250,000; more is a typing error.
    amount: poundsAmount({ max: '250000.00', allowZero: false, description: 'Amount received, e.g. "1650.00"' }),
    periodFrom: businessDate(DATES, 'First day of the period the payment funds'),
    periodTo: businessDate(DATES, 'Last day of the period the payment funds'),
    remittanceReference: text(64, "The council's remittance reference"),
    receivedOn: businessDate(DATES, 'The day the money arrived in the account'),
  }),
  complete: (input) => input,
  stream: accountStream,
  streamKey: (command) => command.recipientId,
  prepare: async (command, { load }) => ({ recipient: await load(recipientStream, command.recipientId) }),
  decide(command, state, _now, { recipient }: { recipient: RecipientState }): FundingReceived[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    if (command.periodTo < command.periodFrom) {
      throw new DomainError(
        'rule',
        'funding.period',
        `periodTo ${command.periodTo} is before periodFrom ${command.periodFrom}`,
      );
    }
    const same = state.funding.find((f) => f.remittanceReference === command.remittanceReference);
    if (same) {
      // A remittance is paid once: the same reference again is a duplicate import, not more money.
      throw new DomainError(
        'conflict',
        'funding.duplicate-remittance',
        `remittance ${command.remittanceReference} was already recorded (received ${same.receivedOn})`,
      );
    }
    return [{ type: 'FundingReceived', data: { ...command } }];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/funding', status: 201 },
  policy: {
    roles: FUNDERS,
    councilOfPrepared: ({ recipient }: { recipient: RecipientState }) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: { schema: z.object({ recipientId: z.string() }), of: (command) => ({ recipientId: command.recipientId }) },
});
