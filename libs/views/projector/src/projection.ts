import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type InsertType,
  type SelectType,
} from 'kysely';
import type { RecordedEvent } from '@dpe/event-store';
import type { Money } from '@dpe/money';

/**
 * A projection, declared once: its name and version, the event types it reads, its tables, and how each event changes
 * their rows. Bumping `version` rebuilds it from the first event (its tables are dropped and created again).
 *
 * An event changes rows through its `rows`: by key (`find`, `put`) and by appending (`insert`) on the tables it
 * declares with `readModelTable`, which the runner keeps in memory for the whole page and writes when the page
 * commits, each changed row once, many rows to a statement; or by any query of Kysely's typed query builder (`run`,
 * `get`, `all`).
 * Either way they are written inside the runner's transaction, together with the projection's checkpoint: an event's
 * rows and the position that says it was projected commit together or not at all, so a crash mid-catch-up never
 * double-counts nor skips an event. Only the tables' DDL is SQLite's (`tables`); the statements are built with Kysely,
 * so a server database replaces SQLite by compiling the same queries for its dialect.
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
  readonly apply: (event: RecordedEvent, rows: ProjectionRows<Tables>) => void;
  /**
   * The business date an event takes effect on (a payment's paidOn, funding's receivedOn), for "as at" questions;
   * by default the London date of its occurredAt. An event recorded late about an earlier date (a correction) counts
   * as at its own date, and "as known on" a day leaves out what was recorded after it.
   */
  readonly effectiveDate?: (event: RecordedEvent) => string | undefined;
}

export type AnyProjection = ProjectionDeclaration<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The read model's rows, as queries read them with Kysely's typed query builder. */
export interface ReadModelRows<Tables> {
  /** The typed query builder: build a query with it, then run it with `run`, `all` or `get`. */
  readonly db: Kysely<Tables>;
  run(query: Compilable): void;
  all<Row>(query: Compilable<Row>): Row[];
  get<Row>(query: Compilable<Row>): Row | undefined;
}

/**
 * A table a projection changes row by row, kept by the runner for a page: `key` is its primary key (for `find` and
 * `put`; none for a table only appended to), `money` the columns of two-place text that the projection works on as
 * Money (parsed once when a row is first read, written as text once when the page commits), and `derive` works out
 * the columns computed from the others, once, when a changed row is written.
 */
export interface ReadModelTable<Row, Key extends keyof Row & string, MoneyColumn extends keyof Row & string> {
  readonly name: string;
  readonly key: readonly Key[];
  readonly money: readonly MoneyColumn[];
  readonly derive?: (row: WorkingRow<Row, MoneyColumn>) => WorkingRow<Row, MoneyColumn>;
}

/** A row as the projection works on it: its money columns as Money, the others as read back or as written. */
export type WorkingRow<Row, MoneyColumn extends keyof Row> = {
  [Column in keyof Row]: Column extends MoneyColumn ? Money : SelectType<Row[Column]> | InsertType<Row[Column]>;
};

export type RowKey<Row, Key extends keyof Row> = { readonly [Column in Key]: SelectType<Row[Column]> };

/** Declares a table of `Tables` for `find`, `put` and `insert`: `readModelTable<BalancesTables>()('balances_ledger', …)`. */
export function readModelTable<Tables>() {
  return <
    Name extends keyof Tables & string,
    Key extends keyof Tables[Name] & string = never,
    MoneyColumn extends keyof Tables[Name] & string = never,
  >(
    name: Name,
    spec: {
      readonly key?: readonly Key[];
      readonly money?: readonly MoneyColumn[];
      readonly derive?: (row: WorkingRow<Tables[Name], MoneyColumn>) => WorkingRow<Tables[Name], MoneyColumn>;
    } = {},
  ): ReadModelTable<Tables[Name], Key, MoneyColumn> => ({
    name,
    key: spec.key ?? [],
    money: spec.money ?? [],
    ...(spec.derive ? { derive: spec.derive } : {}),
  });
}

/**
 * What an event's apply changes rows through. `find` sees every `put` before it in the page; `run`, `get` and `all`
 * first write what the page has changed so far, so a query sees it too, and `run` (which may change any row) makes
 * `find` read the rows again. A row is a value: change it by putting a new one.
 */
export interface ProjectionRows<Tables> extends ReadModelRows<Tables> {
  /** The row with this key, as the page has it, or undefined when there is none. */
  find<Row, Key extends keyof Row & string, MoneyColumn extends keyof Row & string>(
    table: ReadModelTable<Row, Key, MoneyColumn>,
    key: RowKey<Row, Key>,
  ): WorkingRow<Row, MoneyColumn> | undefined;
  /** Inserts the row, or replaces the one with its key (every column). */
  put<Row, Key extends keyof Row & string, MoneyColumn extends keyof Row & string>(
    table: ReadModelTable<Row, Key, MoneyColumn>,
    row: WorkingRow<Row, MoneyColumn>,
  ): void;
  /**
   * Appends a row (a table written only so, never read by `find`). A key it repeats fails the event, as an INSERT
   * would: the runner takes such a page again event by event to find which.
   */
  insert<Row, MoneyColumn extends keyof Row & string>(
    table: ReadModelTable<Row, never, MoneyColumn>,
    row: WorkingRow<Row, MoneyColumn>,
  ): void;
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
