import { READERS } from '@dpe/access';
import { balancesProjection, listAccountBalances } from '@dpe/balances';
import { policyInForce } from '@dpe/councils';
import { defineQuery, type QueryContext } from '@dpe/decider';
import { Money } from '@dpe/money';
import {
  budgetInForce,
  firstPaymentOn,
  loadSurplusStreams,
  openRecovery,
  recoverableSurplus,
  recoveryStream,
  reviewDue,
  reviewStream,
  REVIEW_OUTCOMES,
  surplusInputsOf,
} from '@dpe/recoveries';
import { RecipientId, recipientNotFound } from '@dpe/recipients';
import { businessDate, z } from '@dpe/schema';
import { asAtContext, workedOutOn } from './streams-as-at';
import { AsAtParams, CouncilFilter, councilsOf, PageParams, readView } from './view-query';

const AuditClawback = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable(),
  on: z.string().describe('The business date the surplus is worked out on (the policy and budget in force then)'),
  policyVersion: z.number().int().nullable(),
  surplus: z
    .looseObject({ surplus: z.string(), split: z.object({ councilShare: z.string(), clientShare: z.string() }) })
    .nullable()
    .describe('Every component: cash, liabilities, ring-fences, contingency, surplus and its council / client split'),
  notComputed: z.string().nullable().describe('Why no surplus is worked out (no policy or no budget in force)'),
  flags: z.object({
    disallowedSpend: z.object({ count: z.number().int(), amount: z.string() }),
    surplus: z.boolean().describe("The council's share of the surplus is above zero: recoverable"),
    review: z
      .object({
        firstPaymentOn: z.string().nullable(),
        lastReview: z.object({ reviewedOn: z.string(), outcome: z.enum(REVIEW_OUTCOMES) }).nullable(),
        dueOn: z.string().nullable(),
        status: z.enum(['no-payment-yet', 'not-due', 'due', 'overdue']),
      })
      .describe(
        'The next reg 7 review: 6 months from the first payment, then 12 from the latest review recorded (record-review)',
      ),
  }),
  openRecovery: z
    .object({ recoveryId: z.string(), status: z.string(), amount: z.string(), noticeEndsOn: z.string() })
    .nullable(),
});
type AuditClawbackView = z.output<typeof AuditClawback>;

/**
 * A recipient's audit-clawback figures on a date, derived from the events alone (the same streams and the same
 * calculation the recovery commands use, so the figure shown is the figure a recovery is checked against).
 */
async function clawbackOf(recipientId: string, on: string, context: QueryContext): Promise<AuditClawbackView> {
  const streams = await loadSurplusStreams(recipientId, context);
  const { recipient } = streams;
  if (recipient.status !== 'enrolled') throw recipientNotFound(recipientId);
  const recoveries = await context.load(recoveryStream, recipientId);
  const policy = recipient.councilId ? policyInForce(streams.policies, on) : undefined;
  const budget = budgetInForce(recipient.budgets, on);
  const surplus = policy && budget ? recoverableSurplus(surplusInputsOf(streams, [], recoveries), policy, on) : null;
  const reviews = await context.load(reviewStream, recipientId);
  const flagged = streams.account.spend.filter((spend) => spend.flag !== null);
  const open = openRecovery(recoveries);
  return {
    recipientId,
    councilId: recipient.councilId,
    on,
    policyVersion: policy?.version ?? null,
    surplus: surplus as AuditClawbackView['surplus'],
    notComputed: surplus
      ? null
      : !policy
        ? `no council policy is in force on ${on}`
        : `no budget is in force on ${on}: the contingency cannot be worked out`,
    flags: {
      disallowedSpend: {
        count: flagged.length,
        amount: Money.sum(flagged.map((spend) => Money.of(spend.amount))).toString(),
      },
      surplus: surplus !== null && Money.of(surplus.split.councilShare).isPositive(),
      review: reviewDue(firstPaymentOn(streams.account), reviews.reviews, on, policy?.auditCadenceMonths),
    },
    openRecovery: open
      ? {
          recoveryId: open.recoveryId,
          status: open.status,
          amount: open.proposed.amount,
          noticeEndsOn: open.proposed.noticeEndsOn,
        }
      : null,
  };
}

const OnParam = {
  on: businessDate(
    { from: '2000-01-01', to: '2099-12-31' },
    'The business date to work it out on; default asAt when asked as at a date, else today',
  ).optional(),
};

export const showAuditClawback = defineQuery({
  name: 'show-audit-clawback',
  summary:
    "A recipient's recoverable surplus under the council's policy, its flags and any open recovery (as at a date)",
  params: z.strictObject({ recipientId: RecipientId, ...OnParam, ...AsAtParams }),
  response: AuditClawback,
  http: { path: '/recipients/:recipientId/audit-clawback' },
  policy: {
    roles: READERS,
    councilOfResult: { of: (view) => view.councilId, notFound: ({ recipientId }) => recipientNotFound(recipientId) },
  },
  run: ({ recipientId, on, asAt, knownOn, asAtPosition }, context) => {
    const question = { asAt, knownOn, asAtPosition };
    return clawbackOf(recipientId, workedOutOn(on, question, context), asAtContext(context, question));
  },
});

export const listAuditClawback = defineQuery({
  name: 'list-audit-clawback',
  summary:
    'Every DP account of the councils in scope with its recoverable surplus and flags, a page at a time (as at a date)',
  params: z.strictObject({ ...CouncilFilter, ...OnParam, ...AsAtParams, ...PageParams }),
  response: z.array(AuditClawback),
  http: { path: '/audit-clawback' },
  policy: { roles: READERS, councilOfItem: (view) => view.councilId },
  async run({ councilId, on, asAt, knownOn, asAtPosition, limit, offset }, context) {
    if (!context.views) return [];
    const question = { asAt, knownOn, asAtPosition };
    const date = workedOutOn(on, question, context);
    const streams = asAtContext(context, question);
    // The accounts as they stood (as known then): an account enrolled later is not listed as at an earlier position.
    const accounts = await readView(context, balancesProjection, question, (rows) =>
      listAccountBalances(rows, { councils: councilsOf(context, councilId), limit, offset }),
    );
    const result: AuditClawbackView[] = [];
    for (const account of accounts) result.push(await clawbackOf(account.recipientId, date, streams));
    return result;
  },
});
