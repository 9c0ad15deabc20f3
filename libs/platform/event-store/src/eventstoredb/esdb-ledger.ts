import { jsonEvent, type EventData, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { CommandRecord, CommandToRecord, ExpectedRevision, RecordedEvent } from '../port';

/**
 * The command ledger on EventStoreDB: one stream per command id. EventStoreDB has no multi-stream
 * transactions and deduplicates event ids only inside the stream being written, so the ledger is
 * a claim protocol built from expected-revision writes (see docs/event-store.md, "EventStoreDB:
 * what the adapter guarantees"):
 *
 *   1. claim:    CommandAccepted  to `dpe-command-<id>`, expected no-stream (or exactly the
 *                revision of a released or fenced claim);
 *   2. events:   the domain events to the aggregate stream with the caller's expectation;
 *   3. close:    CommandCompleted (the events were stored) or CommandAbandoned (the server refused
 *                them), expected exactly the claim's revision.
 *
 * Everything here is pure: event shapes, folding a ledger stream, and deciding what a claim or a
 * lookup must do next. The adapter does the I/O.
 */

/** Ledger streams are `dpe-command-<commandId>`; the adapter refuses domain appends under this prefix. */
export const LEDGER_STREAM_PREFIX = 'dpe-command-';

export const COMMAND_ACCEPTED = 'CommandAccepted';
export const COMMAND_COMPLETED = 'CommandCompleted';
export const COMMAND_ABANDONED = 'CommandAbandoned';

/** How far back an open claim with expectation 'any' or 'stream-exists' looks for its events. */
export const PROBE_SCAN_LIMIT = 1000;

export function ledgerStreamId(commandId: string): string {
  return `${LEDGER_STREAM_PREFIX}${commandId}`;
}

/**
 * Claimed keys (AppendOptions.claims) are one stream each, `dpe-claim-<key>`, written with expected no-stream: the
 * server's expected-revision check is what makes a key unique. It holds one KeyClaimed event naming the holder.
 */
export const CLAIM_STREAM_PREFIX = 'dpe-claim-';
export const KEY_CLAIMED = 'KeyClaimed';

export function claimStreamId(key: string): string {
  return `${CLAIM_STREAM_PREFIX}${key}`;
}

/** The engine's own bookkeeping streams (ledger and claims): never a domain append target, never delivered. */
export function isLedgerStream(streamId: string): boolean {
  return streamId.startsWith(LEDGER_STREAM_PREFIX) || streamId.startsWith(CLAIM_STREAM_PREFIX);
}

/** Bigints travel as decimal strings (the data is JSON); expectations keep their port names. */
export interface CommandAcceptedData {
  readonly commandId: string;
  readonly commandType: string;
  readonly requestHash: string;
  readonly streamId: string;
  /** The caller's expectation for the domain append: 'any' | 'no-stream' | 'stream-exists' | a revision. */
  readonly expectedRevision: string;
  /** How many events the domain append carries. */
  readonly eventCount: number;
}

export interface CommandCompletedData {
  /** Revision (in the ledger stream) of the CommandAccepted this closes. */
  readonly claimRevision: string;
  readonly firstRevision: string | null;
  readonly eventCount: number;
  /** recordedAt of the first stored event; null when the decision recorded none (the ledger event's own time is used). */
  readonly recordedAt: string | null;
}

export interface CommandAbandonedData {
  readonly claimRevision: string;
  /** Why the domain append was refused, e.g. "store.concurrency". */
  readonly reason: string;
}

/** Where the next claim write goes: a fresh ledger stream, or over the stream's last event. */
export type ClaimPosition = 'no-stream' | bigint;

/** The revision the CommandAccepted written at `at` gets. */
export function claimRevisionAt(at: ClaimPosition): bigint {
  return at === 'no-stream' ? 0n : at + 1n;
}

export function commandAcceptedEvent(
  id: string,
  command: CommandToRecord,
  streamId: string,
  expected: ExpectedRevision,
  eventCount: number,
): EventData {
  const data: CommandAcceptedData = {
    commandId: command.commandId,
    commandType: command.commandType,
    requestHash: command.requestHash,
    streamId,
    expectedRevision: String(expected),
    eventCount,
  };
  return jsonEvent({ id, type: COMMAND_ACCEPTED, data: { ...data } });
}

export function commandCompletedEvent(
  id: string,
  claimRevision: bigint,
  stored: readonly { readonly revision: bigint; readonly metadata: { readonly recordedAt: string } }[],
): EventData {
  const first = stored[0];
  const data: CommandCompletedData = {
    claimRevision: String(claimRevision),
    firstRevision: first ? String(first.revision) : null,
    eventCount: stored.length,
    recordedAt: first ? first.metadata.recordedAt : null,
  };
  return jsonEvent({ id, type: COMMAND_COMPLETED, data: { ...data } });
}

export function commandAbandonedEvent(id: string, claimRevision: bigint, reason: string): EventData {
  const data: CommandAbandonedData = { claimRevision: String(claimRevision), reason };
  return jsonEvent({ id, type: COMMAND_ABANDONED, data: { ...data } });
}

/** A ledger event as read back: what the fold needs of it. */
export interface LedgerEntry {
  readonly type: string;
  readonly revision: bigint;
  readonly data: unknown;
  /** The server's `created`, ISO-8601 UTC. */
  readonly created: string;
}

export function toLedgerEntry(event: EsdbRecordedEvent): LedgerEntry {
  return {
    type: event.type,
    // Normalised for the same reason as in esdb-mapping.ts: some client builds return numbers.
    revision: BigInt(event.revision),
    data: event.data as unknown,
    created: event.created.toISOString(),
  };
}

/** An open claim: CommandAccepted with nothing after it. */
export interface OpenClaim {
  readonly command: CommandToRecord;
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly eventCount: number;
  /** Revision of the CommandAccepted in the ledger stream. */
  readonly revision: bigint;
  readonly acceptedAt: string;
}

export type LedgerState =
  | { readonly status: 'unclaimed' }
  /** The last claim was abandoned: the command id is free again. */
  | { readonly status: 'released'; readonly lastRevision: bigint }
  /** A claim whose events may or may not be stored (in flight, or the writer died). */
  | { readonly status: 'open'; readonly claim: OpenClaim; readonly lastRevision: bigint }
  | { readonly status: 'completed'; readonly record: CommandRecord; readonly lastRevision: bigint };

export class CorruptLedgerError extends Error {
  constructor(commandId: string, revision: bigint, problem: string) {
    super(`command ledger stream "${ledgerStreamId(commandId)}" at revision ${revision}: ${problem}`);
  }
}

function field(
  commandId: string,
  entry: LedgerEntry,
  key: string,
  kind: 'string' | 'number' | 'nullable-string',
): unknown {
  const data = entry.data;
  const value = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined;
  const ok =
    kind === 'number'
      ? typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      : kind === 'string'
        ? typeof value === 'string'
        : value === null || typeof value === 'string';
  if (!ok) throw new CorruptLedgerError(commandId, entry.revision, `${entry.type} has no valid "${key}"`);
  return value;
}

function revisionText(commandId: string, entry: LedgerEntry, text: string): bigint {
  if (!/^\d+$/.test(text)) throw new CorruptLedgerError(commandId, entry.revision, `"${text}" is not a revision`);
  return BigInt(text);
}

function expectationText(commandId: string, entry: LedgerEntry, text: string): ExpectedRevision {
  if (text === 'any' || text === 'no-stream' || text === 'stream-exists') return text;
  return revisionText(commandId, entry, text);
}

function readClaim(commandId: string, entry: LedgerEntry): OpenClaim {
  const text = (key: string) => field(commandId, entry, key, 'string') as string;
  if (text('commandId') !== commandId) {
    throw new CorruptLedgerError(commandId, entry.revision, `CommandAccepted names command ${text('commandId')}`);
  }
  return {
    command: { commandId, commandType: text('commandType'), requestHash: text('requestHash') },
    streamId: text('streamId'),
    expected: expectationText(commandId, entry, text('expectedRevision')),
    eventCount: field(commandId, entry, 'eventCount', 'number') as number,
    revision: entry.revision,
    acceptedAt: entry.created,
  };
}

function closes(commandId: string, entry: LedgerEntry, claim: OpenClaim | undefined): OpenClaim {
  const claimRevision = revisionText(commandId, entry, field(commandId, entry, 'claimRevision', 'string') as string);
  // Every close is written with expected revision = its claim's, so it can only follow that claim directly.
  if (!claim || claim.revision !== claimRevision) {
    throw new CorruptLedgerError(
      commandId,
      entry.revision,
      `${entry.type} closes claim ${claimRevision}, which is not the open claim`,
    );
  }
  return claim;
}

/**
 * Folds a ledger stream (its events in revision order) into where the command stands. A completed
 * command is final: the claim protocol never writes after a CommandCompleted, and if anything did,
 * the command would still have been handled.
 */
export function foldLedger(commandId: string, entries: readonly LedgerEntry[]): LedgerState {
  let state: LedgerState = { status: 'unclaimed' };
  for (const entry of entries) {
    if (state.status === 'completed') break;
    switch (entry.type) {
      case COMMAND_ACCEPTED:
        state = { status: 'open', claim: readClaim(commandId, entry), lastRevision: entry.revision };
        break;
      case COMMAND_COMPLETED: {
        const claim = closes(commandId, entry, state.status === 'open' ? state.claim : undefined);
        const firstRevision = field(commandId, entry, 'firstRevision', 'nullable-string') as string | null;
        const recordedAt = field(commandId, entry, 'recordedAt', 'nullable-string') as string | null;
        state = {
          status: 'completed',
          record: {
            ...claim.command,
            streamId: claim.streamId,
            ...(firstRevision === null ? {} : { firstRevision: revisionText(commandId, entry, firstRevision) }),
            eventCount: field(commandId, entry, 'eventCount', 'number') as number,
            recordedAt: recordedAt ?? entry.created,
          },
          lastRevision: entry.revision,
        };
        break;
      }
      case COMMAND_ABANDONED:
        closes(commandId, entry, state.status === 'open' ? state.claim : undefined);
        state = { status: 'released', lastRevision: entry.revision };
        break;
      default:
        throw new CorruptLedgerError(commandId, entry.revision, `unknown ledger event type "${entry.type}"`);
    }
  }
  return state;
}

/** The aggregate-stream read that tells what became of an open claim. */
export type ClaimProbe =
  | { readonly direction: 'forwards'; readonly fromRevision: bigint; readonly maxCount: number }
  | { readonly direction: 'backwards'; readonly maxCount: number };

/**
 * With an exact expectation (a revision or no-stream) the claim's events can only sit right after
 * it, so one short forward read answers exactly. 'any' and 'stream-exists' have no such anchor:
 * the newest PROBE_SCAN_LIMIT events are searched for the command id.
 */
export function probeFor(claim: OpenClaim): ClaimProbe {
  const count = Math.max(claim.eventCount, 1);
  if (claim.expected === 'no-stream') return { direction: 'forwards', fromRevision: 0n, maxCount: count };
  if (typeof claim.expected === 'bigint')
    return { direction: 'forwards', fromRevision: claim.expected + 1n, maxCount: count };
  return { direction: 'backwards', maxCount: PROBE_SCAN_LIMIT };
}

export type ProbedEvent = Pick<RecordedEvent, 'revision'> & {
  readonly metadata: Pick<RecordedEvent['metadata'], 'commandId' | 'recordedAt'>;
};

export type ClaimResolution =
  /** The claim's events are stored: the command is handled, exactly as CommandCompleted would have said. */
  | { readonly outcome: 'stored'; readonly record: CommandRecord }
  /**
   * No events yet, and nothing rules them out: the write may be in flight, or its writer died.
   * The command id stays taken (reported with eventCount 0) so it is never handled twice.
   */
  | { readonly outcome: 'unresolved'; readonly record: CommandRecord }
  /**
   * The aggregate stream moved past the claim's exact expectation with other events, so the
   * claim's own append can never succeed: the claim may be taken over.
   */
  | { readonly outcome: 'fenced' };

/** Decides what became of an open claim from the probe's events (in the order the probe read them). */
export function resolveClaim(claim: OpenClaim, probed: readonly ProbedEvent[]): ClaimResolution {
  const id = claim.command.commandId;
  const base = { ...claim.command, streamId: claim.streamId };
  const unresolved: ClaimResolution = {
    outcome: 'unresolved',
    record: { ...base, eventCount: 0, recordedAt: claim.acceptedAt },
  };
  const stored = (first: ProbedEvent): ClaimResolution => ({
    outcome: 'stored',
    record: {
      ...base,
      firstRevision: first.revision,
      eventCount: claim.eventCount,
      recordedAt: first.metadata.recordedAt,
    },
  });

  const anchored = probeFor(claim);
  if (anchored.direction === 'forwards') {
    const first = probed[0];
    if (!first) return unresolved;
    // An exact append is atomic and lands right after its expectation, or not at all.
    return first.metadata.commandId === id ? stored(first) : { outcome: 'fenced' };
  }
  // Backwards: the batch is contiguous and atomic, so the newest match and the batch size place it
  // even if the scan window cut off its start.
  let oldest: ProbedEvent | undefined;
  let newest: ProbedEvent | undefined;
  for (const event of probed) {
    if (event.metadata.commandId !== id) continue;
    if (!oldest || event.revision < oldest.revision) oldest = event;
    if (!newest || event.revision > newest.revision) newest = event;
  }
  if (!oldest || !newest) return unresolved;
  const firstRevision = newest.revision - BigInt(Math.max(claim.eventCount, 1)) + 1n;
  return {
    outcome: 'stored',
    record: { ...base, firstRevision, eventCount: claim.eventCount, recordedAt: oldest.metadata.recordedAt },
  };
}

/** What findCommand answers for a ledger state (and, for an open claim, its resolution). */
export function recordOf(state: LedgerState, resolution?: ClaimResolution): CommandRecord | undefined {
  if (state.status === 'completed') return state.record;
  if (state.status !== 'open' || !resolution || resolution.outcome === 'fenced') return undefined;
  return resolution.record;
}

export type ClaimStep =
  { readonly kind: 'claim'; readonly at: ClaimPosition } | { readonly kind: 'taken'; readonly record: CommandRecord };

/**
 * Where a claim must be written after a first attempt met an existing ledger stream. Every claim
 * is an expected-revision write to the ledger stream, so of any number of concurrent claimants
 * exactly one can succeed at a given revision; the others re-read and land here again.
 */
export function nextClaimStep(state: LedgerState, resolution?: ClaimResolution): ClaimStep {
  switch (state.status) {
    case 'unclaimed':
      return { kind: 'claim', at: 'no-stream' };
    case 'released':
      return { kind: 'claim', at: state.lastRevision };
    case 'completed':
      return { kind: 'taken', record: state.record };
    case 'open':
      if (!resolution) throw new Error('an open claim must be probed before it can be judged');
      return resolution.outcome === 'fenced'
        ? { kind: 'claim', at: state.lastRevision }
        : { kind: 'taken', record: resolution.record };
  }
}
