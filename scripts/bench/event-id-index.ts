/**
 * What the unique index on event ids costs an append, by the shape of the ids: hashed (uuid v5, as event ids were),
 * ordered by time (as eventIdsFor makes them), or no such index at all. On better-sqlite3 with the events table of
 * the store (WAL), it preloads rows, then times 100,000 inserts in transactions of 130 (a group commit of pay runs).
 *
 * Usage: npm run build && node dist/scripts/bench/event-id-index.js [preloaded rows, default 1000000]
 * Last stdout line is JSON: {"preloaded", "hashedPerSec", "timeOrderedPerSec", "noIndexPerSec"}.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v5 as uuidv5 } from 'uuid';

const NAMESPACE = '5b0a4c8e-6f0e-4d8e-9c3a-2d1e4f7a9b10';
const PRELOADED = Number(process.argv[2]) || 1_000_000;
const TIMED = 100_000;
const BATCH = 130;
type Shape = 'hashed' | 'timeOrdered' | 'noIndex';

function idOf(shape: Shape, i: number): string {
  if (shape !== 'timeOrdered') return uuidv5(`c${i}`, NAMESPACE);
  const hash = createHash('sha1').update(`c${i}`).digest('hex');
  const ms = (1_775_800_800_000 + i).toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hash.slice(0, 3)}-8${hash.slice(3, 6)}-${hash.slice(6, 18)}`;
}

function insertsPerSec(dir: string, shape: Shape): number {
  const db = new Database(join(dir, `${shape}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE events (global_position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    event_id TEXT NOT NULL, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
    metadata TEXT NOT NULL, recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision)
    ${shape === 'noIndex' ? '' : ', UNIQUE (event_id)'}) STRICT`);
  const insert = db.prepare(
    'INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const data = JSON.stringify({ line: 'x'.repeat(600) });
  const metadata = JSON.stringify({ actor: 'y'.repeat(300) });
  const rows = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      insert.run(
        `payroll-r-${i % 9000}-2026-27`,
        Math.floor(i / 9000),
        idOf(shape, i),
        'PayslipIssued',
        1,
        data,
        metadata,
        '2026-04-10T06:00:00.000Z',
      );
    }
  });
  for (let i = 0; i < PRELOADED; i += 10_000) rows(i, Math.min(i + 10_000, PRELOADED));
  const start = process.hrtime.bigint();
  for (let i = PRELOADED; i < PRELOADED + TIMED; i += BATCH) rows(i, Math.min(i + BATCH, PRELOADED + TIMED));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  db.close();
  process.stderr.write(`event-id-index ${shape}: ${TIMED} inserts in ${seconds.toFixed(1)} s\n`);
  return Math.round(TIMED / seconds);
}

const dir = mkdtempSync(join(tmpdir(), 'dpe-bench-event-ids-'));
try {
  const result = {
    preloaded: PRELOADED,
    hashedPerSec: insertsPerSec(dir, 'hashed'),
    timeOrderedPerSec: insertsPerSec(dir, 'timeOrdered'),
    noIndexPerSec: insertsPerSec(dir, 'noIndex'),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
