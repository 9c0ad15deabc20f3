import {
  anchorRevision,
  actualRevision,
  assertAppendable,
  assertReadOptions,
  expectedRevisionHolds,
  NO_STREAM_HEAD,
} from '../append-rules';
import { assertListClaimsArguments, compareClaimKeys } from '../claim-keys';
import {
  ClaimTakenError,
  CommandAlreadyRecordedError,
  ConcurrencyError,
  DuplicateEventIdError,
  type AppendOptions,
  type AppendResult,
  type ClaimEntry,
  type CommandRecord,
  type EventStore,
  type ExpectedRevision,
  type ListClaimsOptions,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { AppendSignal } from '../subscription/append-signal';
import { CatchUpSubscription } from '../subscription/catch-up-subscription';
import { recordedCopy, storedCopy } from './json-copy';

/**
 * For unit tests only: same semantics as the SQLite store, nothing survives the process.
 * Events are deep-copied on the way in and out so a test cannot pass by mutating what it read.
 */
export function createInMemoryEventStore(): EventStore {
  const log: RecordedEvent[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  const byId = new Map<string, RecordedEvent>();
  const ledger = new Map<string, CommandRecord>();
  const claims = new Map<string, string>();
  const signal = new AppendSignal();
  const subscriptions = new Set<CatchUpSubscription>();
  let closed = false;

  const assertOpen = (): void => {
    if (closed) throw new Error('in-memory event store is closed');
  };

  const head = (stream: readonly RecordedEvent[] | undefined): bigint =>
    stream && stream.length > 0 ? BigInt(stream.length - 1) : NO_STREAM_HEAD;

  const resultAt = (stream: readonly RecordedEvent[], firstRevision: bigint, lastRevision: bigint): AppendResult => ({
    nextExpectedRevision: lastRevision + 1n,
    globalPosition: stream[Number(lastRevision)]?.globalPosition ?? 0n,
    events: stream.slice(Number(firstRevision), Number(lastRevision) + 1).map(recordedCopy),
  });

  /** The original result when every id already sits at consecutive revisions from `from`. */
  const storedRun = (stream: readonly RecordedEvent[] | undefined, events: readonly NewEvent[], from: bigint) => {
    if (!stream) return undefined;
    for (let i = 0; i < events.length; i++) {
      if (stream[Number(from) + i]?.id !== events[i]?.id) return undefined;
    }
    return resultAt(stream, from, from + BigInt(events.length) - 1n);
  };

  const readPage = (after: bigint, maxCount: number): RecordedEvent[] => {
    // Positions are 1-based and dense, so the event after `after` sits at index `after`.
    const start = Number(after < 0n ? 0n : after);
    return log.slice(start, start + maxCount).map(recordedCopy);
  };

  const appendEvents = (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): AppendResult => {
    const stream = streams.get(streamId);
    const current = head(stream);
    const last = stream?.[stream.length - 1];

    if (!expectedRevisionHolds(expected, current)) {
      const anchor = anchorRevision(expected);
      const retried = anchor === undefined || events.length === 0 ? undefined : storedRun(stream, events, anchor);
      if (retried) return retried;
      throw new ConcurrencyError(streamId, expected, actualRevision(current));
    }
    if (events.length === 0) {
      return { nextExpectedRevision: current + 1n, globalPosition: last?.globalPosition ?? 0n, events: [] };
    }

    const first = events[0];
    const firstStored = first ? byId.get(first.id) : undefined;
    if (firstStored) {
      const retried =
        firstStored.streamId === streamId && expected !== 'no-stream' && typeof expected !== 'bigint'
          ? storedRun(stream, events, firstStored.revision)
          : undefined;
      if (retried) return retried;
      throw new DuplicateEventIdError(firstStored.id, streamId);
    }
    const clash = events.find((event) => byId.has(event.id));
    if (clash) throw new DuplicateEventIdError(clash.id, streamId);

    const recordedAt = new Date().toISOString();
    const target = stream ?? [];
    const appended: RecordedEvent[] = [];
    let revision = current;
    for (const event of events) {
      revision += 1n;
      const recorded = storedCopy(event, streamId, revision, BigInt(log.length + 1), recordedAt);
      log.push(recorded);
      target.push(recorded);
      byId.set(recorded.id, recorded);
      appended.push(recordedCopy(recorded));
    }
    streams.set(streamId, target);
    signal.notify();
    return { nextExpectedRevision: revision + 1n, globalPosition: BigInt(log.length), events: appended };
  };

  return {
    kind: 'in-memory',

    async append(
      streamId: string,
      events: readonly NewEvent[],
      expected: ExpectedRevision,
      options: AppendOptions = {},
    ): Promise<AppendResult> {
      assertOpen();
      assertAppendable(streamId, events, expected);
      const recorded = options.command ? ledger.get(options.command.commandId) : undefined;
      if (recorded) throw new CommandAlreadyRecordedError({ ...recorded });
      // Checked before anything is written, so a refused claim leaves the store as it was.
      for (const key of options.claims ?? []) {
        const holder = claims.get(key);
        if (holder !== undefined && holder !== streamId) throw new ClaimTakenError(key, holder);
      }
      const result = appendEvents(streamId, events, expected);
      if (options.command) {
        const first = result.events[0];
        ledger.set(options.command.commandId, {
          ...options.command,
          streamId,
          ...(first ? { firstRevision: first.revision } : {}),
          eventCount: result.events.length,
          recordedAt: first?.metadata.recordedAt ?? new Date().toISOString(),
        });
      }
      for (const key of options.claims ?? []) if (!claims.has(key)) claims.set(key, streamId);
      return result;
    },

    async findCommand(commandId: string): Promise<CommandRecord | undefined> {
      assertOpen();
      const record = ledger.get(commandId);
      return record ? { ...record } : undefined;
    },
    async findClaim(key: string): Promise<string | undefined> {
      assertOpen();
      return claims.get(key);
    },
    async listClaims(prefix: string, options: ListClaimsOptions = {}): Promise<ClaimEntry[]> {
      assertOpen();
      assertListClaimsArguments(prefix, options);
      const { after, limit } = options;
      const matching: ClaimEntry[] = [];
      for (const [key, streamId] of claims) {
        if (key.startsWith(prefix) && (after === undefined || compareClaimKeys(key, after) > 0)) {
          matching.push({ key, streamId });
        }
      }
      matching.sort((a, b) => compareClaimKeys(a.key, b.key));
      return limit === undefined ? matching : matching.slice(0, limit);
    },
    async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      assertReadOptions(options);
      const stream = streams.get(streamId) ?? [];
      const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
      if (options.direction === 'backwards') {
        const from =
          options.fromRevision === undefined
            ? stream.length - 1
            : Math.min(Number(options.fromRevision), stream.length - 1);
        const out: RecordedEvent[] = [];
        for (let i = from; i >= 0 && out.length < maxCount; i--) {
          const event = stream[i];
          if (event) out.push(recordedCopy(event));
        }
        return out;
      }
      const from = Number(options.fromRevision ?? 0n);
      return stream.slice(from, from + Math.min(maxCount, stream.length)).map(recordedCopy);
    },

    async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
      assertOpen();
      assertReadOptions(options);
      return readPage(options.after ?? 0n, options.maxCount ?? Number.MAX_SAFE_INTEGER);
    },

    subscribeToAll(options: SubscribeOptions): Subscription {
      assertOpen();
      const subscription = new CatchUpSubscription(
        { readPage, signal, pollIntervalMs: undefined },
        options,
        (finished) => subscriptions.delete(finished),
      );
      subscriptions.add(subscription);
      return subscription;
    },

    async headPosition(): Promise<bigint> {
      assertOpen();
      return BigInt(log.length);
    },

    async close(): Promise<void> {
      if (closed) return;
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      closed = true;
    },
  };
}
