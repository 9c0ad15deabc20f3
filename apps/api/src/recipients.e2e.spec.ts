import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '@dpe/event-store';
import { EVENT_STORE } from '@dpe/nest-engine';
import { createApi } from './bootstrap';

// The API end to end on the embedded SQLite store, as a user runs it (minus the port).
describe('Recipients API on the embedded SQLite store', () => {
  let dir: string;
  let app: INestApplication;
  let store: EventStore;

  const body = {
    recipientId: 'r-2001',
    council: 'Kent County Council',
    recipientType: 'adult',
    name: 'Alex Morgan',
    accountType: 'prepaid-card',
    employerPayeReference: '123/AB456',
    accountsOfficeReference: '123PW12345678',
    enrolledOn: '2026-05-01',
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-api-'));
    app = await createApi({ store: `sqlite:${join(dir, 'dpe.db')}` });
    await app.init();
    store = app.get(EVENT_STORE);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('enrols a recipient, storing RecipientEnrolled with full metadata', async () => {
    const res = await request(app.getHttpServer())
      .post('/recipients')
      .set('Idempotency-Key', 'cmd-enrol-2001')
      .set('X-Actor', 'user:finance.officer@kent')
      .set('X-Correlation-Id', 'corr-42')
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({
      recipientId: 'r-2001',
      commandId: 'cmd-enrol-2001',
      streamId: 'recipient-r-2001',
      replayed: false,
      events: [{ type: 'RecipientEnrolled', revision: '0' }],
    });

    const [stored] = await store.readStream('recipient-r-2001');
    expect(stored).toMatchObject({
      type: 'RecipientEnrolled',
      schemaVersion: 1,
      data: { council: 'Kent County Council', employer: { payeReference: '123/AB456', accountsOfficeReference: '123PW12345678' } },
      metadata: { commandId: 'cmd-enrol-2001', causationId: 'cmd-enrol-2001', correlationId: 'corr-42', actor: 'user:finance.officer@kent' },
    });
    expect(stored!.metadata.recordedAt).toEqual(expect.any(String));
    expect(stored!.metadata.occurredAt).toEqual(expect.any(String));
  });

  it('returns the first result for a repeated command id and stores nothing new', async () => {
    const head = await store.headPosition();
    const first = (await store.readStream('recipient-r-2001'))[0]!;
    const res = await request(app.getHttpServer())
      .post('/recipients')
      .set('Idempotency-Key', 'cmd-enrol-2001')
      .send({ ...body, name: 'A different name' })
      .expect(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
    expect(res.body).toMatchObject({ replayed: true, events: [{ id: first.id, revision: '0', globalPosition: first.globalPosition.toString() }] });
    expect(await store.headPosition()).toBe(head);
  });

  it('refuses a second enrolment of the same recipient id with 409', async () => {
    const res = await request(app.getHttpServer())
      .post('/recipients')
      .set('Idempotency-Key', 'cmd-enrol-2001-again')
      .send(body)
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, code: 'recipient.already-enrolled' });
  });

  it.each([
    ['employerPayeReference', { employerPayeReference: '1234/AB' }],
    ['accountType', { accountType: 'cash-in-a-tin' }],
    ['council', { council: undefined }],
    ['accountsOfficeReference', { accountsOfficeReference: '123PA12345678' }],
  ])('gives 400 naming %s and leaves the store unchanged', async (field, change) => {
    const head = await store.headPosition();
    const res = await request(app.getHttpServer())
      .post('/recipients')
      .send({ ...body, recipientId: 'r-bad', ...change })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field, rule: expect.any(String) }]);
    expect(res.body.detail).toContain(field);
    expect(await store.headPosition()).toBe(head);
    expect(await store.readStream('recipient-r-bad')).toEqual([]);
  });

  it('names every bad field in one 400', async () => {
    const res = await request(app.getHttpServer())
      .post('/recipients')
      .send({ recipientType: 'friend', accountType: 'cash' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['council', 'name', 'recipientType', 'accountType', 'employerPayeReference', 'accountsOfficeReference']),
    );
  });

  it('gives 400 for a body that is not JSON', async () => {
    await request(app.getHttpServer()).post('/recipients').set('Content-Type', 'application/json').send('{not json').expect(400);
  });

  it('returns the recipient folded from its events', async () => {
    const res = await request(app.getHttpServer()).get('/recipients/r-2001').expect(200);
    expect(res.body).toMatchObject({ status: 'enrolled', recipientId: 'r-2001', accountType: 'prepaid-card', revision: '0' });
  });

  it('gives 404 problem+json for an unknown recipient', async () => {
    const res = await request(app.getHttpServer()).get('/recipients/nobody').expect(404);
    expect(res.body).toMatchObject({ status: 404, code: 'recipient.not-found' });
  });

  it('reports health with the store kind and projection lag', async () => {
    const res = await request(app.getHttpServer()).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', store: 'sqlite', projectionLag: 0 });
  });

  it('serves OpenAPI docs at /docs', async () => {
    const res = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/recipients', '/recipients/{id}', '/health']));
    await request(app.getHttpServer()).get('/docs').expect(200);
  });
});
