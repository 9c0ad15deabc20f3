import { EngineError, type ErrorKind } from './engine-error';
import { InvalidInput, type InputIssue } from './invalid-input';

interface CatalogueEntry {
  readonly status: number;
  readonly title: string;
  readonly exitCode: number;
}

/**
 * The one table from error kind to HTTP status and CLI exit code. Exit codes: 2 the input (fix the command line or
 * the file), 3 the request clashes with what is stored, 4 not found, 5 not allowed, 6 the store is unavailable,
 * 1 anything unexpected (a defect: it is logged).
 */
export const ERROR_CATALOGUE: Readonly<Record<ErrorKind | 'internal', CatalogueEntry>> = {
  'invalid-input': { status: 400, title: 'The request has invalid fields', exitCode: 2 },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', exitCode: 2 },
  'payload-too-large': { status: 413, title: 'Request body too large', exitCode: 2 },
  'not-found': { status: 404, title: 'Not found', exitCode: 4 },
  conflict: { status: 409, title: 'Conflict', exitCode: 3 },
  rule: { status: 422, title: 'Business rule broken', exitCode: 3 },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused for a different request', exitCode: 3 },
  unauthenticated: { status: 401, title: 'Not authenticated', exitCode: 5 },
  forbidden: { status: 403, title: 'Forbidden', exitCode: 5 },
  'rate-limited': { status: 429, title: 'Too many requests', exitCode: 6 },
  unavailable: { status: 503, title: 'Service unavailable', exitCode: 6 },
  internal: { status: 500, title: 'Internal error', exitCode: 1 },
};

/** RFC 9457 problem details, as the API sends them and the CLI prints them. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly issues?: readonly InputIssue[];
}

/** What any thrown value means to a caller; an error that is not an EngineError is internal (and worth logging). */
export function describeError(
  error: unknown,
): Problem & { readonly kind: ErrorKind | 'internal'; readonly exitCode: number } {
  if (error instanceof EngineError) {
    const entry = ERROR_CATALOGUE[error.kind];
    return {
      kind: error.kind,
      type: `urn:dpe:problem:${error.code}`,
      title: entry.title,
      status: entry.status,
      exitCode: entry.exitCode,
      detail: error.message,
      code: error.code,
      ...(error instanceof InvalidInput ? { issues: error.issues } : {}),
    };
  }
  const entry = ERROR_CATALOGUE.internal;
  return {
    kind: 'internal',
    type: 'urn:dpe:problem:internal',
    title: entry.title,
    status: entry.status,
    exitCode: entry.exitCode,
    detail: 'an unexpected error occurred; it has been logged',
    code: 'internal',
  };
}
