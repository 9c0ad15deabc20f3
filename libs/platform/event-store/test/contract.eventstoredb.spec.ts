import { openEventStoreDb } from '../src';
import { describeEventStoreContract } from './event-store-contract';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  describeEventStoreContract(`EventStoreDB contract (${connectionString})`, () => openEventStoreDb(connectionString), {
    enforcesGlobalEventIdUniqueness: false,
    liveDeliveryTimeoutMs: 10_000,
  });
} else {
  // Jest lists a skipped suite only as a count, so the reason is also printed: nobody should mistake an unrun
  // suite for a passing one.
  const reason =
    'EventStoreDB contract — skipped: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server can run on this machine)';
  process.stderr.write(`\n${reason}\n  see docs/event-store.md to run it against a real server\n\n`);
  describe.skip(reason, () => {
    it('runs the shared contract against a real EventStoreDB/KurrentDB server', () => undefined);
  });
}
