import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { ApiKeyDirectory } from '@dpe/api-keys';
import { bearerAuthenticator } from '@dpe/nest-engine';
import { apiSpec } from '../test/api-spec';

const enrol = { councilId: 'kent', recipientType: 'adult', name: 'Alex Morgan', accountType: 'managed-account' };

describe('authentication with API keys', () => {
  const api = apiSpec();

  it('refuses a request without credentials with 401 problem+json', async () => {
    const res = await api.when((http) => http.post('/recipients').send(enrol));
    await api.thenProblem(res, 401, 'auth.missing');
  });

  it.each([
    ['a made-up key', 'Bearer dpe_k0123456789abcde_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a malformed header', 'Basic dXNlcjpwYXNz'],
    ['a token when no identity provider is configured', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln'],
  ])('refuses %s with 401', async (_what, authorization) => {
    const res = await api.when((http) => http.post('/recipients').set('Authorization', authorization).send(enrol));
    await api.thenProblem(res, 401, res.body.code as string);
    expect(res.body.code).toMatch(/^auth\./);
  });

  it('records the key as the actor, whatever X-Actor claims', async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .set('X-Actor', 'user:someone-else')
        .send({ ...enrol, recipientId: 'r-actor' }),
    );
    expect(res.status).toBe(201);
    const [event] = await api.thenEvents([{ type: 'RecipientEnrolled' }]);
    expect(event!.metadata.actor).toMatch(/^key:k[0-9a-z]{15}$/);
    expect(event!.metadata.actor).not.toContain('someone-else');
  });

  it('issues a key once through the API: shown in the first answer only, stored only as a hash', async () => {
    const res = await api.when((http) =>
      http
        .post('/api-keys')
        .set(api.as('admin'))
        .set('Idempotency-Key', 'issue-import-1')
        .send({ integration: 'timesheet-import', roles: ['payroll-operator'], councils: ['kent'] }),
    );
    expect(res.status).toBe(201);
    const apiKey = res.body.apiKey as string;
    expect(apiKey).toMatch(/^dpe_k[0-9a-z]{15}_[A-Za-z0-9_-]{43}$/);
    const again = await api.when((http) =>
      http
        .post('/api-keys')
        .set(api.as('admin'))
        .set('Idempotency-Key', 'issue-import-1')
        .send({ integration: 'timesheet-import', roles: ['payroll-operator'], councils: ['kent'] }),
    );
    expect(again.body).toMatchObject({ replayed: true });
    expect(again.body.apiKey).toBeUndefined();

    // The plaintext secret is in none of the store's files (database, WAL, shared memory).
    const secret = apiKey.split('_').slice(2).join('_');
    const dir = api.storeDirectory;
    for (const file of readdirSync(dir)) expect(readFileSync(join(dir, file)).includes(secret)).toBe(false);
    // …and the key works.
    const ok = await api.when((http) =>
      http
        .post('/recipients')
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ ...enrol, recipientId: 'r-newkey' }),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses a revoked key on the very next request', async () => {
    const { keyId, apiKey } = await api.issueKey('to-revoke', ['payroll-operator'], ['kent']);
    const before = await api.when((http) =>
      http
        .post('/recipients')
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ ...enrol, recipientId: 'r-before-revoke' }),
    );
    expect(before.status).toBe(201);
    const revoke = await api.when((http) =>
      http.post(`/api-keys/${keyId}/revoke`).set(api.as('admin')).send({ reason: 'laptop lost' }),
    );
    expect(revoke.status).toBe(200);
    const after = await api.when((http) =>
      http
        .post('/recipients')
        .set('Authorization', `Bearer ${apiKey}`)
        .send({ ...enrol, recipientId: 'r-after-revoke' }),
    );
    await api.thenProblem(after, 401, 'auth.key-invalid');
  });

  it('refuses an expired key', async () => {
    const today = DateTime.now().setZone('Europe/London');
    const { apiKey } = await api.issueKey('short-lived', ['payroll-operator'], ['kent'], today.toISODate()!);
    const authenticator = bearerAuthenticator(new ApiKeyDirectory(api.store), undefined);
    await expect(authenticator.authenticate(`Bearer ${apiKey}`, today)).resolves.toMatchObject({
      roles: ['payroll-operator'],
    });
    await expect(authenticator.authenticate(`Bearer ${apiKey}`, today.plus({ days: 1 }))).rejects.toMatchObject({
      kind: 'unauthenticated',
      code: 'auth.key-invalid',
    });
  });

  it('allows at most two live keys per integration, so keys rotate without a gap', async () => {
    await api.issueKey('rotating', ['payroll-operator'], ['kent']);
    await api.issueKey('rotating', ['payroll-operator'], ['kent']);
    const third = await api.when((http) =>
      http
        .post('/api-keys')
        .set(api.as('admin'))
        .send({ integration: 'rotating', roles: ['payroll-operator'], councils: ['kent'] }),
    );
    await api.thenProblem(third, 409, 'api-key.too-many-live');
  });

  it('lists keys without their secrets or hashes', async () => {
    const res = await api.when((http) => http.get('/api-keys').set(api.as('admin')));
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toMatch(/secret|Hash|dpe_k/);
    expect(res.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ integration: 'to-revoke', status: 'revoked' })]),
    );
  });

  it('refuses a bureau-admin scoped to one council the bureau-wide business: it cannot widen its own scope', async () => {
    const { apiKey } = await api.issueKey('kent-admin', ['bureau-admin'], ['kent']);
    const auth = { Authorization: `Bearer ${apiKey}` };
    const escalate = await api.when((http) =>
      http
        .post('/api-keys')
        .set(auth)
        .send({ integration: 'escalate', roles: ['bureau-admin'], allCouncils: true }),
    );
    await api.thenProblem(escalate, 403, 'access.scope');
    const sideways = await api.when((http) =>
      http
        .post('/api-keys')
        .set(auth)
        .send({ integration: 'sideways', roles: ['payroll-operator'], councils: ['leeds'] }),
    );
    await api.thenProblem(sideways, 403, 'access.scope');
    expect((await api.http().get('/api-keys').set(auth)).status).toBe(403);
    // Within its council it may still do everything a payroll operator may.
    const enrolled = await api.when((http) =>
      http
        .post('/recipients')
        .set(auth)
        .send({ ...enrol, recipientId: 'r-kent-admin' }),
    );
    expect(enrolled.status).toBe(201);
  });

  it('accepts the Bearer scheme in any letter case (RFC 9110 §11.1)', async () => {
    const res = await api
      .http()
      .get('/councils')
      .set('Authorization', api.as('auditor').Authorization.replace('Bearer', 'bearer'));
    expect(res.status).toBe(200);
  });

  it('refuses keys to anyone but a bureau-admin (403)', async () => {
    const res = await api.when((http) => http.get('/api-keys').set(api.as('operator')));
    await api.thenProblem(res, 403, 'access.role');
  });
});

describe('council tenancy', () => {
  const api = apiSpec();

  it('refuses to enrol a recipient in an unregistered council: 422 naming councilId', async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('admin'))
        .send({ ...enrol, councilId: 'atlantis' }),
    );
    await api.thenProblem(res, 422, 'council.unknown');
    expect(res.body.detail).toMatch(/^councilId: /);
  });

  it('refuses to enrol in another council exactly as in an unknown one (ids reveal nothing)', async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .send({ ...enrol, councilId: 'leeds' }),
    );
    await api.thenProblem(res, 422, 'council.unknown');
  });

  it("answers another council's recipient with 404, as if it did not exist", async () => {
    const created = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('leeds-operator'))
        .send({ ...enrol, councilId: 'leeds', recipientId: 'r-leeds' }),
    );
    expect(created.status).toBe(201);
    const own = await api.when((http) => http.get('/recipients/r-leeds').set(api.as('leeds-operator')));
    expect(own.status).toBe(200);
    const other = await api.when((http) => http.get('/recipients/r-leeds').set(api.as('auditor')));
    await api.thenProblem(other, 404, 'recipient.not-found');
    expect(other.body.detail).toBe('recipient r-leeds is not enrolled');
    const missing = await api.when((http) => http.get('/recipients/r-nobody').set(api.as('auditor')));
    await api.thenProblem(missing, 404, 'recipient.not-found');
  });

  it("answers a write to another council's recipient with 404, and stores nothing", async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .send({ ...enrol, councilId: 'kent', recipientId: 'r-leeds' }),
    );
    await api.thenProblem(res, 404, 'recipient.not-found');
  });

  it("lists only the caller's councils", async () => {
    const res = await api.when((http) => http.get('/councils').set(api.as('auditor')));
    expect(res.body).toEqual([expect.objectContaining({ councilId: 'kent' })]);
    const all = await api.when((http) => http.get('/councils').set(api.as('admin')));
    expect(all.body.map((c: { councilId: string }) => c.councilId).sort()).toEqual(['kent', 'leeds']);
  });

  it('lets only a bureau-admin register a council', async () => {
    const res = await api.when((http) =>
      http.post('/councils').set(api.as('operator')).send({ councilId: 'york', name: 'City of York Council' }),
    );
    await api.thenProblem(res, 403, 'access.role');
    const ok = await api.when((http) =>
      http.post('/councils').set(api.as('admin')).send({ councilId: 'York', name: 'City of York Council' }),
    );
    expect(ok.body).toMatchObject({ councilId: 'york' });
  });
});
