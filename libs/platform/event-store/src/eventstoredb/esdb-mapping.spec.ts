import {
  ANY,
  DeadlineExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedVersionError,
  type JSONRecordedEvent,
} from '@eventstore/db-client';
import {
  appendedRange,
  fromEsdbCurrent,
  fromEsdbEvent,
  isDefiniteRefusal,
  isHiddenEvent,
  positionAfter,
  storedBatch,
  toEsdbExpected,
  toEventData,
} from './esdb-mapping';

// These cover the translation layer only; the adapter's behaviour against a server is the
// shared contract, which runs when EVENTSTORE_CONNECTION_STRING is set.
const newEvent = {
  id: '6f1c2f9e-2c1b-4d7e-9d53-0b9a3f6f1e21',
  type: 'PaymentRecorded',
  schemaVersion: 3,
  data: { amount: '123.45', payee: 'pa-7' },
  metadata: {
    correlationId: 'corr-1',
    causationId: 'cause-1',
    commandId: 'cmd-1',
    actor: 'user:finance-2',
    occurredAt: '2025-06-30T12:00:00.000+01:00',
  },
};

function recorded(overrides: Partial<JSONRecordedEvent> = {}): JSONRecordedEvent {
  return {
    streamId: 'payments-7',
    id: newEvent.id,
    isJson: true,
    revision: 4n,
    type: 'PaymentRecorded',
    created: new Date('2025-06-30T11:00:01.234Z'),
    data: newEvent.data,
    metadata: {
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
      commandId: 'cmd-1',
      actor: 'user:finance-2',
      occurredAt: '2025-06-30T12:00:00.000+01:00',
      schemaVersion: 3,
    },
    position: { commit: 9_007_199_254_740_999n, prepare: 9_007_199_254_740_999n },
    ...overrides,
  } as JSONRecordedEvent;
}

describe('EventStoreDB mapping', () => {
  it('writes correlation and causation under the names the server projections read, plus our fields', () => {
    const data = toEventData(newEvent);
    expect(data).toEqual({
      id: newEvent.id,
      contentType: 'application/json',
      type: 'PaymentRecorded',
      data: { amount: '123.45', payee: 'pa-7' },
      metadata: {
        $correlationId: 'corr-1',
        $causationId: 'cause-1',
        commandId: 'cmd-1',
        actor: 'user:finance-2',
        occurredAt: '2025-06-30T12:00:00.000+01:00',
        schemaVersion: 3,
      },
    });
  });

  it('reads an event back into the port shape, recordedAt from created and the commit position as global position', () => {
    expect(fromEsdbEvent(recorded())).toEqual({
      ...newEvent,
      metadata: { ...newEvent.metadata, recordedAt: '2025-06-30T11:00:01.234Z' },
      streamId: 'payments-7',
      revision: 4n,
      globalPosition: 9_007_199_254_740_999n,
    });
  });

  it('normalises a numeric revision to bigint', () => {
    const event = fromEsdbEvent(recorded({ revision: 4 as unknown as bigint }));
    expect(event.revision).toBe(4n);
  });

  it('refuses an event whose $all position the server did not report', () => {
    expect(() => fromEsdbEvent(recorded({ position: undefined }))).toThrow(/22\.6 or later/);
    expect(() =>
      fromEsdbEvent(recorded({ position: { commit: 18446744073709551615n, prepare: 18446744073709551615n } })),
    ).toThrow(/position/);
  });

  it('maps foreign events without our metadata to empty fields instead of failing the read', () => {
    const event = fromEsdbEvent(recorded({ metadata: undefined }));
    expect(event.metadata).toEqual({
      correlationId: '',
      causationId: '',
      commandId: '',
      actor: '',
      occurredAt: '',
      recordedAt: '2025-06-30T11:00:01.234Z',
    });
    expect(event.schemaVersion).toBe(0);
  });

  it('maps expected revisions both ways', () => {
    const mapped = (['any', 'no-stream', 'stream-exists', 7n] as const).map(toEsdbExpected);
    expect(mapped).toEqual([ANY, NO_STREAM, STREAM_EXISTS, 7n]);
    expect(fromEsdbCurrent(NO_STREAM)).toBe('no-stream');
    expect(fromEsdbCurrent(12n)).toBe(12n);
  });

  it('starts reads and subscriptions at the beginning for checkpoint 0 and at the position otherwise', () => {
    expect(positionAfter(0n)).toBe(START);
    expect(positionAfter(4242n)).toEqual({ commit: 4242n, prepare: 4242n });
  });

  describe('returning an append as stored', () => {
    const ids = ['a', 'b', 'c'].map((c) => `${c.repeat(8)}-0000-4000-8000-000000000000`);
    const storedAt = (revision: bigint, id: string) =>
      fromEsdbEvent(recorded({ id, revision, position: { commit: 100n + revision, prepare: 100n + revision } }));

    it('reads the batch once, from its first revision: the client reports the last one', () => {
      expect(appendedRange(6n, 3)).toEqual({ fromRevision: 4n, maxCount: 3 });
      expect(appendedRange(0n, 1)).toEqual({ fromRevision: 0n, maxCount: 1 });
    });

    it('returns the events read back when they are exactly the ids sent, at consecutive revisions', () => {
      const read = ids.map((id, i) => storedAt(4n + BigInt(i), id));
      expect(
        storedBatch(
          'payments-7',
          ids.map((id) => ({ id })),
          read,
          6n,
        ),
      ).toEqual(read);
    });

    it('refuses a read that is not this append, instead of returning the wrong events', () => {
      const sent = ids.map((id) => ({ id }));
      const shifted = ids.map((id, i) => storedAt(5n + BigInt(i), id));
      expect(() => storedBatch('payments-7', sent, shifted, 6n)).toThrow(/revisions 4\.\.6 read back as/);
      const other = [storedAt(4n, ids[0]!), storedAt(5n, ids[2]!), storedAt(6n, ids[1]!)];
      expect(() => storedBatch('payments-7', sent, other, 6n)).toThrow(/not this append's events/);
      expect(() => storedBatch('payments-7', sent, [storedAt(4n, ids[0]!)], 6n)).toThrow(/not this append's events/);
    });
  });

  it('hides system events and the command ledger from readers of $all', () => {
    expect(isHiddenEvent({ type: '$metadata', streamId: '$$payments-7' })).toBe(true);
    expect(isHiddenEvent({ type: 'CommandAccepted', streamId: 'dpe-command-cmd-1' })).toBe(true);
    expect(isHiddenEvent({ type: 'CommandAccepted', streamId: 'payments-7' })).toBe(false);
    expect(isHiddenEvent({ type: 'PaymentRecorded', streamId: 'payments-7' })).toBe(false);
  });

  it('treats only refusals as proof that an append wrote nothing', () => {
    const instance = <T>(type: abstract new (...args: never[]) => T): T => Object.create(type.prototype) as T;
    expect(isDefiniteRefusal(instance(WrongExpectedVersionError))).toBe(true);
    expect(isDefiniteRefusal(instance(StreamDeletedError))).toBe(true);
    expect(isDefiniteRefusal(instance(DeadlineExceededError))).toBe(false);
    expect(isDefiniteRefusal(instance(UnavailableError))).toBe(false);
    expect(isDefiniteRefusal(new Error('socket hang up'))).toBe(false);
  });
});
