import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore, type NewEvent, type RecordedEvent } from '../src';

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
