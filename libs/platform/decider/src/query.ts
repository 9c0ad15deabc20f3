import { actsOnlyForSelf, inCouncilScope, ownsRecord, refusal, type Principal, type QueryPolicy } from '@dpe/access';
import { EdgeError } from '@dpe/errors';
import { parseInput } from '@dpe/schema';
import type { EventStore } from '@dpe/event-store';
import type { z } from 'zod';
import type { BusinessTime, DomainEvent, StreamDeclaration } from './decider';
import { fold } from './upcast';

/**
 * The views' read models, when the process runs projections (the API does; so does the CLI): queries of a view read
 * them after `current()` has projected everything stored so far, so an answer never misses an event already stored.
 */
export interface ReadModels {
  /** Projects whatever was stored and not yet projected; resolves when the read models reflect the store's head. */
  current(): Promise<void>;
  /** The read-model rows (the views' own query functions know their shape). */
  readonly rows: unknown;
  /** The store the read models are projected from (for as-at replays into a throwaway model). */
  readonly store: EventStore;
}

export interface QueryContext {
  readonly store: EventStore;
  readonly now: BusinessTime;
  readonly principal: Principal;
  /** Present when the process runs the views' projections. */
  readonly views?: ReadModels;
  /** Reads and folds one stream. */
  load<Event extends DomainEvent, State>(stream: StreamDeclaration<Event, State>, key: string): Promise<State>;
}

/**
 * One query, declared once: its parameters' schema (path params and query string; also the CLI's arguments), what it
 * answers with (the response schema), its route and how it is answered from the store.
 */
export interface QueryDeclaration<Params extends z.ZodObject = z.ZodObject, Result = unknown> {
  readonly name: string;
  readonly summary: string;
  readonly params: Params;
  readonly response: z.ZodType<Result>;
  /** Express-style GET path; its :params are the positional CLI arguments, in order. */
  readonly http: { readonly path: string };
  /** The subcommand: its name by default, or a group and a verb ("keys list"). */
  readonly cli?: string;
  /** Who may run it, and how its council scope is found. */
  readonly policy: QueryPolicy<Result, z.output<Params>>;
  /**
   * Documents the answer is also given as, by `format` name (the API's `?format=`, the CLI's `--format`): a payslip as
   * pdf or html, an FPS as xml, a payment file as its bank's text. JSON (and CSV) stay the default.
   */
  readonly representations?: Readonly<Record<string, Representation<Result>>>;
  readonly run: (params: z.output<Params>, context: QueryContext) => Promise<Result>;
}

export interface Representation<Result> {
  readonly contentType: string;
  /** The file name a download is saved as. */
  readonly fileName: (result: Result) => string;
  readonly render: (result: Result) => Promise<Buffer | string> | Buffer | string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds declarations of every type
export type AnyQueryDeclaration = QueryDeclaration<z.ZodObject, any>;

export function defineQuery<Params extends z.ZodObject, Result>(
  declaration: QueryDeclaration<Params, Result>,
): QueryDeclaration<Params, Result> {
  return declaration;
}

/** Reads and folds one stream: the read side of the same stream declaration the commands use. */
export async function loadStream<Event extends DomainEvent, State>(
  store: EventStore,
  stream: StreamDeclaration<Event, State>,
  key: string,
): Promise<{ state: State; revision: bigint | undefined }> {
  const history = await store.readStream(stream.streamId(key));
  return { state: fold(stream, history), revision: history[history.length - 1]?.revision };
}

/** Refuses a principal the policy does not admit (403): the same check for commands and queries, and the HTTP guard. */
export function assertRole(principal: Principal, policy: Parameters<typeof refusal>[1], what: string): void {
  const refused = refusal(principal, policy);
  if (refused) throw new EdgeError('forbidden', refused.code, `${what}: ${refused.message}`);
}

/**
 * Runs a declared query for a principal: its roles checked first, then its parameters, then the answer limited to the
 * principal's councils. A single resource of another council is not found (404, as if it did not exist); a list leaves
 * other councils' items out.
 */
export async function runQuery(
  store: EventStore,
  declaration: AnyQueryDeclaration,
  params: unknown,
  principal: Principal,
  now: BusinessTime,
  views?: ReadModels,
): Promise<unknown> {
  assertRole(principal, declaration.policy, declaration.name);
  const load: QueryContext['load'] = async (stream, key) => fold(stream, await store.readStream(stream.streamId(key)));
  const parsed = parseInput(declaration.params, params);
  const result: unknown = await declaration.run(parsed, { store, now, principal, load, ...(views ? { views } : {}) });
  const policy = declaration.policy as QueryPolicy<unknown, unknown>;
  // The payroll's own people see only what is theirs (an employer: its own recipients'; a PA: its own employments');
  // anything else answers as not found, the very error a missing record gets.
  if (actsOnlyForSelf(principal, policy.roles)) {
    if (!ownsRecord(principal, policy.roles, policy.selfOfResult?.(result))) {
      if (policy.councilOfResult) throw policy.councilOfResult.notFound(parsed);
      throw new EdgeError('not-found', 'access.not-own', `${declaration.name}: not found`);
    }
  }
  if (policy.councilOfResult && !inCouncilScope(principal, policy.councilOfResult.of(result)))
    throw policy.councilOfResult.notFound(parsed);
  if (policy.councilOfItem && Array.isArray(result)) {
    const councilOf = policy.councilOfItem as (item: unknown) => string | null;
    return result.filter((item) => inCouncilScope(principal, councilOf(item)));
  }
  return result;
}
