import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { defineProjection, Projector, readModelTable, type ProjectionDeclaration } from '@dpe/projector';

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

// The same toy kept by key, with pay as money, and every shift appended: what the runner keeps in memory for a page.
interface PayTables {
  toy_pay: { employment_id: string; pay: string; shifts: number };
  toy_shifts: { employment_id: string; shift: number };
}
const PAY = readModelTable<PayTables>()('toy_pay', { key: ['employment_id'], money: ['pay'] });
const SHIFTS = readModelTable<PayTables>()('toy_shifts');
const pay = (): ProjectionDeclaration<PayTables> =>
  defineProjection<PayTables>({
    name: 'toy',
    version: 1,
    handles: ['ShiftWorked'],
    tables: [
      'CREATE TABLE toy_pay (employment_id TEXT PRIMARY KEY, pay TEXT NOT NULL, shifts INTEGER NOT NULL)',
      'CREATE TABLE toy_shifts (employment_id TEXT NOT NULL, shift INTEGER NOT NULL, PRIMARY KEY (employment_id, shift))',
    ],
    apply(event, rows) {
      const {
        employmentId,
        hours: worked,
        pay: earned,
      } = event.data as { employmentId: string; hours: number; pay: string };
      const row = rows.find(PAY, { employment_id: employmentId });
      rows.put(PAY, {
        employment_id: employmentId,
        pay: (row?.pay ?? Money.zero).plus(earned),
        shifts: (row?.shifts ?? 0) + 1,
      });
      // The hours stand for the shift's number here, so that a repeated one is a key taken twice.
      rows.insert(SHIFTS, { employment_id: employmentId, shift: worked });
    },
  });
const paid = (employmentId: string, shift: number, amount: string): NewEvent => ({
  ...worked(employmentId, shift),
  data: { employmentId, hours: shift, pay: amount },
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

  it('keeps a page of changes to a row in memory: the rows are those of writing it after every event', async () => {
    // Amounts of three places count to the penny after each event, as the row's text would: 10.005 is 10.01, then
    // 10.014 is 10.01 and 10.015 is 10.02 (summed over the page first, 10.014 would be 10.01).
    await store.append(
      's-1',
      [paid('e-1', 1, '10.005'), paid('e-2', 1, '7.50'), paid('e-1', 2, '0.004'), paid('e-1', 3, '0.005')],
      'no-stream',
    );
    const snapshots: Record<string, unknown[]>[] = [];
    for (const pageSize of [1000, 1]) {
      const projector = new Projector(store, join(dir, `views-${pageSize}.db`), [pay()], { pageSize });
      await projector.catchUp();
      snapshots.push(projector.snapshot('toy'));
      await projector.close();
    }
    expect(snapshots[0]).toEqual(snapshots[1]);
    expect(snapshots[0]!['toy_pay']).toEqual([
      { employment_id: 'e-1', pay: '10.02', shifts: 3 },
      { employment_id: 'e-2', pay: '7.50', shifts: 1 },
    ]);
  });

  it('stops a projection on the event whose row the page cannot write (a key taken twice), keeping the rest', async () => {
    await store.append(
      's-1',
      [paid('e-1', 1, '1.00'), paid('e-1', 2, '2.00'), paid('e-1', 1, '4.00'), paid('e-1', 3, '8.00')],
      'no-stream',
    );
    const projector = new Projector(store, views(), [pay()]);
    await projector.catchUp();
    expect(projector.snapshot('toy')).toEqual({
      toy_pay: [{ employment_id: 'e-1', pay: '3.00', shifts: 2 }],
      toy_shifts: [
        { employment_id: 'e-1', shift: 1 },
        { employment_id: 'e-1', shift: 2 },
      ],
    });
    const [status] = await projector.status();
    expect(status).toMatchObject({ position: 2n, failed: { position: 3n, eventType: 'ShiftWorked' } });
    expect(status?.failed?.error).toMatch(/UNIQUE constraint failed: toy_shifts/);
    await projector.close();
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
