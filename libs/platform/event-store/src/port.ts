/**
 * The one event-store port every part of the engine uses. Adapters: SQLite (embedded, default),
 * EventStoreDB/KurrentDB (production clusters), in-memory (unit tests only).
 *
 * Revisions are stream-local and start at 0 (EventStoreDB's convention). Global positions are
 * store-wide, strictly increasing, and start at 1. Both are bigint so that no adapter loses
 * precision past 2^53.
 */

/** Metadata every stored event carries. occurredAt is business time; recordedAt is when the store wrote it. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandId: string;
  /** Who caused it: a user id, a service name, or "system:…". */
  readonly actor: string;
  /** Business time, ISO-8601 with offset. */
  readonly occurredAt: string;
}

/** An event as a caller hands it to append. Data must be plain JSON: money and bigint as strings. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  readonly id: string;
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> extends NewEvent<Type, Data> {
  readonly streamId: string;
  readonly revision: bigint;
  readonly globalPosition: bigint;
  readonly metadata: EventMetadata & { readonly recordedAt: string };
}

/** What the caller expects of the stream before appending. A bigint is an exact revision of the last event. */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | bigint;

export interface AppendResult {
  /** The revision the next appended event would get (last revision + 1). */
  readonly nextExpectedRevision: bigint;
  /** Global position of the last event of this append. */
  readonly globalPosition: bigint;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive start revision; defaults to the start (forwards) or the end (backwards). */
  readonly fromRevision?: bigint;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with globalPosition greater than this. Defaults to 0n (the beginning). */
  readonly after?: bigint;
  readonly maxCount?: number;
}

export interface SubscribeOptions {
  /** Checkpoint: the global position of the last event the subscriber has processed; events after it are delivered. */
  readonly after?: bigint;
  readonly onEvent: (event: RecordedEvent) => Promise<void> | void;
  /** Called once the subscription has delivered everything stored when it started (then it is live). */
  readonly onCaughtUp?: () => void;
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  /** Stops delivery; resolves once no further onEvent call will start. */
  stop(): Promise<void>;
}

export type StoreKind = 'sqlite' | 'eventstoredb' | 'in-memory';

export interface EventStore {
  readonly kind: StoreKind;
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Global position of the newest stored event (0n when empty); used for projection lag. */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** The expected revision did not match the stream. */
export class ConcurrencyError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no-stream'. */
    readonly actual: bigint | 'no-stream',
  ) {
    super(
      `stream "${streamId}": expected revision ${String(expected)} but the stream is at ${String(actual)}`,
    );
    this.name = 'ConcurrencyError';
  }
}

/** An event id already stored elsewhere (another stream or another position), which is not an idempotent retry. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string, readonly streamId: string) {
    super(`event id ${eventId} is already stored and does not match this append to "${streamId}"`);
    this.name = 'DuplicateEventIdError';
  }
}
