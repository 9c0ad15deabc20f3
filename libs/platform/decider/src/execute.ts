import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { actsOnlyForSelf, inCouncilScope, isOwnRecipient, type Principal } from '@dpe/access';
import { DomainError, EdgeError, InvalidInput } from '@dpe/errors';
import {
  ClaimTakenError,
  CommandAlreadyRecordedError,
  ConcurrencyError,
  type CommandRecord,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '@dpe/event-store';
import { canonicalJson, firstPerPath, parseInput, sha256, token } from '@dpe/schema';
import type { AnyCommandDeclaration, DerivedIds, PrepareContext } from './decider';
import { assertRole } from './query';
import { stateCacheOf, type StateCache } from './state-cache';
import { currentVersion, fold, upcast } from './upcast';

/** Who and what caused a command, read once at the edge (HTTP headers, CLI flags) and copied into every event. */
export interface Envelope {
  /** The idempotency key; a new random one when the caller gave none (then a retry is a new command). */
  readonly commandId?: string;
  /** Who is acting, as authenticated; its actor ("key:k…", "oidc:tenant/object", "cli:ann") goes on every event. */
  readonly principal: Principal;
  readonly correlationId?: string;
  /** The event or message that caused this command, when it was not a person's request. */
  readonly causationId?: string;
  /** Business time of the decision; the shells pass the clock, tests pass a fixed time. */
  readonly now: DateTime;
}

/** How an edge names the envelope's fields in its errors (a header, a flag). */
export interface EnvelopeNames {
  readonly commandId: string;
  readonly correlationId: string;
}

export interface CommandOutcome {
  readonly commandId: string;
  readonly streamId: string;
  /** The events this command recorded (on a repeat: the events the first handling recorded). */
  readonly events: readonly RecordedEvent[];
  /** True when the command id had already been handled and nothing new was stored. */
  readonly replayed: boolean;
  /** The declaration's reply (e.g. the recipient id). */
  readonly reply: Record<string, unknown>;
}

export interface ExecuteOptions {
  /** Bounded retries on a concurrency conflict: another writer got there between our read and our append. */
  readonly maxAttempts?: number;
  /** Folded states kept between commands; by default the one shared by every command on this store connection. */
  readonly states?: StateCache;
}

// Resource ids a caller left out derive from the command id too, so a retried command lands on the same resource.
const DERIVED_ID_NAMESPACE = '0f4c1e9a-3b7d-4b8e-a2c5-7d9e1f3a5b60';

/**
 * The ids of one command's events, in the layout of a UUID version 7 (RFC 9562 §5.7): the first 48 bits are the
 * command's business time in milliseconds, the rest SHA-1 of the command id with the event's index mixed in. Derived,
 * never random: the same command at the same time gives the same ids. Time first so that the stores' unique index on
 * event ids grows at its right-hand end, as their rowid does: with hashed (uuid v5) ids every event dirtied a random
 * page of that index, which at a provider's size made each append 1.6 to 2.1 times dearer (docs/benchmarks.md). Two
 * deliveries of one command are told apart by the command ledger, not by their event ids.
 */
export function eventIdsFor(commandId: string, at: DateTime): (index: number) => string {
  const hash = createHash('sha1').update(commandId).digest();
  const ms = Math.max(0, Math.trunc(at.toMillis()));
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (hash[0]! & 0x0f);
  bytes[7] = hash[1]!;
  bytes[8] = 0x80 | (hash[2]! & 0x3f);
  hash.copy(bytes, 9, 3, 10);
  const tail = bytes.readUInt32BE(12);
  return (index) => {
    // XOR with the index is a bijection: distinct events of one command never share an id.
    bytes.writeUInt32BE((tail ^ index) >>> 0, 12);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

export function derivedIds(commandId: string): DerivedIds {
  return { commandId, derive: (purpose) => uuidv5(`${purpose}:${commandId}`, DERIVED_ID_NAMESPACE) };
}

const COMMAND_ID = token(128);

/** Checks the envelope's caller-supplied parts, naming them as the edge does (a header, a flag). */
export function checkEnvelope(envelope: Envelope, names: EnvelopeNames): void {
  const issues = [
    ...(envelope.commandId === undefined
      ? []
      : (COMMAND_ID.safeParse(envelope.commandId).error?.issues.map((i) => ({
          path: names.commandId,
          rule: i.message,
        })) ?? [])),
    ...(envelope.correlationId === undefined
      ? []
      : (COMMAND_ID.safeParse(envelope.correlationId).error?.issues.map((i) => ({
          path: names.correlationId,
          rule: i.message,
        })) ?? [])),
  ];
  if (issues.length > 0) throw InvalidInput.of(firstPerPath(issues));
}

/**
 * The one executor every declared command runs through, from the API, the CLI and `dpe apply` alike:
 * validate → complete → ledger lookup (replay or refuse a reused key) → read and fold → decide → append with the
 * revision read and the ledger record in one write → on a concurrent writer, re-read and decide again (bounded).
 */
export async function executeCommand(
  store: EventStore,
  declaration: AnyCommandDeclaration,
  input: unknown,
  envelope: Envelope,
  options: ExecuteOptions = {},
): Promise<CommandOutcome> {
  const { principal } = envelope;
  assertRole(principal, declaration.policy, declaration.name);
  const commandId = envelope.commandId ?? uuidv4();
  const command: unknown = declaration.complete(parseInput(declaration.input, input), derivedIds(commandId));
  const streamId = declaration.stream.streamId(declaration.streamKey(command));
  const requestHash = sha256(canonicalJson({ command: declaration.name, input: command }));
  const toRecord = { commandId, commandType: declaration.name, requestHash };
  const { councilOfCommand, councilOfState, councilOfPrepared, selfOfPrepared, notFound } = declaration.policy;
  const selfOnly = actsOnlyForSelf(principal, declaration.policy.roles);
  // A council outside the principal's scope is refused exactly like one that is not registered, so ids reveal nothing.
  if (councilOfCommand && !inCouncilScope(principal, councilOfCommand.of(command)))
    throw unknownCouncil(councilOfCommand.field);
  const asNotFound = (): Error =>
    notFound?.(command) ??
    new DomainError(
      'not-found',
      `${declaration.stream.name}.not-found`,
      `${declaration.stream.name} ${declaration.streamKey(command)} was not found`,
    );
  const assertInScope = (council: string | null | undefined): void => {
    if (council !== undefined && !inCouncilScope(principal, council)) throw asNotFound();
  };
  const assertStateInScope = (state: unknown): void => assertInScope(councilOfState?.(state));
  // An employer (or PA) acts on their own records only; anything else is refused as not found, like another council's.
  const assertSelf = (prepared: unknown): void => {
    const own = (selfOfPrepared as ((p: unknown) => string | undefined) | undefined)?.(prepared);
    if (selfOnly && !isOwnRecipient(principal, own)) throw asNotFound();
  };

  const states = options.states ?? stateCacheOf(store);
  const context: PrepareContext = {
    store,
    load: async (stream, key) => (await states.load(store, stream, stream.streamId(key))).state,
  };

  const replay = async (record: CommandRecord): Promise<CommandOutcome> => {
    if (record.requestHash !== requestHash || record.streamId !== streamId || record.commandType !== declaration.name) {
      throw new EdgeError(
        'idempotency-key-reused',
        'command-id.reused',
        // Nothing about the earlier request is told: it may have been another council's.
        `command id ${JSON.stringify(commandId)} was already used for a different request; nothing was stored. ` +
          'Use a new command id for a new request.',
      );
    }
    const events =
      record.firstRevision === undefined
        ? []
        : await store.readStream(record.streamId, { fromRevision: record.firstRevision, maxCount: record.eventCount });
    // A retry by the same principal is answered from the ledger alone; anyone else must be in the resource's scope.
    if ((councilOfState || councilOfPrepared) && events[0]?.metadata.actor !== principal.actor) {
      assertStateInScope(fold(declaration.stream, await store.readStream(streamId)));
      if ((councilOfPrepared || selfOnly) && declaration.prepare) {
        const prepared = await declaration.prepare(command, context);
        if (councilOfPrepared)
          assertInScope((councilOfPrepared as (p: unknown) => string | null | undefined)(prepared));
        assertSelf(prepared);
      }
    }
    const recorded = events.map((event) => upcast(declaration.stream, event));
    return { commandId, streamId, events, replayed: true, reply: declaration.reply.of(command, undefined, recorded) };
  };

  const known = await store.findCommand(commandId);
  if (known) return replay(known);

  const prepared: unknown = declaration.prepare ? await declaration.prepare(command, context) : undefined;
  if (councilOfPrepared) assertInScope((councilOfPrepared as (p: unknown) => string | null | undefined)(prepared));
  // An employer (or PA) acts on their own records only; anything else is refused as not found, like another council's.
  assertSelf(prepared);
  const maxAttempts = options.maxAttempts ?? 5;
  const occurredAt = envelope.now.toISO()!;
  const eventId = eventIdsFor(commandId, envelope.now);
  for (let attempt = 1; ; attempt++) {
    const folded = await states.load(store, declaration.stream, streamId);
    const { state } = folded;
    assertStateInScope(state);
    const decided = declaration.decide(command, state, envelope.now, prepared);
    const metadata = {
      correlationId: envelope.correlationId ?? commandId,
      causationId: envelope.causationId ?? commandId,
      commandId,
      actor: principal.actor,
      occurredAt,
    };
    const toAppend: NewEvent[] = decided.map((event, index) => ({
      id: eventId(index),
      type: event.type,
      schemaVersion: currentVersion(declaration.stream, event.type),
      data: event.data,
      metadata,
    }));
    try {
      const claims = declaration.claims?.(command, decided) ?? [];
      const result = await store.append(streamId, toAppend, folded.revision ?? 'no-stream', {
        command: toRecord,
        ...(claims.length > 0 ? { claims } : {}),
      });
      states.appended(declaration.stream, streamId, folded, result.events);
      const reply = declaration.reply.of(command, prepared, decided);
      return { commandId, streamId, events: result.events, replayed: false, reply };
    } catch (error) {
      if (error instanceof CommandAlreadyRecordedError) return replay(error.record);
      if (error instanceof ClaimTakenError) {
        throw (
          declaration.claimTaken?.(error.key, error.holderStreamId, command) ??
          new DomainError('conflict', 'claim.taken', `${error.key} is already held by another record`)
        );
      }
      if (error instanceof ConcurrencyError && attempt < maxAttempts) continue;
      throw error;
    }
  }
}

function unknownCouncil(field: string): DomainError {
  return new DomainError(
    'rule',
    'council.unknown',
    `${field}: no registered council with this id is served here; register it first (bureau-admin)`,
  );
}

/** The current business time in Europe/London, for the shells (the domain never reads the clock). */
export function londonNow(): DateTime {
  return DateTime.now().setZone('Europe/London');
}
