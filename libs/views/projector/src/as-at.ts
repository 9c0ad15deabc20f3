import { DateTime } from 'luxon';
import type { EventStore, RecordedEvent } from '@dpe/event-store';
import type { AnyProjection } from './projection';
import { Projector } from './runner';

const ZONE = 'Europe/London';

/** What an as-at question asks: the view as at a business date, optionally as it was known on another day. */
export interface AsAt {
  /** Business date (YYYY-MM-DD): only events taking effect on or before it. */
  readonly asAt?: string;
  /** Business date (YYYY-MM-DD): only events recorded on or before the end of that day (London). */
  readonly knownOn?: string;
  /** A global position: only events at or before it (the view as it stood after that event). */
  readonly position?: bigint;
}

/** The London business date of an ISO instant. */
export function londonDate(instant: string): string {
  return DateTime.fromISO(instant, { zone: ZONE }).toISODate()!;
}

/** Whether an event is part of the view asked for. */
export function inAsAt(projection: AnyProjection, question: AsAt): (event: RecordedEvent) => boolean {
  const knownBy = question.knownOn
    ? DateTime.fromISO(question.knownOn, { zone: ZONE }).endOf('day').toUTC().toMillis()
    : undefined;
  return (event) => {
    if (question.position !== undefined && event.globalPosition > question.position) return false;
    if (knownBy !== undefined && Date.parse(event.metadata.recordedAt) > knownBy) return false;
    if (question.asAt !== undefined) {
      const effective = projection.effectiveDate?.(event) ?? londonDate(event.metadata.occurredAt);
      if (effective > question.asAt) return false;
    }
    return true;
  };
}

/**
 * The view as it stood (or as it was known): every event replayed into a throwaway in-memory model of the same
 * projection, keeping only the events the question includes; or, when the question is about one recipient, only the
 * streams named (theirs), which is what makes an as-at answer for one account take milliseconds on a store of
 * millions of events. The caller reads it and closes it.
 */
export async function replayAsAt(
  store: EventStore,
  projection: AnyProjection,
  question: AsAt,
  streams?: readonly string[],
): Promise<Projector> {
  const replay = new Projector(store, ':memory:', [projection], { include: inAsAt(projection, question) });
  if (!streams) {
    await replay.catchUp();
    return replay;
  }
  // Only these streams (one recipient's): read each, and project them merged back into global order.
  const events = (await Promise.all(streams.map((streamId) => store.readStream(streamId)))).flat();
  events.sort((a, b) => (a.globalPosition < b.globalPosition ? -1 : a.globalPosition > b.globalPosition ? 1 : 0));
  replay.project(events);
  return replay;
}
