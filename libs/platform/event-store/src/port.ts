import { EngineError } from '@dpe/errors';

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
  /** The events as stored (with revision, position and recordedAt), so no caller has to read them back. */
  readonly events: readonly RecordedEvent[];
}

/** The command that caused an append, recorded in the command ledger in the same write as its events. */
export interface CommandToRecord {
  readonly commandId: string;
  /** The declared command's name, e.g. "enrol-recipient". */
  readonly commandType: string;
  /** A hash of the validated request, so a reused command id with a different request can be told apart. */
  readonly requestHash: string;
}

/** A handled command, as the ledger holds it: an O(1) answer to "was this command id handled, and with what?". */
export interface CommandRecord extends CommandToRecord {
  readonly streamId: string;
  /** Revision of the first event the command recorded; undefined when its decision recorded no events. */
  readonly firstRevision?: bigint;
  readonly eventCount: number;
  readonly recordedAt: string;
}

export interface AppendOptions {
  /**
   * Record this command in the ledger atomically with the events (also when `events` is empty: a decision that
   * recorded nothing is still a handled command). If the command id is already recorded, nothing is written and the
   * append fails with CommandAlreadyRecordedError carrying the stored record.
   */
  readonly command?: CommandToRecord;
  /**
   * Unique keys this stream takes, atomically with the events (e.g. "paye-scheme/123/AB456": one PAYE scheme belongs
   * to one employer). A key the same stream already holds is kept; a key another stream holds refuses the whole
   * append with ClaimTakenError and nothing is written. A claim is never released: it records who holds the key.
   */
  readonly claims?: readonly string[];
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

export interface ListClaimsOptions {
  /** Exclusive: only keys after this one (the last key of the previous page). */
  readonly after?: string;
  /** At most this many claims; unlimited when absent. */
  readonly limit?: number;
}

/** A claimed key and the stream that holds it. */
export interface ClaimEntry {
  readonly key: string;
  readonly streamId: string;
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
  /**
   * Appends `events` to `streamId` if `expected` holds, atomically with `options.command` and `options.claims`.
   * Resolves once the write is durable. Appends may be issued concurrently: each is checked and written as if it
   * ran alone, in the order of the calls on SQLite and in memory (SQLite commits concurrent appends together; see
   * docs/event-store.md, "Group commit"), and one append's refusal never affects another.
   */
  append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** The ledger record of a handled command, or undefined if this command id was never recorded. */
  findCommand(commandId: string): Promise<CommandRecord | undefined>;
  /** The stream holding a claimed key, or undefined if no stream has claimed it. */
  findClaim(key: string): Promise<string | undefined>;
  /**
   * Claims whose key starts with `prefix` (e.g. "paye-scheme/": every registered employer), in key order (Unicode
   * code point order, the same on every adapter), paged by `after`. An empty prefix lists every claim. On SQLite and
   * in memory this is an index range scan; on EventStoreDB it scans $all (see docs/event-store.md).
   */
  listClaims(prefix: string, options?: ListClaimsOptions): Promise<ClaimEntry[]>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** Global position of the newest stored event (0n when empty); used for projection lag. */
  headPosition(): Promise<bigint>;
  close(): Promise<void>;
}

/** The expected revision did not match the stream. */
export class ConcurrencyError extends EngineError {
  readonly kind = 'conflict' as const;

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no-stream'. */
    readonly actual: bigint | 'no-stream',
  ) {
    super(
      'store.concurrency',
      `stream "${streamId}": expected revision ${String(expected)} but the stream is at ${String(actual)}`,
    );
  }
}

/** An event id already stored elsewhere (another stream or another position), which is not an idempotent retry. */
export class DuplicateEventIdError extends EngineError {
  readonly kind = 'conflict' as const;
  constructor(
    readonly eventId: string,
    readonly streamId: string,
  ) {
    super(
      'store.duplicate-event-id',
      `event id ${eventId} is already stored and does not match this append to "${streamId}"`,
    );
  }
}

/** The append named a command id the ledger already holds; nothing was written. */
export class CommandAlreadyRecordedError extends EngineError {
  readonly kind = 'conflict' as const;
  constructor(readonly record: CommandRecord) {
    super(
      'store.command-already-recorded',
      `command ${record.commandId} was already handled (on "${record.streamId}")`,
    );
  }
}

/** The append claimed a key another stream holds; nothing was written. */
export class ClaimTakenError extends EngineError {
  readonly kind = 'conflict' as const;
  constructor(
    readonly key: string,
    readonly holderStreamId: string,
  ) {
    super('store.claim-taken', `key "${key}" is already claimed by stream "${holderStreamId}"`);
  }
}
