import { ConcurrencyError, openEventStore, type EventStore } from '@dpe/event-store';
import { DomainError, handleCommand, type Decider, type DomainEvent } from '@dpe/decider';

// A tiny tally aggregate so these specs exercise the pipeline, not any one domain.
type Added = DomainEvent<'Added', { amount: number }>;
interface Add { amount: number; limit: number }
const tally: Decider<Add, Added, number> = {
  initialState: 0,
  decide: (command, total) => {
    if (total + command.amount > command.limit) throw new DomainError('rule', 'tally.limit', `total may not exceed ${command.limit}`);
    return [{ type: 'Added', schemaVersion: 1, data: { amount: command.amount } }];
  },
  evolve: (total, event) => total + event.data.amount,
};

describe('handleCommand', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await openEventStore('memory:');
  });
  afterEach(() => store.close());

  it('given an empty stream, when a command is handled, then its events are stored with the context as metadata', async () => {
    const outcome = await handleCommand(store, tally, 'tally-1', { amount: 2, limit: 10 }, {
      commandId: 'c1', actor: 'user:ann', correlationId: 'k1', occurredAt: '2026-04-06T09:00:00.000+01:00',
    });
    expect(outcome.replayed).toBe(false);
    expect(outcome.events).toHaveLength(1);
    expect(outcome.events[0]).toMatchObject({
      type: 'Added', revision: 0n, data: { amount: 2 },
      metadata: { commandId: 'c1', causationId: 'c1', correlationId: 'k1', actor: 'user:ann', occurredAt: '2026-04-06T09:00:00.000+01:00' },
    });
  });

  it('given a command id already handled, then the first result comes back and nothing is stored', async () => {
    const first = await handleCommand(store, tally, 'tally-1', { amount: 2, limit: 10 }, { commandId: 'c1', actor: 'a' });
    await handleCommand(store, tally, 'tally-1', { amount: 3, limit: 10 }, { commandId: 'c2', actor: 'a' });
    const again = await handleCommand(store, tally, 'tally-1', { amount: 2, limit: 10 }, { commandId: 'c1', actor: 'a' });
    expect(again.replayed).toBe(true);
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(await store.readStream('tally-1')).toHaveLength(2);
  });

  it('refuses a command that breaks the rule and stores nothing', async () => {
    await expect(handleCommand(store, tally, 'tally-1', { amount: 11, limit: 10 }, { commandId: 'c1', actor: 'a' }))
      .rejects.toMatchObject({ code: 'tally.limit' });
    expect(await store.readStream('tally-1')).toEqual([]);
  });

  it('when another writer appends between read and append, it re-reads and decides again on the new state', async () => {
    let interfered = false;
    const racing: EventStore = Object.create(store) as EventStore;
    racing.append = async (stream, events, expected) => {
      if (!interfered) {
        interfered = true;
        await store.append(stream, [{ id: '00000000-0000-4000-8000-000000000001', type: 'Added', schemaVersion: 1, data: { amount: 9 },
          metadata: { commandId: 'other', causationId: 'other', correlationId: 'other', actor: 'b', occurredAt: '2026-04-06T09:00:00Z' } }], 'any');
      }
      return store.append(stream, events, expected);
    };
    // After the interloper's 9, adding 2 would exceed 10: the retry must decide on the fresh state.
    await expect(handleCommand(racing, tally, 'tally-1', { amount: 2, limit: 10 }, { commandId: 'c1', actor: 'a' }))
      .rejects.toMatchObject({ code: 'tally.limit' });
    await handleCommand(racing, tally, 'tally-1', { amount: 1, limit: 10 }, { commandId: 'c2', actor: 'a' });
    expect((await store.readStream('tally-1')).map((e) => (e.data as { amount: number }).amount)).toEqual([9, 1]);
  });

  it('gives up after the bounded number of attempts with the concurrency error', async () => {
    const alwaysStale: EventStore = Object.create(store) as EventStore;
    alwaysStale.append = async (stream) => { throw new ConcurrencyError(stream, 'no-stream', 0n); };
    await expect(handleCommand(alwaysStale, tally, 'tally-1', { amount: 1, limit: 10 }, { commandId: 'c1', actor: 'a' }, { maxAttempts: 3 }))
      .rejects.toBeInstanceOf(ConcurrencyError);
  });
});
