import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import { openSqliteEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import { defineStream, fold, StateCache, type DomainEvent } from '@dpe/decider';

// A stream whose state lists its events, so a spec can see exactly which events were folded, and in what order.
type Noted = DomainEvent<'Noted', { note: string }>;
const notes = defineStream<Noted, { readonly notes: readonly string[] }>({
  name: 'notes',
  streamId: (key) => `notes-${key}`,
  initialState: { notes: [] },
  evolve: (state, event) => ({ notes: [...state.notes, event.data.note] }),
});
const noted = (note: string): NewEvent => ({
  id: uuid(),
  type: 'Noted',
  schemaVersion: 1,
  data: { note },
  metadata: {
    correlationId: 'c',
    causationId: 'c',
    commandId: uuid(),
    actor: 'test',
    occurredAt: '2026-04-06T09:00:00Z',
  },
});

describe('StateCache: folded states kept between commands', () => {
  let dir: string;
  let store: EventStore;
  let other: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-state-cache-'));
    store = await openSqliteEventStore(join(dir, 'dpe.db'));
    // A second connection to the same file: another process writing.
    other = await openSqliteEventStore(join(dir, 'dpe.db'));
  });
  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the state and revision a fresh fold gives, and reads only the events after the cached revision', async () => {
    const cache = new StateCache();
    await store.append('notes-a', [noted('one'), noted('two')], 'no-stream');
    expect(await cache.load(store, notes, 'notes-a')).toEqual({ state: { notes: ['one', 'two'] }, revision: 1n });

    const reads: unknown[] = [];
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (id: string, options?: object) => (reads.push(options), store.readStream(id, options)),
    });
    await other.append('notes-a', [noted('three')], 1n);
    const loaded = await cache.load(counting, notes, 'notes-a');
    expect(loaded).toEqual({ state: { notes: ['one', 'two', 'three'] }, revision: 2n });
    expect(loaded.state).toEqual(fold(notes, await store.readStream('notes-a')));
    expect(reads).toEqual([{ fromRevision: 2n }]);
  });

  it('sees an append made through another connection to the same store', async () => {
    const cache = new StateCache();
    await store.append('notes-b', [noted('one')], 'no-stream');
    await cache.load(store, notes, 'notes-b');
    await other.append('notes-b', [noted('two')], 0n);
    expect((await cache.load(store, notes, 'notes-b')).state.notes).toEqual(['one', 'two']);
  });

  it('does not keep a stream with no events', async () => {
    const cache = new StateCache();
    expect(await cache.load(store, notes, 'notes-none')).toEqual({ state: { notes: [] }, revision: undefined });
    expect(cache.size).toBe(0);
  });

  it('records an append made through it, and forgets a stream whose events do not follow the cached revision', async () => {
    const cache = new StateCache();
    await store.append('notes-c', [noted('one')], 'no-stream');
    const before = await cache.load(store, notes, 'notes-c');
    const appended = await store.append('notes-c', [noted('two')], 0n);
    cache.appended(notes, 'notes-c', before, appended.events);
    expect((await cache.load(store, notes, 'notes-c')).state.notes).toEqual(['one', 'two']);

    // Events from revision 5 do not follow revision 1: the entry is dropped, and the next load folds from the start.
    cache.appended(notes, 'notes-c', { state: { notes: ['stale'] }, revision: 1n }, [
      { ...appended.events[0]!, revision: 5n },
    ]);
    expect(cache.size).toBe(0);
    expect((await cache.load(store, notes, 'notes-c')).state.notes).toEqual(['one', 'two']);
  });

  it('keeps at most maxEntries streams, dropping the least recently used', async () => {
    const cache = new StateCache(2);
    for (const key of ['x', 'y', 'z']) await store.append(`notes-${key}`, [noted(key)], 'no-stream');
    await cache.load(store, notes, 'notes-x');
    await cache.load(store, notes, 'notes-y');
    await cache.load(store, notes, 'notes-x');
    await cache.load(store, notes, 'notes-z');
    expect(cache.size).toBe(2);
    // y was least recently used: loading it again reads it whole.
    const reads: unknown[] = [];
    const counting: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (id: string, options?: object) => (reads.push([id, options]), store.readStream(id, options)),
    });
    await cache.load(counting, notes, 'notes-y');
    await cache.load(counting, notes, 'notes-z');
    expect(reads).toEqual([
      ['notes-y', {}],
      ['notes-z', { fromRevision: 1n }],
    ]);
  });

  it('hands out frozen states under test, so a fold or decision that changed one fails', async () => {
    const cache = new StateCache();
    await store.append('notes-d', [noted('one')], 'no-stream');
    const { state } = await cache.load(store, notes, 'notes-d');
    expect(() => (state.notes as string[]).push('sneaked in')).toThrow(TypeError);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new StateCache(0)).toThrow('maxEntries must be a positive integer, got 0');
  });
});
