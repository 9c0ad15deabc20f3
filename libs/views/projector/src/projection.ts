import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Compilable } from 'kysely';
import type { RecordedEvent } from '@dpe/event-store';

/**
 * A projection, declared once: its name and version, the event types it reads, its tables, and how each event changes
 * their rows. Bumping `version` rebuilds it from the first event (its tables are dropped and created again).
 *
 * Rows are written through Kysely's typed query builder and executed on the read-model connection inside the
 * runner's transaction, together with the projection's checkpoint: an event's rows and the position that says it was
 * projected commit together or not at all, so a crash mid-catch-up never double-counts nor skips an event. Only the
 * queries' text is SQLite's (`tables`); a server database replaces SQLite by compiling the same queries for its
 * dialect.
 */
export interface ProjectionDeclaration<Tables> {
  /** Also the prefix of its tables, e.g. `paye_liabilities`. */
  readonly name: string;
  readonly version: number;
  /** The event types it reads; the runner gives it no other. */
  readonly handles: readonly string[];
  /** Its tables' DDL (`CREATE TABLE …`, `CREATE INDEX …`), run on a fresh build. */
  readonly tables: readonly string[];
  /** How one event changes the rows. Must be deterministic: the rows are a function of the events alone. */
  readonly apply: (event: RecordedEvent, rows: ReadModelRows<Tables>) => void;
  /**
   * The business date an event takes effect on (a payment's paidOn, funding's receivedOn), for "as at" questions;
   * by default the London date of its occurredAt. An event recorded late about an earlier date (a correction) counts
   * as at its own date, and "as known on" a day leaves out what was recorded after it.
   */
  readonly effectiveDate?: (event: RecordedEvent) => string | undefined;
}

export type AnyProjection = ProjectionDeclaration<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The projection's access to its rows inside the runner's transaction. */
export interface ReadModelRows<Tables> {
  /** The typed query builder: build a query with it, then run it with `run`, `all` or `get`. */
  readonly db: Kysely<Tables>;
  run(query: Compilable): void;
  all<Row>(query: Compilable<Row>): Row[];
  get<Row>(query: Compilable<Row>): Row | undefined;
}

export function defineProjection<Tables>(declaration: ProjectionDeclaration<Tables>): ProjectionDeclaration<Tables> {
  if (!/^[a-z][a-z0-9_]{0,40}$/.test(declaration.name)) {
    throw new Error(`projection name ${JSON.stringify(declaration.name)} must be lower-case letters, digits and _`);
  }
  if (!Number.isInteger(declaration.version) || declaration.version < 1) {
    throw new Error(`projection ${declaration.name}: version must be a positive integer`);
  }
  return declaration;
}

/** A query builder that only compiles (SQLite's dialect); the runner executes what it compiles. */
export function queryBuilder<Tables>(): Kysely<Tables> {
  return new Kysely<Tables>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}
