import type { CommandPolicy, QueryPolicy } from '@dpe/access';
import type { EventStore } from '@dpe/event-store';
import type { DateTime } from 'luxon';
import type { z } from 'zod';

/**
 * An event as the domain sees it: a past-tense fact with its data. The schema version is the store's business: new
 * events are written at the stream's current version, and older stored ones are upcast before `evolve` sees them.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Turns a stored event's data of version n into version n + 1. */
export type Upcast = (data: unknown) => unknown;

/**
 * One kind of stream (an aggregate): how its id is built, how its events fold into state, and how each event type's
 * older versions are brought up to date. `upcasters.RecipientEnrolled = [v1ToV2]` makes the current version 2.
 */
export interface StreamDeclaration<Event extends DomainEvent, State> {
  readonly name: string;
  readonly streamId: (key: string) => string;
  readonly initialState: State;
  readonly evolve: (state: State, event: Event) => State;
  readonly upcasters?: { readonly [Type in Event['type']]?: readonly Upcast[] };
  /** Fields of each event type that hold personal data (names, NI numbers, dates of birth, addresses, bank details). */
  readonly personalData?: { readonly [Type in Event['type']]?: readonly string[] };
}

/** The business time a decision is made at, in Europe/London, given to `decide` so that it never reads a clock. */
export type BusinessTime = DateTime;

/** How a command's route appears in the HTTP API. */
export interface HttpRoute {
  readonly method: 'POST' | 'PUT' | 'PATCH';
  /** Express-style path, e.g. "/recipients" or "/recipients/:recipientId/budget". Path params join the input. */
  readonly path: string;
  /** Success status of a first handling; a replay answers the same status. */
  readonly status?: 200 | 201 | 202;
}

/** What `prepare` may use: read another stream's state (a council, a key table) before the pure decision. */
export interface PrepareContext {
  readonly store: EventStore;
  load<Event extends DomainEvent, State>(stream: StreamDeclaration<Event, State>, key: string): Promise<State>;
}

/**
 * One command, declared once: its input schema (the source of its type, validation, OpenAPI and CLI flags), how the
 * parts a caller may leave out are completed (from the command id only: never random, never the clock), which stream
 * it acts on, the pure decision, its route and its CLI name.
 */
export interface CommandDeclaration<
  Input extends z.ZodType = z.ZodType,
  Command = unknown,
  Event extends DomainEvent = DomainEvent,
  State = unknown,
  Prepared = undefined,
> {
  /** The CLI subcommand and the ledger's command type, e.g. "enrol-recipient". */
  readonly name: string;
  readonly summary: string;
  readonly input: Input;
  readonly complete: (input: z.output<Input>, ids: DerivedIds) => Command;
  readonly stream: StreamDeclaration<Event, State>;
  /** The key of the stream the command acts on, e.g. the recipient id. */
  readonly streamKey: (command: Command) => string;
  /**
   * Facts the decision needs from outside its stream (does the council exist?), or a fresh secret it must not invent
   * itself. Runs once per handling, before the decision; never on a replay.
   */
  readonly prepare?: (command: Command, context: PrepareContext) => Promise<Prepared>;
  /** Returns the events the command causes, or throws a DomainError naming the rule it breaks. */
  readonly decide: (command: Command, state: State, now: BusinessTime, prepared: Prepared) => readonly Event[];
  readonly http: HttpRoute;
  /** The subcommand: its name by default, or a group and a verb ("keys create"). */
  readonly cli?: string;
  /** Who may run it, and how its council scope is found. */
  readonly policy: CommandPolicy<Command, State>;
  /**
   * What a caller needs back (the recipient id derived for it, a warning the decision recorded), with its schema.
   * `events` are the events the command recorded, on a first handling and on a replay alike; `prepared` is absent on
   * a replay, so a reply that must survive a retry reads the events.
   */
  readonly reply: {
    readonly schema: z.ZodObject;
    readonly of: (
      command: Command,
      prepared: Prepared | undefined,
      events: readonly Event[],
    ) => Record<string, unknown>;
  };
  /**
   * Unique keys the command's stream takes in the store atomically with its events (e.g. "paye-scheme/123/AB456").
   * A key another stream holds refuses the whole append; `claimTaken` says so in the domain's words.
   */
  readonly claims?: (command: Command, events: readonly Event[]) => readonly string[];
  readonly claimTaken?: (key: string, holderStreamId: string, command: Command) => Error;
}

/** Ids derived from the command id, so a retried command without them lands on the same resource. */
export interface DerivedIds {
  readonly commandId: string;
  /** A stable id for `purpose` (e.g. "recipient"): the same command id always gives the same id. */
  derive(purpose: string): string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds declarations of every type
export type AnyCommandDeclaration = CommandDeclaration<z.ZodType, any, any, any, any>;

/** Declares a command; the identity function that makes TypeScript infer and check every part together. */
export function defineCommand<Input extends z.ZodType, Command, Event extends DomainEvent, State, Prepared = undefined>(
  declaration: CommandDeclaration<Input, Command, Event, State, Prepared>,
): CommandDeclaration<Input, Command, Event, State, Prepared> {
  return declaration;
}

export type { CommandPolicy, QueryPolicy };

export function defineStream<Event extends DomainEvent, State>(
  declaration: StreamDeclaration<Event, State>,
): StreamDeclaration<Event, State> {
  return declaration;
}
