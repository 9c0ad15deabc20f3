import { DuplicateEventIdError, type ExpectedRevision, type NewEvent } from './port';

/**
 * Rules every adapter applies identically, so that code tested against one store behaves the
 * same against another.
 *
 * A stream's head is the revision of its last event, or NO_STREAM_HEAD (-1n) when the stream
 * has no events; this lets "last revision + 1" work for empty streams without special cases.
 */
export const NO_STREAM_HEAD = -1n;

export function expectedRevisionHolds(expected: ExpectedRevision, head: bigint): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return head === NO_STREAM_HEAD;
    case 'stream-exists':
      return head > NO_STREAM_HEAD;
    default:
      return head === expected;
  }
}

export function actualRevision(head: bigint): bigint | 'no-stream' {
  return head === NO_STREAM_HEAD ? 'no-stream' : head;
}

/**
 * For exact expectations (a revision or no-stream) an idempotent retry can only sit right after
 * the expected revision; 'any' and 'stream-exists' have no such anchor.
 */
export function anchorRevision(expected: ExpectedRevision): bigint | undefined {
  if (expected === 'no-stream') return 0n;
  if (typeof expected === 'bigint') return expected + 1n;
  return undefined;
}

/**
 * EventStoreDB only accepts UUID event ids; enforcing it everywhere keeps the embedded stores
 * from accepting data that could never be migrated to a cluster. Hand-rolled because it runs for
 * every appended event and a regular expression costs several times as much.
 */
export function isUuid(id: string): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45 /* - */) return false;
    } else if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70))) {
      return false;
    }
  }
  return true;
}

export function assertAppendable(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError('streamId must be a non-empty string');
  }
  if (streamId.startsWith('$')) {
    throw new TypeError(`stream "${streamId}": names starting with "$" are reserved for the store`);
  }
  if (typeof expected === 'bigint') {
    if (expected < 0n) throw new RangeError(`expected revision must be >= 0, got ${expected}`);
  } else if (expected !== 'any' && expected !== 'no-stream' && expected !== 'stream-exists') {
    throw new TypeError(`unknown expected revision ${String(expected)}`);
  }
  // A set only pays for itself when there is more than one id to compare.
  const seen = events.length > 1 ? new Set<string>() : undefined;
  for (const event of events) {
    if (typeof event.id !== 'string' || !isUuid(event.id))
      throw new TypeError(`event id "${String(event.id)}" is not a UUID`);
    if (event.type.length === 0 || event.type.startsWith('$')) {
      throw new TypeError(`event type "${event.type}" is empty or reserved (starts with "$")`);
    }
    if (!Number.isInteger(event.schemaVersion) || event.schemaVersion < 1) {
      throw new RangeError(`event ${event.id}: schemaVersion must be a positive integer`);
    }
    if (seen) {
      if (seen.has(event.id)) throw new DuplicateEventIdError(event.id, streamId);
      seen.add(event.id);
    }
  }
}

export function assertReadOptions(options: {
  readonly maxCount?: number;
  readonly fromRevision?: bigint;
  readonly after?: bigint;
}): void {
  const { maxCount, fromRevision, after } = options;
  if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0)) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  if (fromRevision !== undefined && (typeof fromRevision !== 'bigint' || fromRevision < 0n)) {
    throw new RangeError(`fromRevision must be a bigint >= 0, got ${String(fromRevision)}`);
  }
  if (after !== undefined && (typeof after !== 'bigint' || after < 0n)) {
    throw new RangeError(`after must be a bigint >= 0, got ${String(after)}`);
  }
}
