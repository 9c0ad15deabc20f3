export * from './port';
export {
  openEventStore,
  parseEventStoreSpec,
  DEFAULT_EVENT_STORE_SPEC,
  type EventStoreSpec,
  type OpenOptions,
} from './open-event-store';
export { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
export { NotDurableError } from './sqlite/wal-sync';
export {
  SQLITE_EVENT_STORE_PRAGMAS,
  SQLITE_EVENT_STORE_SCHEMA,
  SQLITE_EVENT_STORE_SCHEMA_VERSION,
} from './sqlite/schema';
export { openEventStoreDb, type EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
export { createInMemoryEventStore } from './memory/in-memory-event-store';
