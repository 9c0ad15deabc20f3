import {
  ANY,
  AccessDeniedError,
  InvalidArgumentError,
  InvalidTransactionError,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  RequiredMetadataPropertyMissingError,
  StreamDeletedError,
  WrongExpectedVersionError,
  STREAM_EXISTS,
  START,
  jsonEvent,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type JSONType,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import type { ExpectedRevision, NewEvent, RecordedEvent } from '../port';
import { isLedgerStream } from './esdb-ledger';

/**
 * What our metadata becomes in EventStoreDB. Correlation and causation use the `$`-prefixed
 * names the server's $by_correlation_id projection reads; the rest are ours.
 */
export interface EsdbEventMetadata {
  readonly $correlationId: string;
  readonly $causationId: string;
  readonly commandId: string;
  readonly actor: string;
  readonly occurredAt: string;
  readonly schemaVersion: number;
}

// The v6 client reports a position it does not know (e.g. from an old server's stream read) as
// the largest unsigned 64-bit value.
const UNKNOWN_POSITION = 18446744073709551615n;

export function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

export function fromEsdbCurrent(actual: CurrentRevision): bigint | 'no-stream' {
  return actual === NO_STREAM ? 'no-stream' : BigInt(actual);
}

export function toEventData(event: NewEvent): EventData {
  const metadata: EsdbEventMetadata = {
    $correlationId: event.metadata.correlationId,
    $causationId: event.metadata.causationId,
    commandId: event.metadata.commandId,
    actor: event.metadata.actor,
    occurredAt: event.metadata.occurredAt,
    schemaVersion: event.schemaVersion,
  };
  // The port requires plain JSON data; the client serialises whatever JSON value it is given.
  return jsonEvent({ id: event.id, type: event.type, data: event.data as JSONType, metadata: { ...metadata } });
}

function text(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  return typeof value === 'string' ? value : '';
}

/**
 * Events not written through this adapter (another tool on the same cluster) may lack our
 * metadata; they map to empty strings and schemaVersion 0 rather than failing a whole read.
 */
export function fromEsdbEvent(event: EsdbRecordedEvent): RecordedEvent {
  const raw: Record<string, unknown> =
    event.metadata !== null && typeof event.metadata === 'object' && !(event.metadata instanceof Uint8Array)
      ? (event.metadata as Record<string, unknown>)
      : {};
  const schemaVersion = typeof raw['schemaVersion'] === 'number' ? raw['schemaVersion'] : 0;
  const commit = event.position?.commit;
  const globalPosition = commit !== undefined && commit !== UNKNOWN_POSITION ? BigInt(commit) : undefined;
  if (globalPosition === undefined) {
    throw new Error(
      `EventStoreDB returned event ${event.id} without its $all position; this adapter needs EventStoreDB 22.6 or later`,
    );
  }
  return {
    id: event.id,
    type: event.type,
    schemaVersion,
    data: event.data as unknown,
    metadata: {
      correlationId: text(raw, '$correlationId'),
      causationId: text(raw, '$causationId'),
      commandId: text(raw, 'commandId'),
      actor: text(raw, 'actor'),
      occurredAt: text(raw, 'occurredAt'),
      recordedAt: event.created.toISOString(),
    },
    streamId: event.streamId,
    // Normalised because other client builds have returned numbers here (see docs/event-store.md).
    revision: BigInt(event.revision),
    globalPosition,
  };
}

export function isSystemEvent(type: string): boolean {
  return type.startsWith('$');
}

/**
 * What readers of $all never see: the server's own events ($-types) and this adapter's command
 * ledger, which the embedded stores keep outside the event log too.
 */
export function isHiddenEvent(event: { readonly type: string; readonly streamId: string }): boolean {
  return isSystemEvent(event.type) || isLedgerStream(event.streamId);
}

/**
 * The stream read that returns a just-appended batch. The client reports the revision of the
 * batch's last event (also for an idempotent retry, where it is the original batch's last event),
 * and a batch occupies consecutive revisions.
 */
export function appendedRange(lastRevision: bigint, count: number): { fromRevision: bigint; maxCount: number } {
  return { fromRevision: lastRevision - BigInt(count) + 1n, maxCount: count };
}

/**
 * The events of an append as stored, checked against what was sent: the same ids in the same
 * order at consecutive revisions ending at `lastRevision`. Anything else means the read did not
 * return this append (which the server's guarantees rule out), and is reported rather than guessed.
 */
export function storedBatch(
  streamId: string,
  sent: readonly Pick<NewEvent, 'id'>[],
  read: readonly RecordedEvent[],
  lastRevision: bigint,
): RecordedEvent[] {
  const { fromRevision } = appendedRange(lastRevision, sent.length);
  const matches =
    read.length === sent.length &&
    read.every((event, i) => event.id === sent[i]?.id && event.revision === fromRevision + BigInt(i));
  if (!matches) {
    throw new Error(
      `stream "${streamId}": the append reported revision ${lastRevision}, but revisions ${fromRevision}..${lastRevision} ` +
        `read back as [${read.map((event) => `${event.revision}:${event.id}`).join(', ')}], not this append's events`,
    );
  }
  return [...read];
}

/**
 * Errors with which the server refused an append outright, so nothing of it was written. A
 * timeout, a dropped connection or an unknown error may hide a write that happened.
 */
export function isDefiniteRefusal(error: unknown): boolean {
  return (
    error instanceof WrongExpectedVersionError ||
    error instanceof StreamDeletedError ||
    error instanceof AccessDeniedError ||
    error instanceof MaxAppendSizeExceededError ||
    error instanceof InvalidArgumentError ||
    error instanceof InvalidTransactionError ||
    error instanceof RequiredMetadataPropertyMissingError ||
    error instanceof NotLeaderError
  );
}

/**
 * Where to start reading or subscribing to see only events after `after`. Commit and prepare
 * positions are equal for events appended through the gRPC API, the only way this adapter writes.
 */
export function positionAfter(after: bigint): ReadPosition {
  return after === 0n ? START : { commit: after, prepare: after };
}
