import { BUREAU_WRITERS } from '@dpe/access';
import { councilPolicyStream, policyInForce, type CouncilPolicyHistory } from '@dpe/councils';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, oneOf, poundsAmount, text, z } from '@dpe/schema';
import {
  ACCOUNT_DATES as DATES,
  SPEND_CATEGORIES,
  accountStream,
  type OtherSpendRecorded,
  type SpendFlag,
} from './account-stream';

/** What `record-other-spend` reads before deciding: the recipient, and its council's policy versions. */
export interface OtherSpendPrepared {
  readonly recipient: RecipientState;
  readonly policies: CouncilPolicyHistory;
}

/** Payees and invoice references are typed from paper: "ACME Care Ltd " and "Acme care ltd" are the same payee. */
const sameKey = (value: string): string => value.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Money owed or paid from the DP account other than payroll: an agency's or a provider's invoice, equipment, respite
 * (dp-domain.md §5.2 `PaymentInstructed` payees: agency invoice, provider fee, other). Spend the council's policy
 * disallows is still recorded, because it happened, and flagged for audit (§1.8 what counts as misuse; §5.2
 * `TransactionFlagged`, rule id "disallowed category"): the check uses the policy version in force on the invoice date,
 * and every spend records that version (§0.1: every calculation records the policy version it used).
 */
export const recordOtherSpend = defineCommand({
  name: 'record-other-spend',
  summary: "Record spend from a recipient's DP account other than payroll (records OtherSpendRecorded)",
  input: z.strictObject({
    recipientId: RecipientId,
    category: oneOf(SPEND_CATEGORIES, 'What the money is for'),
    payee: text(100, 'Who is paid: an agency, a provider, a supplier'),
    // A year of the largest DP package is under £250,000 (as for funding); one invoice for more is a typing error.
    amount: poundsAmount({ max: '250000.00', allowZero: false, description: 'Amount of the invoice, e.g. "320.00"' }),
    invoiceReference: text(64, "The payee's invoice or receipt reference"),
    invoiceDate: businessDate(DATES, 'The date of the invoice; the council policy in force on it applies'),
    dueDate: businessDate(DATES, 'When the invoice is due to be paid').optional(),
    description: text(200, 'What was bought or provided'),
  }),
  complete: (input, ids) => ({ ...input, spendId: ids.derive('spend') }),
  stream: accountStream,
  streamKey: (command) => command.recipientId,
  prepare: async (command, { load }): Promise<OtherSpendPrepared> => {
    const recipient = await load(recipientStream, command.recipientId);
    // A recipient enrolled before councils were registered (councilId null) has no council policy to check against.
    const councilId = recipient.status === 'enrolled' ? recipient.councilId : null;
    const policies = councilId ? await load(councilPolicyStream, councilId) : councilPolicyStream.initialState;
    return { recipient, policies };
  },
  decide(command, state, _now, { recipient, policies }: OtherSpendPrepared): OtherSpendRecorded[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const { dueDate = null } = command;
    if (dueDate !== null && dueDate < command.invoiceDate) {
      throw new DomainError(
        'rule',
        'spend.due-date',
        `dueDate ${dueDate} is before the invoice's date ${command.invoiceDate}`,
      );
    }
    const same = state.spend.find(
      (s) =>
        sameKey(s.payee) === sameKey(command.payee) &&
        sameKey(s.invoiceReference) === sameKey(command.invoiceReference),
    );
    if (same) {
      // An invoice is paid once: the same payee's reference again is a duplicate, not a second debt.
      throw new DomainError(
        'conflict',
        'spend.duplicate-invoice',
        `invoice ${command.invoiceReference} from ${command.payee} was already recorded (spend ${same.spendId}, dated ${same.invoiceDate})`,
      );
    }
    // Council policy versions are effective-dated (council-policy.ts): the spend is judged by the version in force on
    // the invoice's date, not the one in force when it is keyed in.
    const policy = policyInForce(policies, command.invoiceDate);
    const disallowed = policy?.disallowedCategories.some((category) => sameKey(category) === command.category);
    const flag: SpendFlag | null =
      policy && disallowed
        ? {
            rule: 'council.disallowed-category',
            policyVersion: policy.version,
            message:
              `category ${command.category} is not allowed from a Direct Payment by ${policy.councilId}'s policy ` +
              `version ${policy.version} (in force from ${policy.effectiveFrom}); recorded and flagged for audit`,
          }
        : null;
    return [
      {
        type: 'OtherSpendRecorded',
        data: {
          recipientId: command.recipientId,
          spendId: command.spendId,
          category: command.category,
          payee: command.payee,
          amount: command.amount,
          invoiceReference: command.invoiceReference,
          invoiceDate: command.invoiceDate,
          dueDate,
          description: command.description,
          policyVersion: policy?.version ?? null,
          flag,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/spend', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: OtherSpendPrepared) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({
      recipientId: z.string(),
      spendId: z.string(),
      warnings: z
        .array(z.object({ code: z.string(), message: z.string() }))
        .describe('Why the spend was flagged (e.g. council.disallowed-category); empty when it was not'),
    }),
    // Read from the recorded event, so a replay (no `prepared`) answers the same warning.
    of: (command, _prepared, events) => {
      const flags = events.flatMap((event) =>
        event.type === 'OtherSpendRecorded' && event.data.flag ? [event.data.flag] : [],
      );
      return {
        recipientId: command.recipientId,
        spendId: command.spendId,
        warnings: flags.map((flag) => ({ code: flag.rule, message: flag.message })),
      };
    },
  },
});
