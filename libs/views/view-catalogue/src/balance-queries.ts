import { READERS } from '@dpe/access';
import { accountBalance, balancesProjection, ledgerEntries, listAccountBalances } from '@dpe/balances';
import { defineQuery } from '@dpe/decider';
import { RecipientId, recipientNotFound } from '@dpe/recipients';
import { z } from '@dpe/schema';
import { AsAtParams, CouncilFilter, councilsOf, PageParams, readView } from './view-query';

const pounds = z.string().describe('Pounds as decimal text');

const Balance = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable(),
  cash: pounds.describe('Money in the DP account: everything received less everything paid out'),
  committed: pounds.describe('Approved but unpaid: net pay, PAYE and pension owed'),
  budget: z.object({ version: z.number().int(), grossWeekly: pounds, effectiveFrom: z.string() }).nullable(),
  weeksOfCover: z.string().nullable().describe('cash ÷ gross weekly budget, rounded down to 0.1 week'),
  cashBySource: z.object({ council: pounds, client: pounds }).describe("Whose money the cash is (client's spent last)"),
  ledger: z.record(z.string(), pounds).describe("Every ledger account's balance on its normal side"),
  lastPosition: z.number().int().nullable(),
});

const Entry = z.object({
  eventId: z.string().describe('The event that posted it: `dpe trace <eventId>` shows who caused it'),
  leg: z.number().int(),
  account: z.string(),
  counterAccount: z.string(),
  side: z.enum(['debit', 'credit']),
  amount: pounds,
  component: z.string(),
  businessDate: z.string(),
  eventType: z.string(),
  streamId: z.string(),
  globalPosition: z.number().int(),
});

export const showBalance = defineQuery({
  name: 'show-balance',
  summary: "A DP account's balances: cash, committed, weeks of cover, council and client money (as at a date)",
  params: z.strictObject({ recipientId: RecipientId, ...AsAtParams }),
  response: Balance,
  http: { path: '/recipients/:recipientId/balance' },
  policy: {
    roles: READERS,
    councilOfResult: {
      of: (balance) => balance.councilId,
      notFound: ({ recipientId }) => recipientNotFound(recipientId),
    },
  },
  async run({ recipientId, asAt, knownOn, asAtPosition }, context) {
    const balance = await readView(
      context,
      balancesProjection,
      { asAt, knownOn, asAtPosition },
      (rows) =>
        accountBalance(rows, recipientId, { councils: councilsOf(context), asOf: asAt ?? context.now.toISODate()! }),
      recipientId,
    );
    if (!balance) throw recipientNotFound(recipientId);
    return balance;
  },
});

export const listBalances = defineQuery({
  name: 'list-balances',
  summary: 'Every DP account of the councils in scope with its balances, a page at a time (as at a date)',
  params: z.strictObject({ ...CouncilFilter, ...AsAtParams, ...PageParams }),
  response: z.array(Balance),
  http: { path: '/balances' },
  policy: { roles: READERS, councilOfItem: (balance) => balance.councilId },
  run: ({ councilId, asAt, knownOn, asAtPosition, limit, offset }, context) =>
    readView(context, balancesProjection, { asAt, knownOn, asAtPosition }, (rows) =>
      listAccountBalances(rows, {
        councils: councilsOf(context, councilId),
        asOf: asAt ?? context.now.toISODate()!,
        limit,
        offset,
      }),
    ),
});

export const listLedgerEntries = defineQuery({
  name: 'list-ledger-entries',
  summary: "A DP account's ledger: every leg with its counter-account and the event that posted it (as at a date)",
  params: z.strictObject({ recipientId: RecipientId, ...AsAtParams, ...PageParams }),
  response: z.array(Entry),
  http: { path: '/recipients/:recipientId/ledger' },
  // The account's council is checked by the view itself: another council's account has no entries to show.
  policy: { roles: READERS },
  run: ({ recipientId, asAt, knownOn, asAtPosition, limit, offset }, context) =>
    readView(
      context,
      balancesProjection,
      { asAt, knownOn, asAtPosition },
      (rows) => ledgerEntries(rows, recipientId, { councils: councilsOf(context), limit, offset }),
      recipientId,
    ),
});
