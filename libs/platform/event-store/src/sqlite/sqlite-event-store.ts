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
import { assertListClaimsArguments, compareClaimKeys, prefixUpperBound } from '../claim-keys';
import {
  ClaimTakenError,
  CommandAlreadyRecordedError,
  ConcurrencyError,
  DuplicateEventIdError,
  type AppendOptions,
  type AppendResult,
  type ClaimEntry,
  type CommandRecord,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type ListClaimsOptions,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { AppendSignal } from '../subscription/append-signal';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { GroupCommit, type BatchOutcome } from './group-commit';
import { WalSync } from './wal-sync';
import { SQLITE_EVENT_STORE_PRAGMAS, SQLITE_EVENT_STORE_SCHEMA, SQLITE_EVENT_STORE_SCHEMA_VERSION } from './schema';

export interface SqliteEventStoreOptions {
  /**
   * How often live subscriptions look for events appended by another process on the same file.
   * Appends made through this store wake them at once regardless.
   */
  readonly pollIntervalMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 250;
/** Most appends committed in one transaction; bounds how long one commit holds the event loop. */
export const SQLITE_MAX_GROUP_COMMIT = 256;
const MAX_KNOWN_ENDS = 2_000_000;
const SQLITE_MAX_INT64 = 9223372036854775807n;
const EVENT_COLUMNS =
  'global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at';

/** A row as better-sqlite3 returns it in raw mode with safe integers. */
type EventRow = [bigint, string, bigint, string, string, bigint, string, string, string];
type StoredIdRow = [string, bigint, bigint];
type RunRow = [string, bigint];
type CommandRow = [string, string, string, string, bigint | null, bigint, string];
type ClaimRow = [string, string];
type IdOnly = { readonly id: string };

/**
 * An event as queued for group commit: serialised when append is called, so what is stored is what the caller
 * passed at that moment even if it changes its objects while the append waits for its batch (as before group
 * commit, the caller's objects stay theirs), and the JSON work is done outside the write transaction.
 */
interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: string;
  readonly metadata: EventMetadata;
  readonly metadataJson: string;
}

/** One append call, as queued for group commit (already validated). */
interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
  readonly options: AppendOptions;
}

function prepareEvent(event: NewEvent): PreparedEvent {
  const metadata = { ...event.metadata };
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: JSON.stringify(event.data),
    metadata,
    metadataJson: JSON.stringify(metadata),
  };
}

function prepareOptions({ command, claims }: AppendOptions): AppendOptions {
  return { ...(command ? { command: { ...command } } : {}), ...(claims ? { claims: [...claims] } : {}) };
}

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
  // An in-process database has no file to flush: its appends settle when committed.
  const wal = path === ':memory:' ? undefined : new WalSync(`${path}-wal`);
  return new SqliteEventStore(db, options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, wal);
}

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_EVENT_STORE_SCHEMA_VERSION) {
    throw new Error(
      `event store schema version ${version} is newer than this build understands (${SQLITE_EVENT_STORE_SCHEMA_VERSION})`,
    );
  }
  // Creating what exists writes nothing; a current file is left untouched, so a reading connection opened beside the
  // writer never takes the write lock.
  if (version === SQLITE_EVENT_STORE_SCHEMA_VERSION) return;
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  db.pragma(`user_version = ${SQLITE_EVENT_STORE_SCHEMA_VERSION}`);
}

class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;

  private readonly signal = new AppendSignal();
  /**
   * Streams whose end this connection knows: no event after the revision kept here (-1: none at all). Learnt from
   * its own commits and from reads to a stream's end, and forgotten whenever another connection commits (SQLite's
   * data_version moves), so a read from past the known end answers "nothing new" without a query. The executor reads
   * every stream it folds from its cached revision on, for every command (an employer's roster on every pay day), and
   * most of those reads find nothing: this is what they cost.
   */
  private readonly knownEnds = new Map<string, bigint>();
  private dataVersion: number | undefined;
  /** Whether data_version was read in this turn of the event loop (the pragma costs about what a read does). */
  private versionReadThisTurn = false;
  private readonly selectDataVersion: Database.Statement<[], number>;
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
  private readonly selectAllForwards: Database.Statement<[string, bigint], EventRow>;
  private readonly selectAllBackwards: Database.Statement<[string, bigint], EventRow>;
  private readonly selectBackwards: Database.Statement<[string, bigint, number], EventRow>;
  private readonly selectAfter: Database.Statement<[bigint, number], EventRow>;
  private readonly selectLastPosition: Database.Statement<[], bigint | null>;
  private readonly selectCommand: Database.Statement<[string], CommandRow>;
  private readonly insertCommand: Database.Statement<[string, string, string, string, bigint | null, number, string]>;
  private readonly selectClaim: Database.Statement<[string], string>;
  private readonly insertClaim: Database.Statement<[string, string, string]>;
  /** Claim listings by lower bound (the prefix, inclusive, or `after`, exclusive), with and without an upper bound. */
  private readonly selectClaimsFrom: Database.Statement<[string, string, number], ClaimRow>;
  private readonly selectClaimsAfter: Database.Statement<[string, string, number], ClaimRow>;
  private readonly selectAllClaimsFrom: Database.Statement<[string, number], ClaimRow>;
  private readonly selectAllClaimsAfter: Database.Statement<[string, number], ClaimRow>;
  private readonly appendInSavepoint: (
    streamId: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
    options: AppendOptions,
  ) => AppendResult;
  private readonly commitInTransaction: (requests: readonly AppendRequest[]) => BatchOutcome<AppendResult>[];
  private readonly appends: GroupCommit<AppendRequest, AppendResult>;

  constructor(
    private readonly db: Database.Database,
    private readonly pollIntervalMs: number,
    private readonly wal: WalSync | undefined,
  ) {
    this.selectDataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
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
    // Reads without a maxCount have statements of their own: a bound `LIMIT -1` costs SQLite about 12 µs a query
    // (measured: 17 µs against 5.5 µs for a stream with nothing new), and most reads are whole streams or their tails.
    this.selectAllForwards = db
      .prepare<[string, bigint], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
      )
      .raw()
      .safeIntegers();
    this.selectAllBackwards = db
      .prepare<[string, bigint], EventRow>(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC`,
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

    const claimRange = (lower: '>=' | '>'): string =>
      `SELECT claim_key, stream_id FROM claims WHERE claim_key ${lower} ? AND claim_key < ? ORDER BY claim_key LIMIT ?`;
    const claimsFrom = (lower: '>=' | '>'): string =>
      `SELECT claim_key, stream_id FROM claims WHERE claim_key ${lower} ? ORDER BY claim_key LIMIT ?`;
    this.selectClaimsFrom = db.prepare<[string, string, number], ClaimRow>(claimRange('>=')).raw();
    this.selectClaimsAfter = db.prepare<[string, string, number], ClaimRow>(claimRange('>')).raw();
    this.selectAllClaimsFrom = db.prepare<[string, number], ClaimRow>(claimsFrom('>=')).raw();
    this.selectAllClaimsAfter = db.prepare<[string, number], ClaimRow>(claimsFrom('>')).raw();

    // One append: its ledger row and claims are written with its events, or nothing of it is. Only ever called
    // inside commitInTransaction, where better-sqlite3 runs a nested transaction function as a SAVEPOINT: a
    // refusal (thrown) rolls back to the savepoint, undoing this append alone, and the batch carries on.
    this.appendInSavepoint = db.transaction(
      (streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision, options: AppendOptions) => {
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
    );

    // IMMEDIATE takes the write lock before any head is read, so no other connection can move a stream between
    // the expected-revision checks and the inserts. The appends of a batch run in arrival order, each seeing the
    // ones before it, exactly as if they had been committed one by one; COMMIT is the batch's one fsync.
    this.commitInTransaction = db.transaction((requests: readonly AppendRequest[]) =>
      requests.map((request): BatchOutcome<AppendResult> => {
        try {
          return { ok: true, result: this.appendOne(request) };
        } catch (error) {
          // SQLite ends the whole transaction itself on some failures (disk full, I/O error): the appends
          // before this one are undone too, so the batch fails as a whole and nothing of it is acknowledged.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    ).immediate;

    // A batch settles once its WAL frames are on disk; only then may subscriptions read what was written.
    this.appends = new GroupCommit(
      (requests) => {
        const outcomes = this.commitInTransaction(requests);
        // Committed under the write lock: nothing was appended after these events when the lock was released.
        for (let i = 0; i < outcomes.length; i++) {
          const outcome = outcomes[i]!;
          if (outcome.ok) this.knowEnd(requests[i]!.streamId, outcome.result.nextExpectedRevision - 1n);
        }
        return outcomes;
      },
      SQLITE_MAX_GROUP_COMMIT,
      (done) => {
        const settle = (error?: unknown): void => {
          if (error === undefined) this.signal.notify();
          done(error);
        };
        if (wal) wal.afterCommit(settle);
        else settle();
      },
    );
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    // A failed flush leaves the disk's state unknown: no further append is acknowledged on this connection.
    if (this.wal?.failed) throw this.wal.failed;
    assertAppendable(streamId, events, expected);
    return this.appends.submit({
      streamId,
      events: events.map(prepareEvent),
      expected,
      options: prepareOptions(options),
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    const limit = options.maxCount;
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? SQLITE_MAX_INT64 : 0n);
    let rows: EventRow[];
    if (limit === undefined && !backwards) {
      if (this.othersUnchanged() && (this.knownEnds.get(streamId) ?? from) < from) return [];
      rows = this.selectAllForwards.all(streamId, from);
      const last = rows[rows.length - 1];
      this.knowEnd(streamId, last ? last[2] : from - 1n);
    } else if (limit === undefined) {
      rows = this.selectAllBackwards.all(streamId, from);
    } else {
      rows = backwards
        ? this.selectBackwards.all(streamId, from, limit)
        : this.selectForwards.all(streamId, from, limit);
    }
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

  /** A range scan of the claims primary key: prefix <= key < the prefix's upper bound, after `after`. */
  async listClaims(prefix: string, options: ListClaimsOptions = {}): Promise<ClaimEntry[]> {
    this.assertOpen();
    assertListClaimsArguments(prefix, options);
    const { after, limit } = options;
    if (limit === 0) return [];
    const upper = prefixUpperBound(prefix);
    const max = limit ?? -1;
    // The tighter lower bound is where the index seek starts: `after` when it is at or past the prefix, else the
    // prefix itself (every key after an `after` below the prefix starts at the prefix).
    const pastAfter = after !== undefined && compareClaimKeys(after, prefix) >= 0;
    let rows: ClaimRow[];
    if (upper === undefined) {
      rows = pastAfter ? this.selectAllClaimsAfter.all(after, max) : this.selectAllClaimsFrom.all(prefix, max);
    } else {
      rows = pastAfter ? this.selectClaimsAfter.all(after, upper, max) : this.selectClaimsFrom.all(prefix, upper, max);
    }
    return rows.map(([key, streamId]) => ({ key, streamId }));
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen();
    return this.selectLastPosition.get() ?? 0n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends accepted before close are committed (or refused) and flushed, never dropped.
    this.appends.drain();
    this.wal?.flushNow();
    await this.wal?.settled();
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.wal?.close();
    this.db.close();
  }

  private readPage(after: bigint, maxCount: number): RecordedEvent[] {
    return this.selectAfter.all(after, maxCount).map(toRecorded);
  }

  /** True when no other connection has committed since the last check; otherwise forgets every known end. */
  private othersUnchanged(): boolean {
    // Once per turn of the event loop: every read of one turn then answers as of its start, as one read of them all
    // would have; the next turn (where this connection's own commits and anything else happen) checks again.
    if (this.versionReadThisTurn) return true;
    this.versionReadThisTurn = true;
    setImmediate(() => (this.versionReadThisTurn = false));
    const version = this.selectDataVersion.get()!;
    if (version === this.dataVersion) return true;
    this.dataVersion = version;
    this.knownEnds.clear();
    return false;
  }

  private knowEnd(streamId: string, revision: bigint): void {
    // Bounded: past a provider's stream count (recipients, employments, timesheets, payroll years) start again.
    if (this.knownEnds.size >= MAX_KNOWN_ENDS) this.knownEnds.clear();
    this.knownEnds.set(streamId, revision);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('SQLite event store is closed');
  }

  /** One append of a batch, inside its savepoint; the duplicate-id rules run after the savepoint rolled back. */
  private appendOne({ streamId, events, expected, options }: AppendRequest): AppendResult {
    try {
      return this.appendInSavepoint(streamId, events, expected, options);
    } catch (error) {
      if (!(error instanceof EventIdTaken || isEventIdViolation(error))) throw error;
      if (options.command) throw this.duplicateOf(streamId, events);
      return this.resolveTakenIds(streamId, events, expected);
    }
  }

  private appendLocked(streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision): AppendResult {
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
          event.data,
          event.metadataJson,
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
        data: JSON.parse(event.data) as unknown,
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
  private resolveTakenIds(streamId: string, events: readonly IdOnly[], expected: ExpectedRevision): AppendResult {
    const first = events[0];
    const stored = first ? this.selectById.get(first.id) : undefined;
    if (stored && stored[0] === streamId && (expected === 'any' || expected === 'stream-exists')) {
      const retried = this.storedRun(streamId, events, stored[1]);
      if (retried) return retried;
    }
    throw this.duplicateOf(streamId, events);
  }

  private duplicateOf(streamId: string, events: readonly IdOnly[]): DuplicateEventIdError {
    const clash = events.find((event) => this.selectById.get(event.id) !== undefined);
    return new DuplicateEventIdError(clash?.id ?? '?', streamId);
  }

  /**
   * The original append result if `events` are stored at consecutive revisions from `from`.
   * With no events it describes the event at `from` itself.
   */
  private storedRun(streamId: string, events: readonly IdOnly[], from: bigint): AppendResult | undefined {
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
