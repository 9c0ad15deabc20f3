import type { Role } from './roles';

/**
 * Who is acting: authenticated once per request (or given by the in-process CLI), never taken from a header the
 * client sets. `actor` is what every event records: `key:<key id>`, `oidc:<tenant id>/<object id>`, `cli:<os user>`.
 */
export interface Principal {
  readonly actor: string;
  readonly kind: 'key' | 'oidc' | 'cli' | 'system';
  readonly roles: readonly Role[];
  /** The councils whose records it may see and act on: a list of council ids, or every council the bureau serves. */
  readonly councils: readonly string[] | 'all';
}

export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

/**
 * Whether a record of `council` is within the principal's scope. A record with no council (enrolled before councils
 * were registered) is visible only to principals of every council.
 */
export function inCouncilScope(principal: Principal, council: string | null): boolean {
  if (principal.councils === 'all') return true;
  return council !== null && principal.councils.includes(council);
}

/**
 * The in-process CLI: whoever can run it on this machine already holds the store's files, so it acts with bureau-admin
 * rights over every council, recorded as the operating-system user.
 */
export function cliPrincipal(osUser: string): Principal {
  return { actor: `cli:${osUser}`, kind: 'cli', roles: ['bureau-admin'], councils: 'all' };
}

/** The engine itself (e.g. issuing the first key on an empty store), recorded as `system:<what>`. */
export function systemPrincipal(what: string): Principal {
  return { actor: `system:${what}`, kind: 'system', roles: ['bureau-admin'], councils: 'all' };
}
