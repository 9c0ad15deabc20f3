import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventStore, parseEventStoreSpec } from './open-event-store';

describe('parseEventStoreSpec (DPE_STORE)', () => {
  it.each([
    [undefined, { kind: 'sqlite', path: './data/dpe.db' }],
    ['', { kind: 'sqlite', path: './data/dpe.db' }],
    ['  ', { kind: 'sqlite', path: './data/dpe.db' }],
    ['sqlite:/var/lib/dpe/events.db', { kind: 'sqlite', path: '/var/lib/dpe/events.db' }],
    ['sqlite::memory:', { kind: 'sqlite', path: ':memory:' }],
    ['memory:', { kind: 'in-memory' }],
    ['esdb://localhost:2113?tls=false', { kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' }],
    [
      'esdb+discover://cluster.internal:2113',
      { kind: 'eventstoredb', connectionString: 'esdb+discover://cluster.internal:2113' },
    ],
  ])('reads %p', (spec, expected) => {
    expect(parseEventStoreSpec(spec)).toEqual(expected);
  });

  it.each(['sqlite:', 'postgres://localhost/dpe', 'memory', 'esdb://', 'kurrentdb://localhost:2113', './data/dpe.db'])(
    'refuses %p, naming DPE_STORE and the accepted forms',
    (spec) => {
      expect(() => parseEventStoreSpec(spec)).toThrow(
        /DPE_STORE .*accepted forms: sqlite:<path>.*memory:.*esdb:\/\/.*esdb\+discover:\/\//,
      );
    },
  );
});

describe('openEventStore', () => {
  it('opens the adapter the spec names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpe-open-'));
    try {
      const sqlite = await openEventStore(`sqlite:${join(dir, 'a', 'b', 'dpe.db')}`);
      const memory = await openEventStore('memory:');
      const esdb = await openEventStore('esdb://localhost:2113?tls=false');
      expect([sqlite.kind, memory.kind, esdb.kind]).toEqual(['sqlite', 'in-memory', 'eventstoredb']);
      await Promise.all([sqlite.close(), memory.close(), esdb.close()]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
