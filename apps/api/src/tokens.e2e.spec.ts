import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type KeyLike } from 'jose';
import { createOidcVerifier, parseOidcIssuers } from '@dpe/access';
import { apiSpec } from '../test/api-spec';

// A council's identity provider, simulated with a local JWKS file, in front of the whole API.
const TENANT = 'kent-tenant-0001';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const dir = mkdtempSync(join(tmpdir(), 'dpe-tokens-'));
const keys = generateKeyPair('RS256');
const jwksFile = join(dir, 'jwks.json');

const verifier = {
  async verify(token: string) {
    const inner = createOidcVerifier(
      parseOidcIssuers([
        {
          issuer: ISSUER,
          audience: 'api://dp-engine',
          jwksFile,
          tenantId: TENANT,
          councilId: 'kent',
          roleMap: { 'DP.Audit': 'auditor', 'DP.Finance': 'council-finance' },
        },
      ]),
    );
    return inner.verify(token);
  },
};

async function token(roles: string[], expiresIn = 600): Promise<string> {
  const { privateKey } = await keys;
  return new SignJWT({ tid: TENANT, oid: 'user-object-1', roles, email: 'someone@kent.gov.uk' })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(ISSUER)
    .setAudience('api://dp-engine')
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
    .sign(privateKey as KeyLike);
}

describe('council staff signing in with their identity provider', () => {
  const api = apiSpec({ tokens: verifier });
  beforeAll(async () => {
    const { publicKey } = await keys;
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] }));
    await api.http().post('/recipients').set(api.as('operator')).send({
      recipientId: 'r-kent',
      councilId: 'kent',
      recipientType: 'adult',
      name: 'Alex Morgan',
      accountType: 'managed-account',
    });
    await api.http().post('/recipients').set(api.as('leeds-operator')).send({
      recipientId: 'r-leeds',
      councilId: 'leeds',
      recipientType: 'adult',
      name: 'Sam Lee',
      accountType: 'managed-account',
    });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets an auditor with a valid token read its own council, identified by tenant and object id', async () => {
    const res = await api
      .http()
      .get('/recipients/r-kent')
      .set('Authorization', `Bearer ${await token(['DP.Audit'])}`);
    expect(res.status).toBe(200);
    const councils = await api
      .http()
      .get('/councils')
      .set('Authorization', `Bearer ${await token(['DP.Audit'])}`);
    expect(councils.body.map((c: { councilId: string }) => c.councilId)).toEqual(['kent']);
  });

  it("answers another council's recipient with 404", async () => {
    const res = await api
      .http()
      .get('/recipients/r-leeds')
      .set('Authorization', `Bearer ${await token(['DP.Audit'])}`);
    expect(res.status).toBe(404);
  });

  it('never lets an auditor write (403)', async () => {
    const auditor = `Bearer ${await token(['DP.Audit'])}`;
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set('Authorization', auditor)
        .send({ councilId: 'kent', recipientType: 'adult', name: 'A B', accountType: 'managed-account' }),
    );
    await api.thenProblem(res, 403, 'access.role');
  });

  it('refuses an expired token with 401, and a token with no mapped role with 403', async () => {
    const expired = await api
      .http()
      .get('/councils')
      .set('Authorization', `Bearer ${await token(['DP.Audit'], -300)}`);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('token.expired');
    const roleless = await api
      .http()
      .get('/councils')
      .set('Authorization', `Bearer ${await token(['Some.Other.Role'])}`);
    expect(roleless.status).toBe(403);
  });
});
