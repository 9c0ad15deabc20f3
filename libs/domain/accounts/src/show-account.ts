import { READERS } from '@dpe/access';
import { defineQuery, loadStream } from '@dpe/decider';
import { RecipientId, recipientNotFound, recipientStream } from '@dpe/recipients';
import { z } from '@dpe/schema';
import { CONTRIBUTION_METHODS, SPEND_CATEGORIES, accountStream } from './account-stream';

const pounds = z.string().describe('Pounds as decimal text');

export const AccountView = z.object({
  recipientId: z.string(),
  councilId: z
    .string()
    .nullable()
    .describe("The recipient's council; null only for a recipient enrolled before councils were registered"),
  funding: z
    .array(
      z.object({
        recipientId: z.string(),
        amount: pounds,
        periodFrom: z.string(),
        periodTo: z.string(),
        remittanceReference: z.string(),
        receivedOn: z.string(),
      }),
    )
    .readonly()
    .describe("The council's payments in (source: council), in the order recorded"),
  contributions: z
    .array(
      z.object({
        recipientId: z.string(),
        amount: pounds,
        receivedOn: z.string(),
        periodFrom: z.string().nullable(),
        periodTo: z.string().nullable(),
        method: z.enum(CONTRIBUTION_METHODS),
        reference: z.string(),
      }),
    )
    .readonly()
    .describe("The client's contributions in (source: client), in the order recorded"),
  spend: z
    .array(
      z.object({
        recipientId: z.string(),
        spendId: z.string(),
        category: z.enum(SPEND_CATEGORIES),
        payee: z.string(),
        amount: pounds,
        invoiceReference: z.string(),
        invoiceDate: z.string(),
        dueDate: z.string().nullable(),
        description: z.string(),
        policyVersion: z.number().int().nullable().describe('The council policy version checked; null if none'),
        flag: z
          .object({
            rule: z.literal('council.disallowed-category'),
            policyVersion: z.number().int(),
            message: z.string(),
          })
          .nullable()
          .describe('Why the spend is flagged for audit, or null'),
      }),
    )
    .readonly()
    .describe('Spend other than payroll, in the order recorded, with its flags'),
  revision: z
    .string()
    .nullable()
    .describe("The revision of the account stream's last event; null when nothing is recorded yet"),
});

/**
 * A DP account's raw records: funding, contributions and spend (with flags), as folded from the account stream. No
 * balances: those are a view computed from these records (a later issue). The account is its recipient's council's.
 */
export const showAccount = defineQuery({
  name: 'show-account',
  summary: "Show a recipient's DP account records: funding, client contributions and other spend",
  params: z.strictObject({ recipientId: RecipientId }),
  response: AccountView,
  http: { path: '/recipients/:recipientId/account' },
  policy: {
    roles: READERS,
    councilOfResult: {
      of: (account) => account.councilId,
      notFound: ({ recipientId }) => recipientNotFound(recipientId),
    },
  },
  async run({ recipientId }, { store, load }) {
    const recipient = await load(recipientStream, recipientId);
    if (recipient.status !== 'enrolled') throw recipientNotFound(recipientId);
    const { state, revision } = await loadStream(store, accountStream, recipientId);
    return {
      recipientId: recipient.recipientId,
      councilId: recipient.councilId,
      funding: state.funding,
      contributions: state.contributions,
      spend: state.spend,
      revision: revision === undefined ? null : revision.toString(),
    };
  },
});
