import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApi } from './bootstrap';
import { issueFirstKey } from './first-key';

describe('first start on an empty store', () => {
  let dir: string;
  let app: INestApplication;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-first-'));
    app = await createApi({ store: `sqlite:${join(dir, 'dpe.db')}` });
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issues one bureau-admin key, once, that can register a council', async () => {
    const key = await issueFirstKey(app);
    expect(key).toMatch(/^dpe_k[0-9a-z]{15}_[A-Za-z0-9_-]{43}$/);
    expect(await issueFirstKey(app)).toBeUndefined();
    const res = await request(app.getHttpServer())
      .post('/councils')
      .set('Authorization', `Bearer ${key}`)
      .send({ councilId: 'kent', name: 'Kent County Council' });
    expect(res.status).toBe(201);
    const keys = await request(app.getHttpServer()).get('/api-keys').set('Authorization', `Bearer ${key}`);
    expect(keys.body).toEqual([
      expect.objectContaining({ integration: 'first-admin', roles: ['bureau-admin'], councils: 'all', status: 'live' }),
    ]);
  });
});
