import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import { defineProjection, Projector, type ProjectionDeclaration } from '@dpe/projector';

// A toy view: hours per employment, so these specs exercise the runner, not any one view.
interface Tables {
  toy_hours: { employment_id: string; hours: number; shifts: number };
}
const hours = (version = 1, failOn?: string): ProjectionDeclaration<Tables> =>
  defineProjection<Tables>({
    name: 'toy',
    version,
    handles: ['ShiftWorked'],
    tables: [
      'CREATE TABLE toy_hours (employment_id TEXT PRIMARY KEY, hours INTEGER NOT NULL, shifts INTEGER NOT NULL)',
    ],
    apply(event, rows) {
      const { employmentId, hours: worked } = event.data as { employmentId: string; hours: number };
      if (employmentId === failOn) throw new Error(`cannot project ${employmentId}`);
      rows.run(
        rows.db
          .insertInto('toy_hours')
          .values({ employment_id: employmentId, hours: worked, shifts: 1 })
          .onConflict((conflict) =>
            conflict.column('employment_id').doUpdateSet((eb) => ({
              hours: eb('toy_hours.hours', '+', worked),
              shifts: eb('toy_hours.shifts', '+', 1),
            })),
          ),
      );
    },
  });

const worked = (employmentId: string, h: number): NewEvent => ({
  id: uuid(),
  type: 'ShiftWorked',
  schemaVersion: 1,
  data: { employmentId, hours: h },
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    commandId: uuid(),
    actor: 'test',
    occurredAt: '2026-04-06T09:00:00Z',
  },
});
const other = (): NewEvent => ({ ...worked('x', 0), type: 'SomethingElse' });

describe('Projector: checkpointed catch-up of declared projections', () => {
  let dir: string;
  let store: EventStore;
  const views = () => join(dir, 'views.db');
  const rowsOf = (projector: Projector) =>
    projector.readModel.all(
      projector.readModel.db
        .selectFrom('toy_hours' as never)
        .selectAll()
        .orderBy('employment_id' as never),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-projector-'));
    store = await openSqliteEventStore(join(dir, 'dpe.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given events, when caught up, then the rows are their sum; caught up again, then nothing changes', async () => {
    await store.append('s-1', [worked('e-1', 5), other(), worked('e-2', 7), worked('e-1', 3)], 'no-stream');
    const projector = new Projector(store, views(), [hours()], { pageSize: 2 });
    await projector.catchUp();
    const expected = [
      { employment_id: 'e-1', hours: 8, shifts: 2 },
      { employment_id: 'e-2', hours: 7, shifts: 1 },
    ];
    expect(rowsOf(projector)).toEqual(expected);
    await projector.catchUp();
    expect(rowsOf(projector)).toEqual(expected);
    await projector.close();

    // Reopened on the same read model: it resumes from its checkpoint, so nothing is counted twice.
    const reopened = new Projector(store, views(), [hours()]);
    await store.append('s-2', [worked('e-2', 1)], 'no-stream');
    await reopened.catchUp();
    expect(rowsOf(reopened)).toEqual([expected[0], { employment_id: 'e-2', hours: 8, shifts: 2 }]);
    expect(await reopened.status()).toEqual([{ name: 'toy', version: 1, position: 5n, lagEvents: 0n, lagSeconds: 0 }]);
    await reopened.close();
  });

  it('stops a projection on the event it cannot project, reports it, keeps everything before it, and never skips it', async () => {
    await store.append('s-1', [worked('e-1', 5), worked('e-bad', 1), worked('e-1', 2)], 'no-stream');
    const projector = new Projector(store, views(), [hours(1, 'e-bad')]);
    await projector.catchUp();
    expect(rowsOf(projector)).toEqual([{ employment_id: 'e-1', hours: 5, shifts: 1 }]);
    const [status] = await projector.status();
    expect(status).toMatchObject({
      position: 1n,
      lagEvents: 2n,
      failed: { position: 2n, eventType: 'ShiftWorked', error: 'cannot project e-bad' },
    });
    await projector.close();

    // After the fix (a build without the fault), retrying projects the event it stopped on, then the rest.
    const fixed = new Projector(store, views(), [hours(1)]);
    fixed.retry('toy');
    await fixed.catchUp();
    expect(rowsOf(fixed)).toEqual([
      { employment_id: 'e-1', hours: 7, shifts: 2 },
      { employment_id: 'e-bad', hours: 1, shifts: 1 },
    ]);
    await fixed.close();
  });

  it('rebuilds a projection from the first event when its version is bumped', async () => {
    await store.append('s-1', [worked('e-1', 5)], 'no-stream');
    const v1 = new Projector(store, views(), [hours(1)]);
    await v1.catchUp();
    await v1.close();
    const v2 = new Projector(store, views(), [hours(2)]);
    expect((await v2.status())[0]).toMatchObject({ version: 2, position: 0n, lagEvents: 1n });
    await v2.catchUp();
    expect(rowsOf(v2)).toEqual([{ employment_id: 'e-1', hours: 5, shifts: 1 }]);
    await v2.close();
  });

  it('follows new events live after catching up', async () => {
    const projector = new Projector(store, views(), [hours()]);
    await projector.start();
    await store.append('s-1', [worked('e-9', 4)], 'no-stream');
    for (let i = 0; i < 100 && rowsOf(projector).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(rowsOf(projector)).toEqual([{ employment_id: 'e-9', hours: 4, shifts: 1 }]);
    await projector.close();
  });
});
