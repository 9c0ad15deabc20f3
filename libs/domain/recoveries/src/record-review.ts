import { accountStream, type AccountState } from '@dpe/accounts';
import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, oneOf, text, z } from '@dpe/schema';
import { councilOfRecipient } from './recovery-rules';
import { REVIEW_OUTCOMES, reviewStream, type DirectPaymentReviewed } from './review-stream';

/**
 * Who may record a review: the council's finance team, whose duty reg 7 is, and the bureau (payroll operator,
 * bureau-admin), which as the Direct Payment Support Service often carries out the monitoring review for the council
 * and keys in the council's own (dp-domain.md §2: reviews and audits are run by the council or its support service).
 */
export const REVIEW_RECORDERS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];

/** What `record-review` reads before deciding: the recipient and the DP account (when the first payment was). */
export interface ReviewPrepared {
  readonly recipient: RecipientState;
  readonly account: AccountState;
}

/** The first Direct Payment received into the account (the date reg 7's first 6 months run from). */
export const firstPaymentOn = (account: AccountState): string | null =>
  account.funding.map((funding) => funding.receivedOn).sort()[0] ?? null;

/**
 * Records a review of a recipient's Direct Payment under the Care and Support (Direct Payments) Regulations 2014
 * reg 7 (the first within 6 months of the first payment, then at least every 12 months), so the audit-clawback view
 * counts the next one due from it instead of calling the first review overdue for ever. A review is of a DP being
 * paid: refused before any payment has been received, dated before the first payment, dated after today (a review is
 * recorded once it has happened), or on a date a review was already recorded for.
 */
export const recordReview = defineCommand({
  name: 'record-review',
  summary: "Record a review of a recipient's Direct Payment (reg 7; records DirectPaymentReviewed)",
  input: z.strictObject({
    recipientId: RecipientId,
    reviewedOn: businessDate(
      { from: '2015-04-01', to: '2099-12-31' },
      'The day the review took place; not before the first payment, not after today',
    ),
    outcome: oneOf(REVIEW_OUTCOMES, 'What the review decided'),
    note: text(500, 'A short note of what the review found (free text, kept as personal data)').optional(),
  }),
  complete: (input, ids) => ({ ...input, reviewId: ids.derive('review') }),
  stream: reviewStream,
  streamKey: (command) => command.recipientId,
  prepare: async (command, { load }): Promise<ReviewPrepared> => ({
    recipient: await load(recipientStream, command.recipientId),
    account: await load(accountStream, command.recipientId),
  }),
  decide(command, state, now, { recipient, account }: ReviewPrepared): DirectPaymentReviewed[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const first = firstPaymentOn(account);
    if (first === null) {
      throw new DomainError(
        'rule',
        'review.no-payment-yet',
        `recipient ${command.recipientId} has received no Direct Payment yet: a review (reg 7) is of a DP being paid, ` +
          'the first within 6 months of the first payment',
      );
    }
    if (command.reviewedOn < first) {
      throw new DomainError(
        'rule',
        'review.before-first-payment',
        `reviewedOn ${command.reviewedOn} is before the first Direct Payment to recipient ${command.recipientId}, ` +
          `received on ${first}`,
      );
    }
    const today = now.toISODate()!;
    if (command.reviewedOn > today) {
      throw new DomainError(
        'rule',
        'review.in-future',
        `reviewedOn ${command.reviewedOn} is after today, ${today}: a review is recorded once it has taken place`,
      );
    }
    const same = state.reviews.find((review) => review.reviewedOn === command.reviewedOn);
    if (same) {
      // As for budgets, policies and rates, one fact per date: the same date again breaks the rule (422).
      throw new DomainError(
        'rule',
        'review.already-recorded',
        `a review of recipient ${command.recipientId} on ${command.reviewedOn} was already recorded ` +
          `(review ${same.reviewId}, ${same.outcome})`,
      );
    }
    return [
      {
        type: 'DirectPaymentReviewed',
        data: {
          recipientId: command.recipientId,
          reviewId: command.reviewId,
          reviewedOn: command.reviewedOn,
          outcome: command.outcome,
          note: command.note ?? null,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/reviews', status: 201 },
  policy: {
    roles: REVIEW_RECORDERS,
    councilOfPrepared: councilOfRecipient,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({ recipientId: z.string(), reviewId: z.string(), reviewedOn: z.string() }),
    of: (command) => ({ recipientId: command.recipientId, reviewId: command.reviewId, reviewedOn: command.reviewedOn }),
  },
});
