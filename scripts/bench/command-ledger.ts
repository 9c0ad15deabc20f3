/**
 * How long a repeated command (a retried delivery) takes to be recognised on a long stream, through the real executor
 * on the embedded SQLite store (WAL, synchronous=FULL), against the same-run baseline of what the engine did before the
 * command ledger: read the whole stream and look for the command id among its events.
 * Also reported: a new command on the same stream, which still folds it (streams are short by design).
 * Usage: npm run bench:ledger [-- --events 50000 --samples 200]. Last line: JSON with medians in milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { v4 as uuidv4 } from 'uuid';
import { systemPrincipal } from '@dpe/access';
import { defineCommand, defineStream, executeCommand, type DomainEvent } from '@dpe/decider';
import { openEventStore, type NewEvent } from '@dpe/event-store';
import { z } from '@dpe/schema';

const arg = (name: string, fallback: number): number =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const EVENTS = arg('events', 50_000);
const SAMPLES = arg('samples', 200);

type Hours = DomainEvent<'HoursLogged', { hours: string }>;
const ledger = defineStream<Hours, number>({
  name: 'bench',
  streamId: (key) => `bench-${key}`,
  initialState: 0,
  evolve: (n) => n + 1,
});
const logHours = defineCommand({
  name: 'log-hours',
  summary: 'bench',
  input: z.strictObject({ key: z.string(), hours: z.string() }),
  complete: (input) => input,
  stream: ledger,
  streamKey: (command) => command.key,
  decide: (command): Hours[] => [{ type: 'HoursLogged', data: { hours: command.hours } }],
  http: { method: 'POST', path: '/bench' },
  policy: { roles: ['bureau-admin'] },
  reply: { schema: z.object({}), of: () => ({}) },
});

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number): number => Math.round(ms * 1000) / 1000;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dpe-bench-ledger-'));
  const store = await openEventStore(`sqlite:${join(dir, 'dpe.db')}`);
  const now = DateTime.now().setZone('Europe/London');
  try {
    // A 50,000-event stream, written in batches of 1,000 (as a long-lived stream would have accumulated them).
    for (let written = 0; written < EVENTS; written += 1000) {
      const batch: NewEvent[] = Array.from({ length: Math.min(1000, EVENTS - written) }, (_, i) => {
        const commandId = `seed-${written + i}`;
        return {
          id: uuidv4(),
          type: 'HoursLogged',
          schemaVersion: 1,
          data: { hours: '7.50' },
          metadata: {
            commandId,
            causationId: commandId,
            correlationId: commandId,
            actor: 'bench',
            occurredAt: now.toISO()!,
          },
        };
      });
      await store.append('bench-long', batch, 'any');
    }
    const envelope = { commandId: 'repeated', principal: systemPrincipal('bench'), now };
    await executeCommand(store, logHours, { key: 'long', hours: '8.00' }, envelope);

    const replay: number[] = [];
    const scan: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      let start = performance.now();
      const outcome = await executeCommand(store, logHours, { key: 'long', hours: '8.00' }, envelope);
      replay.push(performance.now() - start);
      if (!outcome.replayed) throw new Error('expected a replay');
      start = performance.now();
      const found = (await store.readStream('bench-long')).filter((e) => e.metadata.commandId === 'repeated');
      scan.push(performance.now() - start);
      if (found.length !== 1) throw new Error('baseline did not find the command');
    }
    const fresh: number[] = [];
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      await executeCommand(store, logHours, { key: 'long', hours: '8.00' }, { ...envelope, commandId: `new-${i}` });
      fresh.push(performance.now() - start);
    }
    const result = {
      streamEvents: EVENTS + 1,
      samples: SAMPLES,
      replayLookupMedianMs: round(median(replay)),
      baselineStreamScanMedianMs: round(median(scan)),
      newCommandMedianMs: round(median(fresh)),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
