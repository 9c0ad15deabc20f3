import { v5 as uuidv5 } from 'uuid';
import { ConcurrencyError, type EventStore, type NewEvent, type RecordedEvent } from '@dpe/event-store';
import type { Decider, DomainEvent } from './decider';

/** Who and what caused a command: copied into every event's metadata so each penny traces back. */
export interface CommandContext {
  readonly commandId: string;
  readonly actor: string;
  readonly correlationId?: string;
  /** The id of the event or message that caused this command, when it was not a person's request. */
  readonly causationId?: string;
  /** Business time of the fact, ISO-8601; defaults to now. */
  readonly occurredAt?: string;
}

export interface CommandOutcome {
  readonly streamId: string;
  /** The events this command recorded (on a repeat: the events the first handling recorded). */
  readonly events: readonly RecordedEvent[];
  /** True when the command id had already been handled and nothing new was stored. */
  readonly replayed: boolean;
}

export interface HandleCommandOptions {
  /** Bounded retries on a concurrency conflict: another writer got there between our read and our append. */
  readonly maxAttempts?: number;
  readonly now?: () => string;
}

// Event ids derive from the command id, so two racing deliveries of one command append identical ids:
// the store treats the second as an idempotent re-append rather than new facts.
const EVENT_ID_NAMESPACE = '5b0a4c8e-6f0e-4d8e-9c3a-2d1e4f7a9b10';

export function eventIdFor(commandId: string, index: number): string {
  return uuidv5(`${commandId}#${index}`, EVENT_ID_NAMESPACE);
}

export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  context: CommandContext,
  options: HandleCommandOptions = {},
): Promise<CommandOutcome> {
  const maxAttempts = options.maxAttempts ?? 5;
  const now = options.now ?? (() => new Date().toISOString());

  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    const earlier = history.filter((e) => e.metadata.commandId === context.commandId);
    if (earlier.length > 0) return { streamId, events: earlier, replayed: true };

    let state = decider.initialState;
    for (const recorded of history) state = decider.evolve(state, recorded as unknown as Event);

    const decided = decider.decide(command, state);
    if (decided.length === 0) return { streamId, events: [], replayed: false };

    const occurredAt = context.occurredAt ?? now();
    const correlationId = context.correlationId ?? context.commandId;
    const causationId = context.causationId ?? context.commandId;
    const toAppend: NewEvent[] = decided.map((event, index) => ({
      id: eventIdFor(context.commandId, index),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: { correlationId, causationId, commandId: context.commandId, actor: context.actor, occurredAt },
    }));
    const last = history[history.length - 1];
    const expected = last ? last.revision : 'no-stream';
    try {
      await store.append(streamId, toAppend, expected);
    } catch (error) {
      if (error instanceof ConcurrencyError && attempt < maxAttempts) continue;
      throw error;
    }
    const stored = await store.readStream(streamId, {
      fromRevision: last ? last.revision + 1n : 0n,
      maxCount: toAppend.length,
    });
    return { streamId, events: stored, replayed: false };
  }
}

/** Folds a stream into state: the read side of the same decider, for queries. */
export async function loadState<Command, Event extends DomainEvent, State>(
  store: EventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
): Promise<{ state: State; revision: bigint | undefined }> {
  const history = await store.readStream(streamId);
  let state = decider.initialState;
  for (const recorded of history) state = decider.evolve(state, recorded as unknown as Event);
  return { state, revision: history[history.length - 1]?.revision };
}
