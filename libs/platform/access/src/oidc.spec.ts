import { createHmac, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createOidcVerifier, parseOidcIssuers, type OidcVerifier } from '@dpe/access';

// A council's Entra ID tenant, simulated with a local JWKS: the engine sees only tokens and keys, as in production.
const TENANT = '3f5c0e2a-1b7d-4c8e-9a6f-2d1e4b7a9c10';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const AUDIENCE = 'api://dp-engine';
const OID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

describe('bearer tokens from a council identity provider', () => {
  let dir: string;
  let rsa: { privateKey: KeyLike; publicKey: KeyLike };
  let ec: { privateKey: KeyLike; publicKey: KeyLike };
  let stranger: { privateKey: KeyLike; publicKey: KeyLike };
  let verifier: OidcVerifier;
  let publicPem: string;

  const claims = (overrides: Record<string, unknown> = {}) => ({
    tid: TENANT,
    oid: OID,
    roles: ['DP.Finance'],
    ...overrides,
  });
  const sign = (
    key: KeyLike,
    alg: 'RS256' | 'ES256',
    payload: Record<string, unknown> = claims(),
    options: { iss?: string; aud?: string; exp?: number; nbf?: number; kid?: string } = {},
  ) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg, kid: options.kid ?? alg })
      .setIssuer(options.iss ?? ISSUER)
      .setAudience(options.aud ?? AUDIENCE)
      .setIssuedAt()
      .setNotBefore(options.nbf ?? nowSeconds() - 10)
      .setExpirationTime(options.exp ?? nowSeconds() + 600)
      .sign(key);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-oidc-'));
    rsa = await generateKeyPair('RS256');
    ec = await generateKeyPair('ES256');
    stranger = await generateKeyPair('RS256');
    const jwks = {
      keys: [
        { ...(await exportJWK(rsa.publicKey)), kid: 'RS256', alg: 'RS256' },
        { ...(await exportJWK(ec.publicKey)), kid: 'ES256', alg: 'ES256' },
      ],
    };
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
    publicPem = (rsa.publicKey as unknown as KeyObject).export({ type: 'spki', format: 'pem' }).toString();
    verifier = createOidcVerifier(
      parseOidcIssuers([
        {
          issuer: ISSUER,
          audience: AUDIENCE,
          jwksFile: join(dir, 'jwks.json'),
          tenantId: TENANT,
          councilId: 'Kent',
          roleMap: { 'DP.Finance': 'council-finance', 'DP.Audit': 'auditor' },
        },
      ]),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a valid RS256 token, then the principal is the tenant and object id, with mapped roles and the council', async () => {
    await expect(verifier.verify(await sign(rsa.privateKey, 'RS256'))).resolves.toEqual({
      actor: `oidc:${TENANT}/${OID}`,
      kind: 'oidc',
      roles: ['council-finance'],
      councils: ['kent'],
    });
  });

  it('given a valid ES256 token, then it is accepted too', async () => {
    await expect(
      verifier.verify(await sign(ec.privateKey, 'ES256', claims({ roles: ['DP.Audit'] }))),
    ).resolves.toMatchObject({ roles: ['auditor'] });
  });

  it('given roles outside the role map (a bureau role, say), then they are ignored', async () => {
    const principal = await verifier.verify(
      await sign(rsa.privateKey, 'RS256', claims({ roles: ['bureau-admin', 'Global.Admin'] })),
    );
    expect(principal.roles).toEqual([]);
  });

  it('given a token expired 30 s ago, then it is still accepted (60 s of skew)', async () => {
    await expect(
      verifier.verify(await sign(rsa.privateKey, 'RS256', claims(), { exp: nowSeconds() - 30 })),
    ).resolves.toMatchObject({ kind: 'oidc' });
  });

  it.each<[string, () => Promise<string>, string]>([
    ['a wrong audience', () => sign(rsa.privateKey, 'RS256', claims(), { aud: 'api://someone-else' }), 'token.claim'],
    [
      'a wrong issuer',
      () => sign(rsa.privateKey, 'RS256', claims(), { iss: 'https://login.microsoftonline.com/evil/v2.0' }),
      'token.issuer-unknown',
    ],
    [
      'an unknown tenant',
      () => sign(rsa.privateKey, 'RS256', claims({ tid: 'another-tenant' })),
      'token.tenant-unknown',
    ],
    [
      'an expiry two minutes ago',
      () => sign(rsa.privateKey, 'RS256', claims(), { exp: nowSeconds() - 120 }),
      'token.expired',
    ],
    [
      'a start two minutes ahead',
      () => sign(rsa.privateKey, 'RS256', claims(), { nbf: nowSeconds() + 120 }),
      'token.not-yet-valid',
    ],
    ['no object id', () => sign(rsa.privateKey, 'RS256', claims({ oid: undefined })), 'token.subject'],
    ['a key not in the JWKS', () => sign(stranger.privateKey, 'RS256', claims(), { kid: 'RS256' }), 'token.invalid'],
    [
      'alg: none',
      async () =>
        `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims(), iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 600 })}.`,
      'token.algorithm',
    ],
    [
      'HS256 signed with the public key as the secret (key confusion)',
      async () => {
        const unsigned = `${b64url({ alg: 'HS256', typ: 'JWT', kid: 'RS256' })}.${b64url({ ...claims(), iss: ISSUER, aud: AUDIENCE, exp: nowSeconds() + 600 })}`;
        return `${unsigned}.${createHmac('sha256', publicPem).update(unsigned).digest('base64url')}`;
      },
      'token.algorithm',
    ],
    ['not a JWT at all', async () => 'definitely-not-a-token', 'token.invalid'],
  ])('given %s, then it is refused as unauthenticated', async (_what, token, code) => {
    const presented = await token();
    const error = await verifier.verify(presented).then(
      () => undefined,
      (refusal: unknown) => refusal,
    );
    expect(error).toMatchObject({ kind: 'unauthenticated', code });
    expect((error as Error).message).not.toContain(presented.slice(0, 20));
  });
});

describe('DPE_OIDC_ISSUERS', () => {
  const valid = {
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
    tenantId: TENANT,
    councilId: 'kent',
    roleMap: {},
  };

  it('names each bad field by its path', () => {
    expect(() => parseOidcIssuers([{ ...valid, jwksUri: 'http://insecure.example/keys' }])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'DPE_OIDC_ISSUERS.0.jwksUri' })] }),
    );
    expect(() => parseOidcIssuers([{ ...valid, tenantId: undefined }])).toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ path: 'DPE_OIDC_ISSUERS.0.tenantId', rule: 'is required' })],
      }),
    );
  });

  it('refuses a role map that grants a bureau role', () => {
    expect(() => parseOidcIssuers([{ ...valid, roleMap: { 'DP.Admin': 'bureau-admin' } }])).toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            path: 'DPE_OIDC_ISSUERS.0.roleMap.DP.Admin',
            rule: expect.stringContaining('cannot grant bureau roles'),
          }),
        ],
      }),
    );
  });

  it('needs exactly one of jwksUri and jwksFile', () => {
    expect(() => parseOidcIssuers([{ ...valid, jwksFile: '/etc/dpe/jwks.json' }])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'DPE_OIDC_ISSUERS.0.jwksUri' })] }),
    );
  });
});
