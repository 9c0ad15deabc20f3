// Child process for the SQLite crash test: appends large batches through the real adapter until
// it is killed, reporting on stdout when each batch starts and after each commits.
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore, type NewEvent } from '../src';

async function main(): Promise<void> {
  const [path, sizeArg, prefix = 'payments'] = process.argv.slice(2);
  if (!path || !sizeArg) throw new Error('usage: crash-writer <db path> <events per batch> [stream prefix]');
  const size = Number(sizeArg);
  const store = await openSqliteEventStore(path);
  const correlationId = uuid();
  for (let batchNo = 0; ; batchNo++) {
    const events: NewEvent[] = Array.from({ length: size }, (_, i) => ({
      id: uuid(),
      type: 'PaymentRecorded',
      schemaVersion: 1,
      data: { batch: batchNo, index: i, amount: '1234.56', currency: 'GBP', payee: `pa-${i % 97}` },
      metadata: {
        correlationId,
        causationId: correlationId,
        commandId: uuid(),
        actor: 'system:crash-test',
        occurredAt: new Date().toISOString(),
      },
    }));
    process.stdout.write(`started ${batchNo}\n`);
    await store.append(`payments-${prefix}-batch-${batchNo}`, events, 'no-stream');
    process.stdout.write(`committed ${batchNo}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
