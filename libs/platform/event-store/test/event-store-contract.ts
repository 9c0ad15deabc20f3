import { v4 as uuid } from 'uuid';
import {
  ClaimTakenError,
  CommandAlreadyRecordedError,
  ConcurrencyError,
  DuplicateEventIdError,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../src';

/**
 * The behaviour every EventStore adapter must share. Each test writes to streams with fresh
 * names and judges global order only relative to positions it captured itself, so the suite can
 * run against a shared EventStoreDB that other tests or people are writing to.
 */
export interface ContractOptions {
  /**
   * Embedded stores refuse an event id already stored anywhere. EventStoreDB only recognises
   * ids in the stream being written (as idempotent retries), so this part is skipped there.
   */
  readonly enforcesGlobalEventIdUniqueness: boolean;
  /** Longest a live event may take to reach a subscriber (covers polling and network). */
  readonly liveDeliveryTimeoutMs: number;
}

interface TimesheetSubmitted {
  readonly timesheetId: string;
  readonly hours: string;
  readonly gross: string;
  readonly n: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, but it resolved');
}

export function describeEventStoreContract(
  name: string,
  open: () => Promise<EventStore>,
  options: ContractOptions,
): void {
  describe(name, () => {
    let store: EventStore;
    const run = uuid().slice(0, 8);
    let streamCounter = 0;
    const newStream = (purpose: string): string => `contract-${run}-${purpose}-${(streamCounter += 1)}`;

    const timesheetSubmitted = (
      n: number,
      overrides: Partial<NewEvent<'TimesheetSubmitted', TimesheetSubmitted>> = {},
    ) =>
      ({
        id: uuid(),
        type: 'TimesheetSubmitted',
        schemaVersion: 2,
        data: { timesheetId: `ts-${n}`, hours: '37.50', gross: '457.88', n },
        metadata: {
          correlationId: uuid(),
          causationId: uuid(),
          commandId: uuid(),
          actor: 'user:pa-employer-17',
          occurredAt: '2025-04-06T09:30:00.000+01:00',
        },
        ...overrides,
      }) satisfies NewEvent<'TimesheetSubmitted', TimesheetSubmitted>;
    const batch = (count: number, from = 0): NewEvent[] =>
      Array.from({ length: count }, (_, i) => timesheetSubmitted(from + i));
    const ours = (streams: readonly string[]) => (event: RecordedEvent) => streams.includes(event.streamId);

    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('append and read', () => {
      it('round-trips every field of an event, with store-assigned revision, position and recordedAt', async () => {
        const stream = newStream('roundtrip');
        const event = timesheetSubmitted(1);
        const before = Date.now();
        const result = await store.append(stream, [event], 'no-stream');
        const after = Date.now();

        const [read, ...rest] = await store.readStream(stream);
        expect(rest).toEqual([]);
        expect(read).toEqual({
          id: event.id,
          type: 'TimesheetSubmitted',
          schemaVersion: 2,
          data: { timesheetId: 'ts-1', hours: '37.50', gross: '457.88', n: 1 },
          metadata: { ...event.metadata, recordedAt: expect.any(String) },
          streamId: stream,
          revision: 0n,
          globalPosition: result.globalPosition,
        });
        expect(result.nextExpectedRevision).toBe(1n);
        const recordedAt = read?.metadata.recordedAt ?? '';
        expect(recordedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        // A remote server's clock may drift a little from ours.
        expect(Date.parse(recordedAt)).toBeGreaterThanOrEqual(before - 60_000);
        expect(Date.parse(recordedAt)).toBeLessThanOrEqual(after + 60_000);
      });

      it('gives consecutive revisions and increasing global positions within one append', async () => {
        const stream = newStream('batch');
        const result = await store.append(stream, batch(3), 'no-stream');
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        const positions = read.map((e) => e.globalPosition);
        expect(positions[0]! < positions[1]! && positions[1]! < positions[2]!).toBe(true);
        expect(result).toMatchObject({ nextExpectedRevision: 3n, globalPosition: positions[2] });
        expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[2]!);
      });

      it('reads a stream that does not exist as empty', async () => {
        expect(await store.readStream(newStream('never-written'))).toEqual([]);
        expect(await store.readStream(newStream('never-written'), { direction: 'backwards' })).toEqual([]);
      });

      it('reads forwards from a revision, backwards from the end or a revision, with maxCount', async () => {
        const stream = newStream('directions');
        await store.append(stream, batch(5), 'no-stream');
        const ns = (events: RecordedEvent[]) => events.map((e) => (e.data as TimesheetSubmitted).n);

        expect(ns(await store.readStream(stream, { fromRevision: 2n }))).toEqual([2, 3, 4]);
        expect(ns(await store.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual([1, 2]);
        expect(ns(await store.readStream(stream, { direction: 'backwards' }))).toEqual([4, 3, 2, 1, 0]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', maxCount: 2 }))).toEqual([4, 3]);
        expect(ns(await store.readStream(stream, { direction: 'backwards', fromRevision: 2n }))).toEqual([2, 1, 0]);
        expect(ns(await store.readStream(stream, { fromRevision: 9n }))).toEqual([]);
        expect(await store.readStream(stream, { maxCount: 0 })).toEqual([]);
      });

      it('keeps revisions and positions as bigint end to end', async () => {
        const stream = newStream('bigint');
        const first = await store.append(stream, batch(2), 'no-stream');
        const second = await store.append(stream, batch(1, 2), first.nextExpectedRevision - 1n);
        const [event] = await store.readStream(stream, { fromRevision: 2n });
        expect(typeof first.nextExpectedRevision).toBe('bigint');
        expect(typeof second.globalPosition).toBe('bigint');
        expect(typeof event?.revision).toBe('bigint');
        expect(typeof event?.globalPosition).toBe('bigint');
        expect(event?.revision).toBe(2n);
        expect(event?.globalPosition).toBe(second.globalPosition);
        const [viaAll] = (await store.readAll({ after: first.globalPosition })).filter(ours([stream]));
        expect(viaAll?.globalPosition).toBe(second.globalPosition);
      });
    });

    describe('expected revision', () => {
      it('no-stream: creates a stream, then refuses once it exists', async () => {
        const stream = newStream('no-stream');
        await store.append(stream, batch(1), 'no-stream');
        const error = await thrown(store.append(stream, batch(1, 1), 'no-stream'));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId: stream, expected: 'no-stream', actual: 0n });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('stream-exists: refuses a missing stream, accepts an existing one', async () => {
        const stream = newStream('stream-exists');
        const error = await thrown(store.append(stream, batch(1), 'stream-exists'));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ streamId: stream, expected: 'stream-exists', actual: 'no-stream' });
        expect(await store.readStream(stream)).toEqual([]);

        await store.append(stream, batch(1), 'no-stream');
        const result = await store.append(stream, batch(1, 1), 'stream-exists');
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('any: appends whether or not the stream exists', async () => {
        const stream = newStream('any');
        expect((await store.append(stream, batch(1), 'any')).nextExpectedRevision).toBe(1n);
        expect((await store.append(stream, batch(2, 1), 'any')).nextExpectedRevision).toBe(3n);
        expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('exact revision: accepts the current revision, refuses a stale or future one with the actual revision', async () => {
        const stream = newStream('exact');
        await store.append(stream, batch(2), 'no-stream');
        expect((await store.append(stream, batch(1, 2), 1n)).nextExpectedRevision).toBe(3n);

        const stale = await thrown(store.append(stream, batch(1, 3), 1n));
        expect(stale).toBeInstanceOf(ConcurrencyError);
        expect(stale).toMatchObject({ streamId: stream, expected: 1n, actual: 2n });

        const future = await thrown(store.append(stream, batch(1, 3), 7n));
        expect(future).toMatchObject({ expected: 7n, actual: 2n });

        const missing = await thrown(store.append(newStream('exact-missing'), batch(1), 0n));
        expect(missing).toBeInstanceOf(ConcurrencyError);
        expect(missing).toMatchObject({ expected: 0n, actual: 'no-stream' });

        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('lets exactly one of two writers holding the same revision win', async () => {
        const stream = newStream('race');
        await store.append(stream, batch(1), 'no-stream');
        const outcomes = await Promise.allSettled([
          store.append(stream, batch(1, 1), 0n),
          store.append(stream, batch(1, 2), 0n),
        ]);
        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(rejected?.reason).toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('checks the expectation of an empty append without writing', async () => {
        const stream = newStream('empty-append');
        const created = await store.append(stream, batch(2), 'no-stream');
        const { events: _appended, ...position } = created;
        expect(await store.append(stream, [], 1n)).toEqual({ ...position, events: [] });
        expect(await thrown(store.append(stream, [], 0n))).toBeInstanceOf(ConcurrencyError);
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('idempotency', () => {
      it('treats a retry with the same ids and expectation as the original success', async () => {
        const stream = newStream('retry-exact');
        await store.append(stream, batch(1), 'no-stream');
        const events = batch(2, 1);
        const original = await store.append(stream, events, 0n);
        const head = await store.headPosition();

        expect(await store.append(stream, events, 0n)).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(3);
        expect(await store.headPosition()).toBe(head);
      });

      it('treats a retried stream creation as the original success', async () => {
        const stream = newStream('retry-create');
        const events = batch(2);
        const original = await store.append(stream, events, 'no-stream');
        expect(await store.append(stream, events, 'no-stream')).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('treats a retry with expectation any as the original success', async () => {
        const stream = newStream('retry-any');
        await store.append(stream, batch(1), 'any');
        const events = batch(2, 1);
        const original = await store.append(stream, events, 'any');
        await store.append(stream, batch(1, 3), 'any');

        expect(await store.append(stream, events, 'any')).toEqual(original);
        expect(await store.readStream(stream)).toHaveLength(4);
      });

      it('refuses ids that are stored at a different position of the stream', async () => {
        const stream = newStream('duplicate');
        const [a, b] = batch(2);
        await store.append(stream, [a!, b!], 'no-stream');
        const before = await store.readStream(stream);

        // b is stored at revision 1; this batch would put it at revision 2.
        const error = await thrown(store.append(stream, [b!, timesheetSubmitted(9)], 'any'));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ eventId: b!.id, streamId: stream });
        expect(await store.readStream(stream)).toEqual(before);
      });

      it('refuses a partial retry against an exact revision as a conflict', async () => {
        const stream = newStream('partial-retry');
        const [a, b, c] = batch(3);
        await store.append(stream, [a!, b!, c!], 'no-stream');

        const error = await thrown(store.append(stream, [b!, timesheetSubmitted(9)], 0n));
        expect(error).toBeInstanceOf(ConcurrencyError);
        expect(error).toMatchObject({ expected: 0n, actual: 2n });
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      const globalIt = options.enforcesGlobalEventIdUniqueness ? it : it.skip;
      const globalTitle = options.enforcesGlobalEventIdUniqueness
        ? 'refuses an id already stored in another stream or re-used at the current revision'
        : 'refuses an id already stored in another stream — skipped: EventStoreDB deduplicates ids only within the stream written';
      globalIt(globalTitle, async () => {
        const first = newStream('global-id-a');
        const second = newStream('global-id-b');
        const event = timesheetSubmitted(1);
        await store.append(first, [event], 'no-stream');

        const elsewhere = await thrown(store.append(second, [event], 'no-stream'));
        expect(elsewhere).toBeInstanceOf(DuplicateEventIdError);
        expect(elsewhere).toMatchObject({ eventId: event.id, streamId: second });
        expect(await store.readStream(second)).toEqual([]);

        const reused = await thrown(store.append(first, [timesheetSubmitted(2), event], 0n));
        expect(reused).toBeInstanceOf(DuplicateEventIdError);
        expect(reused).toMatchObject({ eventId: event.id, streamId: first });
        expect(await store.readStream(first)).toHaveLength(1);
      });
    });

    describe('command ledger', () => {
      const command = (purpose: string, requestHash = 'hash-a') => ({
        commandId: `cmd-${run}-${purpose}`,
        commandType: 'submit-timesheet',
        requestHash,
      });

      it('returns the stored events from the append, as a read would give them', async () => {
        const stream = newStream('returned');
        const result = await store.append(stream, batch(2), 'no-stream');
        expect(result.events).toEqual(await store.readStream(stream));
        expect(result.globalPosition).toBe(result.events[1]!.globalPosition);
      });

      it('records the command with its events, and finds it by id', async () => {
        const stream = newStream('ledger');
        await store.append(stream, batch(1), 'no-stream');
        const cmd = command('recorded');
        const result = await store.append(stream, batch(2, 1), 0n, { command: cmd });
        expect(await store.findCommand(cmd.commandId)).toEqual({
          ...cmd,
          streamId: stream,
          firstRevision: 1n,
          eventCount: 2,
          recordedAt: result.events[0]!.metadata.recordedAt,
        });
      });

      it('records a decision that produced no events', async () => {
        const stream = newStream('ledger-empty');
        const cmd = command('no-events');
        await store.append(stream, [], 'any', { command: cmd });
        expect(await store.findCommand(cmd.commandId)).toMatchObject({ ...cmd, streamId: stream, eventCount: 0 });
        expect((await store.findCommand(cmd.commandId))?.firstRevision).toBeUndefined();
      });

      it('refuses a second append under a recorded command id, on any stream, and writes nothing', async () => {
        const stream = newStream('ledger-once');
        const other = newStream('ledger-other');
        const cmd = command('once');
        await store.append(stream, batch(1), 'no-stream', { command: cmd });
        const head = await store.headPosition();

        const again = await thrown(
          store.append(stream, batch(1, 5), 0n, { command: { ...cmd, requestHash: 'hash-b' } }),
        );
        expect(again).toBeInstanceOf(CommandAlreadyRecordedError);
        expect(again).toMatchObject({ record: { ...cmd, streamId: stream, firstRevision: 0n, eventCount: 1 } });
        const elsewhere = await thrown(store.append(other, batch(1, 6), 'no-stream', { command: cmd }));
        expect(elsewhere).toBeInstanceOf(CommandAlreadyRecordedError);
        expect(await store.readStream(other)).toEqual([]);
        expect(await store.headPosition()).toBe(head);
      });

      it('records nothing when the append itself is refused', async () => {
        const stream = newStream('ledger-refused');
        await store.append(stream, batch(1), 'no-stream');
        const cmd = command('refused');
        await expect(store.append(stream, batch(1, 1), 'no-stream', { command: cmd })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect(await store.findCommand(cmd.commandId)).toBeUndefined();
      });

      it('lets exactly one of two deliveries of one command id record it', async () => {
        const stream = newStream('ledger-race');
        const cmd = command('race');
        const results = await Promise.allSettled([
          store.append(stream, batch(1), 'any', { command: cmd }),
          store.append(stream, batch(1, 1), 'any', { command: cmd }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('does not know a command id that was never recorded', async () => {
        expect(await store.findCommand(`cmd-${run}-never`)).toBeUndefined();
      });
    });

    describe('claims', () => {
      it('gives a key to the first stream that claims it, with its events', async () => {
        const holder = newStream('claim-holder');
        const key = `paye-scheme/${run}/first`;
        expect(await store.findClaim(key)).toBeUndefined();
        await store.append(holder, batch(1), 'no-stream', { claims: [key] });
        expect(await store.findClaim(key)).toBe(holder);
      });

      it('refuses a key another stream holds, and writes nothing of that append', async () => {
        const holder = newStream('claim-held');
        const other = newStream('claim-other');
        const key = `paye-scheme/${run}/held`;
        await store.append(holder, batch(1), 'no-stream', { claims: [key] });
        const cmd = { commandId: `cmd-${run}-claim-refused`, commandType: 'register', requestHash: 'h' };
        const refused = store.append(other, batch(1), 'no-stream', { claims: [key], command: cmd });
        await expect(refused).rejects.toBeInstanceOf(ClaimTakenError);
        await expect(refused).rejects.toMatchObject({ key, holderStreamId: holder });
        expect(await store.readStream(other)).toEqual([]);
        expect(await store.findCommand(cmd.commandId)).toBeUndefined();
        expect(await store.findClaim(key)).toBe(holder);
      });

      it('lets the holder append again with the same key', async () => {
        const holder = newStream('claim-again');
        const key = `paye-scheme/${run}/again`;
        await store.append(holder, batch(1), 'no-stream', { claims: [key] });
        await store.append(holder, batch(1, 1), 0n, { claims: [key] });
        expect(await store.readStream(holder)).toHaveLength(2);
        expect(await store.findClaim(key)).toBe(holder);
      });

      it('gives a contested key to exactly one of two racing streams', async () => {
        const key = `paye-scheme/${run}/race`;
        const [a, b] = [newStream('claim-race-a'), newStream('claim-race-b')];
        const results = await Promise.allSettled([
          store.append(a, batch(1), 'no-stream', { claims: [key] }),
          store.append(b, batch(1), 'no-stream', { claims: [key] }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        const holder = await store.findClaim(key);
        expect([a, b]).toContain(holder);
        const loser = holder === a ? b : a;
        expect(await store.readStream(loser)).toEqual([]);
      });

      it('keeps no claim when the events were refused for a wrong expected revision', async () => {
        const stream = newStream('claim-conflict');
        const key = `paye-scheme/${run}/conflict`;
        await store.append(stream, batch(1), 'no-stream');
        await expect(store.append(stream, batch(1, 1), 'no-stream', { claims: [key] })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect(await store.findClaim(key)).toBeUndefined();
      });
    });

    describe('listClaims', () => {
      const claim = async (key: string, purpose = 'list'): Promise<string> => {
        const holder = newStream(purpose);
        await store.append(holder, batch(1), 'no-stream', { claims: [key] });
        return holder;
      };

      it('lists the claims under a prefix in key order, with their holders, and nothing outside it', async () => {
        const prefix = `list-${run}/scheme/`;
        const b = await claim(`${prefix}b`);
        const a = await claim(`${prefix}a`);
        const c = await claim(`${prefix}c/1`);
        await claim(`list-${run}/schemer/x`);
        await claim(`list-${run}/schem`);
        expect(await store.listClaims(prefix)).toEqual([
          { key: `${prefix}a`, streamId: a },
          { key: `${prefix}b`, streamId: b },
          { key: `${prefix}c/1`, streamId: c },
        ]);
        expect(await store.listClaims(`${prefix}b`)).toEqual([{ key: `${prefix}b`, streamId: b }]);
        expect(await store.listClaims(`list-${run}/nothing-here/`)).toEqual([]);
      });

      it('pages by after (exclusive) and limit without gaps or repeats', async () => {
        const prefix = `list-${run}/paged/`;
        const keys = Array.from({ length: 7 }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
        for (const key of [...keys].reverse()) await claim(key, 'list-paged');

        const paged: string[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 10; pages++) {
          const page = await store.listClaims(prefix, { ...(after === undefined ? {} : { after }), limit: 3 });
          expect(page.length).toBeLessThanOrEqual(3);
          paged.push(...page.map((entry) => entry.key));
          if (page.length < 3) break;
          after = page[page.length - 1]!.key;
        }
        expect(paged).toEqual(keys);
        expect(await store.listClaims(prefix, { limit: 0 })).toEqual([]);
        expect((await store.listClaims(prefix, { after: keys[5]! })).map((entry) => entry.key)).toEqual([keys[6]]);
        expect(await store.listClaims(prefix, { after: keys[6]! })).toEqual([]);
        // An `after` that sorts before the prefix starts the listing at the prefix.
        expect(await store.listClaims(prefix, { after: `list-${run}/paged`, limit: 1 })).toMatchObject([
          { key: keys[0] },
        ]);
      });

      it('orders keys by code point and bounds a prefix correctly beyond U+FFFF', async () => {
        const prefix = `list-${run}/unicode/`;
        const keys = [`${prefix}z`, `${prefix}\uffff`, `${prefix}\uffff\u{1f600}`, `${prefix}\u{1f600}`];
        for (const key of [...keys].reverse()) await claim(key, 'list-unicode');
        // Code point order puts U+1F600 after U+FFFF; UTF-16 code unit order (JavaScript's <) would not.
        expect((await store.listClaims(prefix)).map((entry) => entry.key)).toEqual(keys);
        // `prefix + '\uffff'` would be no upper bound here: the key continuing with U+1F600 sorts after it.
        expect((await store.listClaims(`${prefix}\uffff`)).map((entry) => entry.key)).toEqual([
          `${prefix}\uffff`,
          `${prefix}\uffff\u{1f600}`,
        ]);
      });

      it('does not list a claim whose append was refused', async () => {
        const prefix = `list-${run}/refused/`;
        const stream = newStream('list-refused');
        await store.append(stream, batch(1), 'no-stream');
        await expect(store.append(stream, batch(1, 1), 'no-stream', { claims: [`${prefix}k`] })).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        expect(await store.listClaims(prefix)).toEqual([]);
      });

      it('refuses a bad limit or after', async () => {
        await expect(store.listClaims('x', { limit: -1 })).rejects.toBeInstanceOf(RangeError);
        await expect(store.listClaims('x', { limit: 1.5 })).rejects.toBeInstanceOf(RangeError);
        await expect(store.listClaims('x', { after: 7 as unknown as string })).rejects.toBeInstanceOf(TypeError);
      });
    });

    describe('concurrent appends', () => {
      it('stores 200 concurrent appends to 200 streams, each at revision 0, at distinct increasing positions', async () => {
        const start = await store.headPosition();
        const streams = Array.from({ length: 200 }, () => newStream('concurrent'));
        const sent = streams.map((_, i) => timesheetSubmitted(i));
        const results = await Promise.all(streams.map((stream, i) => store.append(stream, [sent[i]!], 'no-stream')));

        const stored = (await store.readAll({ after: start })).filter(ours(streams));
        expect(stored).toHaveLength(200);
        const positions = stored.map((e) => e.globalPosition);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
        expect(new Set(results.map((r) => r.globalPosition)).size).toBe(200);
        const byId = new Map(stored.map((e) => [e.id, e]));
        results.forEach((result, i) => {
          expect(result.nextExpectedRevision).toBe(1n);
          expect(result.events).toEqual([byId.get(sent[i]!.id)]);
          expect(result.events[0]).toMatchObject({ streamId: streams[i], revision: 0n });
        });
      });

      it('lets exactly one of many concurrent appends holding the same revision win, and writes nothing of the others', async () => {
        const stream = newStream('concurrent-race');
        await store.append(stream, batch(1), 'no-stream');
        const contenders = Array.from({ length: 20 }, (_, i) => batch(2, 10 + i * 2));
        const outcomes = await Promise.allSettled(contenders.map((events) => store.append(stream, events, 0n)));

        const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [i] : []));
        expect(won).toHaveLength(1);
        for (const outcome of outcomes) {
          if (outcome.status === 'rejected') {
            expect(outcome.reason).toBeInstanceOf(ConcurrencyError);
            expect(outcome.reason).toMatchObject({ streamId: stream, expected: 0n });
          }
        }
        const read = await store.readStream(stream);
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        expect(read.slice(1).map((e) => e.id)).toEqual(contenders[won[0]!]!.map((e) => e.id));
      });

      it('refuses only the concurrent append that claims a taken key', async () => {
        const key = `paye-scheme/${run}/concurrent-taken`;
        const holder = newStream('concurrent-holder');
        await store.append(holder, batch(1), 'no-stream', { claims: [key] });

        const streams = Array.from({ length: 10 }, () => newStream('concurrent-claims'));
        const keyOf = (i: number): string => (i === 4 ? key : `paye-scheme/${run}/concurrent-${i}`);
        const commandOf = (i: number) => ({
          commandId: `cmd-${run}-concurrent-claim-${i}`,
          commandType: 'register',
          requestHash: 'h',
        });
        const outcomes = await Promise.allSettled(
          streams.map((stream, i) =>
            store.append(stream, batch(1, i), 'no-stream', { claims: [keyOf(i)], command: commandOf(i) }),
          ),
        );

        expect(outcomes.map((o) => o.status)).toEqual(streams.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
        const refused = outcomes[4] as PromiseRejectedResult;
        expect(refused.reason).toBeInstanceOf(ClaimTakenError);
        expect(refused.reason).toMatchObject({ key, holderStreamId: holder });
        expect(await store.readStream(streams[4]!)).toEqual([]);
        expect(await store.findCommand(commandOf(4).commandId)).toBeUndefined();
        expect(await store.findClaim(key)).toBe(holder);
        for (const i of [0, 1, 2, 3, 5, 6, 7, 8, 9]) {
          expect(await store.readStream(streams[i]!)).toHaveLength(1);
          expect(await store.findClaim(keyOf(i))).toBe(streams[i]);
          expect(await store.findCommand(commandOf(i).commandId)).toMatchObject({
            streamId: streams[i],
            eventCount: 1,
          });
        }
      });

      it('refuses each bad append of a concurrent mix for its own reason and stores every good one', async () => {
        const stale = newStream('mix-stale');
        await store.append(stale, batch(2), 'no-stream');
        const recorded = { commandId: `cmd-${run}-mix-recorded`, commandType: 'submit-timesheet', requestHash: 'h' };
        await store.append(newStream('mix-recorder'), batch(1), 'no-stream', { command: recorded });
        const taken = `paye-scheme/${run}/mix-taken`;
        await store.append(newStream('mix-holder'), batch(1), 'no-stream', { claims: [taken] });
        const storedElsewhere = timesheetSubmitted(99);
        await store.append(newStream('mix-elsewhere'), [storedElsewhere], 'no-stream');

        const good = Array.from({ length: 6 }, () => newStream('mix-good'));
        const goodCommand = (i: number) => ({
          commandId: `cmd-${run}-mix-good-${i}`,
          commandType: 'submit-timesheet',
          requestHash: 'h',
        });
        const goodKey = (i: number): string => `paye-scheme/${run}/mix-good-${i}`;
        const goodAppend = (i: number): Promise<unknown> =>
          store.append(good[i]!, batch(2, i * 2), 'no-stream', { command: goodCommand(i), claims: [goodKey(i)] });
        const staleCommand = { ...goodCommand(0), commandId: `cmd-${run}-mix-stale` };
        const staleKey = `paye-scheme/${run}/mix-stale`;
        const victims = [newStream('mix-recorded'), newStream('mix-taken'), newStream('mix-duplicate')] as const;
        // EventStoreDB does not refuse an id stored in another stream (see enforcesGlobalEventIdUniqueness).
        const duplicate = options.enforcesGlobalEventIdUniqueness
          ? store.append(victims[2], [timesheetSubmitted(1), storedElsewhere], 'no-stream')
          : Promise.reject(new DuplicateEventIdError(storedElsewhere.id, victims[2]));

        const outcomes = await Promise.allSettled([
          goodAppend(0),
          store.append(stale, batch(1, 5), 0n, { command: staleCommand, claims: [staleKey] }),
          goodAppend(1),
          store.append(victims[0], batch(1), 'no-stream', { command: recorded }),
          goodAppend(2),
          store.append(victims[1], batch(1), 'no-stream', { claims: [taken] }),
          goodAppend(3),
          duplicate,
          goodAppend(4),
          goodAppend(5),
        ]);
        const reasons = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).constructor : 'ok'));
        expect(reasons).toEqual([
          'ok',
          ConcurrencyError,
          'ok',
          CommandAlreadyRecordedError,
          'ok',
          ClaimTakenError,
          'ok',
          DuplicateEventIdError,
          'ok',
          'ok',
        ]);

        expect(await store.readStream(stale)).toHaveLength(2);
        expect(await store.findCommand(staleCommand.commandId)).toBeUndefined();
        expect(await store.findClaim(staleKey)).toBeUndefined();
        for (const stream of victims) expect(await store.readStream(stream)).toEqual([]);
        for (let i = 0; i < good.length; i++) {
          expect((await store.readStream(good[i]!)).map((e) => e.revision)).toEqual([0n, 1n]);
          expect(await store.findCommand(goodCommand(i).commandId)).toMatchObject({
            streamId: good[i],
            eventCount: 2,
          });
          expect(await store.findClaim(goodKey(i))).toBe(good[i]);
        }
      });
    });

    describe('global order', () => {
      it('orders interleaved appends to different streams by global position', async () => {
        const start = await store.headPosition();
        const [x, y] = [newStream('interleave-x'), newStream('interleave-y')];
        const written: string[] = [];
        let nextX: bigint | 'no-stream' = 'no-stream';
        let nextY: bigint | 'no-stream' = 'no-stream';
        for (let round = 0; round < 3; round++) {
          const ex = timesheetSubmitted(round);
          nextX = (await store.append(x, [ex], nextX)).nextExpectedRevision - 1n;
          const ey = batch(2, 10 + round * 2);
          nextY = (await store.append(y, ey, nextY)).nextExpectedRevision - 1n;
          written.push(ex.id, ...ey.map((e) => e.id));
        }

        const all = (await store.readAll({ after: start })).filter(ours([x, y]));
        expect(all.map((e) => e.id)).toEqual(written);
        const positions = all.map((e) => e.globalPosition);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1]!)).toBe(true);
        expect(positions[0]! > start).toBe(true);
      });

      it('pages through readAll with after and maxCount without gaps or repeats', async () => {
        const start = await store.headPosition();
        const [x, y] = [newStream('page-x'), newStream('page-y')];
        await store.append(x, batch(4), 'no-stream');
        await store.append(y, batch(3), 'no-stream');
        await store.append(x, batch(3, 4), 3n);
        const expected = (await store.readAll({ after: start })).filter(ours([x, y]));
        expect(expected).toHaveLength(10);

        const paged: RecordedEvent[] = [];
        let after = start;
        for (let pages = 0; pages < 1000; pages++) {
          const page = await store.readAll({ after, maxCount: 3 });
          expect(page.length).toBeLessThanOrEqual(3);
          if (page.length === 0) break;
          expect(page[0]!.globalPosition > after).toBe(true);
          paged.push(...page.filter(ours([x, y])));
          after = page[page.length - 1]!.globalPosition;
          if (paged.length === expected.length) break;
        }
        expect(paged.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, goes live, stops cleanly and resumes from its checkpoint with no gaps or duplicates', async () => {
        const start = await store.headPosition();
        const [x, y] = [newStream('sub-x'), newStream('sub-y')];
        const mine = ours([x, y]);
        await store.append(x, batch(3), 'no-stream');
        await store.append(y, batch(2), 'no-stream');

        const received: RecordedEvent[] = [];
        let checkpoint = start;
        let inFlight = 0;
        let maxInFlight = 0;
        let caughtUpCalls = 0;
        let receivedAtCaughtUp = -1;
        const errors: Error[] = [];
        const onEvent = async (event: RecordedEvent): Promise<void> => {
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          await sleep(1);
          if (mine(event)) received.push(event);
          checkpoint = event.globalPosition;
          inFlight -= 1;
        };

        const first = store.subscribeToAll({
          after: start,
          onEvent,
          onCaughtUp: () => {
            caughtUpCalls += 1;
            receivedAtCaughtUp = received.length;
          },
          onError: (error) => errors.push(error),
        });
        await eventually(() => caughtUpCalls > 0, options.liveDeliveryTimeoutMs, 'onCaughtUp');
        expect(receivedAtCaughtUp).toBe(5);

        await store.append(x, batch(2, 3), 2n);
        await store.append(y, batch(1, 2), 1n);
        await eventually(() => received.length === 8, options.liveDeliveryTimeoutMs, 'live events');

        await first.stop();
        const atStop = received.length;
        await store.append(x, batch(2, 5), 4n);
        await sleep(Math.min(options.liveDeliveryTimeoutMs, 600));
        expect(received).toHaveLength(atStop);

        const second = store.subscribeToAll({ after: checkpoint, onEvent, onError: (error) => errors.push(error) });
        await eventually(() => received.length === 10, options.liveDeliveryTimeoutMs, 'events after resuming');
        await second.stop();

        const stored = (await store.readAll({ after: start })).filter(mine);
        expect(received.map((e) => e.id)).toEqual(stored.map((e) => e.id));
        expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
        expect(received).toEqual(stored);
        expect(maxInFlight).toBe(1);
        expect(caughtUpCalls).toBe(1);
        expect(errors).toEqual([]);
      });

      it('reports a failing handler through onError and delivers nothing after it', async () => {
        const start = await store.headPosition();
        const stream = newStream('sub-failing');
        await store.append(stream, batch(3), 'no-stream');
        const seen: number[] = [];
        const errors: Error[] = [];
        const subscription = store.subscribeToAll({
          after: start,
          onEvent: (event) => {
            if (event.streamId !== stream) return;
            const n = (event.data as TimesheetSubmitted).n;
            seen.push(n);
            if (n === 1) throw new Error('projection write failed');
          },
          onError: (error) => errors.push(error),
        });
        await eventually(() => errors.length > 0, options.liveDeliveryTimeoutMs, 'onError');
        await store.append(stream, batch(1, 3), 2n);
        await sleep(300);
        await subscription.stop();
        expect(errors.map((e) => e.message)).toEqual(['projection write failed']);
        expect(seen).toEqual([0, 1]);
      });

      it('stops from inside its own handler without delivering the next event', async () => {
        const start = await store.headPosition();
        const stream = newStream('sub-self-stop');
        await store.append(stream, batch(3), 'no-stream');
        const seen: number[] = [];
        let stopped: Promise<void> | undefined;
        const subscription = store.subscribeToAll({
          after: start,
          onEvent: (event) => {
            if (event.streamId !== stream) return;
            seen.push((event.data as TimesheetSubmitted).n);
            if (seen.length === 1) stopped = subscription.stop();
          },
        });
        await eventually(() => stopped !== undefined, options.liveDeliveryTimeoutMs, 'the first event');
        await stopped;
        await sleep(100);
        expect(seen).toEqual([0]);
      });
    });
  });
}
