/**
 * Every error the engine raises on purpose has a kind; the catalogue (catalogue.ts) maps each kind to exactly one HTTP
 * status, one problem type and one CLI exit code, so the API and the CLI can never disagree about what went wrong.
 */
export type ErrorKind =
  /** The input breaks a validation rule (every bad field named). */
  | 'invalid-input'
  /** The command names something that does not exist, or that the caller may not see. */
  | 'not-found'
  /** The command clashes with what already happened. */
  | 'conflict'
  /** The command breaks a business rule. */
  | 'rule'
  /** An idempotency key (command id) was reused for a different request. */
  | 'idempotency-key-reused'
  /** The request body is not JSON, or is in a charset or encoding the API does not accept. */
  | 'unsupported-media-type'
  /** The request body is larger than the limit. */
  | 'payload-too-large'
  /** No valid credentials. */
  | 'unauthenticated'
  /** Valid credentials without the right to do this. */
  | 'forbidden'
  /** Too many requests from one principal. */
  | 'rate-limited'
  /** The store or a configuration is not usable (a bad DPE_STORE, a missing database for a read). */
  | 'unavailable';

export abstract class EngineError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    /** A stable machine-readable code such as "recipient.already-enrolled". */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A decision the domain refuses: the rule is named by `code` and explained by the message. */
export class DomainError extends EngineError {
  constructor(
    readonly kind: 'conflict' | 'rule' | 'not-found',
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}

/** An error of any other kind raised at the edge (HTTP body parsing, CLI arguments, authentication). */
export class EdgeError extends EngineError {
  constructor(
    readonly kind: ErrorKind,
    code: string,
    message: string,
  ) {
    super(code, message);
  }
}
