import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import type { EventStore, NewEvent, RecordedEvent } from '@dpe/event-store';
import { EVENT_STORE } from '@dpe/nest-engine';
import { createApi } from '../src/bootstrap';

export interface GivenStreamEvent {
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion?: number;
}

/**
 * The API as a user runs it, on a temporary embedded SQLite store, read as given / when / then:
 *
 *   await api.given({ 'recipient-r-1': [{ type: 'RecipientEnrolled', data }] });
 *   const res = await api.when((http) => http.post('/recipients').send(body));
 *   await api.thenEvents([{ type: 'RecipientEnrolled' }]);   // exactly these events were stored by the request
 *   await api.thenProblem(res, 409, 'recipient.already-enrolled');   // or: a problem, and nothing stored
 */
export function apiSpec() {
  let dir: string;
  let app: INestApplication;
  let store: EventStore;
  let headBefore = 0n;

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

  return {
    get store(): EventStore {
      return store;
    },
    http: () => request(app.getHttpServer()),

    /** Existing history, appended straight to the store (as an older build or another process wrote it). */
    async given(streams: Record<string, readonly GivenStreamEvent[]>): Promise<void> {
      for (const [streamId, events] of Object.entries(streams)) {
        const commandId = `given-${uuidv4()}`;
        const toAppend: NewEvent[] = events.map((event) => ({
          id: uuidv4(),
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
          metadata: { correlationId: commandId, causationId: commandId, commandId, actor: 'spec:given', occurredAt: '2026-04-06T09:00:00.000+01:00' },
        }));
        await store.append(streamId, toAppend, 'any');
      }
    },

    /** Sends a request, remembering the store's head so `then…` can see exactly what this request stored. */
    async when(send: (http: ReturnType<typeof request>) => request.Test): Promise<request.Response> {
      headBefore = await store.headPosition();
      return send(request(app.getHttpServer()));
    },

    /** The events the last request stored, in order. */
    async newEvents(): Promise<RecordedEvent[]> {
      return store.readAll({ after: headBefore });
    },

    async thenEvents(expected: readonly Partial<RecordedEvent>[]): Promise<RecordedEvent[]> {
      const stored = await store.readAll({ after: headBefore });
      expect(stored).toHaveLength(expected.length);
      expected.forEach((event, i) => expect(stored[i]).toMatchObject(event));
      return stored;
    },

    /** A problem+json answer with this status and code (and, for 400, exactly these fields), and nothing stored. */
    async thenProblem(response: request.Response, status: number, code: string, paths?: readonly string[]): Promise<void> {
      expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status, type: `urn:dpe:problem:${code}`, detail: expect.any(String) });
      if (paths) expect((response.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([...paths].sort());
      expect(await store.headPosition()).toBe(headBefore);
    },
  };
}
