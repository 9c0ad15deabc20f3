/**
 * A decider is the pure heart of an aggregate: decide(command, state) → events, evolve(state, event) → state.
 * It knows nothing of storage or Nest; handleCommand (below) is the only code that joins it to a store.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State> {
  readonly initialState: State;
  /** Returns the events the command causes, or throws a DomainError naming the rule it breaks. */
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

export type DomainErrorKind =
  /** The command clashes with what already happened (HTTP 409). */
  | 'conflict'
  /** The command breaks a business rule (HTTP 422). */
  | 'rule'
  /** The command names something that does not exist (HTTP 404). */
  | 'not-found';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** A stable machine-readable code such as "recipient.already-enrolled". */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** One bad field of a command's input: which field, and which rule it breaks. */
export interface FieldError {
  readonly field: string;
  readonly rule: string;
}

/** Malformed input: every bad field is named, so a caller can fix them all at once (HTTP 400). */
export class InvalidCommand extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(`invalid command: ${errors.map((e) => `${e.field}: ${e.rule}`).join('; ')}`);
    this.name = 'InvalidCommand';
  }
}
