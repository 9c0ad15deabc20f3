import { defineStream, type DomainEvent } from '@dpe/decider';
import { DateTime } from 'luxon';

/**
 * The council's reviews of a recipient's Direct Payment, one stream per recipient: `review-{recipientId}`. Care and
 * Support (Direct Payments) Regulations 2014 (SI 2014/2871) reg 7: the local authority must review the making of
 * direct payments at least once within the first 6 months of the first payment, and then at intervals of no more than
 * 12 months (dp-domain.md §1.2; §5.1 `ReviewCompleted`). A council's policy may review more often
 * (`auditCadenceMonths`: Haringey, Gateshead, Hartlepool review sooner, dp-domain.md §2). Reviews have a stream of
 * their own, not a place on the recipient's: they are the council's audit trail, read by the audit-clawback view, and
 * keep the recipient stream (folded by every payroll command) short. Its council is its recipient's, found by
 * `prepare`.
 */

export const REVIEW_OUTCOMES = ['continue', 'changes-agreed', 'recovery-proposed'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** DirectPaymentReviewed, schema version 1: a reg 7 review was carried out on a business date. */
export interface DirectPaymentReviewedData {
  readonly recipientId: string;
  /** Derived from the command id, so a retry records the same review. */
  readonly reviewId: string;
  /** The business date the review took place (not the day it was keyed in). */
  readonly reviewedOn: string;
  /** continue: the DP goes on as it is; changes-agreed: the plan or the budget changes; recovery-proposed: a surplus. */
  readonly outcome: ReviewOutcome;
  /** A short note of what was found: free text, which may name the person's circumstances (so personal data). */
  readonly note: string | null;
}
export type DirectPaymentReviewed = DomainEvent<'DirectPaymentReviewed', DirectPaymentReviewedData>;
export type ReviewEvent = DirectPaymentReviewed;

export interface ReviewState {
  /** Every review recorded, in the order of their dates. */
  readonly reviews: readonly DirectPaymentReviewedData[];
}

export const reviewStream = defineStream<ReviewEvent, ReviewState>({
  name: 'review',
  streamId: (recipientId) => `review-${recipientId}`,
  initialState: { reviews: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'DirectPaymentReviewed':
        // A review may be keyed in late, after a later one: kept in date order, so the last is the latest review.
        return {
          reviews: [...state.reviews, event.data].sort((a, b) => a.reviewedOn.localeCompare(b.reviewedOn)),
        };
      default:
        // Events this version does not know (written by a newer one) leave the state as it is.
        return state;
    }
  },
  personalData: { DirectPaymentReviewed: ['note'] },
});

// ----------------------------------------------------------------------------------------------------- when it is due

/** Reg 7(1)(a): the first review within 6 months of the first payment. */
export const FIRST_REVIEW_MONTHS = 6;
/** Reg 7(1)(b): then at intervals of no more than 12 months. */
export const REVIEW_INTERVAL_MONTHS = 12;

export type ReviewStatus = 'no-payment-yet' | 'not-due' | 'due' | 'overdue';

export interface ReviewDue {
  readonly firstPaymentOn: string | null;
  readonly lastReview: { readonly reviewedOn: string; readonly outcome: ReviewOutcome } | null;
  readonly dueOn: string | null;
  /** due: within a month of dueOn; overdue: dueOn has passed with no review since. */
  readonly status: ReviewStatus;
}

const plusMonths = (date: string, months: number): string =>
  DateTime.fromISO(date, { zone: 'Europe/London' }).plus({ months }).toISODate()!;

/**
 * When the next review is due on a date: 6 months from the first payment until a review is recorded, then 12 months
 * from the latest review on or before the date (reg 7); a council policy with a shorter `auditCadenceMonths` brings
 * either sooner. Reviews dated after `on` are not counted, so the answer as at a past date is the one it had then.
 */
export function reviewDue(
  firstPaymentOn: string | null,
  reviews: readonly DirectPaymentReviewedData[],
  on: string,
  cadenceMonths: number | undefined,
): ReviewDue {
  if (!firstPaymentOn || firstPaymentOn > on) {
    return { firstPaymentOn: null, lastReview: null, dueOn: null, status: 'no-payment-yet' };
  }
  const last = [...reviews].filter((review) => review.reviewedOn <= on).pop();
  const statutory = last ? REVIEW_INTERVAL_MONTHS : FIRST_REVIEW_MONTHS;
  const months = Math.min(statutory, cadenceMonths ?? statutory);
  const dueOn = plusMonths(last?.reviewedOn ?? firstPaymentOn, months);
  const soon = plusMonths(dueOn, -1);
  const status = on > dueOn ? 'overdue' : on >= soon ? 'due' : 'not-due';
  return {
    firstPaymentOn,
    lastReview: last ? { reviewedOn: last.reviewedOn, outcome: last.outcome } : null,
    dueOn,
    status,
  };
}
