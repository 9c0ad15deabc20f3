import { apiSpec } from '../test/api-spec';

describe('secure headers and cross-origin requests', () => {
  const api = apiSpec();

  it('sends helmet headers and no X-Powered-By', async () => {
    const res = await api.http().get('/health');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('answers no cross-origin request when no origin is configured', async () => {
    const preflight = await api
      .http()
      .options('/recipients')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    const simple = await api.http().get('/health').set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('a per-principal rate limit', () => {
  const api = apiSpec({ rateLimitPerMinute: 5 });

  it('answers 429 problem+json past the limit, counted per credential', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.http().get('/councils').set(api.as('auditor'))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const limited = await api.http().get('/councils').set(api.as('auditor'));
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429 });
    // Another principal has its own allowance.
    expect((await api.http().get('/councils').set(api.as('finance'))).status).toBe(200);
  });
});
