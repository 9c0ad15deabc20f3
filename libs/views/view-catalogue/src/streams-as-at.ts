import { balancesProjection } from '@dpe/balances';
import { fold, type QueryContext } from '@dpe/decider';
import { InvalidInput } from '@dpe/errors';
import { inAsAt, type AnyProjection, type AsAt } from '@dpe/projector';

/** An as-at question as the view queries take it (AsAtParams). */
export interface AsAtQuestion {
  readonly asAt?: string | undefined;
  readonly knownOn?: string | undefined;
  readonly asAtPosition?: string | undefined;
}

/**
 * The business date each event of the streams the on-demand views fold takes effect on. Money takes effect on the
 * dates the ledger posts it on (the balances projection's: funding and contributions when received, spend on its
 * invoice date, payslips and runs on the pay date, payments when paid, a recovery payment when received; an
 * enrolment always), so the cash an as-at audit-clawback counts is the as-at balance's cash; a review on the day it
 * took place. Anything else takes effect when it was decided (its occurredAt, as `inAsAt` does without a date): a
 * hire, a policy version or a budget is read for the date asked by the calculation itself (policyInForce,
 * budgetInForce, employmentTermsOn), so it is kept whenever it had been decided.
 */
const STREAM_DATES: AnyProjection = {
  ...balancesProjection,
  effectiveDate: (event) =>
    event.type === 'DirectPaymentReviewed'
      ? (event.data as { reviewedOn: string }).reviewedOn
      : balancesProjection.effectiveDate?.(event),
};

/** Refuses knownOn without asAt, as the projected views do (readView). */
export function assertAsAtQuestion(question: AsAtQuestion): void {
  if (question.knownOn !== undefined && question.asAt === undefined) {
    throw new InvalidInput('knownOn', 'is asked together with asAt (the view as at a date, as known on a day)');
  }
}

/**
 * A query context whose `load` folds only the events an as-at question includes: effective on or before asAt,
 * recorded by the end of knownOn (London), at or before the global position. A view worked out on demand from the
 * streams (audit-clawback, pay risks) then answers as it stood, with the very functions it uses live. Without a
 * question the context is returned as it is.
 */
export function asAtContext(context: QueryContext, question: AsAtQuestion): QueryContext {
  assertAsAtQuestion(question);
  if (question.asAt === undefined && question.asAtPosition === undefined) return context;
  const asAt: AsAt = {
    ...(question.asAt ? { asAt: question.asAt } : {}),
    ...(question.knownOn ? { knownOn: question.knownOn } : {}),
    ...(question.asAtPosition ? { position: BigInt(question.asAtPosition) } : {}),
  };
  const include = inAsAt(STREAM_DATES, asAt);
  const load: QueryContext['load'] = async (stream, key) =>
    fold(stream, (await context.store.readStream(stream.streamId(key))).filter(include));
  return { ...context, load };
}

/**
 * The date a view worked out on demand is worked out on: asAt when asked as at a date (an `on` given with it must be
 * the same date), else `on`, else today.
 */
export function workedOutOn(
  on: string | undefined,
  question: AsAtQuestion,
  context: Pick<QueryContext, 'now'>,
): string {
  if (question.asAt !== undefined) {
    if (on !== undefined && on !== question.asAt) {
      throw new InvalidInput(
        'on',
        `must be left out or be the asAt date ${question.asAt}: a view as at a date is worked out on it`,
      );
    }
    return question.asAt;
  }
  return on ?? context.now.toISODate()!;
}
