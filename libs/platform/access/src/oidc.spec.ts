import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EdgeError, InvalidInput } from '@dpe/errors';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type KeyLike } from 'jose';
import { generateTestIssuer, type TestIssuer } from '../test/oidc-test-issuer';
import { createOidcVerifier, parseOidcIssuers, type OidcIssuer, type OidcVerifier } from './oidc';

// Councils' Entra ID tenants, simulated with local JWKS files: the engine sees only tokens and public keys, as in
// production. Every token is checked at one fixed instant, so the clock-skew cases are exact.
const NOW = new Date('2026-03-02T10:00:00Z');
const SECONDS = Math.floor(NOW.getTime() / 1000);
const KENT_TENANT = '3f5c0e2a-1b7d-4c8e-9a6f-2d1e4b7a9c10';
const LEEDS_TENANT = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
const OID = '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

async function refusalOf(attempt: Promise<unknown>): Promise<EdgeError> {
  const outcome = await attempt.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof EdgeError)) throw new Error(`expected an EdgeError, got ${String(outcome)}`);
  return outcome;
}

function configError(attempt: () => unknown): InvalidInput {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidInput) return error;
    throw error;
  }
  throw new Error('expected an InvalidInput');
}

let dir: string;
let kent: TestIssuer;
let leeds: TestIssuer;
let stranger: { privateKey: KeyLike; publicKey: KeyLike };
let verifier: OidcVerifier;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dpe-oidc-'));
  kent = await generateTestIssuer(dir, { name: 'kent', tenantId: KENT_TENANT, councilId: 'Kent' });
  leeds = await generateTestIssuer(dir, {
    name: 'leeds',
    tenantId: LEEDS_TENANT,
    councilId: 'leeds',
    roleMap: { 'Payroll.Auditor': 'auditor' },
  });
  stranger = await generateKeyPair('RS256');
  verifier = createOidcVerifier(parseOidcIssuers([kent.config, leeds.config]));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bearer tokens from a council identity provider (Entra ID v2)', () => {
  describe('accepted tokens', () => {
    it('given a valid RS256 token from Kent, when verified, then the principal is its tenant and object id, with its mapped roles, in Kent only', async () => {
      const token = await kent.sign({}, { now: NOW });
      await expect(verifier.verify(token, NOW)).resolves.toEqual({
        actor: `oidc:${KENT_TENANT}/${OID}`,
        kind: 'oidc',
        roles: ['council-finance'],
        councils: ['kent'],
      });
    });

    it('given a valid ES256 token, when verified, then it is accepted the same way', async () => {
      const token = await kent.sign({ roles: ['DP.Audit'] }, { alg: 'ES256', now: NOW });
      await expect(verifier.verify(token, NOW)).resolves.toEqual({
        actor: `oidc:${KENT_TENANT}/${OID}`,
        kind: 'oidc',
        roles: ['auditor'],
        councils: ['kent'],
      });
    });

    it("given a valid token from a second council's tenant, when verified, then it is mapped through that issuer's own configuration", async () => {
      const token = await leeds.sign({ roles: ['Payroll.Auditor', 'DP.Finance'], oid: 'leeds-user-1' }, { now: NOW });
      await expect(verifier.verify(token, NOW)).resolves.toEqual({
        actor: `oidc:${LEEDS_TENANT}/leeds-user-1`,
        kind: 'oidc',
        roles: ['auditor'],
        councils: ['leeds'],
      });
    });

    it('given a token carrying an email and a UPN, when verified, then the actor is still tenant id and object id only', async () => {
      const principal = await verifier.verify(await kent.sign({}, { now: NOW }), NOW);
      expect(principal.actor).toBe(`oidc:${KENT_TENANT}/${OID}`);
      expect(JSON.stringify(principal)).not.toContain('kent.gov.uk');
    });

    it('given both mapped roles, repeated, when verified, then each role appears once', async () => {
      const token = await kent.sign({ roles: ['DP.Audit', 'DP.Finance', 'DP.Audit'] }, { now: NOW });
      await expect(verifier.verify(token, NOW)).resolves.toMatchObject({ roles: ['council-finance', 'auditor'] });
    });

    it('given roles the council IdP tries to grant outside its roleMap (bureau roles among them), when verified, then they are ignored', async () => {
      const token = await kent.sign(
        {
          roles: [
            'bureau-admin',
            'payroll-operator',
            'Global.Admin',
            'constructor',
            '__proto__',
            'toString',
            'DP.Audit',
          ],
        },
        { now: NOW },
      );
      await expect(verifier.verify(token, NOW)).resolves.toMatchObject({ roles: ['auditor'] });
    });

    it.each<[string, Record<string, unknown>]>([
      ['only unmapped roles', { roles: ['Some.Other.Role'] }],
      ['no roles claim at all', { roles: undefined }],
      ['a roles claim that is not a list', { roles: { 'DP.Finance': true } }],
    ])(
      'given a token with %s, when verified, then it authenticates with no roles (so every route answers 403, not 401)',
      async (_what, claims) => {
        const token = await kent.sign(claims, { now: NOW });
        await expect(verifier.verify(token, NOW)).resolves.toMatchObject({
          kind: 'oidc',
          roles: [],
          councils: ['kent'],
        });
      },
    );

    it('given a token that expired 30 s ago, when verified, then it is still accepted (clock skew of at most 60 s)', async () => {
      const token = await kent.sign({ exp: SECONDS - 30 }, { now: NOW });
      await expect(verifier.verify(token, NOW)).resolves.toMatchObject({ kind: 'oidc' });
    });

    it('given a token valid only from 30 s ahead, when verified, then it is still accepted (clock skew of at most 60 s)', async () => {
      const token = await kent.sign({ nbf: SECONDS + 30, iat: SECONDS + 30 }, { now: NOW });
      await expect(verifier.verify(token, NOW)).resolves.toMatchObject({ kind: 'oidc' });
    });

    it('given a role claim configured under another name, when verified, then that claim is mapped', async () => {
      const custom = createOidcVerifier([
        { ...kent.config, rolesClaim: 'groups', roleMap: { 'a1b2-group': 'auditor' } },
      ]);
      const token = await kent.sign({ groups: ['a1b2-group'], roles: ['DP.Finance'] }, { now: NOW });
      await expect(custom.verify(token, NOW)).resolves.toMatchObject({ roles: ['auditor'] });
    });
  });

  describe('an employer signing in', () => {
    const employers = () =>
      createOidcVerifier([{ ...kent.config, roleMap: { 'DP.Employer': 'employer', 'DP.Finance': 'council-finance' } }]);

    it('given an employer token naming its recipients, when verified, then it acts for those recipients only (ids lower-cased, each once)', async () => {
      const token = await kent.sign(
        { roles: ['DP.Employer'], dpe_recipients: ['R-1002', 'r-1002', 'r-2040', 'not an id', 42] },
        { now: NOW },
      );
      await expect(employers().verify(token, NOW)).resolves.toEqual({
        actor: `oidc:${KENT_TENANT}/${OID}`,
        kind: 'oidc',
        roles: ['employer'],
        councils: ['kent'],
        recipients: ['r-1002', 'r-2040'],
      });
    });

    it('given an employer token without the recipients claim, when verified, then it acts for no recipient', async () => {
      const token = await kent.sign({ roles: ['DP.Employer'] }, { now: NOW });
      await expect(employers().verify(token, NOW)).resolves.toMatchObject({ roles: ['employer'], recipients: [] });
    });

    it('given a staff token carrying the claim, when verified, then the claim is not read (only the self-service roles act for recipients)', async () => {
      const token = await kent.sign({ roles: ['DP.Finance'], dpe_recipients: ['r-1002'] }, { now: NOW });
      const principal = await employers().verify(token, NOW);
      expect(principal.recipients).toBeUndefined();
    });
  });

  describe('a PA signing in', () => {
    const pas = () => createOidcVerifier([{ ...kent.config, roleMap: { 'DP.PA': 'pa', 'DP.Employer': 'employer' } }]);

    it('given a PA token naming its employer and its employments, when verified, then it holds those employments only', async () => {
      const token = await kent.sign(
        { roles: ['DP.PA'], dpe_recipients: ['R-1002'], dpe_employments: ['E-77', 'e-77', 'e-91', 'no spaces'] },
        { now: NOW },
      );
      await expect(pas().verify(token, NOW)).resolves.toEqual({
        actor: `oidc:${KENT_TENANT}/${OID}`,
        kind: 'oidc',
        roles: ['pa'],
        councils: ['kent'],
        recipients: ['r-1002'],
        employments: ['e-77', 'e-91'],
      });
    });

    it('given a PA token without the employments claim, when verified, then it holds no employment', async () => {
      const token = await kent.sign({ roles: ['DP.PA'], dpe_recipients: ['r-1002'] }, { now: NOW });
      await expect(pas().verify(token, NOW)).resolves.toMatchObject({ roles: ['pa'], employments: [] });
    });

    it('given an employer token carrying the employments claim, when verified, then the claim is not read', async () => {
      const token = await kent.sign({ roles: ['DP.Employer'], dpe_employments: ['e-77'] }, { now: NOW });
      const principal = await pas().verify(token, NOW);
      expect(principal.employments).toBeUndefined();
    });
  });

  describe('refused tokens: every one an EdgeError of kind unauthenticated that never echoes the token', () => {
    const forged: [string, () => Promise<string>, string][] = [
      ['a wrong audience', () => kent.sign({ aud: 'api://someone-else' }, { now: NOW }), 'token.audience-mismatch'],
      [
        'a wrong issuer (a tenant that is not configured)',
        () =>
          kent.sign(
            { iss: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000/v2.0' },
            { now: NOW },
          ),
        'token.issuer-unknown',
      ],
      ['no issuer', () => kent.sign({ iss: undefined }, { now: NOW }), 'token.issuer-unknown'],
      ['an unknown tenant (tid)', () => kent.sign({ tid: LEEDS_TENANT }, { now: NOW }), 'token.tenant-unknown'],
      ['no tenant (tid)', () => kent.sign({ tid: undefined }, { now: NOW }), 'token.tenant-unknown'],
      ['an expiry 2 minutes ago', () => kent.sign({ exp: SECONDS - 120 }, { now: NOW }), 'token.expired'],
      ['a start (nbf) 2 minutes ahead', () => kent.sign({ nbf: SECONDS + 120 }, { now: NOW }), 'token.not-yet-valid'],
      ['no expiry at all', () => kent.sign({ exp: undefined }, { now: NOW }), 'token.invalid'],
      ['no object id (oid)', () => kent.sign({ oid: undefined }, { now: NOW }), 'token.invalid'],
      [
        'an object id that would forge another actor',
        () => kent.sign({ oid: `x/../${OID}` }, { now: NOW }),
        'token.invalid',
      ],
      [
        'alg: none (no signature)',
        async () => `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(kent.claims(NOW))}.`,
        'token.algorithm-refused',
      ],
      [
        "HS256 with the RSA public key's PEM as the HMAC secret (key confusion)",
        async () =>
          new SignJWT(kent.claims(NOW))
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: kent.kids.RS256 })
            .sign(new TextEncoder().encode(await exportSPKI(kent.rsa.publicKey))),
        'token.algorithm-refused',
      ],
      [
        "HS256 with the published JWK's bytes as the HMAC secret (key confusion)",
        async () =>
          new SignJWT(kent.claims(NOW))
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: kent.kids.RS256 })
            .sign(
              new TextEncoder().encode(
                JSON.stringify({ ...(await exportJWK(kent.rsa.publicKey)), kid: kent.kids.RS256 }),
              ),
            ),
        'token.algorithm-refused',
      ],
      [
        'RS512 (not an accepted algorithm)',
        () => kent.sign({}, { now: NOW, alg: 'RS512' as 'RS256', key: kent.rsa.privateKey, kid: kent.kids.RS256 }),
        'token.algorithm-refused',
      ],
      [
        "a key not in the JWKS, under a published key's kid",
        () => kent.sign({}, { now: NOW, key: stranger.privateKey }),
        'token.signature-invalid',
      ],
      [
        'a key not in the JWKS, under a kid of its own',
        () => kent.sign({}, { now: NOW, key: stranger.privateKey, kid: 'stranger-1' }),
        'token.signature-invalid',
      ],
      [
        "another council's key, claiming Kent's issuer and tenant",
        () => kent.sign({}, { now: NOW, key: leeds.rsa.privateKey, kid: leeds.kids.RS256 }),
        'token.signature-invalid',
      ],
      [
        'a payload changed after signing (a role added)',
        async () => {
          const [header, , signature] = (await kent.sign({ roles: ['DP.Audit'] }, { now: NOW })).split('.');
          return `${header}.${b64url(kent.claims(NOW, { roles: ['DP.Audit', 'DP.Finance'] }))}.${signature}`;
        },
        'token.signature-invalid',
      ],
      ['not a JWT at all', async () => 'definitely-not-a-token', 'token.invalid'],
      ['an empty credential', async () => '', 'token.invalid'],
      ['an encrypted (five-part) JWT', async () => 'eyJhbGciOiJkaXIifQ.e30.e30.e30.e30', 'token.invalid'],
    ];

    it.each(forged)('given a token with %s, when verified, then it is refused', async (_what, make, code) => {
      const token = await make();
      const refusal = await refusalOf(verifier.verify(token, NOW));
      expect(refusal).toMatchObject({ kind: 'unauthenticated', code });
      for (const part of token.split('.').filter((segment) => segment.length >= 8))
        expect(refusal.message).not.toContain(part);
      expect(refusal.message).not.toContain(OID);
    });

    it("given a token from Leeds's tenant claiming Kent's issuer, when verified, then it is refused (each issuer is bound to one tenant)", async () => {
      const token = await leeds.sign({ iss: kent.config.issuer }, { now: NOW });
      await expect(refusalOf(verifier.verify(token, NOW))).resolves.toMatchObject({
        kind: 'unauthenticated',
        code: 'token.signature-invalid',
      });
      const signedByKent = await kent.sign({ tid: LEEDS_TENANT }, { now: NOW });
      await expect(refusalOf(verifier.verify(signedByKent, NOW))).resolves.toMatchObject({
        code: 'token.tenant-unknown',
      });
    });
  });

  describe('keys fetched from a jwksUri', () => {
    let server: Server;
    let base: string;
    let answer: { status: number; body: string };

    beforeAll(async () => {
      server = createServer((_request, response) => {
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const remote = (path: string): OidcIssuer => {
      const { jwksFile: _file, ...config } = kent.config;
      return { ...config, jwksUri: `${base}${path}` };
    };

    it("given the issuer's JWKS endpoint, when a token is verified, then the keys are fetched from it", async () => {
      answer = {
        status: 200,
        body: JSON.stringify({
          keys: [{ ...(await exportJWK(kent.rsa.publicKey)), kid: kent.kids.RS256, use: 'sig' }],
        }),
      };
      const fetched = createOidcVerifier([remote('/discovery/v2.0/keys')]);
      await expect(fetched.verify(await kent.sign({}, { now: NOW }), NOW)).resolves.toMatchObject({
        actor: `oidc:${KENT_TENANT}/${OID}`,
      });
    });

    it('given a JWKS endpoint that fails, when a token is verified, then the answer is unavailable (try again), not unauthenticated', async () => {
      answer = { status: 500, body: '{}' };
      const failing = createOidcVerifier([remote('/broken')]);
      await expect(refusalOf(failing.verify(await kent.sign({}, { now: NOW }), NOW))).resolves.toMatchObject({
        kind: 'unavailable',
        code: 'token.keys-unavailable',
      });
    });
  });
});

describe('DPE_OIDC_ISSUERS: the council identity providers configuration', () => {
  const valid = {
    issuer: `https://login.microsoftonline.com/${KENT_TENANT}/v2.0`,
    audience: '6e0a1d2c-9b8a-4f5e-8d9c-0b1a2c3d4e5f',
    jwksUri: `https://login.microsoftonline.com/${KENT_TENANT}/discovery/v2.0/keys`,
    tenantId: KENT_TENANT,
    councilId: 'Kent',
    roleMap: { 'DP.Finance': 'council-finance', 'DP.Audit': 'auditor' },
  };
  const issuesOf = (json: unknown) => configError(() => parseOidcIssuers(json)).issues;

  it("given an Entra ID v2 issuer, when parsed, then the roles claim defaults to Entra's app roles and the council id is lower-cased", () => {
    expect(parseOidcIssuers([valid])).toEqual([
      {
        ...valid,
        councilId: 'kent',
        rolesClaim: 'roles',
        recipientsClaim: 'dpe_recipients',
        employmentsClaim: 'dpe_employments',
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, string, string | RegExp]>([
    [
      'a jwksUri that is not https',
      { jwksUri: 'http://keys.example/jwks' },
      'DPE_OIDC_ISSUERS[0].jwksUri',
      /https URL/,
    ],
    ['neither jwksUri nor jwksFile', { jwksUri: undefined }, 'DPE_OIDC_ISSUERS[0].jwksUri', /jwksFile/],
    ['both jwksUri and jwksFile', { jwksFile: '/etc/dpe/jwks.json' }, 'DPE_OIDC_ISSUERS[0].jwksFile', /exactly one/],
    ['no tenant id', { tenantId: undefined }, 'DPE_OIDC_ISSUERS[0].tenantId', 'is required'],
    ['no audience', { audience: '' }, 'DPE_OIDC_ISSUERS[0].audience', 'is required'],
    ['an issuer that is not a URL', { issuer: 'kent' }, 'DPE_OIDC_ISSUERS[0].issuer', /https URL/],
    [
      'an Entra issuer of another tenant than tenantId',
      { issuer: `https://login.microsoftonline.com/${LEEDS_TENANT}/v2.0` },
      'DPE_OIDC_ISSUERS[0].issuer',
      /<tenantId>\/v2\.0/,
    ],
    ['a council id with a space', { councilId: 'west kent' }, 'DPE_OIDC_ISSUERS[0].councilId', /letters, digits/],
    [
      'a role map granting bureau-admin',
      { roleMap: { 'DP.Admin': 'bureau-admin' } },
      'DPE_OIDC_ISSUERS[0].roleMap["DP.Admin"]',
      /bureau role.*cannot grant/,
    ],
    [
      'a role map granting payroll-operator',
      { roleMap: { Operators: 'payroll-operator' } },
      'DPE_OIDC_ISSUERS[0].roleMap.Operators',
      /bureau role.*cannot grant/,
    ],
    [
      'a role map naming no role of ours',
      { roleMap: { 'DP.Root': 'superuser' } },
      'DPE_OIDC_ISSUERS[0].roleMap["DP.Root"]',
      /must be one of council-finance, auditor, employer, pa/,
    ],
    ['an empty role map', { roleMap: {} }, 'DPE_OIDC_ISSUERS[0].roleMap', 'must map at least one role'],
    [
      'a misspelt field',
      { jwks_uri: 'https://keys.example' },
      'DPE_OIDC_ISSUERS[0].jwks_uri',
      'is not a field of an identity provider',
    ],
  ])('given %s, when parsed, then the error names the field', (_what, change, path, rule) => {
    const issues = issuesOf([{ ...valid, ...change }]);
    expect(issues).toEqual([{ path, rule: expect.stringMatching(typeof rule === 'string' ? `^${rule}$` : rule) }]);
  });

  it('given several bad fields in several issuers, when parsed, then every one is named at once', () => {
    const issues = issuesOf([
      { ...valid, audience: undefined },
      { ...valid, tenantId: 7, roleMap: { X: 'bureau-admin' } },
    ]);
    expect(issues.map((issue) => issue.path)).toEqual([
      'DPE_OIDC_ISSUERS[0].audience',
      'DPE_OIDC_ISSUERS[1].tenantId',
      'DPE_OIDC_ISSUERS[1].roleMap.X',
    ]);
    expect(issues[1]?.rule).toBe('must be text');
  });

  it.each<[string, unknown, string]>([
    ['an object instead of a list', valid, 'must be a list'],
    ['an empty list', [], 'must name at least one identity provider (leave the setting unset to accept API keys only)'],
  ])('given %s, when parsed, then the setting itself is named', (_what, json, rule) => {
    expect(issuesOf(json)).toEqual([{ path: 'DPE_OIDC_ISSUERS', rule }]);
  });

  it('given the same issuer twice, when parsed, then the repeat is refused (one issuer, one council)', () => {
    expect(issuesOf([valid, { ...valid, councilId: 'medway' }])).toEqual([
      { path: 'DPE_OIDC_ISSUERS[1].issuer', rule: 'repeats the issuer of entry 0: configure each issuer once' },
    ]);
  });

  it('given another source name, when parsed, then errors are named after it', () => {
    expect(configError(() => parseOidcIssuers([{ ...valid, audience: undefined }], 'oidc.json')).field).toBe(
      'oidc.json[0].audience',
    );
  });

  it('given a configuration built in code that grants a bureau role, when a verifier is created, then it is refused too', () => {
    const config = { ...kent.config, roleMap: { 'DP.Admin': 'bureau-admin' } } as const;
    expect(configError(() => createOidcVerifier([config])).field).toBe('DPE_OIDC_ISSUERS[0].roleMap["DP.Admin"]');
  });

  describe('a jwksFile, read once when the verifier is created', () => {
    const withFile = (name: string, content: string | undefined) => {
      const file = join(dir, name);
      if (content !== undefined) writeFileSync(file, content);
      return () => createOidcVerifier([{ ...kent.config, jwksFile: file }]);
    };

    it.each<[string, string | undefined, RegExp]>([
      ['is missing', undefined, /^cannot be read \(ENOENT\)$/],
      ['is not JSON', '{ keys: ', /^is not valid JSON/],
      ['is not a key set', '{"kty":"RSA"}', /^is not a JSON Web Key Set/],
      ['holds a private key', 'PRIVATE', /keys\[0\]\.d\): is private key material/],
      [
        'holds a symmetric (HMAC) key',
        '{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}',
        /keys\[0\]\.kty\): must be RSA or EC/,
      ],
    ])(
      'given a JWKS file that %s, when the verifier is created, then the error names the jwksFile',
      async (what, content, rule) => {
        const text = content === 'PRIVATE' ? JSON.stringify({ keys: [await exportJWK(stranger.privateKey)] }) : content;
        const error = configError(withFile(`bad-${what.replace(/\W+/g, '-')}.json`, text));
        expect(error.field).toBe('DPE_OIDC_ISSUERS[0].jwksFile');
        expect(error.rule).toMatch(rule);
      },
    );
  });
});
