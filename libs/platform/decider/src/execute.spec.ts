import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ConcurrencyError, openEventStore, type EventStore } from '@dpe/event-store';
import { DomainError } from '@dpe/errors';
import { z } from '@dpe/schema';
import type { Principal } from '@dpe/access';
import {
  defineCommand,
  defineStream,
  eventIdsFor,
  executeCommand,
  type DomainEvent,
  type Envelope,
} from '@dpe/decider';

// A tiny tally aggregate, so these specs exercise the executor, not any one domain.
type Added = DomainEvent<'Added', { amount: number }>;
const tallyStream = defineStream<Added, number>({
  name: 'tally',
  streamId: (key) => `tally-${key}`,
  initialState: 0,
  evolve: (total, event) => total + event.data.amount,
});
const add = defineCommand({
  name: 'add',
  summary: 'Add to a tally, up to a limit',
  input: z.strictObject({ tally: z.string(), amount: z.number().int(), limit: z.number().int() }),
  complete: (input) => input,
  stream: tallyStream,
  streamKey: (command) => command.tally,
  decide(command, total): Added[] {
    if (command.amount === 0) return [];
    if (total + command.amount > command.limit)
      throw new DomainError('rule', 'tally.limit', `total may not exceed ${command.limit}`);
    return [{ type: 'Added', data: { amount: command.amount } }];
  },
  http: { method: 'POST', path: '/tallies' },
  policy: { roles: ['payroll-operator'] },
  reply: { schema: z.object({}), of: () => ({}) },
});

// A tally may claim a name; two tallies may not hold the same one.
const named = defineCommand({
  ...add,
  name: 'add-named',
  input: z.strictObject({ tally: z.string(), amount: z.number().int(), limit: z.number().int(), name: z.string() }),
  complete: (input) => input,
  claims: (command) => [`tally-name/${command.name}`],
  claimTaken: (key, holder) => new DomainError('conflict', 'tally.name-taken', `${key} is held by ${holder}`),
});

const now = DateTime.fromISO('2026-04-06T09:00:00', { zone: 'Europe/London' });
const ann: Principal = { actor: 'key:kann', kind: 'key', roles: ['payroll-operator'], councils: ['kent'] };
const envelope = (commandId: string): Envelope => ({ commandId, principal: ann, now });

describe.each([
  ['SQLite', 'sqlite'],
  ['in-memory', 'memory'],
])('executeCommand on the %s store', (_name, kind) => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-exec-'));
    store = await openEventStore(kind === 'sqlite' ? `sqlite:${join(dir, 'dpe.db')}` : 'memory:');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an empty stream, when a command is handled, then its events are stored with the envelope as metadata', async () => {
    const outcome = await executeCommand(
      store,
      add,
      { tally: 't', amount: 2, limit: 10 },
      { ...envelope('c1'), correlationId: 'k1' },
    );
    expect(outcome).toMatchObject({ replayed: false, streamId: 'tally-t', commandId: 'c1' });
    expect(outcome.events).toEqual(await store.readStream('tally-t'));
    expect(outcome.events[0]).toMatchObject({
      type: 'Added',
      schemaVersion: 1,
      revision: 0n,
      data: { amount: 2 },
      metadata: {
        commandId: 'c1',
        causationId: 'c1',
        correlationId: 'k1',
        actor: 'key:kann',
        occurredAt: '2026-04-06T09:00:00.000+01:00',
      },
    });
  });

  it('given a name claimed by one tally, when another tally claims it, then the domain refusal names the holder and nothing is stored', async () => {
    await executeCommand(store, named, { tally: 'a', amount: 1, limit: 10, name: 'n' }, envelope('c1'));
    const second = executeCommand(store, named, { tally: 'b', amount: 1, limit: 10, name: 'n' }, envelope('c2'));
    await expect(second).rejects.toMatchObject({
      code: 'tally.name-taken',
      message: 'tally-name/n is held by tally-a',
    });
    expect(await store.readStream('tally-b')).toEqual([]);
    expect(await store.findCommand('c2')).toBeUndefined();
    // The holder may go on writing under its own claim, and a retry of its first command replays.
    await executeCommand(store, named, { tally: 'a', amount: 2, limit: 10, name: 'n' }, envelope('c3'));
    expect(await store.readStream('tally-a')).toHaveLength(2);
  });

  it("given a principal bound to its own recipient, when it acts through a self-side role, then only its own recipient's records are reached", async () => {
    const own = defineCommand({
      ...add,
      name: 'add-own',
      complete: (input) => input,
      // The tally stands in for a recipient's record: prepare finds whose it is.
      prepare: (async (command: { tally: string }) => ({ recipientId: command.tally })) as never,
      policy: { roles: ['employer'], selfOfPrepared: (prepared: { recipientId: string }) => prepared.recipientId },
    });
    const employer: Principal = {
      actor: 'oidc:t/e1',
      kind: 'oidc',
      roles: ['employer'],
      councils: ['kent'],
      recipients: ['r1'],
    };
    await executeCommand(
      store,
      own,
      { tally: 'r1', amount: 1, limit: 10 },
      { commandId: 'c1', principal: employer, now },
    );
    const other = executeCommand(
      store,
      own,
      { tally: 'r2', amount: 1, limit: 10 },
      { commandId: 'c2', principal: employer, now },
    );
    await expect(other).rejects.toMatchObject({ kind: 'not-found' });
    const unbound = executeCommand(
      store,
      own,
      { tally: 'r1', amount: 1, limit: 10 },
      {
        commandId: 'c3',
        principal: { ...employer, recipients: undefined },
        now,
      },
    );
    await expect(unbound).rejects.toMatchObject({ kind: 'not-found' });
    expect(await store.readStream('tally-r1')).toHaveLength(1);
    expect(await store.readStream('tally-r2')).toEqual([]);
  });

  it('stores exactly one set of events for 1,000 sequential deliveries of one command', async () => {
    for (let i = 0; i < 1000; i++)
      await executeCommand(store, add, { tally: 't', amount: 1, limit: 5 }, envelope('once'));
    expect(await store.readStream('tally-t')).toHaveLength(1);
    expect(await store.headPosition()).toBe(1n);
  });

  it('stores exactly one set of events for 1,000 deliveries arriving 50 at a time', async () => {
    const outcomes = [];
    for (let wave = 0; wave < 20; wave++) {
      outcomes.push(
        ...(await Promise.all(
          Array.from({ length: 50 }, () =>
            executeCommand(store, add, { tally: 't', amount: 1, limit: 5 }, envelope('once')),
          ),
        )),
      );
    }
    expect(await store.readStream('tally-t')).toHaveLength(1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.events[0]!.id)).size).toBe(1);
  });

  it('refuses a command id reused for a different request, or on another stream, and stores nothing', async () => {
    await executeCommand(store, add, { tally: 't', amount: 2, limit: 10 }, envelope('c1'));
    await expect(
      executeCommand(store, add, { tally: 't', amount: 3, limit: 10 }, envelope('c1')),
    ).rejects.toMatchObject({ kind: 'idempotency-key-reused', code: 'command-id.reused' });
    await expect(
      executeCommand(store, add, { tally: 'u', amount: 2, limit: 10 }, envelope('c1')),
    ).rejects.toMatchObject({ code: 'command-id.reused' });
    expect(await store.headPosition()).toBe(1n);
  });

  it('records a decision that produced no events, and replays it', async () => {
    const first = await executeCommand(store, add, { tally: 't', amount: 0, limit: 10 }, envelope('nothing'));
    expect(first).toMatchObject({ replayed: false, events: [] });
    expect(await store.findCommand('nothing')).toMatchObject({
      commandType: 'add',
      streamId: 'tally-t',
      eventCount: 0,
    });
    expect(await executeCommand(store, add, { tally: 't', amount: 0, limit: 10 }, envelope('nothing'))).toMatchObject({
      replayed: true,
      events: [],
    });
  });

  it('refuses a command that breaks the rule, and stores and records nothing', async () => {
    await expect(
      executeCommand(store, add, { tally: 't', amount: 11, limit: 10 }, envelope('c1')),
    ).rejects.toMatchObject({ code: 'tally.limit' });
    expect(await store.readStream('tally-t')).toEqual([]);
    expect(await store.findCommand('c1')).toBeUndefined();
  });

  it('when another writer appends between read and append, it re-reads and decides again on the new state', async () => {
    let interfered = false;
    const racing: EventStore = Object.create(store) as EventStore;
    racing.append = async (stream, events, expected, options) => {
      if (!interfered) {
        interfered = true;
        await executeCommand(store, add, { tally: 't', amount: 9, limit: 10 }, envelope('other'));
      }
      return store.append(stream, events, expected, options);
    };
    // After the interloper's 9, adding 2 would exceed 10: the retry must decide on the fresh state.
    await expect(
      executeCommand(racing, add, { tally: 't', amount: 2, limit: 10 }, envelope('c1')),
    ).rejects.toMatchObject({ code: 'tally.limit' });
    await executeCommand(racing, add, { tally: 't', amount: 1, limit: 10 }, envelope('c2'));
    expect((await store.readStream('tally-t')).map((e) => (e.data as { amount: number }).amount)).toEqual([9, 1]);
  });

  it('gives up after the bounded number of attempts with the concurrency error', async () => {
    const alwaysStale: EventStore = Object.create(store) as EventStore;
    alwaysStale.append = async (stream) => {
      throw new ConcurrencyError(stream, 'no-stream', 0n);
    };
    await expect(
      executeCommand(alwaysStale, add, { tally: 't', amount: 1, limit: 10 }, envelope('c1'), { maxAttempts: 3 }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('refuses a principal whose roles the policy does not name, before anything else', async () => {
    const auditor: Principal = { ...ann, actor: 'oidc:t/o', roles: ['auditor'] };
    await expect(
      executeCommand(store, add, { tally: 't', amount: 1, limit: 10 }, { ...envelope('c1'), principal: auditor }),
    ).rejects.toMatchObject({ kind: 'forbidden', code: 'access.role' });
    expect(await store.findCommand('c1')).toBeUndefined();
  });

  it('names every bad field and the bad envelope before reading anything', async () => {
    await expect(executeCommand(store, add, { tally: 7, limit: 'ten' }, envelope('c1'))).rejects.toMatchObject({
      issues: [
        { path: 'tally', rule: 'must be text' },
        { path: 'amount', rule: 'is required' },
        { path: 'limit', rule: 'must be a number' },
      ],
    });
  });
});

describe('event ids', () => {
  const at = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'Europe/London' });

  it('are UUIDs laid out as version 7: the command time first, in milliseconds (RFC 9562 §5.7)', () => {
    const id = eventIdsFor('pay-day-2026-04-10:r-1', at('2026-04-10T07:00:00.000'))(0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 2026-04-10 07:00 BST is 06:00 UTC: 1,775,800,800,000 ms since the epoch, 0x019d75f9d300.
    expect(id.replace(/-/g, '').slice(0, 12)).toBe('019d75f9d300');
  });

  it('are the same for the same command at the same time, and differ between its events and other commands', () => {
    const now = at('2026-04-10T07:00:00.000');
    const ids = eventIdsFor('c-1', now);
    const again = eventIdsFor('c-1', now);
    expect([0, 1, 2].map(ids)).toEqual([0, 1, 2].map(again));
    expect(new Set([...[0, 1, 2, 3].map(ids), ...[0, 1, 2, 3].map(eventIdsFor('c-2', now))]).size).toBe(8);
  });

  it('sort by the time of their command, so the store index on event ids grows at its end', () => {
    const earlier = eventIdsFor('zzz', at('2026-04-10T07:00:00.000'))(0);
    const later = eventIdsFor('aaa', at('2026-04-10T07:00:00.001'))(0);
    expect(earlier < later).toBe(true);
  });
});
