import { READERS } from '@dpe/access';
import { listAccountBalances } from '@dpe/balances';
import { policyInForce } from '@dpe/councils';
import { defineQuery, type QueryContext } from '@dpe/decider';
import { Money } from '@dpe/money';
import {
  budgetInForce,
  loadSurplusStreams,
  openRecovery,
  recoverableSurplus,
  recoveryStream,
  surplusInputsOf,
} from '@dpe/recoveries';
import { RecipientId, recipientNotFound } from '@dpe/recipients';
import { businessDate, z } from '@dpe/schema';
import { DateTime } from 'luxon';
import { CouncilFilter, councilsOf, PageParams } from './view-query';

// Care and Support (Direct Payments) Regulations 2014 reg 7: the first review within 6 months of the first payment,
// then at least every 12 months (the council's policy may review more often: auditCadenceMonths).
const FIRST_REVIEW_MONTHS = 6;

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
    review: z.object({
      firstPaymentOn: z.string().nullable(),
      dueOn: z.string().nullable(),
      status: z.enum(['no-payment-yet', 'not-due', 'due', 'overdue']),
    }),
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
  const flagged = streams.account.spend.filter((spend) => spend.flag !== null);
  const firstPayment = [...streams.account.funding].map((funding) => funding.receivedOn).sort()[0] ?? null;
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
      review: reviewOf(firstPayment, on, policy?.auditCadenceMonths),
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

/**
 * When the next review is due. No review is recorded as an event yet, so the first review (6 months from the first
 * payment) is the one shown; once it has passed the review is overdue until reviews are recorded (a later issue).
 */
function reviewOf(firstPaymentOn: string | null, on: string, cadenceMonths: number | undefined) {
  if (!firstPaymentOn) return { firstPaymentOn: null, dueOn: null, status: 'no-payment-yet' as const };
  const months = Math.min(FIRST_REVIEW_MONTHS, cadenceMonths ?? FIRST_REVIEW_MONTHS);
  const dueOn = DateTime.fromISO(firstPaymentOn, { zone: 'Europe/London' }).plus({ months }).toISODate()!;
  const soon = DateTime.fromISO(dueOn, { zone: 'Europe/London' }).minus({ months: 1 }).toISODate()!;
  const status = on > dueOn ? ('overdue' as const) : on >= soon ? ('due' as const) : ('not-due' as const);
  return { firstPaymentOn, dueOn, status };
}

const OnParam = {
  on: businessDate(
    { from: '2000-01-01', to: '2099-12-31' },
    'The business date to work it out on; default today',
  ).optional(),
};

export const showAuditClawback = defineQuery({
  name: 'show-audit-clawback',
  summary: "A recipient's recoverable surplus under the council's policy, its flags and any open recovery",
  params: z.strictObject({ recipientId: RecipientId, ...OnParam }),
  response: AuditClawback,
  http: { path: '/recipients/:recipientId/audit-clawback' },
  policy: {
    roles: READERS,
    councilOfResult: { of: (view) => view.councilId, notFound: ({ recipientId }) => recipientNotFound(recipientId) },
  },
  run: ({ recipientId, on }, context) => clawbackOf(recipientId, on ?? context.now.toISODate()!, context),
});

export const listAuditClawback = defineQuery({
  name: 'list-audit-clawback',
  summary: 'Every DP account of the councils in scope with its recoverable surplus and flags, a page at a time',
  params: z.strictObject({ ...CouncilFilter, ...OnParam, ...PageParams }),
  response: z.array(AuditClawback),
  http: { path: '/audit-clawback' },
  policy: { roles: READERS, councilOfItem: (view) => view.councilId },
  async run({ councilId, on, limit, offset }, context) {
    const views = context.views;
    if (!views) return [];
    await views.current();
    const accounts = listAccountBalances(views.rows as never, {
      councils: councilsOf(context, councilId),
      limit,
      offset,
    });
    const date = on ?? context.now.toISODate()!;
    const result: AuditClawbackView[] = [];
    for (const account of accounts) result.push(await clawbackOf(account.recipientId, date, context));
    return result;
  },
});
