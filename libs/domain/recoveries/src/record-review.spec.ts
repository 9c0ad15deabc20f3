import { derivedIds } from '@dpe/decider';
import {
  recordReview,
  reviewDue,
  reviewStream,
  type DirectPaymentReviewedData,
  type ReviewPrepared,
} from '@dpe/recoveries';
import { commandSpec, type GivenEvent } from '@dpe/testing';
import { account, recipient } from '../test/fixtures';

// r-1001 of the fixtures: the first Direct Payment (funding) was received on 2 March 2026.
const prepared: ReviewPrepared = { recipient, account };
const reviewId = derivedIds('spec-command').derive('review');
const input = {
  recipientId: 'r-1001',
  reviewedOn: '2026-05-28',
  outcome: 'continue',
  note: 'Spending matches the plan',
};
const reviewed = (data: Partial<DirectPaymentReviewedData> = {}): DirectPaymentReviewedData => ({
  recipientId: 'r-1001',
  reviewId,
  reviewedOn: '2026-05-28',
  outcome: 'continue',
  note: 'Spending matches the plan',
  ...data,
});

// @dpe/testing's default business time: 1 June 2026, 09:00 London.
const spec = commandSpec(recordReview, { prepared });
const refusal =
  (given: readonly GivenEvent[], when: unknown, options: { prepared?: ReviewPrepared } = {}) =>
  () =>
    spec.given(given).when(when, options).then([]);

describe('record review', () => {
  it('given a DP being paid, when a review that took place is recorded, then DirectPaymentReviewed records it', () => {
    spec
      .given([])
      .when(input)
      .then([{ type: 'DirectPaymentReviewed', data: reviewed() }]);
  });

  it('records a review without a note, on the day of the first payment, and on today', () => {
    spec
      .given([])
      .when({ recipientId: 'r-1001', reviewedOn: '2026-03-02', outcome: 'changes-agreed' })
      .then([
        {
          type: 'DirectPaymentReviewed',
          data: reviewed({ reviewedOn: '2026-03-02', outcome: 'changes-agreed', note: null }),
        },
      ]);
    spec
      .given([])
      .when({ ...input, reviewedOn: '2026-06-01', outcome: 'recovery-proposed' })
      .then([
        { type: 'DirectPaymentReviewed', data: reviewed({ reviewedOn: '2026-06-01', outcome: 'recovery-proposed' }) },
      ]);
  });

  it('records a review keyed in late, dated before one already recorded (reviews fold in date order)', () => {
    const later = { type: 'DirectPaymentReviewed', data: reviewed({ reviewId: 'r-later', reviewedOn: '2026-05-30' }) };
    spec
      .given([later])
      .when({ ...input, reviewedOn: '2026-04-15' })
      .then([{ type: 'DirectPaymentReviewed', data: reviewed({ reviewedOn: '2026-04-15' }) }]);
    const state = reviewStream.evolve(reviewStream.evolve(reviewStream.initialState, later as never), {
      type: 'DirectPaymentReviewed',
      data: reviewed({ reviewedOn: '2026-04-15' }),
    });
    expect(state.reviews.map((review) => review.reviewedOn)).toEqual(['2026-04-15', '2026-05-30']);
  });

  describe('refusals', () => {
    it('refuses a recipient not enrolled as not found', () => {
      spec
        .given([])
        .when(input, { prepared: { ...prepared, recipient: { status: 'not-enrolled' } } })
        .thenError('recipient.not-found', 'not-found');
    });

    it('refuses a review before any Direct Payment has been received', () => {
      const unpaid = { ...prepared, account: { ...account, funding: [] } };
      spec.given([]).when(input, { prepared: unpaid }).thenError('review.no-payment-yet', 'rule');
      expect(refusal([], input, { prepared: unpaid })).toThrow(
        'recipient r-1001 has received no Direct Payment yet: a review (reg 7) is of a DP being paid, the first ' +
          'within 6 months of the first payment',
      );
    });

    it('refuses a review dated before the first payment', () => {
      const early = { ...input, reviewedOn: '2026-03-01' };
      spec.given([]).when(early).thenError('review.before-first-payment', 'rule');
      expect(refusal([], early)).toThrow(
        'reviewedOn 2026-03-01 is before the first Direct Payment to recipient r-1001, received on 2026-03-02',
      );
    });

    it('refuses a review dated after today', () => {
      const ahead = { ...input, reviewedOn: '2026-06-02' };
      spec.given([]).when(ahead).thenError('review.in-future', 'rule');
      expect(refusal([], ahead)).toThrow(
        'reviewedOn 2026-06-02 is after today, 2026-06-01: a review is recorded once it has taken place',
      );
    });

    it('refuses a second review on the same date', () => {
      const given = [{ type: 'DirectPaymentReviewed', data: reviewed({ reviewId: 'rev-1' }) }];
      spec.given(given).when(input).thenError('review.already-recorded', 'rule');
      expect(refusal(given, input)).toThrow(
        'a review of recipient r-1001 on 2026-05-28 was already recorded (review rev-1, continue)',
      );
    });

    it('refuses an outcome not among the three, a date that is not a date, and an empty note, naming each field', () => {
      spec
        .given([])
        .when({ ...input, outcome: 'closed', reviewedOn: '2026-02-30', note: ' ' })
        .thenInvalid(['outcome', 'reviewedOn', 'note']);
    });
  });

  it('may be recorded by council finance or the bureau, in the recipient’s council', () => {
    expect(recordReview.policy.roles).toEqual(['bureau-admin', 'payroll-operator', 'council-finance']);
    expect(recordReview.policy.councilOfPrepared?.(prepared as never)).toBe('kent');
    expect(recordReview.http).toEqual({ method: 'POST', path: '/recipients/:recipientId/reviews', status: 201 });
  });
});

describe('the review stream', () => {
  it('is review-{recipientId}, declares the note personal data, and ignores events it does not know', () => {
    expect(reviewStream.streamId('r-1001')).toBe('review-r-1001');
    expect(reviewStream.personalData).toEqual({ DirectPaymentReviewed: ['note'] });
    const state = reviewStream.initialState;
    expect(reviewStream.evolve(state, { type: 'FromTheFuture', data: {} } as never)).toBe(state);
  });
});

describe('when the next review is due (reg 7)', () => {
  const review = (reviewedOn: string) => reviewed({ reviewedOn });

  it('is 6 months from the first payment until a review is recorded', () => {
    // 2 March 2026 + 6 months = 2 September 2026; "due" from a month before.
    expect(reviewDue('2026-03-02', [], '2026-06-01', 12)).toEqual({
      firstPaymentOn: '2026-03-02',
      lastReview: null,
      dueOn: '2026-09-02',
      status: 'not-due',
    });
    expect(reviewDue('2026-03-02', [], '2026-08-02', 12).status).toBe('due');
    expect(reviewDue('2026-03-02', [], '2026-09-02', 12).status).toBe('due');
    expect(reviewDue('2026-03-02', [], '2026-09-03', 12).status).toBe('overdue');
  });

  it('is then 12 months from the latest review, so a review ends an overdue first review', () => {
    // Reviewed 10 September 2026 (8 days late): next due 10 September 2027.
    expect(reviewDue('2026-03-02', [review('2026-09-10')], '2026-10-01', 12)).toEqual({
      firstPaymentOn: '2026-03-02',
      lastReview: { reviewedOn: '2026-09-10', outcome: 'continue' },
      dueOn: '2027-09-10',
      status: 'not-due',
    });
    expect(reviewDue('2026-03-02', [review('2026-04-01'), review('2026-09-10')], '2027-09-11', 12).status).toBe(
      'overdue',
    );
  });

  it('comes sooner when the council policy reviews more often, never later than the regulations allow', () => {
    // Leeds reviews every 6 months: 10 September 2026 + 6 = 10 March 2027.
    expect(reviewDue('2026-03-02', [review('2026-09-10')], '2026-10-01', 6).dueOn).toBe('2027-03-10');
    // A 3-month cadence brings the first review to 2 June 2026.
    expect(reviewDue('2026-03-02', [], '2026-06-01', 3).dueOn).toBe('2026-06-02');
    // A policy cadence longer than the statutory interval does not stretch it.
    expect(reviewDue('2026-03-02', [review('2026-09-10')], '2026-10-01', 24).dueOn).toBe('2027-09-10');
  });

  it('counts only what had happened by the date asked about', () => {
    expect(reviewDue('2026-03-02', [], '2026-03-01', 12).status).toBe('no-payment-yet');
    expect(reviewDue(null, [], '2026-03-01', 12)).toEqual({
      firstPaymentOn: null,
      lastReview: null,
      dueOn: null,
      status: 'no-payment-yet',
    });
    // A review dated after the date asked about is not yet counted.
    expect(reviewDue('2026-03-02', [review('2026-09-10')], '2026-09-05', 12)).toMatchObject({
      lastReview: null,
      dueOn: '2026-09-02',
      status: 'overdue',
    });
  });
});
