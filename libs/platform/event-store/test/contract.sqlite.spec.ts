import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '../src';
import { describeEventStoreContract } from './event-store-contract';

const dir = mkdtempSync(join(tmpdir(), 'dpe-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEventStoreContract(
  'SQLite event store contract',
  () => openSqliteEventStore(join(dir, 'nested', 'events.db')),
  {
    enforcesGlobalEventIdUniqueness: true,
    liveDeliveryTimeoutMs: 2_000,
  },
);
