import { readFileSync } from 'node:fs';
import { EdgeError, InvalidInput, type InputIssue } from '@dpe/errors';
import { z } from '@dpe/schema';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Principal } from './principal';
import { ROLE_NAMES, ROLES, type Role } from './roles';

/**
 * Bearer tokens from the councils' own identity providers (OpenID Connect access tokens, mostly Microsoft Entra ID v2).
 * Each configured issuer belongs to exactly one council and one directory (tenant); its tokens are verified against
 * the issuer's JSON Web Key Set (fetched from `jwksUri`, or read once from `jwksFile`) with asymmetric algorithms only.
 * The user is identified by tenant id and object id (`oidc:<tid>/<oid>`), never by email or UPN: those can be renamed
 * and reassigned to someone else, the object id cannot.
 */
export interface OidcIssuer {
  /** The token's `iss`, exactly; for Entra ID v2 `https://login.microsoftonline.com/<tenant id>/v2.0`. */
  readonly issuer: string;
  /** The token's `aud`: for Entra ID v2 access tokens, the API app registration's application (client) id. */
  readonly audience: string;
  /** The issuer's JWKS endpoint; for Entra ID `https://login.microsoftonline.com/<tenant id>/discovery/v2.0/keys`. */
  readonly jwksUri?: string;
  /** A local JSON file holding the issuer's JWKS `{ "keys": [...] }` (air-gapped deployments, tests). */
  readonly jwksFile?: string;
  /** The directory the tokens must come from: the token's `tid` must equal it. */
  readonly tenantId: string;
  /** The one council this issuer's users act for. */
  readonly councilId: string;
  /** The claim holding the user's roles (an array of strings); `roles` (Entra app roles) unless told. */
  readonly rolesClaim?: string;
  /** The identity provider's role values (e.g. Entra app role values such as `DP.Finance`) to the engine's roles. */
  readonly roleMap: Readonly<Record<string, Role>>;
  /**
   * The claim naming the recipients an employer (or a PA) signing in is, or represents (an array of recipient ids);
   * `dpe_recipients` unless told. Read only for the self-service roles: they act on those recipients and no others.
   */
  readonly recipientsClaim?: string;
  /**
   * The claim naming the employments a PA signing in holds (an array of employment ids); `dpe_employments` unless told.
   * Read only for the pa role: a PA reads the records of those employments and no others.
   */
  readonly employmentsClaim?: string;
}

export interface OidcVerifier {
  /**
   * The principal a bearer token authenticates, or an EdgeError of kind `unauthenticated` (any bad token) or, if the
   * issuer's keys cannot be fetched or used, `unavailable`. A valid token whose roles map to none of the engine's gives
   * a principal with no roles: it is authenticated, and every route's policy then refuses it (403).
   */
  verify(token: string, now?: Date): Promise<Principal>;
}

/** The setting the issuers come from, named in every configuration error. */
export const OIDC_ISSUERS_SETTING = 'DPE_OIDC_ISSUERS';

/** Only asymmetric algorithms: `none` and HMAC (HS256, including HS256 keyed with a public key) are never accepted. */
export const OIDC_ALGORITHMS = ['RS256', 'ES256'] as const;
/** The clock skew allowed between the identity provider and this server, for `exp` and `nbf`. */
export const OIDC_CLOCK_TOLERANCE_SECONDS = 60;

const DEFAULT_ROLES_CLAIM = 'roles';
const DEFAULT_RECIPIENTS_CLAIM = 'dpe_recipients';
const DEFAULT_EMPLOYMENTS_CLAIM = 'dpe_employments';
/** A recipient id as the engine issues them (ids are unique without regard to letter case). */
const RECIPIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** More recipients than any suitable person represents; a longer claim is not read past this. */
const MAX_CLAIMED_RECIPIENTS = 50;
/** Larger than any real access token (Entra's are 1-3 KB; the HTTP layer caps the header anyway). */
const MAX_TOKEN_LENGTH = 16_384;
const ENTRA_HOST = 'login.microsoftonline.com';
/** An object id as it goes into the actor string: Entra's are GUIDs; nothing that could split or forge an actor. */
const OBJECT_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The roles a council's identity provider may grant: council-side and self-service roles only, never a bureau role.
 * A council's directory is administered by the council, not by the bureau: if its roleMap could name `bureau-admin`
 * or `payroll-operator`, whoever administers that directory (or compromises it) could give themselves the bureau's
 * rights, and bureau roles act for every council the bureau serves, not just theirs. Bureau staff authenticate with
 * API keys the bureau issues. Derived from ROLES, so a new bureau role is refused without a change here.
 */
export const IDENTITY_PROVIDER_ROLES: readonly Role[] = ROLE_NAMES.filter((role) => ROLES[role].side !== 'bureau');

// ---------------------------------------------------------------------------------------------------------------------
// Configuration

const visibleAscii = (max: number) =>
  z
    .string()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters (no spaces, control or non-ASCII characters)');

function isLocalHost(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** An https URL (http only to this machine, for a development identity provider). */
const httpsUrl = (what: string) =>
  visibleAscii(2048).refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url));
  }, `must be an https URL (${what})`);

const roleValue = z
  .enum(ROLE_NAMES, { error: () => `must be one of ${IDENTITY_PROVIDER_ROLES.join(', ')}` })
  .superRefine((role, context) => {
    if (!IDENTITY_PROVIDER_ROLES.includes(role))
      context.addIssue({
        code: 'custom',
        message: `is a bureau role, which a council's identity provider cannot grant (only ${IDENTITY_PROVIDER_ROLES.join(', ')})`,
      });
  });

const IssuerSchema = z
  .strictObject({
    issuer: httpsUrl('the token\'s "iss", e.g. https://login.microsoftonline.com/<tenant id>/v2.0'),
    audience: visibleAscii(256),
    jwksUri: httpsUrl(
      "the issuer's JWKS, e.g. https://login.microsoftonline.com/<tenant id>/discovery/v2.0/keys",
    ).optional(),
    jwksFile: z.string().min(1, 'must not be empty').max(4096, 'must be at most 4096 characters').optional(),
    tenantId: visibleAscii(128).regex(OBJECT_ID, 'must be letters, digits, ".", "-" or "_" (the directory id)'),
    councilId: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/,
        'must be 1-64 letters, digits, "-" or "_", starting with a letter or digit',
      )
      .transform((id) => id.toLowerCase()),
    rolesClaim: visibleAscii(128).default(DEFAULT_ROLES_CLAIM),
    recipientsClaim: visibleAscii(128).default(DEFAULT_RECIPIENTS_CLAIM),
    employmentsClaim: visibleAscii(128).default(DEFAULT_EMPLOYMENTS_CLAIM),
    roleMap: z
      .record(z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'), roleValue)
      .refine((map) => Object.keys(map).length > 0, 'must map at least one role'),
  })
  .superRefine((value, context) => {
    if (value.jwksUri === undefined && value.jwksFile === undefined) {
      context.addIssue({ code: 'custom', path: ['jwksUri'], message: 'is required (or jwksFile, a local JWKS file)' });
    } else if (value.jwksUri !== undefined && value.jwksFile !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['jwksFile'],
        message: 'must not be given with jwksUri: give exactly one of them',
      });
    }
    // An Entra ID v2 issuer names its tenant; a mismatch would refuse every token as "unknown tenant", so say it now.
    if (
      URL.canParse(value.issuer) &&
      new URL(value.issuer).hostname === ENTRA_HOST &&
      value.issuer !== `https://${ENTRA_HOST}/${value.tenantId}/v2.0`
    ) {
      context.addIssue({
        code: 'custom',
        path: ['issuer'],
        message: `must be https://${ENTRA_HOST}/<tenantId>/v2.0 for Entra ID (v2 tokens of the configured tenant)`,
      });
    }
  });

const IssuersSchema = z
  .array(IssuerSchema)
  .min(1, 'must name at least one identity provider (leave the setting unset to accept API keys only)')
  .superRefine((issuers, context) => {
    const first = new Map<string, number>();
    issuers.forEach((entry, index) => {
      const earlier = first.get(entry.issuer);
      if (earlier === undefined) first.set(entry.issuer, index);
      else
        context.addIssue({
          code: 'custom',
          path: [index, 'issuer'],
          message: `repeats the issuer of entry ${earlier}: configure each issuer once`,
        });
    });
  });

function pathOf(source: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, part) => {
    if (typeof part === 'number') return `${text}[${part}]`;
    const key = String(part);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${text}.${key}` : `${text}[${JSON.stringify(key)}]`;
  }, source);
}

function ruleOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined || issue.input === null) return 'is required';
    const words: Record<string, string> = { string: 'text', array: 'a list', object: 'an object', record: 'an object' };
    return `must be ${words[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'unrecognized_keys') return 'is not a field of an identity provider';
  return issue.message;
}

/**
 * The council identity providers of `DPE_OIDC_ISSUERS` (already parsed from JSON), validated: an InvalidInput names
 * every bad field by its path, e.g. `DPE_OIDC_ISSUERS[0].jwksUri`. `rolesClaim` defaults to `roles`; council ids are
 * lower-cased. The JWKS file is read by createOidcVerifier, not here.
 */
export function parseOidcIssuers(json: unknown, source: string = OIDC_ISSUERS_SETTING): OidcIssuer[] {
  const result = IssuersSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const seen = new Set<string>();
  const issues: InputIssue[] = [];
  for (const issue of result.error.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key]) : [issue.path];
    for (const path of paths) {
      const text = pathOf(source, path);
      if (!seen.has(text)) issues.push({ path: text, rule: ruleOf(issue) });
      seen.add(text);
    }
  }
  throw InvalidInput.of(issues);
}

// ---------------------------------------------------------------------------------------------------------------------
// Keys

/** Public signing keys only: a private key (`d`, RSA `p`/`q`...) or a symmetric key (`oct`) has no place in a JWKS. */
const PublicJwk = z
  .looseObject({ kty: z.enum(['RSA', 'EC'], { error: () => 'must be RSA or EC (public signing keys only)' }) })
  .superRefine((key, context) => {
    for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) {
      if (secret in key)
        context.addIssue({
          code: 'custom',
          path: [secret],
          message: 'is private key material: the file must hold public keys only',
        });
    }
  });
const JwksFile = z.looseObject({ keys: z.array(PublicJwk).min(1, 'must hold at least one key') });

function readJwksFile(file: string, field: string): JWTVerifyGetKey {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InvalidInput(field, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InvalidInput(field, 'is not valid JSON (a JSON Web Key Set {"keys": [...]})');
  }
  const result = JwksFile.safeParse(json, { reportInput: true });
  if (!result.success) {
    const [issue] = result.error.issues;
    const where = issue && issue.path.length > 0 ? ` (${pathOf('', issue.path).replace(/^\./, '')})` : '';
    throw new InvalidInput(
      field,
      `is not a JSON Web Key Set of public signing keys${where}: ${issue ? ruleOf(issue) : 'invalid'}`,
    );
  }
  return createLocalJWKSet(result.data as Parameters<typeof createLocalJWKSet>[0]);
}

// ---------------------------------------------------------------------------------------------------------------------
// Verification

const unauthenticated = (code: string, message: string) => new EdgeError('unauthenticated', code, message);

/** A jose failure in the engine's words; never the token, a claim's value or jose's own message. */
function refusal(error: unknown): EdgeError {
  const code = error instanceof errors.JOSEError ? error.code : undefined;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return unauthenticated('token.expired', 'the token has expired: sign in again');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const { claim, reason } = error as errors.JWTClaimValidationFailed;
      if (claim === 'aud')
        return unauthenticated('token.audience-mismatch', 'the token was not issued for this API (aud)');
      if (claim === 'nbf') return unauthenticated('token.not-yet-valid', 'the token is not valid yet (nbf)');
      if (claim === 'iss')
        return unauthenticated('token.issuer-unknown', 'the token was not issued by a configured identity provider');
      if (reason === 'missing') return unauthenticated('token.invalid', `the token has no "${claim}" claim`);
      return unauthenticated('token.invalid', `the token's "${claim}" claim is not valid`);
    }
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return unauthenticated(
        'token.algorithm-refused',
        `the token must be signed with ${OIDC_ALGORITHMS.join(' or ')}`,
      );
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return unauthenticated(
        'token.signature-invalid',
        "the token's signature is not by a key of its identity provider",
      );
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return unauthenticated('token.invalid', 'the token does not name its signing key (kid)');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return unauthenticated('token.invalid', 'the bearer token is not a well-formed signed JWT');
    default:
      // The JWKS endpoint timed out, answered an error or something that is not a key set, or a configured key cannot
      // be used: not the caller's fault, and a 401 would only make them sign in again.
      return new EdgeError(
        'unavailable',
        'token.keys-unavailable',
        "the identity provider's signing keys cannot be fetched or used; try again later",
      );
  }
}

/** The values of the roles claim: an array of strings (a single string is taken as one); anything else is none. */
function claimedRoles(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((entry): entry is string => typeof entry === 'string') : [];
}

/**
 * The ids of the recipients (or employments) claim, lower-cased; values that are not such ids are none. Employment
 * ids have the recipient id's form (identifier(64), case-insensitive).
 */
function claimedIds(value: unknown): string[] {
  const values =
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.slice(0, MAX_CLAIMED_RECIPIENTS) : [];
  return [
    ...new Set(
      values
        .filter((entry): entry is string => typeof entry === 'string' && RECIPIENT_ID.test(entry))
        .map((id) => id.toLowerCase()),
    ),
  ];
}

interface Configured {
  readonly issuer: OidcIssuer;
  readonly rolesClaim: string;
  readonly recipientsClaim: string;
  readonly employmentsClaim: string;
  /** A Map, not the config object: a claimed role such as `constructor` or `__proto__` must map to nothing. */
  readonly roleMap: ReadonlyMap<string, Role>;
  readonly keys: JWTVerifyGetKey;
}

/**
 * A verifier of the given issuers' bearer tokens. The issuers are validated again (so a configuration built in code
 * cannot grant bureau roles either), a `jwksFile` is read once, now, and a `jwksUri` is fetched when first needed and
 * cached (jose refetches on an unknown `kid`, at most every 30 seconds).
 *
 * A token is accepted only if: its issuer (picked by its unverified `iss`) is configured; its signature verifies with
 * RS256 or ES256 against that issuer's keys; `aud` is the issuer's audience; `exp` is present and `exp`/`nbf` hold
 * within 60 seconds of skew; `tid` is the issuer's tenant; and `oid` is present. Its roles claim is mapped through
 * roleMap, values without a mapping ignored; a token with no mapped role gives a principal with no roles, which every
 * route's policy refuses with 403 (authenticated, but not allowed), rather than a 401 that would send the user to sign
 * in again to no avail.
 */
export function createOidcVerifier(issuers: readonly OidcIssuer[]): OidcVerifier {
  const valid = parseOidcIssuers(issuers);
  const byIssuer = new Map<string, Configured>(
    valid.map((issuer, index) => [
      issuer.issuer,
      {
        issuer,
        rolesClaim: issuer.rolesClaim ?? DEFAULT_ROLES_CLAIM,
        recipientsClaim: issuer.recipientsClaim ?? DEFAULT_RECIPIENTS_CLAIM,
        employmentsClaim: issuer.employmentsClaim ?? DEFAULT_EMPLOYMENTS_CLAIM,
        roleMap: new Map(Object.entries(issuer.roleMap)),
        keys:
          issuer.jwksUri !== undefined
            ? createRemoteJWKSet(new URL(issuer.jwksUri))
            : readJwksFile(issuer.jwksFile!, `${OIDC_ISSUERS_SETTING}[${index}].jwksFile`),
      },
    ]),
  );

  return {
    async verify(token, now) {
      if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH)
        throw unauthenticated('token.invalid', 'the bearer token is not a well-formed signed JWT');
      // Unverified, and used only to choose whose keys to verify with: nothing else is read before the signature holds.
      let unverified: JWTPayload;
      try {
        unverified = decodeJwt(token);
      } catch {
        throw unauthenticated('token.invalid', 'the bearer token is not a well-formed signed JWT');
      }
      const configured = typeof unverified.iss === 'string' ? byIssuer.get(unverified.iss) : undefined;
      if (!configured)
        throw unauthenticated('token.issuer-unknown', 'the token was not issued by a configured identity provider');
      const { issuer } = configured;

      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, configured.keys, {
          issuer: issuer.issuer,
          audience: issuer.audience,
          algorithms: [...OIDC_ALGORITHMS],
          clockTolerance: OIDC_CLOCK_TOLERANCE_SECONDS,
          requiredClaims: ['exp'],
          ...(now ? { currentDate: now } : {}),
        }));
      } catch (error) {
        throw refusal(error);
      }

      const tid = payload['tid'];
      if (typeof tid !== 'string' || tid !== issuer.tenantId)
        throw unauthenticated(
          'token.tenant-unknown',
          "unknown tenant: the token's tid is not the directory configured for its issuer",
        );
      const oid = payload['oid'];
      if (typeof oid !== 'string' || !OBJECT_ID.test(oid))
        throw unauthenticated('token.invalid', 'the token has no object id (oid) claim identifying the user');

      const granted = new Set<Role>();
      for (const value of claimedRoles(payload[configured.rolesClaim])) {
        const role = configured.roleMap.get(value);
        if (role !== undefined) granted.add(role);
      }
      const roles = ROLE_NAMES.filter((role) => granted.has(role));
      const principal: Principal = { actor: `oidc:${tid}/${oid}`, kind: 'oidc', roles, councils: [issuer.councilId] };
      // An employer or PA acts for the recipients the identity provider says they are; without the claim, for none.
      if (!roles.some((role) => ROLES[role].side === 'self')) return principal;
      const recipients = claimedIds(payload[configured.recipientsClaim]);
      // A PA reads only its own employments' records, named by their own claim; without it, none.
      if (!roles.includes('pa')) return { ...principal, recipients };
      return { ...principal, recipients, employments: claimedIds(payload[configured.employmentsClaim]) };
    },
  };
}
