import type { Principal } from './principal';
import type { Role } from './roles';

/**
 * A route's access policy, declared with its command or query: which roles may call it, and how its council scope is
 * found. The scope comes from the principal and the stored resource (or the council a new resource is created in),
 * never from the request alone: another council's resource answers 404, another council's id is an unknown council.
 */
export interface CommandPolicy<Command = unknown, State = unknown> {
  readonly roles: readonly Role[];
  /** The bureau's own business (councils, keys): only for a principal of every council, so no scope can widen itself. */
  readonly bureauWide?: boolean;
  /** For a command that creates a resource in a council: the input field naming it, and its value. */
  readonly councilOfCommand?: { readonly field: string; readonly of: (command: Command) => string };
  /** For a command on an existing resource: its stored council (null: none recorded; undefined: no resource yet). */
  readonly councilOfState?: (state: State) => string | null | undefined;
  /**
   * For a command on a stream whose council is recorded elsewhere (an account or an employment belongs to its
   * recipient's council): the council of what `prepare` found (undefined: nothing found).
   */
  readonly councilOfPrepared?: (prepared: never) => string | null | undefined;
  /**
   * For a route the payroll's own people may use (the employer and pa roles): the recipient the command concerns, from
   * what `prepare` found. A principal holding only such roles acts on the recipients it is bound to and nothing else;
   * without this a self-side principal is refused.
   */
  readonly selfOfPrepared?: (prepared: never) => string | undefined;
  /** The error a missing resource gets, so that one of another council is refused identically. */
  readonly notFound?: (command: Command) => Error;
}

export interface QueryPolicy<Result = unknown, Params = never> {
  readonly roles: readonly Role[];
  /** The bureau's own business (councils, keys): only for a principal of every council. */
  readonly bureauWide?: boolean;
  /**
   * A single resource's council; a resource outside the caller's scope answers `notFound`, the very error a missing one
   * gets, so a response never tells another council's record from no record.
   */
  readonly councilOfResult?: {
    readonly of: (result: Result) => string | null;
    readonly notFound: (params: Params) => Error;
  };
  /**
   * For an answer the payroll's own people may read (employer, pa): whose it is. An employer reads its own recipients'
   * answers, a PA only its own employments'; without this a self-side principal is refused.
   */
  readonly selfOfResult?: (
    result: Result,
  ) => { readonly recipientId: string; readonly employmentId?: string } | undefined;
  /** A list's items' council; items outside the caller's scope are left out. */
  readonly councilOfItem?: (item: Result extends readonly (infer Item)[] ? Item : never) => string | null;
}

/** A route open to anyone, such as /health and the OpenAPI document: declared, never assumed. */
export const PUBLIC = Symbol('public');
export type RoutePolicy = CommandPolicy | QueryPolicy | typeof PUBLIC;

/**
 * Why a principal may not call a route at all (before any resource is read), or undefined if it may: a role the policy
 * does not name, or a council-scoped principal on bureau-wide business (a key scoped to one council must not be able to
 * issue itself a key for every council).
 */
export function refusal(
  principal: Principal,
  policy: { readonly roles: readonly Role[]; readonly bureauWide?: boolean },
): { code: string; message: string } | undefined {
  if (!principal.roles.some((role) => policy.roles.includes(role))) {
    return { code: 'access.role', message: `this needs one of the roles ${policy.roles.join(', ')}` };
  }
  if (policy.bureauWide && principal.councils !== 'all') {
    return {
      code: 'access.scope',
      message: "this is the bureau's own business: it needs credentials for every council the bureau serves",
    };
  }
  return undefined;
}
