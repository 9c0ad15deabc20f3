import type { EventStore, RecordedEvent } from '@dpe/event-store';
import type { DomainEvent, StreamDeclaration } from './decider';
import { upcast } from './upcast';

/** A stream's state as folded from its events up to and including `revision` (undefined: no events yet). */
export interface FoldedState<State> {
  readonly state: State;
  readonly revision: bigint | undefined;
}

interface Entry {
  readonly stream: StreamDeclaration<DomainEvent, unknown>;
  readonly folded: FoldedState<unknown>;
}

/** Entries kept by default: the recipients, employments and payroll years of a bureau the size of England's. */
export const DEFAULT_STATE_CACHE_ENTRIES = 500_000;

/**
 * Folded stream states kept between commands, so that a stream read again (an employer's roster on every pay day, an
 * employment on every pay run) costs one read of the events appended since, not a read and fold of its whole history.
 *
 * Sound because streams are append-only and events immutable: the state at revision n, evolved with the events after
 * n, is the state a fresh fold gives. Every load still asks the store for the events after the cached revision, so an
 * append made by any other writer (another process on the same file, another node on EventStoreDB) is seen as surely
 * as without the cache. Evolve functions and decisions return new values and never change a state they are given: a
 * cached state is shared by every later command. Under test (NODE_ENV=test, as jest sets it) every state kept here is
 * deep-frozen, so a fold or decision that changed one fails the specs instead of corrupting later commands.
 *
 * Bounded: the least recently used stream is dropped past `maxEntries`.
 */
export class StateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = DEFAULT_STATE_CACHE_ENTRIES) {
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The stream's current state and revision: the cached fold brought up to date with what was appended since. */
  async load<Event extends DomainEvent, State>(
    store: EventStore,
    stream: StreamDeclaration<Event, State>,
    streamId: string,
  ): Promise<FoldedState<State>> {
    const entry = this.entries.get(streamId);
    const known = entry && entry.stream === (stream as unknown) ? (entry.folded as FoldedState<State>) : undefined;
    const after = known?.revision;
    const newer = await store.readStream(streamId, after === undefined ? {} : { fromRevision: after + 1n });
    // A stream with no events is not kept: there is nothing to save, and an id probed once must not fill the cache.
    if (!known && newer.length === 0) return { state: stream.initialState, revision: undefined };
    const folded =
      newer.length === 0
        ? known!
        : evolveWith(stream, known ?? { state: stream.initialState, revision: undefined }, newer);
    this.remember(streamId, stream, folded);
    return folded;
  }

  /** Records the events just appended to a stream whose state at the revision before them is `before`. */
  appended<Event extends DomainEvent, State>(
    stream: StreamDeclaration<Event, State>,
    streamId: string,
    before: FoldedState<State>,
    recorded: readonly RecordedEvent[],
  ): void {
    if (recorded.length === 0) return;
    const folded = follows(before, recorded) ? evolveWith(stream, before, recorded) : undefined;
    // Not the events right after `before`: forget the stream, and the next load folds it afresh.
    if (folded) this.remember(streamId, stream, folded);
    else this.entries.delete(streamId);
  }

  private remember<Event extends DomainEvent, State>(
    streamId: string,
    stream: StreamDeclaration<Event, State>,
    folded: FoldedState<State>,
  ): void {
    if (FREEZE_STATES) deepFreeze(folded.state);
    // Re-inserting moves the stream to the most recently used end of the map's order.
    this.entries.delete(streamId);
    this.entries.set(streamId, { stream: stream as unknown as Entry['stream'], folded });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

const FREEZE_STATES = process.env['NODE_ENV'] === 'test';

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  if (value instanceof Map) {
    for (const [key, entry] of value) {
      deepFreeze(key);
      deepFreeze(entry);
    }
  } else {
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
}

function follows(before: FoldedState<unknown>, events: readonly RecordedEvent[]): boolean {
  return events[0]!.revision === (before.revision ?? -1n) + 1n;
}

function evolveWith<Event extends DomainEvent, State>(
  stream: StreamDeclaration<Event, State>,
  from: FoldedState<State>,
  events: readonly RecordedEvent[],
): FoldedState<State> {
  let state = from.state;
  for (const stored of events) {
    state = stream.evolve(state, upcast(stream as StreamDeclaration<Event, unknown>, stored));
  }
  return { state, revision: events[events.length - 1]!.revision };
}

const caches = new WeakMap<EventStore, StateCache>();

/** The cache every command run on this store connection shares (one per store object, dropped with it). */
export function stateCacheOf(store: EventStore): StateCache {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new StateCache()));
  return cache;
}
