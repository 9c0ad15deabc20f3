import { ROLES, type Role } from './roles';

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
  /**
   * For the payroll's own people (employer and pa roles): the recipients the principal is, or represents. Routes open
   * to those roles act only on these (CommandPolicy.selfOfPrepared).
   */
  readonly recipients?: readonly string[];
  /**
   * For the pa role: the employments the PA holds (employment ids are unique across recipients). A PA reads what is
   * theirs, their own payslips and forms, and not the rest of their employer's records, so a PA is bound to employments
   * as well as to the recipients employing them.
   */
  readonly employments?: readonly string[];
}

/**
 * Whether the principal reaches a route through a self-side role alone (employer, pa), so that the route must also
 * check the resource is the principal's own.
 */
export function actsOnlyForSelf(principal: Principal, allowed: readonly Role[]): boolean {
  const granting = principal.roles.filter((role) => allowed.includes(role));
  return granting.length > 0 && granting.every((role) => ROLES[role].side === 'self');
}

export function isOwnRecipient(principal: Principal, recipientId: string | undefined): boolean {
  return recipientId !== undefined && (principal.recipients ?? []).includes(recipientId);
}

/**
 * Whether a record belongs to the principal through one of the self-side roles the route allows: an employer owns its
 * own recipients' records; a PA only the records of its own employments (its employer's other PAs' are not its own).
 * A bureau or council role that the route allows never reaches here: actsOnlyForSelf is checked first.
 */
export function ownsRecord(
  principal: Principal,
  allowed: readonly Role[],
  record: { readonly recipientId: string; readonly employmentId?: string } | undefined,
): boolean {
  if (record === undefined) return false;
  return principal.roles.some((role) => {
    if (!allowed.includes(role)) return false;
    if (role === 'employer') return isOwnRecipient(principal, record.recipientId);
    if (role === 'pa')
      return (
        isOwnRecipient(principal, record.recipientId) &&
        record.employmentId !== undefined &&
        (principal.employments ?? []).includes(record.employmentId)
      );
    return false;
  });
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
