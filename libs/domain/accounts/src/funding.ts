import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand, defineStream, type DomainEvent } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, poundsAmount, text, z } from '@dpe/schema';

/**
 * The DP account's money, one stream per recipient: `account-{recipientId}`. Its council is the recipient's, found by
 * `prepare`, so a record of another council's account is refused as not found before anything is decided.
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
export type AccountEvent = FundingReceived;

export interface AccountState {
  readonly funding: readonly FundingReceivedData[];
}

export const accountStream = defineStream<AccountEvent, AccountState>({
  name: 'account',
  streamId: (recipientId) => `account-${recipientId}`,
  initialState: { funding: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'FundingReceived':
        return { funding: [...state.funding, event.data] };
      default:
        return state;
    }
  },
});

const FUNDERS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];
const DATES = { from: '2015-04-01', to: '2099-12-31' };

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
