import fs, { mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v4 as uuid } from 'uuid';
import { NotDurableError, openSqliteEventStore, type NewEvent, type RecordedEvent } from '../src';
import { SQLITE_MAX_GROUP_COMMIT } from '../src/sqlite/sqlite-event-store';

const dir = mkdtempSync(join(tmpdir(), 'dpe-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileCounter = 0;
const freshPath = (): string => join(dir, `store-${(fileCounter += 1)}.db`);

const hoursRecorded = (hours: string): NewEvent => ({
  id: uuid(),
  type: 'HoursRecorded',
  schemaVersion: 1,
  data: { hours },
  metadata: {
    correlationId: uuid(),
    causationId: uuid(),
    commandId: uuid(),
    actor: 'user:pa-3',
    occurredAt: '2025-05-01T17:00:00.000+01:00',
  },
});

describe('SQLite event store: an append is acknowledged only once its write-ahead log is on disk', () => {
  afterEach(() => jest.restoreAllMocks());

  it('resolves an append only after an fsync of the WAL file that began after its commit', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    const flushes: { fd: number; done: (error: NodeJS.ErrnoException | null) => void }[] = [];
    jest.spyOn(fs, 'fsync').mockImplementation(((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
      flushes.push({ fd, done });
    }) as typeof fs.fsync);
    let resolved = false;
    const appended = store.append('timesheet-1', [hoursRecorded('7.5')], 'no-stream').then(() => (resolved = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Committed (a second connection sees it) but not acknowledged: the flush has not answered.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
    reader.close();
    expect(resolved).toBe(false);
    expect(flushes).toHaveLength(1);
    expect(fs.readlinkSync(`/proc/self/fd/${flushes[0]!.fd}`)).toBe(`${path}-wal`);
    jest.restoreAllMocks();
    flushes[0]!.done(null);
    await appended;
    expect(resolved).toBe(true);
    await store.close();
  });

  it('rejects an append whose flush failed, and refuses every later append on that connection', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    // The log's file is gone from the directory (SQLite keeps its own handle): the flush cannot open it.
    unlinkSync(`${path}-wal`);
    const first = store.append('timesheet-1', [hoursRecorded('7.5')], 'no-stream');
    await expect(first).rejects.toBeInstanceOf(NotDurableError);
    await expect(first).rejects.toThrow(/could not be flushed to disk .*ENOENT.*refuses further appends/);
    await expect(store.append('timesheet-2', [hoursRecorded('3')], 'no-stream')).rejects.toBeInstanceOf(
      NotDurableError,
    );
    await store.close();
  });
});

describe('SQLite event store: reads from past the end it knows', () => {
  it('answers nothing new without a query, yet sees at once what another connection appended', async () => {
    const path = freshPath();
    const mine = await openSqliteEventStore(path);
    const other = await openSqliteEventStore(path);
    await mine.append('timesheet-1', [hoursRecorded('7.5')], 'no-stream');
    expect(await mine.readStream('timesheet-1', { fromRevision: 1n })).toEqual([]);
    await other.append('timesheet-1', [hoursRecorded('3')], 0n);
    const seen = await mine.readStream('timesheet-1', { fromRevision: 1n });
    expect(seen.map((event) => event.data)).toEqual([{ hours: '3' }]);
    // And a stream it read as empty, appended to elsewhere since.
    expect(await mine.readStream('timesheet-2')).toEqual([]);
    await other.append('timesheet-2', [hoursRecorded('4')], 'no-stream');
    expect((await mine.readStream('timesheet-2')).map((event) => event.data)).toEqual([{ hours: '4' }]);
    await other.close();
    await mine.close();
  });

  it('knows nothing of an append whose batch failed as a whole', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    await store.append('timesheet-1', [hoursRecorded('7.5')], 'no-stream');
    const other = await openSqliteEventStore(path);
    await other.append('timesheet-1', [hoursRecorded('3')], 0n);
    // A stale expected revision is refused: the store still reads the stream's real end, written elsewhere.
    await expect(store.append('timesheet-1', [hoursRecorded('1')], 0n)).rejects.toThrow();
    expect((await store.readStream('timesheet-1', { fromRevision: 1n })).map((event) => event.data)).toEqual([
      { hours: '3' },
    ]);
    await other.close();
    await store.close();
  });
});

describe('SQLite event store specifics', () => {
  it('stores the file in WAL mode with the schema version recorded', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    await store.append('timesheet-1', [hoursRecorded('7.5')], 'no-stream');
    await store.close();

    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      const row = db.prepare('SELECT data, metadata FROM events').get() as { data: string; metadata: string };
      expect(JSON.parse(row.data)).toEqual({ hours: '7.5' });
      expect(JSON.parse(row.metadata)).toMatchObject({ actor: 'user:pa-3' });
    } finally {
      db.close();
    }
  });

  it('refuses a database written by a newer schema version', async () => {
    const path = freshPath();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    await expect(openSqliteEventStore(path)).rejects.toThrow(/schema version 99 is newer/);
  });

  it('keeps global positions and revisions exact beyond 2^53', async () => {
    const path = freshPath();
    const beyond = 2n ** 53n + 10n;
    (await openSqliteEventStore(path)).close();
    const db = new Database(path);
    db.defaultSafeIntegers(true);
    // Seeds a row far along the log and a stream far along its revisions, as years of use would.
    db.prepare(
      `INSERT INTO events (global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       VALUES (?, 'ledger', ?, ?, 'HoursRecorded', 1, '{}', '{}', '2025-01-01T00:00:00.000Z')`,
    ).run(beyond, beyond, uuid());
    db.close();

    const store = await openSqliteEventStore(path);
    try {
      const result = await store.append('ledger', [hoursRecorded('1')], beyond);
      expect(result).toMatchObject({ nextExpectedRevision: beyond + 2n, globalPosition: beyond + 1n });
      const [last] = await store.readStream('ledger', { direction: 'backwards', maxCount: 1 });
      expect(last?.revision).toBe(beyond + 1n);
      expect(last?.globalPosition).toBe(beyond + 1n);
      expect(await store.headPosition()).toBe(beyond + 1n);
      expect((await store.readAll({ after: beyond })).map((e) => e.globalPosition)).toEqual([beyond + 1n]);
    } finally {
      await store.close();
    }
  });

  it('delivers to a live subscription events appended through another connection, by polling', async () => {
    const path = freshPath();
    const reader = await openSqliteEventStore(path, { pollIntervalMs: 20 });
    const writer = await openSqliteEventStore(path);
    const received: RecordedEvent[] = [];
    let caughtUp = false;
    const subscription = reader.subscribeToAll({
      onEvent: (event) => {
        received.push(event);
      },
      onCaughtUp: () => {
        caughtUp = true;
      },
    });
    try {
      const deadline = Date.now() + 2_000;
      while (!caughtUp && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const written = [hoursRecorded('1'), hoursRecorded('2')];
      await writer.append('timesheet-9', written, 'no-stream');
      while (received.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(received.map((e) => e.id)).toEqual(written.map((e) => e.id));
    } finally {
      await subscription.stop();
      await reader.close();
      await writer.close();
    }
  });

  it('refuses calls after close and stops its subscriptions', async () => {
    const store = await openSqliteEventStore(':memory:');
    let delivered = 0;
    store.subscribeToAll({
      onEvent: () => {
        delivered += 1;
      },
    });
    await store.close();
    await expect(store.readAll()).rejects.toThrow(/closed/);
    await expect(store.append('timesheet-1', [hoursRecorded('1')], 'any')).rejects.toThrow(/closed/);
    expect(delivered).toBe(0);
  });

  it('rejects event ids EventStoreDB could not store', async () => {
    const store = await openSqliteEventStore(':memory:');
    try {
      await expect(store.append('timesheet-1', [{ ...hoursRecorded('1'), id: 'evt-1' }], 'any')).rejects.toThrow(
        /not a UUID/,
      );
      expect(await store.headPosition()).toBe(0n);
    } finally {
      await store.close();
    }
  });
});

/**
 * Commits in the file's write-ahead log, counted from the log itself: each commit ends with a frame whose
 * "database size after commit" field is non-zero. Frames of the current log generation carry the header's salts;
 * anything after the first frame with other salts is left over from an earlier generation. Independent of timing and
 * of the adapter's code: this is what SQLite wrote (and, with synchronous=FULL, fsynced once per commit).
 */
function walCommits(path: string): number {
  const wal = readFileSync(`${path}-wal`);
  if (wal.length < 32) return 0;
  const pageSize = wal.readUInt32BE(8);
  const salts = [wal.readUInt32BE(16), wal.readUInt32BE(20)];
  let commits = 0;
  for (let frame = 32; frame + 24 + pageSize <= wal.length; frame += 24 + pageSize) {
    if (wal.readUInt32BE(frame + 8) !== salts[0] || wal.readUInt32BE(frame + 12) !== salts[1]) break;
    if (wal.readUInt32BE(frame + 4) !== 0) commits += 1;
  }
  return commits;
}

describe('SQLite group commit', () => {
  it('commits appends awaited one by one in one transaction each (the count below is sound)', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    try {
      const before = walCommits(path);
      for (let i = 0; i < 5; i++) await store.append(`timesheet-${i}`, [hoursRecorded('1')], 'no-stream');
      expect(walCommits(path) - before).toBe(5);
    } finally {
      await store.close();
    }
  });

  it('commits 50 concurrent appends in one transaction, and more than the batch bound in as few as it allows', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    try {
      let before = walCommits(path);
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) => store.append(`timesheet-${i}`, [hoursRecorded('1')], 'no-stream')),
      );
      expect(results).toHaveLength(50);
      expect(walCommits(path) - before).toBe(1);

      before = walCommits(path);
      const many = SQLITE_MAX_GROUP_COMMIT + 44;
      await Promise.all(
        Array.from({ length: many }, (_, i) => store.append(`payrun-${i}`, [hoursRecorded('2')], 'no-stream')),
      );
      expect(walCommits(path) - before).toBe(2);
      expect(await store.headPosition()).toBe(BigInt(50 + many));
    } finally {
      await store.close();
    }
  });

  it('runs a batch in arrival order: positions follow the calls, and pipelined appends to one stream all succeed', async () => {
    const store = await openSqliteEventStore(':memory:');
    try {
      const calls = [
        store.append('timesheet-a', [hoursRecorded('1')], 'no-stream'),
        store.append('timesheet-b', [hoursRecorded('2'), hoursRecorded('3')], 'no-stream'),
        store.append('timesheet-a', [hoursRecorded('4')], 0n),
        store.append('timesheet-a', [hoursRecorded('5')], 1n),
        store.append('timesheet-b', [hoursRecorded('6')], 'stream-exists'),
      ];
      const results = await Promise.all(calls);
      expect(results.map((r) => r.globalPosition)).toEqual([1n, 3n, 4n, 5n, 6n]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 2n, 2n, 3n, 3n]);
      const all = await store.readAll();
      expect(all.map((e) => (e.data as { hours: string }).hours)).toEqual(['1', '2', '3', '4', '5', '6']);
    } finally {
      await store.close();
    }
  });

  it('treats a retry queued behind its original in the same batch as the original success', async () => {
    const store = await openSqliteEventStore(':memory:');
    try {
      const events = [hoursRecorded('1'), hoursRecorded('2')];
      const [original, retryExact, retryAny] = await Promise.all([
        store.append('timesheet-r', events, 'no-stream'),
        store.append('timesheet-r', events, 'no-stream'),
        store.append('timesheet-r', events, 'any'),
      ]);
      expect(retryExact).toEqual(original);
      expect(retryAny).toEqual(original);
      expect(await store.readStream('timesheet-r')).toHaveLength(2);
    } finally {
      await store.close();
    }
  });

  it('rolls back only the append whose insert fails part-way, in its savepoint', async () => {
    const store = await openSqliteEventStore(':memory:');
    try {
      // data: undefined has no JSON, so the second insert breaks the NOT NULL constraint after the first went in.
      const broken = [hoursRecorded('1'), { ...hoursRecorded('2'), data: undefined }];
      const outcomes = await Promise.allSettled([
        store.append('timesheet-1', [hoursRecorded('a')], 'no-stream'),
        store.append('timesheet-2', broken, 'no-stream', {
          command: { commandId: 'cmd-broken', commandType: 'submit', requestHash: 'h' },
          claims: ['paye-scheme/broken'],
        }),
        store.append('timesheet-3', [hoursRecorded('b')], 'no-stream'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SQLITE_CONSTRAINT_NOTNULL' });
      expect(await store.readStream('timesheet-2')).toEqual([]);
      expect(await store.findCommand('cmd-broken')).toBeUndefined();
      expect(await store.findClaim('paye-scheme/broken')).toBeUndefined();
      expect((await store.readAll()).map((e) => e.streamId)).toEqual(['timesheet-1', 'timesheet-3']);
      expect((await store.readAll()).map((e) => e.globalPosition)).toEqual([1n, 2n]);
    } finally {
      await store.close();
    }
  });

  it('stores what the caller passed when it called, even if it changes its objects while the append is queued', async () => {
    const store = await openSqliteEventStore(':memory:');
    try {
      const event = hoursRecorded('7.5');
      const claims = ['paye-scheme/mutated'];
      const pending = store.append('timesheet-m', [event], 'no-stream', { claims });
      (event.data as { hours: string }).hours = '99';
      claims[0] = 'paye-scheme/other';
      const result = await pending;
      expect(result.events[0]?.data).toEqual({ hours: '7.5' });
      expect((await store.readStream('timesheet-m'))[0]?.data).toEqual({ hours: '7.5' });
      expect(await store.findClaim('paye-scheme/mutated')).toBe('timesheet-m');
      expect(await store.findClaim('paye-scheme/other')).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it('commits appends still queued when close is called', async () => {
    const path = freshPath();
    const store = await openSqliteEventStore(path);
    const pending = [1, 2, 3].map((i) => store.append(`timesheet-${i}`, [hoursRecorded(String(i))], 'no-stream'));
    await store.close();
    expect((await Promise.all(pending)).map((r) => r.globalPosition)).toEqual([1n, 2n, 3n]);
    const reopened = await openSqliteEventStore(path);
    try {
      expect(await reopened.headPosition()).toBe(3n);
    } finally {
      await reopened.close();
    }
  });

  it('wakes a live subscription once the batch has committed, delivering it in order', async () => {
    const store = await openSqliteEventStore(':memory:', { pollIntervalMs: 60_000 });
    const received: RecordedEvent[] = [];
    let caughtUp = false;
    const subscription = store.subscribeToAll({
      onEvent: (event) => {
        received.push(event);
      },
      onCaughtUp: () => {
        caughtUp = true;
      },
    });
    try {
      const deadline = Date.now() + 2_000;
      while (!caughtUp && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.append(`timesheet-${i}`, [hoursRecorded(String(i))], 'no-stream')),
      );
      while (received.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(received.map((e) => e.id)).toEqual(results.map((r) => r.events[0]!.id));
    } finally {
      await subscription.stop();
      await store.close();
    }
  });
});

describe('SQLite listClaims', () => {
  it('lists every claim with an empty prefix, and keys made of U+10FFFF, which have no finite upper bound', async () => {
    const store = await openSqliteEventStore(':memory:');
    try {
      await store.append('a', [hoursRecorded('1')], 'no-stream', { claims: ['\u{10ffff}', '\u{10ffff}x', 'k'] });
      await store.append('b', [hoursRecorded('1')], 'no-stream', { claims: ['', 'j'] });
      expect(await store.listClaims('')).toEqual([
        { key: '', streamId: 'b' },
        { key: 'j', streamId: 'b' },
        { key: 'k', streamId: 'a' },
        { key: '\u{10ffff}', streamId: 'a' },
        { key: '\u{10ffff}x', streamId: 'a' },
      ]);
      expect((await store.listClaims('\u{10ffff}')).map((c) => c.key)).toEqual(['\u{10ffff}', '\u{10ffff}x']);
      expect((await store.listClaims('', { after: 'j', limit: 2 })).map((c) => c.key)).toEqual(['k', '\u{10ffff}']);
    } finally {
      await store.close();
    }
  });

  it('seeks the claims primary key rather than scanning the table', async () => {
    const path = freshPath();
    (await openSqliteEventStore(path)).close();
    const db = new Database(path, { readonly: true });
    try {
      const plan = db
        .prepare(
          'EXPLAIN QUERY PLAN SELECT claim_key, stream_id FROM claims WHERE claim_key > ? AND claim_key < ? ORDER BY claim_key LIMIT ?',
        )
        .all('a', 'b', 10) as { detail: string }[];
      expect(plan.map((row) => row.detail).join('\n')).toMatch(
        /SEARCH claims USING PRIMARY KEY \(claim_key>\? AND claim_key<\?\)/,
      );
    } finally {
      db.close();
    }
  });
});
