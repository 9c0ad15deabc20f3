import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  jsonEvent,
  type EventData,
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
  type CommandToRecord,
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
import {
  CLAIM_STREAM_PREFIX,
  claimRevisionAt,
  claimStreamId,
  commandAbandonedEvent,
  commandAcceptedEvent,
  commandCompletedEvent,
  foldLedger,
  isLedgerStream,
  KEY_CLAIMED,
  LEDGER_STREAM_PREFIX,
  ledgerStreamId,
  nextClaimStep,
  probeFor,
  recordOf,
  resolveClaim,
  toLedgerEntry,
  type ClaimPosition,
  type ClaimResolution,
  type LedgerEntry,
  type LedgerState,
} from './esdb-ledger';
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
import { EventStoreDbSubscription, type ResubscribePolicy } from './eventstoredb-subscription';

export interface EventStoreDbOptions {
  /** Resubscribe attempts after a dropped subscription before onError; reset by every delivered event. */
  readonly maxResubscribeAttempts?: number;
  /** Delay before the first resubscribe; doubled for each further attempt. */
  readonly resubscribeDelayMs?: number;
}

const ACCEPTED_SCHEMES = /^esdb(\+discover)?:\/\//;
const HEAD_SCAN_PAGE = 256;
/** Claim writes that meet a ledger stream changing under them re-read it; this bounds the loop. */
const MAX_CLAIM_ATTEMPTS = 5;

/**
 * EventStoreDB/KurrentDB through @eventstore/db-client 6. The client connects lazily, so this
 * does not fail on an unreachable server until the first call.
 */
export async function openEventStoreDb(
  connectionString: string,
  options: EventStoreDbOptions = {},
): Promise<EventStore> {
  if (!ACCEPTED_SCHEMES.test(connectionString)) {
    throw new TypeError(
      `EventStoreDB connection string must start with esdb:// or esdb+discover://, got "${connectionString}"`,
    );
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

  /**
   * Appends, then reads the appended revisions back once (one round trip for the whole batch).
   * The append response's position is the $all position of the batch's last event (see
   * docs/event-store.md, "Append positions: what the server returns"), but it gives neither the
   * earlier events' positions nor `created`, and a success cannot be told from an idempotent
   * retry of an older write; the read gives the events exactly as stored in every case.
   *
   * With `options.command`, the command id is claimed in its ledger stream before the events are
   * written and the claim is closed after (see esdb-ledger.ts).
   */
  async append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertAppendable(streamId, events, expected);
    if (isLedgerStream(streamId)) {
      throw new TypeError(
        `stream "${streamId}": names starting with "${LEDGER_STREAM_PREFIX}" or "${CLAIM_STREAM_PREFIX}" are the engine's own`,
      );
    }
    const command = options.command;
    if (command) assertCommand(command);
    const claimed = await this.takeClaims(streamId, options.claims ?? []);
    try {
      return await this.appendClaimed(streamId, events, expected, command);
    } catch (error) {
      // Keys this append took are given back when its events were refused; after a timeout they may be stored, so
      // the claims stay (a stale claim names a stream that holds nothing, which an operator can see and release).
      const refused =
        isDefiniteRefusal(error) ||
        error instanceof ConcurrencyError ||
        error instanceof DuplicateEventIdError ||
        error instanceof CommandAlreadyRecordedError;
      if (refused) await this.releaseClaims(claimed);
      throw error;
    }
  }

  private async appendClaimed(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
    command: CommandToRecord | undefined,
  ): Promise<AppendResult> {
    if (events.length === 0) {
      const result = await this.checkWithoutWriting(streamId, expected);
      // A decision without events is claimed and closed in one atomic write to the ledger stream.
      // The expectation was checked just before, not in the same write: see docs/event-store.md.
      if (command) {
        await this.claim(command, (at) => [
          commandAcceptedEvent(randomUUID(), command, streamId, expected, 0),
          commandCompletedEvent(randomUUID(), claimRevisionAt(at), []),
        ]);
      }
      return result;
    }

    const claimRevision = command
      ? await this.claim(command, () => [
          commandAcceptedEvent(randomUUID(), command, streamId, expected, events.length),
        ])
      : undefined;

    let lastRevision: bigint;
    try {
      const written = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toEsdbExpected(expected),
      });
      lastRevision = BigInt(written.nextExpectedRevision);
    } catch (error) {
      const translated = this.translateAppendError(error, streamId, events, expected);
      // Only a refusal is known to have written nothing; after a timeout the events may be stored,
      // so the claim stays open and lookups resolve it from the aggregate stream.
      if (claimRevision !== undefined && command && isDefiniteRefusal(error)) {
        await this.closeClaim(
          command.commandId,
          commandAbandonedEvent(randomUUID(), claimRevision, reasonOf(translated)),
          claimRevision,
        );
      }
      throw translated;
    }

    const stored = storedBatch(
      streamId,
      events,
      await this.readStreamFrom(streamId, { direction: 'forwards', ...appendedRange(lastRevision, events.length) }),
      lastRevision,
    );
    if (claimRevision !== undefined && command) {
      await this.closeClaim(
        command.commandId,
        commandCompletedEvent(randomUUID(), claimRevision, stored),
        claimRevision,
      );
    }
    return {
      nextExpectedRevision: lastRevision + 1n,
      globalPosition: stored[stored.length - 1]!.globalPosition,
      events: stored,
    };
  }

  async findClaim(key: string): Promise<string | undefined> {
    this.assertOpen();
    try {
      for await (const resolved of this.client.readStream(claimStreamId(key), {
        direction: BACKWARDS,
        fromRevision: END,
        maxCount: 1,
      })) {
        const data = resolved.event?.data as { streamId?: unknown } | undefined;
        if (typeof data?.streamId === 'string') return data.streamId;
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    return undefined;
  }

  /**
   * Claims under a key prefix: a scan of all of $all, not an index lookup (unverified against a live server; see
   * docs/event-store.md). The v6 client's readAll has no server-side filter (only subscriptions take a stream-name
   * prefix filter, and a subscription never ends), so every event is read and the KeyClaimed events of claim
   * streams under the prefix are kept. Each candidate key is then confirmed with findClaim, in key order until the
   * page is full: a released claim's stream is soft-deleted, and its events stay in $all until a scavenge.
   */
  async listClaims(prefix: string, options: ListClaimsOptions = {}): Promise<ClaimEntry[]> {
    this.assertOpen();
    assertListClaimsArguments(prefix, options);
    const { after, limit } = options;
    if (limit === 0) return [];
    const streamPrefix = claimStreamId(prefix);
    const candidates = new Set<string>();
    await consume(
      this.client.readAll({ fromPosition: START, direction: FORWARDS, requiresLeader: true }),
      (resolved) => {
        const event = resolved.event;
        if (event && event.type === KEY_CLAIMED && event.streamId.startsWith(streamPrefix)) {
          candidates.add(event.streamId.slice(CLAIM_STREAM_PREFIX.length));
        }
        return true;
      },
    );
    const keys = [...candidates]
      .filter((key) => after === undefined || compareClaimKeys(key, after) > 0)
      .sort(compareClaimKeys);
    const page: ClaimEntry[] = [];
    for (const key of keys) {
      if (limit !== undefined && page.length >= limit) break;
      const streamId = await this.findClaim(key);
      if (streamId !== undefined) page.push({ key, streamId });
    }
    return page;
  }

  /** Takes each key with an expected-no-stream write; a key another stream holds gives back those taken so far. */
  private async takeClaims(streamId: string, keys: readonly string[]): Promise<string[]> {
    const taken: string[] = [];
    for (const key of keys) {
      try {
        await this.client.appendToStream(
          claimStreamId(key),
          [jsonEvent({ id: randomUUID(), type: KEY_CLAIMED, data: { key, streamId } })],
          { expectedRevision: NO_STREAM },
        );
        taken.push(key);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        const holder = await this.findClaim(key);
        if (holder === streamId) continue;
        await this.releaseClaims(taken);
        throw new ClaimTakenError(key, holder ?? '?');
      }
    }
    return taken;
  }

  private async releaseClaims(keys: readonly string[]): Promise<void> {
    // A soft delete: the next expected-no-stream write recreates the stream, so the key can be claimed again.
    for (const key of keys) await this.client.deleteStream(claimStreamId(key));
  }

  async findCommand(commandId: string): Promise<CommandRecord | undefined> {
    this.assertOpen();
    if (typeof commandId !== 'string' || commandId.length === 0) return undefined;
    const { state, resolution } = await this.inspectLedger(commandId);
    return recordOf(state, resolution);
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
      if (!event || isHiddenEvent(event)) return true;
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

  /** Position of the newest event readers see; system and ledger events are never delivered, so lag ignores them. */
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
          if (event && !isHiddenEvent(event)) {
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
    return { nextExpectedRevision: head + 1n, globalPosition: last?.globalPosition ?? 0n, events: [] };
  }

  /**
   * Claims the command id: writes `claimEvents(at)` to its ledger stream with expected revision
   * `at`, first as a new stream, then, if that meets an existing ledger, wherever the ledger says a
   * claim may go (over an abandoned or fenced claim), or refuses with the recorded command.
   * Claim events get random ids, so two claimants can never both pass as one idempotent write.
   * Returns the revision of the CommandAccepted written.
   */
  private async claim(command: CommandToRecord, claimEvents: (at: ClaimPosition) => EventData[]): Promise<bigint> {
    const ledger = ledgerStreamId(command.commandId);
    let at: ClaimPosition = 'no-stream';
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.appendToStream(ledger, claimEvents(at), {
          expectedRevision: at === 'no-stream' ? NO_STREAM : at,
        });
        return claimRevisionAt(at);
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_CLAIM_ATTEMPTS) {
          throw new Error(
            `command ${command.commandId}: its ledger stream kept changing during ${attempt} claim attempts`,
            { cause: error },
          );
        }
      }
      const { state, resolution } = await this.inspectLedger(command.commandId);
      const step = nextClaimStep(state, resolution);
      if (step.kind === 'taken') throw new CommandAlreadyRecordedError(step.record);
      at = step.at;
    }
  }

  /**
   * Closes a claim (CommandCompleted or CommandAbandoned) at exactly the revision after it. A
   * failure here changes nothing the caller can act on: the domain append has already succeeded or
   * been refused, and an open claim is resolved from the aggregate stream by every lookup.
   */
  private async closeClaim(commandId: string, close: EventData, claimRevision: bigint): Promise<void> {
    try {
      await this.client.appendToStream(ledgerStreamId(commandId), [close], { expectedRevision: claimRevision });
    } catch {
      // Deliberately ignored; see above and docs/event-store.md.
    }
  }

  /** The ledger stream folded, and for an open claim what the aggregate stream says became of it. */
  private async inspectLedger(commandId: string): Promise<{ state: LedgerState; resolution?: ClaimResolution }> {
    const state = foldLedger(commandId, await this.readLedger(commandId));
    if (state.status !== 'open') return { state };
    const probe = probeFor(state.claim);
    const probed = await this.readStreamFrom(state.claim.streamId, probe);
    return { state, resolution: resolveClaim(state.claim, probed) };
  }

  private async readLedger(commandId: string): Promise<LedgerEntry[]> {
    const entries: LedgerEntry[] = [];
    const read = this.client.readStream(ledgerStreamId(commandId), {
      direction: FORWARDS,
      fromRevision: START,
      requiresLeader: true,
    });
    try {
      await consume(read, (resolved: ResolvedEvent) => {
        if (resolved.event) entries.push(toLedgerEntry(resolved.event));
        return true;
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return entries;
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

function assertCommand(command: CommandToRecord): void {
  for (const key of ['commandId', 'commandType', 'requestHash'] as const) {
    if (typeof command[key] !== 'string' || command[key].length === 0) {
      throw new TypeError(`command to record: ${key} must be a non-empty string`);
    }
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof ConcurrencyError || error instanceof DuplicateEventIdError) return error.code;
  return error instanceof Error ? error.name : 'refused';
}
