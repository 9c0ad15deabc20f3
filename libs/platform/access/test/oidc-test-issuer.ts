import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type JWTPayload, type KeyLike } from 'jose';
import type { OidcIssuer } from '../src/oidc';

/**
 * A council's identity provider for tests (never production code): an RS256 and an ES256 key pair, their public keys
 * in a JWKS file (as an Entra tenant publishes them: `kid`, `use: sig`, no private parts), its issuer configuration,
 * and a signer of Entra v2-shaped access tokens (`tid`, `oid`, `roles`).
 */
export interface TestIssuer {
  readonly config: OidcIssuer;
  readonly tenantId: string;
  readonly jwksFile: string;
  readonly rsa: KeyPair;
  readonly ec: KeyPair;
  /** The kid each key is published under. */
  readonly kids: { readonly RS256: string; readonly ES256: string };
  /** A token as the identity provider issues it, with any claim or header overridden (`undefined` removes a claim). */
  sign(claims?: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** The claims `sign` puts in a token by default, at `now`. */
  claims(now: Date, overrides?: Record<string, unknown>): JWTPayload;
}

export interface SignOptions {
  readonly alg?: 'RS256' | 'ES256';
  /** Another key (one not in the JWKS, say); signs with `alg`. */
  readonly key?: KeyLike | Uint8Array;
  /** The kid in the header; `null` leaves it out. */
  readonly kid?: string | null;
  /** The time the token's iat, nbf and exp are relative to (nbf = iat = now, exp = now + 1 hour, unless overridden). */
  readonly now?: Date;
}

interface KeyPair {
  readonly publicKey: KeyLike;
  readonly privateKey: KeyLike;
}

export async function generateTestIssuer(
  dir: string,
  options: {
    tenantId?: string;
    councilId?: string;
    audience?: string;
    roleMap?: OidcIssuer['roleMap'];
    name?: string;
  } = {},
): Promise<TestIssuer> {
  const tenantId = options.tenantId ?? '3f5c0e2a-1b7d-4c8e-9a6f-2d1e4b7a9c10';
  const name = options.name ?? 'issuer';
  const rsa = await generateKeyPair('RS256');
  const ec = await generateKeyPair('ES256');
  const kids = { RS256: `${name}-rsa-1`, ES256: `${name}-ec-1` };
  const jwksFile = join(dir, `${name}-jwks.json`);
  const jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: kids.RS256, use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: kids.ES256, use: 'sig' },
    ],
  };
  writeFileSync(jwksFile, JSON.stringify(jwks, null, 2));
  const config: OidcIssuer = {
    issuer: `https://login.microsoftonline.com/${tenantId}/v2.0`,
    audience: options.audience ?? '6e0a1d2c-9b8a-4f5e-8d9c-0b1a2c3d4e5f',
    jwksFile,
    tenantId,
    councilId: options.councilId ?? 'kent',
    roleMap: options.roleMap ?? { 'DP.Finance': 'council-finance', 'DP.Audit': 'auditor' },
  };

  const claims = (now: Date, overrides: Record<string, unknown> = {}): JWTPayload => {
    const seconds = Math.floor(now.getTime() / 1000);
    const all: Record<string, unknown> = {
      iss: config.issuer,
      aud: config.audience,
      iat: seconds,
      nbf: seconds,
      exp: seconds + 3600,
      ver: '2.0',
      tid: tenantId,
      oid: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      // Entra also sends these; the engine must never identify the user by them.
      preferred_username: 'alex.morgan@kent.gov.uk',
      email: 'alex.morgan@kent.gov.uk',
      roles: ['DP.Finance'],
      ...overrides,
    };
    for (const key of Object.keys(all)) if (all[key] === undefined) delete all[key];
    return all as JWTPayload;
  };

  return {
    config,
    tenantId,
    jwksFile,
    rsa,
    ec,
    kids,
    claims,
    async sign(overrides = {}, { alg = 'RS256', key, kid, now = new Date() } = {}) {
      const header = kid === null ? { alg, typ: 'JWT' } : { alg, typ: 'JWT', kid: kid ?? kids[alg] };
      return new SignJWT(claims(now, overrides))
        .setProtectedHeader(header)
        .sign(key ?? (alg === 'RS256' ? rsa.privateKey : ec.privateKey));
    },
  };
}
