import { createInMemoryEventStore } from '../src';
import { describeEventStoreContract } from './event-store-contract';

describeEventStoreContract('in-memory event store contract', async () => createInMemoryEventStore(), {
  enforcesGlobalEventIdUniqueness: true,
  liveDeliveryTimeoutMs: 2_000,
});
