import type { QueryContext } from '@dpe/decider';
import { EdgeError, InvalidInput } from '@dpe/errors';
import { replayAsAt, type AnyProjection, type AsAt, type ReadModelRows } from '@dpe/projector';
import { accountStream } from '@dpe/accounts';
import { payrollKey, payrollStream } from '@dpe/pay-runs';
import { recipientStream } from '@dpe/recipients';
import { recoveryStream } from '@dpe/recoveries';
import { businessDate, z } from '@dpe/schema';
import { taxYearOf } from '@dpe/tax-calendar';

/** The as-at parameters every view query takes. */
export const AsAtParams = {
  asAt: businessDate(
    { from: '2000-01-01', to: '2099-12-31' },
    'The view as at this business date (a throwaway replay of the events taking effect by then)',
  ).optional(),
  knownOn: businessDate(
    { from: '2000-01-01', to: '2099-12-31' },
    'With asAt: only what had been recorded by the end of this day (a correction recorded later is left out)',
  ).optional(),
  asAtPosition: z
    .string()
    .regex(/^\d{1,18}$/, 'must be a global position: a whole number such as 1234')
    .optional()
    .describe('The view as it stood just after the event at this global position (as /health reports positions)'),
};

/** Paging of a view's lists. */
export const PageParams = {
  limit: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be 1 to 1000')
    .max(1000, 'must be 1 to 1000')
    .default(100)
    .describe('Rows per page (1-1000, default 100)'),
  offset: z.coerce
    .number()
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .default(0)
    .describe('Rows to skip'),
};

/** A list's filter to one council (within the caller's scope: a council outside it gives an empty list). */
export const CouncilFilter = {
  councilId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'must be a council id such as kent')
    .transform((id) => id.toLowerCase())
    .optional()
    .describe('Only this council’s rows (within the councils the caller may see)'),
};

/** The councils a principal may see, narrowed to one when a list asks for it, as the views' query functions take them. */
export function councilsOf(context: QueryContext, councilId?: string): readonly string[] | 'all' {
  const scope = context.principal.councils;
  if (councilId === undefined) return scope;
  return scope === 'all' || scope.includes(councilId) ? [councilId] : [];
}

/**
 * Reads a view: the live read model once it has projected everything stored; or, asked as at a date (and as known on
 * a day), a throwaway replay of the projection into memory, read and dropped.
 */
export async function readView<T>(
  context: QueryContext,
  projection: AnyProjection,
  question: {
    readonly asAt?: string | undefined;
    readonly knownOn?: string | undefined;
    readonly asAtPosition?: string | undefined;
  },
  read: (rows: ReadModelRows<unknown>) => T,
  /** A question about one recipient replays only that recipient's streams. */
  recipientId?: string,
): Promise<T> {
  const views = context.views;
  if (!views) {
    throw new EdgeError('unavailable', 'views.unavailable', 'this process does not run the views’ read models');
  }
  if (question.knownOn !== undefined && question.asAt === undefined) {
    throw new InvalidInput('knownOn', 'is asked together with asAt (the view as at a date, as known on a day)');
  }
  if (question.asAt === undefined && question.asAtPosition === undefined) {
    await views.current();
    return read(views.rows as ReadModelRows<unknown>);
  }
  const asAt: AsAt = {
    ...(question.asAt ? { asAt: question.asAt } : {}),
    ...(question.knownOn ? { knownOn: question.knownOn } : {}),
    ...(question.asAtPosition ? { position: BigInt(question.asAtPosition) } : {}),
  };
  const replay = await replayAsAt(
    views.store,
    projection,
    asAt,
    recipientId === undefined ? undefined : recipientStreams(recipientId, context.now.toISODate()!),
  );
  try {
    return read(replay.readModel);
  } finally {
    await replay.close();
  }
}

/**
 * Every stream that can hold a recipient's money: the recipient (council, budgets, roster), the DP account, the
 * recoveries, and a payroll stream per tax year from the first year the engine pays (2024-25) to the year after today.
 */
export function recipientStreams(recipientId: string, today: string): string[] {
  const years: string[] = [];
  const last = Number(taxYearOf(today).id.slice(0, 4)) + 1;
  for (let year = 2024; year <= last; year++) years.push(`${year}-${String((year + 1) % 100).padStart(2, '0')}`);
  return [
    recipientStream.streamId(recipientId),
    accountStream.streamId(recipientId),
    recoveryStream.streamId(recipientId),
    ...years.map((year) => payrollStream.streamId(payrollKey(recipientId, year))),
  ];
}
