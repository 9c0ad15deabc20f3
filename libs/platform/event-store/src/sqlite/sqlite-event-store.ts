import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  actualRevision,
  anchorRevision,
  assertAppendable,
  assertReadOptions,
  expectedRevisionHolds,
  NO_STREAM_HEAD,
} from '../append-rules';
import {
  ClaimTakenError,
  CommandAlreadyRecordedError,
  ConcurrencyError,
  DuplicateEventIdError,
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { AppendSignal } from '../subscription/append-signal';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { SQLITE_EVENT_STORE_PRAGMAS, SQLITE_EVENT_STORE_SCHEMA, SQLITE_EVENT_STORE_SCHEMA_VERSION } from './schema';

export interface SqliteEventStoreOptions {
  /**
   * How often live subscriptions look for events appended by another process on the same file.
   * Appends made through this store wake them at once regardless.
   */
  readonly pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;
const SQLITE_MAX_INT64 = 9223372036854775807n;
const EVENT_COLUMNS =
  'global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at';

/** A row as better-sqlite3 returns it in raw mode with safe integers. */
type EventRow = [bigint, string, bigint, string, string, bigint, string, string, string];
type StoredIdRow = [string, bigint, bigint];
type RunRow = [string, bigint];
type CommandRow = [string, string, string, string, bigint | null, bigint, string];

/** Raised inside the append transaction so that it rolls back before the duplicate is examined. */
class EventIdTaken extends Error {}

function toRecorded(row: EventRow): RecordedEvent {
  const metadata = JSON.parse(row[7]) as EventMetadata & { recordedAt: string };
  metadata.recordedAt = row[8];
  return {
    id: row[3],
    type: row[4],
    schemaVersion: Number(row[5]),
    data: JSON.parse(row[6]) as unknown,
    metadata,
    streamId: row[1],
    revision: row[2],
    globalPosition: row[0],
  };
}

// Matched by shape, not instanceof: the native addon keeps the SqliteError class (and Error
// realm) of the first copy of better-sqlite3 loaded in the process, which need not be ours
// (jest gives every test file its own module registry and globals).
function isEventIdViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.event_id');
}

function toCommandRecord(row: CommandRow): CommandRecord {
  const [commandId, commandType, requestHash, streamId, firstRevision, eventCount, recordedAt] = row;
  return {
    commandId,
    commandType,
    requestHash,
    streamId,
    ...(firstRevision === null ? {} : { firstRevision }),
    eventCount: Number(eventCount),
    recordedAt,
  };
}

/**
 * The embedded, default store. Opens (creating if needed) the database file at `path`, or an
 * in-process database for ':memory:'. One process should append to a file at a time; any number
 * may read and subscribe.
 */
export async function openSqliteEventStore(path: string, options: SqliteEventStoreOptions = {}): Promise<EventStore> {
  if (path.length === 0) throw new TypeError('SQLite event store path must not be empty');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    for (const pragma of SQLITE_EVENT_STORE_PRAGMAS) db.pragma(pragma);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteEventStore(db, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_EVENT_STORE_SCHEMA_VERSION) {
    throw new Error(
      `event store schema version ${version} is newer than this build understands (${SQLITE_EVENT_STORE_SCHEMA_VERSION})`,
    );
  }
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  db.pragma(`user_version = ${SQLITE_EVENT_STORE_SCHEMA_VERSION}`);
}

class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;

  private readonly signal = new AppendSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  private readonly selectHead: Database.Statement<[string], bigint>;
  private readonly insertEvent: Database.Statement<
    [string, number | bigint, string, string, number, string, string, string]
  >;
  private readonly selectLastRowid: Database.Statement<[], bigint>;
  private readonly selectById: Database.Statement<[string], StoredIdRow>;
  private readonly selectRun: Database.Statement<[string, bigint, number], RunRow>;
  private readonly selectForwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly selectBackwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly selectAfter: Database.Statement<[bigint, number], EventRow>;
  private readonly selectLastPosition: Database.Statement<[], bigint | null>;
  private readonly selectCommand: Database.Statement<[string], CommandRow>;
  private readonly insertCommand: Database.Statement<[string, string, string, string, bigint | null, number, string]>;
  private readonly selectClaim: Database.Statement<[string], string>;
  private readonly insertClaim: Database.Statement<[string, string, string]>;
  private readonly appendInTransaction: (
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions,
  ) => AppendResult;

  constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
  ) {
    this.selectHead = db
      .prepare<[string], bigint>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck()
      .safeIntegers();
    // Not in safe-integer mode: a BigInt per inserted row is measurable garbage in batch appends.
    // appendLocked binds bigint revisions and re-reads the rowid exactly once past 2^53.
    this.insertEvent = db.prepare<[string, number | bigint, string, string, number, string, string, string]>(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectLastRowid = db.prepare<[], bigint>('SELECT last_insert_rowid()').pluck().safeIntegers();
    this.selectById = db
      .prepare<[string], StoredIdRow>('SELECT stream_id, revision, global_position FROM events WHERE event_id = ?')
      .raw()
      .safeIntegers();
    this.selectRun = db
      .prepare<[string, bigint, number], RunRow>(
        'SELECT event_id, global_position FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      )
      .raw()
      .safeIntegers();
    this.selectForwards = db
      .prepare<[string, bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw()
      .safeIntegers();
    this.selectBackwards = db
      .prepare<[string, bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw()
      .safeIntegers();
    this.selectAfter = db
      .prepare<[bigint, number], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      )
      .raw()
      .safeIntegers();
    this.selectLastPosition = db
      .prepare<[], bigint | null>('SELECT max(global_position) FROM events')
      .pluck()
      .safeIntegers();

    this.selectCommand = db
      .prepare<[string], CommandRow>(
        `SELECT command_id, command_type, request_hash, stream_id, first_revision, event_count, recorded_at
         FROM commands WHERE command_id = ?`,
      )
      .raw()
      .safeIntegers();
    this.insertCommand = db.prepare<[string, string, string, string, bigint | null, number, string]>(
      `INSERT INTO commands (command_id, command_type, request_hash, stream_id, first_revision, event_count, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );

    this.selectClaim = db.prepare<[string], string>('SELECT stream_id FROM claims WHERE claim_key = ?').pluck();
    this.insertClaim = db.prepare<[string, string, string]>(
      'INSERT INTO claims (claim_key, stream_id, claimed_at) VALUES (?, ?, ?)',
    );

    // IMMEDIATE takes the write lock before the head is read, so no other connection can move
    // the stream between the expected-revision check and the inserts; the ledger row commits with the events.
    this.appendInTransaction = db.transaction(
      (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, options: AppendOptions) => {
        const { command } = options;
        if (command) {
          const existing = this.selectCommand.get(command.commandId);
          if (existing) throw new CommandAlreadyRecordedError(toCommandRecord(existing));
        }
        const result = this.appendLocked(streamId, events, expected);
        for (const key of options.claims ?? []) {
          const holder = this.selectClaim.get(key);
          if (holder === undefined) this.insertClaim.run(key, streamId, new Date().toISOString());
          else if (holder !== streamId) throw new ClaimTakenError(key, holder);
        }
        if (command) {
          const first = result.events[0];
          this.insertCommand.run(
            command.commandId,
            command.commandType,
            command.requestHash,
            streamId,
            first ? first.revision : null,
            result.events.length,
            first?.metadata.recordedAt ?? new Date().toISOString(),
          );
        }
        return result;
      },
    ).immediate;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events, expected);
    let result: AppendResult;
    try {
      result = this.appendInTransaction(streamId, events, expected, options);
    } catch (error) {
      if ((error instanceof EventIdTaken || isEventIdViolation(error)) && !options.command) {
        return this.resolveTakenIds(streamId, events, expected);
      }
      if (error instanceof EventIdTaken || isEventIdViolation(error)) throw this.duplicateOf(streamId, events);
      throw error;
    }
    if (events.length > 0) this.signal.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    const limit = options.maxCount ?? -1;
    const rows =
      options.direction === 'backwards'
        ? this.selectBackwards.all(streamId, options.fromRevision ?? SQLITE_MAX_INT64, limit)
        : this.selectForwards.all(streamId, options.fromRevision ?? 0n, limit);
    return rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    return this.readPage(options.after ?? 0n, options.maxCount ?? -1);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new CatchUpSubscription(
      {
        readPage: (after, maxCount) => this.readPage(after, maxCount),
        signal: this.signal,
        pollIntervalMs: this.pollIntervalMs,
      },
      options,
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    this.assertOpen();
    const row = this.selectCommand.get(commandId);
    return row ? toCommandRecord(row) : undefined;
  }

  async findClaim(key: string): Promise<string | undefined> {
    this.assertOpen();
    return this.selectClaim.get(key);
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.selectLastPosition.get() ?? 0n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private readPage(after: bigint, maxCount: number): RecordedEvent[] {
    return this.selectAfter.all(after, maxCount).map(toRecorded);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SQLite event store is closed');
  }

  private appendLocked(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const head = this.selectHead.get(streamId) ?? NO_STREAM_HEAD;
    if (!expectedRevisionHolds(expected, head)) {
      const anchor = anchorRevision(expected);
      const retried =
        anchor === undefined || events.length === 0 ? undefined : this.storedRun(streamId, events, anchor);
      if (retried) return retried;
      throw new ConcurrencyError(streamId, expected, actualRevision(head));
    }
    if (events.length === 0) {
      const last = head === NO_STREAM_HEAD ? undefined : this.storedRun(streamId, [], head);
      return { nextExpectedRevision: head + 1n, globalPosition: last?.globalPosition ?? 0n, events: [] };
    }

    const recordedAt = new Date().toISOString();
    const first = head + 1n;
    const last = head + BigInt(events.length);
    // Revisions bind as plain numbers while exact; bigint only for streams past 2^53.
    const exact = last <= BigInt(Number.MAX_SAFE_INTEGER);
    const firstNumber = Number(first);
    let rowid: number | bigint;
    const recorded: RecordedEvent[] = [];
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      try {
        rowid = this.insertEvent.run(
          streamId,
          exact ? firstNumber + i : first + BigInt(i),
          event.id,
          event.type,
          event.schemaVersion,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        ).lastInsertRowid;
      } catch (error) {
        if (isEventIdViolation(error)) throw new EventIdTaken();
        throw error;
      }
      recorded.push({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        // A copy, as a read would give: the caller's objects stay theirs.
        data: JSON.parse(JSON.stringify(event.data)) as unknown,
        metadata: { ...event.metadata, recordedAt },
        streamId,
        revision: first + BigInt(i),
        globalPosition:
          typeof rowid === 'number' && Number.isSafeInteger(rowid) ? BigInt(rowid) : this.selectLastRowid.get()!,
      });
    }
    const globalPosition = recorded[recorded.length - 1]!.globalPosition;
    return { nextExpectedRevision: last + 1n, globalPosition, events: recorded };
  }

  /**
   * EventStoreDB's idempotency: a batch whose ids are already stored, in order, where this append
   * would have put them is a retry of a write that succeeded; anything else is a duplicate.
   */
  private resolveTakenIds(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult {
    const first = events[0];
    const stored = first ? this.selectById.get(first.id) : undefined;
    if (stored && stored[0] === streamId && (expected === 'any' || expected === 'stream-exists')) {
      const retried = this.storedRun(streamId, events, stored[1]);
      if (retried) return retried;
    }
    throw this.duplicateOf(streamId, events);
  }

  private duplicateOf(streamId: string, events: readonly NewEvent[]): DuplicateEventIdError {
    const clash = events.find((event) => this.selectById.get(event.id) !== undefined);
    return new DuplicateEventIdError(clash?.id ?? '?', streamId);
  }

  /**
   * The original append result if `events` are stored at consecutive revisions from `from`.
   * With no events it describes the event at `from` itself.
   */
  private storedRun(streamId: string, events: readonly NewEvent[], from: bigint): AppendResult | undefined {
    const wanted = Math.max(events.length, 1);
    const rows = this.selectRun.all(streamId, from, wanted);
    if (rows.length !== wanted) return undefined;
    for (let i = 0; i < events.length; i++) {
      if (rows[i]?.[0] !== events[i]?.id) return undefined;
    }
    const last = rows[rows.length - 1];
    if (!last) return undefined;
    const stored = events.length === 0 ? [] : this.selectForwards.all(streamId, from, events.length).map(toRecorded);
    return { nextExpectedRevision: from + BigInt(events.length), globalPosition: last[1], events: stored };
  }
}
