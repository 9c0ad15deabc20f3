/**
 * Event-store benchmark: our SQLite adapter against the same work done with raw better-sqlite3
 * (same pragmas, same schema: the ceiling) and against @event-driven-io/emmett-sqlite (a peer).
 * Run with `npm run bench:store`. The last stdout line is one JSON object of the figures.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { getSQLiteEventStore } from '@event-driven-io/emmett-sqlite';
import {
  openSqliteEventStore,
  SQLITE_EVENT_STORE_PRAGMAS,
  SQLITE_EVENT_STORE_SCHEMA,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
} from '@dpe/event-store';

const SINGLE_APPENDS = 5_000;
const STREAMS = 500;
/** Concurrent single-event appends (a bureau pay run's commands in flight): how many are awaited at once. */
const IN_FLIGHT = 64;
/** A multiple of IN_FLIGHT, so that each in-flight worker owns its own streams and no append conflicts. */
const CONCURRENT_STREAMS = 512;
const BATCHES = 300;
const BATCH_SIZE = 100;
const READ_PAGE = 1_000;
const READ_PASSES = 7;
const PEER_APPENDS = 600;
const PEER_STREAMS = 60;
const TRIALS = 7;
const WARMUP = 200;

// A type alias, not an interface, so that emmett's Record-shaped event data accepts it.
type TimesheetApproved = {
  readonly timesheetId: string;
  readonly paId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly hours: string;
  readonly rate: string;
  readonly gross: string;
};

/** About 370 bytes of JSON stored per event, data plus metadata (the bench prints the exact size). */
function timesheetApproved(n: number): NewEvent<'TimesheetApproved', TimesheetApproved> {
  const id = String(n).padStart(6, '0');
  return {
    id: randomUUID(),
    type: 'TimesheetApproved',
    schemaVersion: 1,
    data: {
      timesheetId: `ts-${id}`,
      paId: `pa-${id}`,
      periodStart: '2025-04-06',
      periodEnd: '2025-04-12',
      hours: '37.50',
      rate: '12.21',
      gross: '457.88',
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      commandId: randomUUID(),
      actor: `user:e-${id}`,
      occurredAt: '2025-04-12T17:30:00+01:00',
    },
  };
}

const events = (count: number): NewEvent<'TimesheetApproved', TimesheetApproved>[] =>
  Array.from({ length: count }, (_, n) => timesheetApproved(n));

const seconds = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9;
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

let fileCounter = 0;
const dir = mkdtempSync(join(tmpdir(), 'dpe-bench-store-'));
const freshFile = (label: string): string => join(dir, `${label}-${(fileCounter += 1)}.db`);

// ---- our adapter -------------------------------------------------------------------------------

async function oursSingle(path: string, batch: readonly NewEvent[]): Promise<number> {
  const store = await openSqliteEventStore(path);
  const heads: ExpectedRevision[] = Array.from({ length: STREAMS }, () => 'no-stream');
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch.length; i++) {
    const s = i % STREAMS;
    const result = await store.append(`timesheet-${s}`, [batch[i]!], heads[s]!);
    heads[s] = result.nextExpectedRevision - 1n;
  }
  const rate = batch.length / seconds(start);
  await store.close();
  return rate;
}

/**
 * The same single-event appends as oursSingle, but IN_FLIGHT at a time: worker w appends events w, w + IN_FLIGHT,
 * … each to a stream only it writes, awaiting each before its next. Group commit puts the appends in flight into
 * one transaction (one fsync).
 */
async function oursConcurrent(path: string, batch: readonly NewEvent[]): Promise<number> {
  const store = await openSqliteEventStore(path);
  const heads: ExpectedRevision[] = Array.from({ length: CONCURRENT_STREAMS }, () => 'no-stream');
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, worker) => {
      for (let i = worker; i < batch.length; i += IN_FLIGHT) {
        const s = i % CONCURRENT_STREAMS;
        const result = await store.append(`timesheet-${s}`, [batch[i]!], heads[s]!);
        heads[s] = result.nextExpectedRevision - 1n;
      }
    }),
  );
  const rate = batch.length / seconds(start);
  const stored = await store.headPosition();
  await store.close();
  if (stored !== BigInt(batch.length)) throw new Error(`concurrent appends stored ${stored} of ${batch.length}`);
  return rate;
}

async function oursBatch(path: string, batch: readonly NewEvent[]): Promise<number> {
  const store = await openSqliteEventStore(path);
  const start = process.hrtime.bigint();
  for (let b = 0; b * BATCH_SIZE < batch.length; b++) {
    await store.append(`payrun-${b}`, batch.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE), 'no-stream');
  }
  const rate = batch.length / seconds(start);
  await store.close();
  return rate;
}

async function oursReadAll(store: EventStore): Promise<{ rate: number; count: number }> {
  const start = process.hrtime.bigint();
  let count = 0;
  let after = 0n;
  for (;;) {
    const page = await store.readAll({ after, maxCount: READ_PAGE });
    if (page.length === 0) break;
    count += page.length;
    after = page[page.length - 1]!.globalPosition;
  }
  return { rate: count / seconds(start), count };
}

async function oursStreamReads(store: EventStore, streams: number): Promise<number> {
  const start = process.hrtime.bigint();
  let count = 0;
  for (let s = 0; s < streams; s++) count += (await store.readStream(`timesheet-${s}`)).length;
  return count / seconds(start);
}

// ---- raw better-sqlite3: the same rows, no adapter ---------------------------------------------

const INSERT = `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

function rawOpen(path: string): Database.Database {
  const db = new Database(path);
  for (const pragma of SQLITE_EVENT_STORE_PRAGMAS) db.pragma(pragma);
  db.exec(SQLITE_EVENT_STORE_SCHEMA);
  return db;
}

function rawSingle(path: string, batch: readonly NewEvent[]): number {
  const db = rawOpen(path);
  const insert = db.prepare(INSERT);
  const append = db.transaction((streamId: string, revision: number, event: NewEvent) => {
    insert.run(
      streamId,
      revision,
      event.id,
      event.type,
      event.schemaVersion,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      new Date().toISOString(),
    );
  }).immediate;
  const next = new Array<number>(STREAMS).fill(0);
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch.length; i++) {
    const s = i % STREAMS;
    append(`timesheet-${s}`, next[s]!, batch[i]!);
    next[s]! += 1;
  }
  const rate = batch.length / seconds(start);
  db.close();
  return rate;
}

function rawBatch(path: string, batch: readonly NewEvent[]): number {
  const db = rawOpen(path);
  const insert = db.prepare(INSERT);
  const append = db.transaction((streamId: string, slice: readonly NewEvent[]) => {
    const recordedAt = new Date().toISOString();
    for (let i = 0; i < slice.length; i++) {
      const event = slice[i]!;
      insert.run(
        streamId,
        i,
        event.id,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
        recordedAt,
      );
    }
  }).immediate;
  const start = process.hrtime.bigint();
  for (let b = 0; b * BATCH_SIZE < batch.length; b++) {
    append(`payrun-${b}`, batch.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE));
  }
  const rate = batch.length / seconds(start);
  db.close();
  return rate;
}

function rawReadAll(path: string): { rate: number; count: number } {
  const db = rawOpen(path);
  const select = db
    .prepare<[number, number], [number, string, number, string, string, number, string, string, string]>(
      `SELECT global_position, stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at
       FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
    )
    .raw();
  const start = process.hrtime.bigint();
  let count = 0;
  let after = 0;
  let sink = 0;
  for (;;) {
    const rows = select.all(after, READ_PAGE);
    if (rows.length === 0) break;
    for (const row of rows) {
      const data = JSON.parse(row[6]) as TimesheetApproved;
      const metadata = JSON.parse(row[7]) as { actor: string };
      sink += data.gross.length + metadata.actor.length;
    }
    count += rows.length;
    after = rows[rows.length - 1]![0];
  }
  const rate = count / seconds(start);
  db.close();
  if (sink === 0) throw new Error('nothing was read');
  return { rate, count };
}

// ---- peer: @event-driven-io/emmett-sqlite --------------------------------------------------------

async function peer(path: string, batch: readonly NewEvent<'TimesheetApproved', TimesheetApproved>[]) {
  const store = getSQLiteEventStore({ fileName: path });
  const versions = new Array<bigint>(PEER_STREAMS).fill(0n);
  // Creates the schema outside the timed section, as our adapter does at open.
  await store.appendToStream('warmup', [{ type: 'Warmup', data: {} }]);
  let start = process.hrtime.bigint();
  for (let i = 0; i < batch.length; i++) {
    const s = i % PEER_STREAMS;
    const event = batch[i]!;
    const result = await store.appendToStream(
      `timesheet-${s}`,
      [{ type: event.type, data: event.data, metadata: event.metadata }],
      { expectedStreamVersion: versions[s]! },
    );
    versions[s] = result.nextExpectedStreamVersion;
  }
  const appendPerSec = batch.length / seconds(start);
  start = process.hrtime.bigint();
  let count = 0;
  for (let s = 0; s < PEER_STREAMS; s++) count += (await store.readStream(`timesheet-${s}`)).events.length;
  const readPerSec = count / seconds(start);
  if (count !== batch.length) throw new Error(`emmett-sqlite read ${count} of ${batch.length} events`);
  return { appendPerSec, readPerSec };
}

/** Reads the installed version from disk: some packages' "exports" hide their package.json. */
function packageVersion(name: string): string {
  let folder = dirname(require.resolve(name));
  while (folder !== dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === name) return parsed.version ?? 'unknown';
    }
    folder = dirname(folder);
  }
  return 'unknown';
}

async function main(): Promise<void> {
  const sample = timesheetApproved(123);
  const dataBytes = Buffer.byteLength(JSON.stringify(sample.data));
  const metadataBytes = Buffer.byteLength(JSON.stringify(sample.metadata));
  const envelopeBytes = Buffer.byteLength(JSON.stringify(sample));

  // Warm the JIT on both paths so the first trial is not penalised.
  await oursSingle(freshFile('warm-ours'), events(WARMUP));
  await oursConcurrent(freshFile('warm-concurrent'), events(WARMUP));
  rawSingle(freshFile('warm-raw'), events(WARMUP));

  const single = { ours: [] as number[], raw: [] as number[] };
  const concurrent: number[] = [];
  const batched = { ours: [] as number[], raw: [] as number[] };
  const reads = { ours: [] as number[], raw: [] as number[], streams: [] as number[] };
  let readFile = '';
  let readCount = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const singleEvents = events(SINGLE_APPENDS);
    const batchEvents = events(BATCHES * BATCH_SIZE);
    // Alternating the order spreads any drift (page cache, disk) over both contenders.
    if (trial % 2 === 0) {
      single.ours.push(await oursSingle(freshFile('ours-single'), singleEvents));
      concurrent.push(await oursConcurrent(freshFile('ours-concurrent'), singleEvents));
      single.raw.push(rawSingle(freshFile('raw-single'), singleEvents));
    } else {
      single.raw.push(rawSingle(freshFile('raw-single'), singleEvents));
      concurrent.push(await oursConcurrent(freshFile('ours-concurrent'), singleEvents));
      single.ours.push(await oursSingle(freshFile('ours-single'), singleEvents));
    }
    readFile = freshFile('ours-batch');
    if (trial % 2 === 0) {
      batched.raw.push(rawBatch(freshFile('raw-batch'), batchEvents));
      batched.ours.push(await oursBatch(readFile, batchEvents));
    } else {
      batched.ours.push(await oursBatch(readFile, batchEvents));
      batched.raw.push(rawBatch(freshFile('raw-batch'), batchEvents));
    }
  }

  // Both read the same file: the batch trial's output plus the single appends, so streams vary.
  {
    const store = await openSqliteEventStore(readFile);
    const heads: ExpectedRevision[] = Array.from({ length: STREAMS }, () => 'no-stream');
    const extra = events(SINGLE_APPENDS);
    for (let i = 0; i < extra.length; i++) {
      const s = i % STREAMS;
      heads[s] = (await store.append(`timesheet-${s}`, [extra[i]!], heads[s]!)).nextExpectedRevision - 1n;
    }
    for (let pass = 0; pass < READ_PASSES; pass++) {
      let raw: { rate: number; count: number };
      let ours: { rate: number; count: number };
      if (pass % 2 === 0) {
        raw = rawReadAll(readFile);
        ours = await oursReadAll(store);
      } else {
        ours = await oursReadAll(store);
        raw = rawReadAll(readFile);
      }
      reads.raw.push(raw.rate);
      reads.ours.push(ours.rate);
      readCount = ours.count;
      if (raw.count !== ours.count) throw new Error(`read counts differ: raw ${raw.count}, ours ${ours.count}`);
    }
    reads.streams.push(await oursStreamReads(store, STREAMS));
    await store.close();
  }

  const peerResult = await peer(freshFile('emmett'), events(PEER_APPENDS));

  const figures = {
    appendPerSec: Math.round(median(single.ours)),
    concurrentAppendPerSec: Math.round(median(concurrent)),
    rawAppendPerSec: Math.round(median(single.raw)),
    batchAppendPerSec: Math.round(median(batched.ours)),
    rawBatchAppendPerSec: Math.round(median(batched.raw)),
    readAllPerSec: Math.round(median(reads.ours)),
    rawReadPerSec: Math.round(median(reads.raw)),
    peerAppendPerSec: Math.round(peerResult.appendPerSec),
    peerReadPerSec: Math.round(peerResult.readPerSec),
  };
  const ratio = (a: number, b: number): string => (a / b).toFixed(2);
  // Each trial runs both contenders back to back, so the median of per-trial ratios is less
  // exposed to drift on a shared machine than the ratio of the two medians.
  const pairedRatio = (ours: number[], raw: number[]): string => median(ours.map((o, i) => o / raw[i]!)).toFixed(2);

  const lines = [
    `Event store benchmark — ${new Date().toISOString()}`,
    `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'}), better-sqlite3 ${packageVersion('better-sqlite3')}, ` +
      `@event-driven-io/emmett-sqlite ${packageVersion('@event-driven-io/emmett-sqlite')} (sqlite3 ${packageVersion('sqlite3')})`,
    `event: ${dataBytes + metadataBytes} bytes of JSON stored per event (data ${dataBytes} + metadata ${metadataBytes}; ` +
      `${envelopeBytes} with id, type and schemaVersion as one JSON object); pragmas: ${SQLITE_EVENT_STORE_PRAGMAS.join(', ')}`,
    `single appends: ${SINGLE_APPENDS} over ${STREAMS} streams, exact expected revision, awaited one at a time and ` +
      `${IN_FLIGHT} in flight (over ${CONCURRENT_STREAMS} streams); batches: ${BATCHES} x ${BATCH_SIZE}; ` +
      `read-all: ${readCount} events in pages of ${READ_PAGE}; median of ${TRIALS} trials (${READ_PASSES} read passes)`,
    '',
    '| measure                         | ours (SQLite adapter) | raw better-sqlite3 | ours / raw | emmett-sqlite | ours / emmett |',
    '|---------------------------------|----------------------:|-------------------:|-----------:|--------------:|--------------:|',
    `| single-event appends/s          | ${figures.appendPerSec} | ${figures.rawAppendPerSec} | ${ratio(figures.appendPerSec, figures.rawAppendPerSec)} | ${figures.peerAppendPerSec} | ${ratio(figures.appendPerSec, figures.peerAppendPerSec)} |`,
    `| single-event appends/s, ${IN_FLIGHT} in flight | ${figures.concurrentAppendPerSec} | – | – | – | – |`,
    `| batch-of-100 appends, events/s  | ${figures.batchAppendPerSec} | ${figures.rawBatchAppendPerSec} | ${ratio(figures.batchAppendPerSec, figures.rawBatchAppendPerSec)} | – | – |`,
    `| read-all events/s               | ${figures.readAllPerSec} | ${figures.rawReadPerSec} | ${ratio(figures.readAllPerSec, figures.rawReadPerSec)} | – | – |`,
    `| stream reads events/s           | ${Math.round(median(reads.streams))} | – | – | ${figures.peerReadPerSec} | ${ratio(median(reads.streams), figures.peerReadPerSec)} |`,
    '',
    `median of per-trial ours/raw ratios: single ${pairedRatio(single.ours, single.raw)}, batch ${pairedRatio(batched.ours, batched.raw)}, ` +
      `read-all ${pairedRatio(reads.ours, reads.raw)}`,
    `single-event appends, ${IN_FLIGHT} in flight / one at a time (same trials, median of per-trial ratios): ` +
      `${pairedRatio(concurrent, single.ours)}`,
    `trials, single ours: ${single.ours.map(Math.round).join(', ')}; raw: ${single.raw.map(Math.round).join(', ')}`,
    `trials, single ours ${IN_FLIGHT} in flight: ${concurrent.map(Math.round).join(', ')}`,
    `trials, batch ours: ${batched.ours.map(Math.round).join(', ')}; raw: ${batched.raw.map(Math.round).join(', ')}`,
    `passes, read-all ours: ${reads.ours.map(Math.round).join(', ')}; raw: ${reads.raw.map(Math.round).join(', ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
