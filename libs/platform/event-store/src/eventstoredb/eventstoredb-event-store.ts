import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type ReadPosition,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import {
  actualRevision,
  assertAppendable,
  assertReadOptions,
  expectedRevisionHolds,
  NO_STREAM_HEAD,
} from '../append-rules';
import {
  ConcurrencyError,
  DuplicateEventIdError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../port';
import { fromEsdbCurrent, fromEsdbEvent, isSystemEvent, positionAfter, toEsdbExpected, toEventData } from './esdb-mapping';
import { EventStoreDbSubscription, type ResubscribePolicy } from './eventstoredb-subscription';

export interface EventStoreDbOptions {
  /** Resubscribe attempts after a dropped subscription before onError; reset by every delivered event. */
  readonly maxResubscribeAttempts?: number;
  /** Delay before the first resubscribe; doubled for each further attempt. */
  readonly resubscribeDelayMs?: number;
}

const ACCEPTED_SCHEMES = /^esdb(\+discover)?:\/\//;
const HEAD_SCAN_PAGE = 256;

/**
 * EventStoreDB/KurrentDB through @eventstore/db-client 6. The client connects lazily, so this
 * does not fail on an unreachable server until the first call.
 */
export async function openEventStoreDb(connectionString: string, options: EventStoreDbOptions = {}): Promise<EventStore> {
  if (!ACCEPTED_SCHEMES.test(connectionString)) {
    throw new TypeError(`EventStoreDB connection string must start with esdb:// or esdb+discover://, got "${connectionString}"`);
  }
  const client = EventStoreDBClient.connectionString(connectionString);
  return new EventStoreDbEventStore(client, {
    maxAttempts: options.maxResubscribeAttempts ?? 5,
    firstDelayMs: options.resubscribeDelayMs ?? 200,
  });
}

/** Reads a client stream to the end, or until `take` says stop, always releasing the gRPC call. */
async function consume<E>(read: StreamingRead<E>, take: (item: E) => boolean): Promise<void> {
  let finished = false;
  try {
    for await (const item of read) {
      if (!take(item)) return;
    }
    finished = true;
  } finally {
    if (!finished) await read.cancel();
  }
}

class EventStoreDbEventStore implements EventStore {
  readonly kind = 'eventstoredb' as const;
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly resubscribe: ResubscribePolicy,
  ) {}

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events, expected);
    if (events.length === 0) return this.checkWithoutWriting(streamId, expected);

    let nextExpectedRevision: bigint;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toEsdbExpected(expected),
      });
      nextExpectedRevision = BigInt(result.nextExpectedRevision) + 1n;
    } catch (error) {
      throw this.translateAppendError(error, streamId, events, expected);
    }
    // The append response carries a transaction position (absent for an idempotent retry), not
    // necessarily the last event's $all position, so read that event back from the leader.
    const [last] = await this.readStreamFrom(streamId, {
      direction: 'backwards',
      fromRevision: nextExpectedRevision - 1n,
      maxCount: 1,
    });
    if (!last || last.revision !== nextExpectedRevision - 1n) {
      throw new Error(`stream "${streamId}": appended revision ${nextExpectedRevision - 1n} could not be read back`);
    }
    return { nextExpectedRevision, globalPosition: last.globalPosition };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    return this.readStreamFrom(streamId, options);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertReadOptions(options);
    const after = options.after ?? 0n;
    const maxCount = options.maxCount ?? Number.MAX_SAFE_INTEGER;
    const out: RecordedEvent[] = [];
    if (maxCount === 0) return out;
    // The v6 client cannot filter reads of $all on the server, so system events are skipped here.
    await consume(this.client.readAll({ fromPosition: positionAfter(after), direction: FORWARDS }), (resolved) => {
      const event = resolved.event;
      if (!event || isSystemEvent(event.type)) return true;
      const recorded = fromEsdbEvent(event);
      if (recorded.globalPosition <= after) return true;
      out.push(recorded);
      return out.length < maxCount;
    });
    return out;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription = new EventStoreDbSubscription(
      this.client,
      options,
      this.resubscribe,
      () => this.headPosition(),
      (finished) => this.subscriptions.delete(finished),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Position of the newest non-system event; system events are never delivered, so lag ignores them. */
  async headPosition(): Promise<bigint> {
    this.assertOpen();
    let from: ReadPosition = END;
    for (;;) {
      let seen = 0;
      let found: bigint | undefined;
      let oldest: AllStreamResolvedEvent | undefined;
      await consume(
        this.client.readAll({ fromPosition: from, direction: BACKWARDS, maxCount: HEAD_SCAN_PAGE }),
        (resolved) => {
          seen += 1;
          oldest = resolved;
          const event = resolved.event;
          if (event && !isSystemEvent(event.type)) {
            found = fromEsdbEvent(event).globalPosition;
            return false;
          }
          return true;
        },
      );
      if (found !== undefined) return found;
      const position = oldest?.event?.position;
      if (seen < HEAD_SCAN_PAGE || !position) return 0n;
      from = position;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('EventStoreDB event store is closed');
  }

  private async readStreamFrom(streamId: string, options: ReadStreamOptions): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const out: RecordedEvent[] = [];
    if (options.maxCount === 0) return out;
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : START),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
      // Reads right after an append must see it even when the connection prefers followers.
      requiresLeader: true,
    });
    try {
      await consume(read, (resolved: ResolvedEvent) => {
        if (resolved.event) out.push(fromEsdbEvent(resolved.event));
        return true;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  }

  private async checkWithoutWriting(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStreamFrom(streamId, { direction: 'backwards', maxCount: 1 });
    const head = last?.revision ?? NO_STREAM_HEAD;
    if (!expectedRevisionHolds(expected, head)) throw new ConcurrencyError(streamId, expected, actualRevision(head));
    return { nextExpectedRevision: head + 1n, globalPosition: last?.globalPosition ?? 0n };
  }

  /**
   * The server answers a batch that partly repeats stored ids ("corrupted idempotency") with the
   * same wrong-expected-version error as a real conflict. With 'any', or 'stream-exists' on a
   * stream that exists, no real conflict is possible, so it can only be a duplicate id.
   */
  private translateAppendError(
    error: unknown,
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): unknown {
    if (!(error instanceof WrongExpectedVersionError)) return error;
    const actual = fromEsdbCurrent(error.actualVersion);
    const duplicate = expected === 'any' || (expected === 'stream-exists' && actual !== 'no-stream');
    if (duplicate) return new DuplicateEventIdError(events[0]?.id ?? '?', streamId);
    return new ConcurrencyError(streamId, expected, actual);
  }
}
