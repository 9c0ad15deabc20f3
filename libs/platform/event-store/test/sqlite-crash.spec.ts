import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore } from '../src';

const BATCH_SIZE = 2_000;
const ROUNDS = 3;
const runner = join(__dirname, 'run-ts.js');
const writer = join(__dirname, 'crash-writer.ts');

interface Killed {
  readonly started: number[];
  readonly committed: number[];
}

/**
 * Starts the writer, waits until it has committed a few batches and started another, then
 * SIGKILLs it after a random pause so the kill lands at varying points inside a 2,000-event
 * transaction.
 */
function runAndKill(dbPath: string, streamPrefix: string): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [runner, writer, dbPath, String(BATCH_SIZE), streamPrefix], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started: number[] = [];
    const committed: number[] = [];
    let stderr = '';
    let buffered = '';
    let killScheduled = false;
    const timeout = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer made no progress in time; stderr: ${stderr}`));
    }, 20_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'started') started.push(Number(n));
        if (word === 'committed') committed.push(Number(n));
      }
      if (!killScheduled && committed.length >= 3 && started.length > committed.length) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 30));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timeout);
      if (signal === 'SIGKILL' && killScheduled) resolve({ started, committed });
      else reject(new Error(`writer exited on its own (code ${code}, signal ${signal}); stderr: ${stderr}`));
    });
  });
}

describe('SQLite event store survives a writer killed mid-batch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dpe-crash-'));
  const dbPath = join(dir, 'payments.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every ${BATCH_SIZE}-event append wholly present or wholly absent across ${ROUNDS} kills`, async () => {
    const acknowledged = new Set<string>();
    const attempted = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      const prefix = `round${round}`;
      const { started, committed } = await runAndKill(dbPath, prefix);
      for (const n of started) attempted.add(`payments-${prefix}-batch-${n}`);
      for (const n of committed) acknowledged.add(`payments-${prefix}-batch-${n}`);

      const db = new Database(dbPath, { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        const perStream = db
          .prepare(
            'SELECT stream_id AS stream, count(*) AS n, min(revision) AS lo, max(revision) AS hi FROM events GROUP BY stream_id',
          )
          .all() as { stream: string; n: number; lo: number; hi: number }[];
        for (const { stream, n, lo, hi } of perStream) {
          expect({ stream, n, lo, hi }).toEqual({ stream, n: BATCH_SIZE, lo: 0, hi: BATCH_SIZE - 1 });
          expect(attempted.has(stream)).toBe(true);
        }
        const present = new Set(perStream.map((row) => row.stream));
        // An append that resolved was durable: the process dying cannot take it back.
        for (const stream of acknowledged) expect(present.has(stream)).toBe(true);
      } finally {
        db.close();
      }
    }
  }, 90_000);

  it('reopens after the kills with a consistent global order and accepts new appends', async () => {
    const store = await openSqliteEventStore(dbPath);
    try {
      const all = await store.readAll();
      expect(all.length % BATCH_SIZE).toBe(0);
      expect(all.length).toBeGreaterThanOrEqual(ROUNDS * 3 * BATCH_SIZE);
      const outOfOrder = all.findIndex((event, i) => i > 0 && event.globalPosition <= all[i - 1]!.globalPosition);
      expect(outOfOrder).toBe(-1);
      const head = await store.headPosition();
      expect(head).toBe(all[all.length - 1]!.globalPosition);
      const result = await store.append(
        'payments-after-recovery',
        [
          {
            id: uuid(),
            type: 'PaymentRecorded',
            schemaVersion: 1,
            data: { amount: '1.00' },
            metadata: {
              correlationId: uuid(),
              causationId: uuid(),
              commandId: uuid(),
              actor: 'system:crash-test',
              occurredAt: '2025-04-06T00:00:00.000Z',
            },
          },
        ],
        'no-stream',
      );
      expect(result.globalPosition > head).toBe(true);
    } finally {
      await store.close();
    }
  });
});
