import { existsSync } from 'node:fs';
import { EdgeError, InvalidInput } from '@dpe/errors';
import { openEventStoreDb } from './eventstoredb/eventstoredb-event-store';
import { createInMemoryEventStore } from './memory/in-memory-event-store';
import type { EventStore } from './port';
import { openSqliteEventStore } from './sqlite/sqlite-event-store';

export const DEFAULT_EVENT_STORE_SPEC = 'sqlite:./data/dpe.db';

export type EventStoreSpec =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'in-memory' }
  | { readonly kind: 'eventstoredb'; readonly connectionString: string };

const ACCEPTED_FORMS =
  'sqlite:<path> (e.g. sqlite:./data/dpe.db or sqlite::memory:), memory:, esdb://host:2113?tls=false, esdb+discover://host:2113';

/** Parses a DPE_STORE value; an empty or missing value means the default SQLite file. */
export function parseEventStoreSpec(spec: string | undefined): EventStoreSpec {
  const value = spec === undefined || spec.trim() === '' ? DEFAULT_EVENT_STORE_SPEC : spec.trim();
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.length > 0) return { kind: 'sqlite', path };
  } else if (value === 'memory:') {
    return { kind: 'in-memory' };
  } else if (/^esdb(\+discover)?:\/\/[^/?]+/.test(value)) {
    return { kind: 'eventstoredb', connectionString: value };
  }
  throw new InvalidInput(
    'DPE_STORE',
    `"${value}" is not a store this engine knows; accepted forms: ${ACCEPTED_FORMS}`,
    value,
    `DPE_STORE "${value}" is not a store this engine knows; accepted forms: ${ACCEPTED_FORMS}`,
  );
}

export interface OpenOptions {
  /**
   * For reads only: never create the database file or its folder. A missing SQLite file is reported as
   * `store.missing` (nothing has been recorded there) instead of being created empty.
   */
  readonly mustExist?: boolean;
}

/** Opens the store a DPE_STORE-style spec names (see parseEventStoreSpec). */
export async function openEventStore(spec?: string, options: OpenOptions = {}): Promise<EventStore> {
  const parsed = parseEventStoreSpec(spec);
  switch (parsed.kind) {
    case 'sqlite':
      if (options.mustExist && parsed.path !== ':memory:' && !existsSync(parsed.path)) {
        throw new EdgeError(
          'not-found',
          'store.missing',
          `no event store at ${parsed.path}: nothing has been recorded there yet`,
        );
      }
      return openSqliteEventStore(parsed.path);
    case 'in-memory':
      return createInMemoryEventStore();
    case 'eventstoredb':
      return openEventStoreDb(parsed.connectionString);
  }
}
