import type { RecordedEvent } from '@dpe/event-store';
import type { DomainEvent, StreamDeclaration } from './decider';

/** The version new events of `type` are written at: one more than the number of upcasters declared for it. */
export function currentVersion(stream: StreamDeclaration<DomainEvent, unknown>, type: string): number {
  const upcasters = (stream.upcasters as Record<string, readonly unknown[]> | undefined)?.[type];
  return (upcasters?.length ?? 0) + 1;
}

/**
 * Brings a stored event up to the current version of its type, one step at a time (v1 → v2 → …), so that `evolve`
 * only ever sees the current shape. An event newer than this build knows is passed through untouched for `evolve` to
 * ignore, never misread.
 */
export function upcast<Event extends DomainEvent>(
  stream: StreamDeclaration<Event, unknown>,
  stored: RecordedEvent,
): Event {
  const steps =
    (stream.upcasters as Record<string, readonly ((data: unknown) => unknown)[]> | undefined)?.[stored.type] ?? [];
  let data = stored.data;
  for (let version = stored.schemaVersion; version <= steps.length; version++) data = steps[version - 1]!(data);
  return { type: stored.type, data } as Event;
}

/** Folds a stream's stored events into state. */
export function fold<Event extends DomainEvent, State>(
  stream: StreamDeclaration<Event, State>,
  history: readonly RecordedEvent[],
): State {
  let state = stream.initialState;
  for (const stored of history)
    state = stream.evolve(state, upcast(stream as StreamDeclaration<Event, unknown>, stored));
  return state;
}
