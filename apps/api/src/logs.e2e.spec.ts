import { Writable } from 'node:stream';
import { apiSpec } from '../test/api-spec';
import { issueFirstKey } from './first-key';

// Made-up personal data that must never reach a log line: a name, an NI number (HMRC's "QQ" prefix is never issued),
// and a credential.
const CANARY_NAME = 'Zebedee Quillfeather-Canary';
const CANARY_NINO = 'QQ123456C';

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

describe('logs carry no personal data or credentials', () => {
  const level = process.env['LOG_LEVEL'];
  process.env['LOG_LEVEL'] = 'info';
  const api = apiSpec({ logStream: capture });
  afterAll(() => (level === undefined ? delete process.env['LOG_LEVEL'] : (process.env['LOG_LEVEL'] = level)));

  it('logs each request (method, path, status) but none of the canaries sent through the API', async () => {
    const auth = api.as('operator');
    const body = { councilId: 'kent', recipientType: 'adult', name: CANARY_NAME, accountType: 'managed-account' };
    expect(
      (
        await api
          .http()
          .post('/recipients')
          .set(auth)
          .send({ ...body, recipientId: 'r-canary' })
      ).status,
    ).toBe(201);
    expect(
      (
        await api
          .http()
          .post('/recipients')
          .set(auth)
          .send({ ...body, nationalInsuranceNumber: CANARY_NINO })
      ).status,
    ).toBe(400);
    expect(
      (
        await api
          .http()
          .post('/recipients')
          .set(auth)
          .set('Content-Type', 'text/plain')
          .send(`${CANARY_NAME} ${CANARY_NINO}`)
      ).status,
    ).toBe(415);
    expect(
      (
        await api
          .http()
          .post('/recipients')
          .set(auth)
          .set('Content-Type', 'application/json')
          .send(`{"name":"${CANARY_NAME}",`)
      ).status,
    ).toBe(400);
    expect((await api.http().get('/recipients/r-canary').set(auth)).status).toBe(200);
    expect((await api.http().get(`/recipients/r-canary?name=${CANARY_NINO}`).set(auth)).status).toBe(400);

    const log = lines.join('');
    expect(log).toContain('"statusCode":201');
    expect(log).toContain('"method":"POST"');
    for (const canary of [CANARY_NAME, CANARY_NINO, auth.Authorization.slice('Bearer '.length), 'Zebedee'])
      expect(log).not.toContain(canary);
  });

  it('does not log the first key when it is issued', async () => {
    await issueFirstKey(api.app);
    expect(lines.join('')).not.toMatch(/dpe_k[0-9a-z]{15}_/);
  });
});
