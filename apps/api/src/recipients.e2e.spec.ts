import { gzipSync } from 'node:zlib';
import { apiSpec } from '../test/api-spec';

// The recipient routes end to end on the embedded SQLite store, as a user runs them (minus the port).
describe('POST /recipients (enrol-recipient)', () => {
  const api = apiSpec();
  const body = {
    recipientId: 'r-2001',
    councilId: 'kent',
    recipientType: 'adult',
    name: 'Alex Morgan',
    accountType: 'prepaid-card',
    enrolledOn: '2026-05-01',
  };

  it('given no recipient, when enrolled, then RecipientEnrolled is stored with full metadata and returned', async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .set('Idempotency-Key', 'cmd-enrol-2001')
        .set('X-Correlation-Id', 'corr-42')
        .send(body),
    );
    expect(res.status).toBe(201);
    const [stored] = await api.thenEvents([
      {
        type: 'RecipientEnrolled',
        schemaVersion: 3,
        streamId: 'recipient-r-2001',
        data: expect.objectContaining({
          councilId: 'kent',
          // The HMRC references are registered with the employer (register-as-employer), no longer at enrolment.
          employerReferences: null,
        }),
        metadata: expect.objectContaining({
          commandId: 'cmd-enrol-2001',
          causationId: 'cmd-enrol-2001',
          correlationId: 'corr-42',
          actor: expect.stringMatching(/^key:k[0-9a-z]{15}$/),
        }),
      },
    ]);
    expect(res.body).toEqual({
      recipientId: 'r-2001',
      commandId: 'cmd-enrol-2001',
      streamId: 'recipient-r-2001',
      replayed: false,
      events: [
        {
          id: stored!.id,
          type: 'RecipientEnrolled',
          revision: '0',
          globalPosition: stored!.globalPosition.toString(),
          recordedAt: stored!.metadata.recordedAt,
        },
      ],
    });
  });

  it('given the command was handled, when the same request is repeated, then the first result comes back and nothing is stored', async () => {
    const res = await api.when((http) =>
      http.post('/recipients').set(api.as('operator')).set('Idempotency-Key', 'cmd-enrol-2001').send(body),
    );
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body).toMatchObject({ replayed: true, recipientId: 'r-2001', events: [{ revision: '0' }] });
    await api.thenEvents([]);
  });

  it('when the same Idempotency-Key comes with a changed body, then 422 names the key and nothing is stored', async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .set('Idempotency-Key', 'cmd-enrol-2001')
        .send({ ...body, name: 'A different name' }),
    );
    await api.thenProblem(res, 422, 'command-id.reused');
    expect(res.body.detail).toContain('"cmd-enrol-2001"');
  });

  it('when the same Idempotency-Key names another recipient, then 422 (not 500) and nothing is stored', async () => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .set('Idempotency-Key', 'cmd-enrol-2001')
        .send({ ...body, recipientId: 'r-9999' }),
    );
    await api.thenProblem(res, 422, 'command-id.reused');
  });

  it('given no recipient id, then a retried request lands on the same derived recipient', async () => {
    const { recipientId: _omit, ...rest } = body;
    const first = await api.when((http) =>
      http.post('/recipients').set(api.as('operator')).set('Idempotency-Key', 'derive-1').send(rest),
    );
    expect(first.status).toBe(201);
    const again = await api.when((http) =>
      http.post('/recipients').set(api.as('operator')).set('Idempotency-Key', 'derive-1').send(rest),
    );
    expect(again.body).toMatchObject({ replayed: true, recipientId: first.body.recipientId });
  });

  it('given the recipient is enrolled, when enrolled again under a new key, then 409', async () => {
    const res = await api.when((http) =>
      http.post('/recipients').set(api.as('operator')).set('Idempotency-Key', 'cmd-enrol-2001-again').send(body),
    );
    await api.thenProblem(res, 409, 'recipient.already-enrolled');
  });

  it.each([
    // Registered with the employer (POST /recipients/:recipientId/employer), no longer a field of the enrolment.
    ['employerPayeReference', { employerPayeReference: '123/AB456' }],
    ['accountType', { accountType: 'cash-in-a-tin' }],
    ['councilId', { councilId: undefined }],
    ['name', { name: 'Alex \u202eMorgan' }],
    ['unexpected', { unexpected: true }],
  ])('gives 400 naming %s and stores nothing', async (field, change) => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .send({ ...body, recipientId: 'r-bad', ...change }),
    );
    await api.thenProblem(res, 400, 'input.invalid', [field]);
  });

  it('names every bad field in one 400', async () => {
    const res = await api.when((http) =>
      http.post('/recipients').set(api.as('operator')).send({ recipientType: 'friend', accountType: 'cash' }),
    );
    await api.thenProblem(res, 400, 'input.invalid', ['councilId', 'name', 'recipientType', 'accountType']);
  });

  it('refuses a lone surrogate in a JSON-escaped recipient id with 400', async () => {
    const raw = JSON.stringify({ ...body, recipientId: 'X' }).replace('"X"', '"r-\\ud800"');
    const res = await api.when((http) =>
      http.post('/recipients').set(api.as('operator')).set('Content-Type', 'application/json').send(raw),
    );
    await api.thenProblem(res, 400, 'input.invalid', ['recipientId']);
  });

  it.each([
    ['an empty key', ''],
    ['a key longer than 128 characters', 'k'.repeat(129)],
    ['a key with a space', 'my key'],
  ])('refuses an Idempotency-Key with %s, naming the header', async (_what, key) => {
    const res = await api.when((http) =>
      http
        .post('/recipients')
        .set(api.as('operator'))
        .set('Idempotency-Key', key)
        .send({ ...body, recipientId: 'r-key' }),
    );
    await api.thenProblem(res, 400, 'input.invalid', ['Idempotency-Key']);
  });
});

describe('the JSON-only edge', () => {
  const api = apiSpec();
  const valid = JSON.stringify({
    councilId: 'kent',
    recipientType: 'adult',
    name: 'Alex Morgan',
    accountType: 'managed-account',
  });

  const form = Array.from({ length: 1500 }, (_, i) => `f${i}=x`).join('&');
  // Objects, not arrays, for the rows: a row shorter than the test's parameters would make jest pass a `done` callback.
  it.each<{
    what: string;
    headers: Record<string, string>;
    body: string;
    status: number;
    code: string;
    paths?: string[];
  }>([
    {
      what: 'a body that is not JSON',
      headers: { 'Content-Type': 'application/json' },
      body: '{not json',
      status: 400,
      code: 'input.invalid',
      paths: ['(body)'],
    },
    {
      what: 'a valid JSON body sent as text/plain (not "every field required")',
      headers: { 'Content-Type': 'text/plain' },
      body: valid,
      status: 415,
      code: 'body.not-json',
    },
    {
      what: 'a form post, however many fields',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: form,
      status: 415,
      code: 'body.not-json',
    },
    {
      what: 'an unknown charset',
      headers: { 'Content-Type': 'application/json; charset=latin1' },
      body: valid,
      status: 415,
      code: 'body.not-json',
    },
    {
      what: 'an unknown Content-Encoding',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'compress' },
      body: valid,
      status: 415,
      code: 'body.encoding-unsupported',
    },
    {
      what: 'gzip bytes that are not gzip',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: valid,
      status: 400,
      code: 'input.invalid',
      paths: ['(body)'],
    },
    {
      what: 'a body over 1 MB',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1) }),
      status: 413,
      code: 'body.too-large',
    },
  ])('refuses $what with problem+json, storing nothing', async ({ headers, body, status, code, paths }) => {
    const res = await api.when((http) => http.post('/recipients').set(api.as('operator')).set(headers).send(body));
    await api.thenProblem(res, status, code, paths);
  });

  it('accepts a gzip-encoded JSON body', async () => {
    const res = await api.when((http) =>
      // serialize: send the gzip bytes as they are (superagent would JSON-encode a Buffer sent as application/json).
      http
        .post('/recipients')
        .set(api.as('operator'))
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .serialize((b: string) => b)
        .send(gzipSync(Buffer.from(valid)) as unknown as string),
    );
    expect(res.status).toBe(201);
  });

  it('answers an unknown route with problem+json 404', async () => {
    const res = await api.when((http) => http.get('/nowhere'));
    await api.thenProblem(res, 404, 'http.404');
  });
});

describe('GET /recipients/:recipientId (show-recipient)', () => {
  const api = apiSpec();

  it('given a RecipientEnrolled written at version 1 by an older build, then it is shown in the current shape', async () => {
    const v1 = {
      recipientId: 'r-old',
      council: 'Leeds City Council',
      recipientType: 'adult',
      name: 'Sam Lee',
      representative: null,
      accountType: 'bank-account',
      employer: { payeReference: '120/XY789', accountsOfficeReference: '120PY19064375' },
      enrolledOn: '2025-01-06',
    };
    await api.given({ 'recipient-r-old': [{ type: 'RecipientEnrolled', schemaVersion: 1, data: v1 }] });
    // Enrolled before councils were registered: no council id, so only principals of every council see it.
    const res = await api.when((http) => http.get('/recipients/r-old').set(api.as('admin')));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'enrolled',
      recipientId: 'r-old',
      councilId: null,
      legacyCouncilName: 'Leeds City Council',
      recipientType: 'adult',
      name: 'Sam Lee',
      representative: null,
      accountType: 'bank-account',
      employerReferences: { payeReference: '120/XY789', accountsOfficeReference: '120PY19064375' },
      enrolledOn: '2025-01-06',
      budgets: [],
      employerRegistered: false,
      revision: '0',
    });
  });

  it('finds a recipient whatever the letter case of its id', async () => {
    await api.given({
      'recipient-r-case': [
        {
          type: 'RecipientEnrolled',
          schemaVersion: 3,
          data: {
            recipientId: 'r-case',
            councilId: 'kent',
            recipientType: 'adult',
            name: 'Ann Case',
            representative: null,
            accountType: 'bank-account',
            employerReferences: null,
            enrolledOn: '2026-05-01',
          },
        },
      ],
    });
    const res = await api.when((http) => http.get('/recipients/R-Case').set(api.as('auditor')));
    expect(res.body).toMatchObject({ recipientId: 'r-case', revision: '0' });
  });

  it('gives 404 problem+json for an unknown recipient', async () => {
    const res = await api.when((http) => http.get('/recipients/nobody').set(api.as('auditor')));
    await api.thenProblem(res, 404, 'recipient.not-found');
  });

  it('gives 400 naming a malformed recipient id', async () => {
    const res = await api.when((http) => http.get(`/recipients/${'x'.repeat(65)}`).set(api.as('auditor')));
    await api.thenProblem(res, 400, 'input.invalid', ['recipientId']);
  });

  it('reports health with the store kind and projection lag', async () => {
    const res = await api.when((http) => http.get('/health'));
    expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite', projectionLag: 0 });
  });
});
