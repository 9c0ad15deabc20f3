import { openEventStoreDb } from '../src';
import { describeEventStoreContract } from './event-store-contract';

const connectionString = process.env['EVENTSTORE_CONNECTION_STRING'];

if (connectionString) {
  describeEventStoreContract(`EventStoreDB contract (${connectionString})`, () => openEventStoreDb(connectionString), {
    enforcesGlobalEventIdUniqueness: false,
    liveDeliveryTimeoutMs: 10_000,
  });
} else {
  // Visible in every run's summary, so nobody mistakes an unrun suite for a passing one.
  describe.skip(
    'EventStoreDB contract — skipped: EVENTSTORE_CONNECTION_STRING is not set (no EventStoreDB server can run on this machine)',
    () => {
      it('runs the shared contract against a real EventStoreDB/KurrentDB server', () => undefined);
    },
  );
}
