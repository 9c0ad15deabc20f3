import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { EdgeError, InvalidInput } from '@dpe/errors';
import { parseInput, z } from '@dpe/schema';
import type { Principal } from './principal';
import type { Role } from './roles';

/**
 * A council's identity provider (most councils use Microsoft Entra ID): which tokens it issues for this engine, and
 * which council and roles they carry. Defaults fit Entra v2 tokens: tenant in `tid`, user in `oid`, app roles in `roles`.
 */
export interface OidcIssuer {
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri?: string;
  readonly jwksFile?: string;
  readonly tenantId: string;
  readonly councilId: string;
  readonly rolesClaim: string;
  readonly roleMap: Readonly<Record<string, Role>>;
}

// A council's identity provider speaks for the council's own people only: if it could grant bureau roles, one
// council's IT could make its staff payroll operators for every council the bureau serves.
const COUNCIL_SIDE_ROLES = ['council-finance', 'auditor', 'employer', 'pa'] as const;

const IssuerSchema = z
  .strictObject({
    issuer: z.url({ error: 'must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0' }),
    audience: z.string().min(1, 'is required'),
    jwksUri: z.url({ protocol: /^https$/, error: 'must be an https URL' }).optional(),
    jwksFile: z.string().min(1).optional(),
    tenantId: z.string().min(1, 'is required'),
    councilId: z
      .string()
      .min(1, 'is required')
      .transform((id) => id.toLowerCase()),
    rolesClaim: z.string().min(1).default('roles'),
    roleMap: z.record(
      z.string(),
      z.enum(COUNCIL_SIDE_ROLES, {
        error: () =>
          `must be one of ${COUNCIL_SIDE_ROLES.join(', ')} (a council identity provider cannot grant bureau roles)`,
      }),
    ),
  })
  .superRefine((issuer, context) => {
    if ((issuer.jwksUri === undefined) === (issuer.jwksFile === undefined)) {
      context.addIssue({ code: 'custom', path: ['jwksUri'], message: 'give exactly one of jwksUri and jwksFile' });
    }
  });

/** Reads DPE_OIDC_ISSUERS's JSON, naming any bad field by its path (e.g. DPE_OIDC_ISSUERS.0.jwksUri). */
export function parseOidcIssuers(json: unknown): OidcIssuer[] {
  try {
    return parseInput(z.array(IssuerSchema), json);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw InvalidInput.of(error.issues.map((issue) => ({ path: `DPE_OIDC_ISSUERS.${issue.path}`, rule: issue.rule })));
  }
}

const refuse = (code: string, message: string) => new EdgeError('unauthenticated', code, message);

/** What went wrong with a token, in words that never echo the token. */
function translate(error: unknown): EdgeError {
  if (error instanceof EdgeError) return error;
  if (error instanceof joseErrors.JWTExpired) return refuse('token.expired', 'the token has expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (claim === 'nbf') return refuse('token.not-yet-valid', 'the token is not valid yet');
    return refuse('token.claim', `the token's ${claim} claim is not accepted here`);
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return refuse('token.algorithm', 'the token is not signed with RS256 or ES256');
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return refuse('token.key-unknown', "the token is signed with a key the issuer's JWKS does not hold");
  return refuse('token.invalid', 'the token is not a valid signed JWT from a configured issuer');
}

export interface OidcVerifier {
  verify(token: string, now?: Date): Promise<Principal>;
}

/**
 * Verifies bearer tokens against each configured issuer's JWKS: signature, `iss`, `aud`, `exp`/`nbf` with at most 60 s
 * of skew, asymmetric algorithms only (RS256, ES256: `alg: none` and HS256 are refused, so a token "signed" with the
 * public key as an HMAC secret never passes). The user is tenant id + object id, never an email address. A token whose
 * roles map to none of ours authenticates with no roles, so every route answers 403.
 */
export function createOidcVerifier(issuers: readonly OidcIssuer[]): OidcVerifier {
  const keySets = new Map<string, { issuer: OidcIssuer; keys: JWTVerifyGetKey }>();
  for (const issuer of issuers) {
    const keys = issuer.jwksUri
      ? createRemoteJWKSet(new URL(issuer.jwksUri))
      : createLocalJWKSet(
          JSON.parse(readFileSync(issuer.jwksFile!, 'utf8')) as Parameters<typeof createLocalJWKSet>[0],
        );
    keySets.set(issuer.issuer, { issuer, keys });
  }
  return {
    async verify(token, now) {
      try {
        let unverifiedIssuer: string | undefined;
        try {
          unverifiedIssuer = decodeJwt(token).iss;
        } catch {
          throw refuse('token.invalid', 'the bearer credential is neither an API key nor a JWT');
        }
        // The unverified issuer only picks which keys to verify with; everything is checked against them below.
        const entry = unverifiedIssuer ? keySets.get(unverifiedIssuer) : undefined;
        if (!entry) throw refuse('token.issuer-unknown', 'the token comes from an issuer that is not configured');
        const { issuer, keys } = entry;
        const { payload } = await jwtVerify(token, keys, {
          issuer: issuer.issuer,
          audience: issuer.audience,
          algorithms: ['RS256', 'ES256'],
          clockTolerance: 60,
          ...(now ? { currentDate: now } : {}),
        });
        if (payload['tid'] !== issuer.tenantId)
          throw refuse('token.tenant-unknown', 'the token is from a tenant that is not configured for its issuer');
        const oid = payload['oid'];
        if (typeof oid !== 'string' || oid === '') throw refuse('token.subject', 'the token has no object id (oid)');
        const claimed = payload[issuer.rolesClaim];
        const names = Array.isArray(claimed) ? claimed.filter((r): r is string => typeof r === 'string') : [];
        const roles = [...new Set(names.flatMap((name) => (issuer.roleMap[name] ? [issuer.roleMap[name]] : [])))];
        return { actor: `oidc:${issuer.tenantId}/${oid}`, kind: 'oidc', roles, councils: [issuer.councilId] };
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
