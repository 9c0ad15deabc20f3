import type { EventData, JSONRecordedEvent } from '@eventstore/db-client';
import type { CommandToRecord, ExpectedRevision } from '../port';
import {
  claimRevisionAt,
  commandAbandonedEvent,
  commandAcceptedEvent,
  commandCompletedEvent,
  CorruptLedgerError,
  foldLedger,
  isLedgerStream,
  ledgerStreamId,
  nextClaimStep,
  probeFor,
  PROBE_SCAN_LIMIT,
  recordOf,
  resolveClaim,
  toLedgerEntry,
  type LedgerEntry,
  type OpenClaim,
  type ProbedEvent,
} from './esdb-ledger';

// Pure ledger logic only. Whether EventStoreDB enforces the expected revisions these decisions
// rely on is the server's part; that runs only in the contract suite against a real server.

const command: CommandToRecord = { commandId: 'cmd-42', commandType: 'submit-timesheet', requestHash: 'hash-a' };
const stream = 'recipient-7';
const at = (n: number) => `2025-06-30T11:00:0${n}.000Z`;

/** The ledger stream as the server would hand it back after these writes, in order. */
function ledger(...written: EventData[]): LedgerEntry[] {
  return written.map((event, i) => ({ type: event.type, revision: BigInt(i), data: event.data, created: at(i) }));
}

const accepted = (
  expected: ExpectedRevision,
  eventCount: number,
  overrides: Partial<CommandToRecord> = {},
  onStream = stream,
) => commandAcceptedEvent(`a-${String(expected)}`, { ...command, ...overrides }, onStream, expected, eventCount);
const stored = (firstRevision: bigint, count: number, recordedAt = at(9)) =>
  Array.from({ length: count }, (_, i) => ({
    revision: firstRevision + BigInt(i),
    metadata: { commandId: command.commandId, recordedAt },
  }));
const completed = (claimRevision: bigint, events: ReturnType<typeof stored> = []) =>
  commandCompletedEvent(`c-${claimRevision}`, claimRevision, events);
const abandoned = (claimRevision: bigint) =>
  commandAbandonedEvent(`x-${claimRevision}`, claimRevision, 'store.concurrency');

function openClaimOf(entries: LedgerEntry[]): OpenClaim {
  const state = foldLedger(command.commandId, entries);
  if (state.status !== 'open') throw new Error(`expected an open claim, got ${state.status}`);
  return state.claim;
}

const event = (revision: bigint, commandId: string, recordedAt = at(8)): ProbedEvent => ({
  revision,
  metadata: { commandId, recordedAt },
});

describe('command ledger on EventStoreDB', () => {
  describe('ledger streams', () => {
    it('is one stream per command id, under a prefix that does not start with "$"', () => {
      expect(ledgerStreamId('cmd-42')).toBe('dpe-command-cmd-42');
      expect(isLedgerStream('dpe-command-cmd-42')).toBe(true);
      expect(isLedgerStream('recipient-7')).toBe(false);
    });

    it('places a claim at a new stream (revision 0) or right after the event it is written over', () => {
      expect(claimRevisionAt('no-stream')).toBe(0n);
      expect(claimRevisionAt(3n)).toBe(4n);
    });

    it('writes ledger events as JSON with bigints as strings and the caller-chosen id', () => {
      expect(accepted(4n, 2)).toEqual({
        id: 'a-4',
        contentType: 'application/json',
        type: 'CommandAccepted',
        data: { ...command, streamId: stream, expectedRevision: '4', eventCount: 2 },
        metadata: undefined,
      });
      expect(completed(0n, stored(5n, 2)).data).toEqual({
        claimRevision: '0',
        firstRevision: '5',
        eventCount: 2,
        recordedAt: at(9),
      });
      expect(completed(0n).data).toEqual({ claimRevision: '0', firstRevision: null, eventCount: 0, recordedAt: null });
      expect(abandoned(0n)).toMatchObject({
        type: 'CommandAbandoned',
        data: { claimRevision: '0', reason: 'store.concurrency' },
      });
    });

    it('reads a ledger event back from the client shape', () => {
      const read = {
        streamId: 'dpe-command-cmd-42',
        id: 'a-4',
        isJson: true,
        revision: 1 as unknown as bigint,
        type: 'CommandAccepted',
        created: new Date(at(1)),
        data: { some: 'data' },
        metadata: {},
      } as unknown as JSONRecordedEvent;
      expect(toLedgerEntry(read)).toEqual({
        type: 'CommandAccepted',
        revision: 1n,
        data: { some: 'data' },
        created: at(1),
      });
    });
  });

  describe('given no ledger stream', () => {
    const state = foldLedger(command.commandId, []);

    it('then the command is not recorded, and a claim goes to a new stream', () => {
      expect(state).toEqual({ status: 'unclaimed' });
      expect(recordOf(state)).toBeUndefined();
      expect(nextClaimStep(state)).toEqual({ kind: 'claim', at: 'no-stream' });
    });
  });

  describe('given CommandAccepted then CommandCompleted with events', () => {
    const state = foldLedger(command.commandId, ledger(accepted(4n, 2), completed(0n, stored(5n, 2))));

    it('then the record is the accepted command with the first revision, count and time of its events', () => {
      expect(recordOf(state)).toEqual({
        ...command,
        streamId: stream,
        firstRevision: 5n,
        eventCount: 2,
        recordedAt: at(9),
      });
    });

    it('then a second claim is refused with that record', () => {
      expect(nextClaimStep(state)).toEqual({ kind: 'taken', record: recordOf(state) });
    });
  });

  describe('given CommandAccepted and CommandCompleted for a decision without events (one write)', () => {
    const state = foldLedger(command.commandId, ledger(accepted('any', 0), completed(0n)));

    it('then the record has no first revision, count 0, and the ledger write time', () => {
      const record = recordOf(state);
      expect(record).toEqual({ ...command, streamId: stream, eventCount: 0, recordedAt: at(1) });
      expect(record && 'firstRevision' in record).toBe(false);
    });
  });

  describe('given CommandAccepted then CommandAbandoned', () => {
    const state = foldLedger(command.commandId, ledger(accepted(4n, 1), abandoned(0n)));

    it('then the command is not recorded, and the next claim is written over the abandonment', () => {
      expect(state).toEqual({ status: 'released', lastRevision: 1n });
      expect(recordOf(state)).toBeUndefined();
      expect(nextClaimStep(state)).toEqual({ kind: 'claim', at: 1n });
    });
  });

  describe('given an abandoned claim, then a second claim that completed', () => {
    const state = foldLedger(
      command.commandId,
      ledger(accepted(4n, 1), abandoned(0n), accepted(6n, 1, { requestHash: 'hash-b' }), completed(2n, stored(7n, 1))),
    );

    it('then the record is the second claim', () => {
      expect(recordOf(state)).toEqual({
        ...command,
        requestHash: 'hash-b',
        streamId: stream,
        firstRevision: 7n,
        eventCount: 1,
        recordedAt: at(9),
      });
    });
  });

  describe('given a completed command', () => {
    it('then nothing after the completion changes the record', () => {
      const entries = ledger(accepted(4n, 1), completed(0n, stored(5n, 1)), abandoned(0n));
      expect(recordOf(foldLedger(command.commandId, entries))).toMatchObject({ firstRevision: 5n, eventCount: 1 });
    });
  });

  describe('given CommandAccepted alone (a write in flight, or a writer that died between the writes)', () => {
    const entries = ledger(accepted(4n, 2));
    const state = foldLedger(command.commandId, entries);
    const claim = openClaimOf(entries);

    it('then the claim is open and must be judged from the aggregate stream', () => {
      expect(state).toMatchObject({ status: 'open', lastRevision: 0n });
      expect(claim).toEqual({
        command,
        streamId: stream,
        expected: 4n,
        eventCount: 2,
        revision: 0n,
        acceptedAt: at(0),
      });
      expect(() => nextClaimStep(state)).toThrow(/probed/);
    });

    it('then an exact expectation is probed by reading forwards from the revision after it', () => {
      expect(probeFor(claim)).toEqual({ direction: 'forwards', fromRevision: 5n, maxCount: 2 });
      expect(probeFor(openClaimOf(ledger(accepted('no-stream', 3))))).toEqual({
        direction: 'forwards',
        fromRevision: 0n,
        maxCount: 3,
      });
    });

    describe('and its events stored right after the expected revision', () => {
      const resolution = resolveClaim(claim, [event(5n, command.commandId), event(6n, command.commandId)]);

      it('then the command is recorded, exactly as CommandCompleted would have said', () => {
        expect(resolution.outcome).toBe('stored');
        expect(recordOf(state, resolution)).toEqual({
          ...command,
          streamId: stream,
          firstRevision: 5n,
          eventCount: 2,
          recordedAt: at(8),
        });
        expect(nextClaimStep(state, resolution)).toEqual({ kind: 'taken', record: recordOf(state, resolution) });
      });
    });

    describe('and nothing after the expected revision yet', () => {
      const resolution = resolveClaim(claim, []);

      it('then the command id stays taken, reported with no events and the claim time', () => {
        expect(resolution.outcome).toBe('unresolved');
        expect(recordOf(state, resolution)).toEqual({ ...command, streamId: stream, eventCount: 0, recordedAt: at(0) });
        expect(nextClaimStep(state, resolution)).toMatchObject({ kind: 'taken' });
      });
    });

    describe("and another command's event at the revision after the expected one", () => {
      const resolution = resolveClaim(claim, [event(5n, 'cmd-other'), event(6n, 'cmd-other')]);

      it('then the claim can never complete: not recorded, and a new claim is written over it', () => {
        expect(resolution).toEqual({ outcome: 'fenced' });
        expect(recordOf(state, resolution)).toBeUndefined();
        expect(nextClaimStep(state, resolution)).toEqual({ kind: 'claim', at: 0n });
      });
    });
  });

  describe('given a fenced claim that was taken over and completed', () => {
    it('then the record is the claim that took over', () => {
      const entries = ledger(accepted(4n, 1), accepted(5n, 1), completed(1n, stored(6n, 1)));
      expect(recordOf(foldLedger(command.commandId, entries))).toMatchObject({ firstRevision: 6n, eventCount: 1 });
    });
  });

  describe("given an open claim with expectation 'any' (no anchor revision)", () => {
    const claim = openClaimOf(ledger(accepted('any', 3)));

    it('then the newest events are scanned backwards, up to the limit', () => {
      expect(probeFor(claim)).toEqual({ direction: 'backwards', maxCount: PROBE_SCAN_LIMIT });
      expect(PROBE_SCAN_LIMIT).toBe(1000);
    });

    it('then events carrying the command id make it recorded, from the first of them', () => {
      const probed = [
        event(12n, 'cmd-later'),
        event(11n, 'cmd-42', at(7)),
        event(10n, 'cmd-42', at(7)),
        event(9n, 'cmd-42', at(7)),
        event(8n, 'x'),
      ];
      expect(recordOf({ status: 'open', claim, lastRevision: 0n }, resolveClaim(claim, probed))).toEqual({
        ...command,
        streamId: stream,
        firstRevision: 9n,
        eventCount: 3,
        recordedAt: at(7),
      });
    });

    it('then a batch cut off by the scan window is still placed from its newest event and size', () => {
      const resolution = resolveClaim(claim, [event(1010n, 'cmd-42')]);
      expect(resolution).toMatchObject({ outcome: 'stored', record: { firstRevision: 1008n, eventCount: 3 } });
    });

    it('then no match leaves it unresolved: with no anchor, a moved stream proves nothing', () => {
      expect(resolveClaim(claim, [event(3n, 'cmd-other')])).toMatchObject({
        outcome: 'unresolved',
        record: { eventCount: 0 },
      });
    });
  });

  describe('given two claimants of one command id', () => {
    it('then the one whose no-stream write lost re-reads an open claim and is refused, never claiming too', () => {
      // The winner's CommandAccepted is all the loser finds; the winner's events are not stored yet.
      const entries = ledger(accepted(0n, 1));
      const state = foldLedger(command.commandId, entries);
      expect(nextClaimStep(state, resolveClaim(openClaimOf(entries), []))).toMatchObject({ kind: 'taken' });
    });
  });

  describe('given a ledger stream that breaks the protocol', () => {
    const fold =
      (...written: EventData[]) =>
      () =>
        foldLedger(command.commandId, ledger(...written));

    it('then folding fails loudly rather than guessing', () => {
      expect(fold(completed(0n))).toThrow(CorruptLedgerError);
      expect(fold(accepted(4n, 1), completed(7n))).toThrow(/closes claim 7/);
      expect(fold(accepted(4n, 1, { commandId: 'cmd-other' }))).toThrow(/names command cmd-other/);
      expect(
        fold({ id: 'u', type: 'SomethingElse', contentType: 'application/json', data: {}, metadata: undefined }),
      ).toThrow(/unknown ledger event type/);
      const broken = {
        ...accepted(4n, 1),
        data: { ...command, streamId: stream, expectedRevision: 'soon', eventCount: 1 },
      };
      expect(fold(broken as EventData)).toThrow(/"soon" is not a revision/);
      expect(fold({ ...accepted(4n, 1), data: { commandId: command.commandId } } as EventData)).toThrow(
        /no valid "commandType"/,
      );
    });
  });
});
