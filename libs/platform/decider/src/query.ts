import type { EventStore } from '@dpe/event-store';
import type { z } from 'zod';
import type { BusinessTime, DomainEvent, StreamDeclaration } from './decider';
import { fold } from './upcast';

export interface QueryContext {
  readonly store: EventStore;
  readonly now: BusinessTime;
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
  readonly run: (params: z.output<Params>, context: QueryContext) => Promise<Result>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a registry holds declarations of every type
export type AnyQueryDeclaration = QueryDeclaration<z.ZodObject, any>;

export function defineQuery<Params extends z.ZodObject, Result>(declaration: QueryDeclaration<Params, Result>): QueryDeclaration<Params, Result> {
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
