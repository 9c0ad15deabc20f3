import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuidv4 } from 'uuid';
import { systemPrincipal, type Role } from '@dpe/access';
import { createApiKey } from '@dpe/api-keys';
import { registerCouncil } from '@dpe/councils';
import { executeCommand, londonNow } from '@dpe/decider';
import type { EventStore, NewEvent, RecordedEvent } from '@dpe/event-store';
import { EVENT_STORE } from '@dpe/nest-engine';
import { createApi } from '../src/bootstrap';
import type { ApiOptions } from '../src/app.module';

/** The councils every API spec starts with: its own (kent) and another (leeds). */
export const COUNCILS = { kent: 'Kent County Council', leeds: 'Leeds City Council' } as const;

/** Principals every API spec can act as, each holding an API key. */
export const PRINCIPALS = {
  admin: { roles: ['bureau-admin'], councils: 'all' },
  operator: { roles: ['payroll-operator'], councils: ['kent'] },
  finance: { roles: ['council-finance'], councils: ['kent'] },
  auditor: { roles: ['auditor'], councils: ['kent'] },
  'leeds-operator': { roles: ['payroll-operator'], councils: ['leeds'] },
} as const satisfies Record<string, { roles: readonly Role[]; councils: readonly string[] | 'all' }>;
export type PrincipalName = keyof typeof PRINCIPALS;

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
export function apiSpec(options: Omit<ApiOptions, 'store'> = {}) {
  let dir: string;
  let app: INestApplication;
  let store: EventStore;
  let headBefore = 0n;
  const keys = new Map<string, string>();

  /** Issues an API key straight through the executor (as the first start does), returning it. */
  async function issueKey(
    integration: string,
    roles: readonly Role[],
    councils: readonly string[] | 'all',
    expiresOn?: string,
    binding: {
      readonly recipients?: readonly string[];
      readonly employments?: readonly { recipientId: string; employmentId: string }[];
    } = {},
  ): Promise<{ keyId: string; apiKey: string }> {
    const scope = councils === 'all' ? { allCouncils: true } : { councils };
    const outcome = await executeCommand(
      store,
      createApiKey,
      { integration, roles, ...scope, ...(expiresOn ? { expiresOn } : {}), ...binding },
      {
        principal: systemPrincipal('spec'),
        now: londonNow(),
      },
    );
    return outcome.reply as { keyId: string; apiKey: string };
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-api-'));
    app = await createApi({ ...options, store: `sqlite:${join(dir, 'dpe.db')}` });
    await app.init();
    store = app.get(EVENT_STORE);
    for (const [councilId, name] of Object.entries(COUNCILS)) {
      await executeCommand(
        store,
        registerCouncil,
        { councilId, name },
        { principal: systemPrincipal('spec'), now: londonNow() },
      );
    }
    for (const [name, principal] of Object.entries(PRINCIPALS))
      keys.set(name, (await issueKey(`spec-${name}`, principal.roles, principal.councils)).apiKey);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  return {
    get store(): EventStore {
      return store;
    },
    get app(): INestApplication {
      return app;
    },
    /** The folder holding the spec's SQLite files. */
    get storeDirectory(): string {
      return dir;
    },
    http: () => request(app.getHttpServer()),
    issueKey,

    /** The Authorization header of one of the spec's principals. */
    as(name: PrincipalName): { Authorization: string } {
      const key = keys.get(name);
      if (!key) throw new Error(`no key for ${name}: keys are issued in beforeAll`);
      return { Authorization: `Bearer ${key}` };
    },

    /** Existing history, appended straight to the store (as an older build or another process wrote it). */
    async given(streams: Record<string, readonly GivenStreamEvent[]>): Promise<void> {
      for (const [streamId, events] of Object.entries(streams)) {
        const commandId = `given-${uuidv4()}`;
        const toAppend: NewEvent[] = events.map((event) => ({
          id: uuidv4(),
          type: event.type,
          schemaVersion: event.schemaVersion ?? 1,
          data: event.data,
          metadata: {
            correlationId: commandId,
            causationId: commandId,
            commandId,
            actor: 'spec:given',
            occurredAt: '2026-04-06T09:00:00.000+01:00',
          },
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
    async thenProblem(
      response: request.Response,
      status: number,
      code: string,
      paths?: readonly string[],
    ): Promise<void> {
      expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status, type: `urn:dpe:problem:${code}`, detail: expect.any(String) });
      if (paths)
        expect((response.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual([...paths].sort());
      expect(await store.headPosition()).toBe(headBefore);
    },
  };
}
