import type Database from 'better-sqlite3';
import { sql, type Compilable, type Kysely } from 'kysely';
import { Money } from '@dpe/money';
import {
  queryBuilder,
  type ProjectionRows,
  type ReadModelRows,
  type ReadModelTable,
  type RowKey,
  type WorkingRow,
} from './projection';

type AnyTable = ReadModelTable<any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Row = Record<string, unknown>;

/** A statement built once with Kysely: its text, and which value goes in each of its parameters. */
interface Plan {
  readonly sql: string;
  /** The index of the value bound to each parameter; undefined when they are bound in the order given. */
  readonly slots: readonly number[] | undefined;
}

// Compiled once per process, not per read model: an as-at answer opens a fresh in-memory model for each question.
const plans = new Map<string, Plan>();
const builder: Kysely<any> = queryBuilder<any>(); // eslint-disable-line @typescript-eslint/no-explicit-any
const SLOT = '\u0000slot:';

/**
 * Compiles a statement with a placeholder value in each place a value goes, so that the order in which Kysely lays out
 * its parameters is read from what it compiled, never assumed.
 */
function planOf(id: string, build: (slot: (index: number) => string) => Compilable): Plan {
  let plan = plans.get(id);
  if (!plan) {
    const compiled = build((index) => `${SLOT}${index}`).compile();
    const slots = compiled.parameters.map((parameter) => {
      if (typeof parameter !== 'string' || !parameter.startsWith(SLOT)) {
        throw new Error(`statement ${id}: a parameter is not one of its values`);
      }
      return Number(parameter.slice(SLOT.length));
    });
    plan = { sql: compiled.sql, slots: slots.every((slot, index) => slot === index) ? undefined : slots };
    plans.set(id, plan);
  }
  return plan;
}

function selectPlan(table: AnyTable): Plan {
  return planOf(`select\u0000${table.name}\u0000${table.key.join(',')}`, (slot) =>
    (table.key as string[]).reduce(
      (query, column, index) => query.where(column, '=', slot(index)),
      builder.selectFrom(table.name).selectAll(),
    ),
  );
}

function writePlan(table: AnyTable, columns: readonly string[], count: number, replace: boolean): Plan {
  const id = `${replace ? 'put' : 'insert'}\u0000${table.name}\u0000${columns.join(',')}\u0000${count}`;
  return planOf(id, (slot) => {
    const values = Array.from({ length: count }, (_, row) =>
      Object.fromEntries(columns.map((column, index) => [column, slot(row * columns.length + index)])),
    );
    const insert = builder.insertInto(table.name).values(values);
    if (!replace) return insert;
    const others = columns.filter((column) => !(table.key as string[]).includes(column));
    return insert.onConflict((conflict) =>
      others.length === 0
        ? conflict.columns(table.key).doNothing()
        : conflict
            .columns(table.key)
            .doUpdateSet(Object.fromEntries(others.map((column) => [column, sql.ref(`excluded.${column}`)]))),
    );
  });
}

/** Rows per statement: many, to write a page in few calls, within SQLite's oldest limit of 999 parameters. */
function rowsPerStatement(columns: number): number {
  return Math.max(1, Math.min(64, Math.floor(999 / columns)));
}

/**
 * The rows a projection changes in one transaction (a page of catch-up, or one live event), kept in memory and written
 * when it commits: each changed row once, however many events changed it, in statements of many rows prepared once.
 */
export class PageRows implements ProjectionRows<unknown> {
  private readonly tables = new Map<
    string,
    { table: AnyTable; found: Map<string, Row | null>; changed: Map<string, Row>; appended: Row[] }
  >();

  constructor(
    private readonly direct: ReadModelRows<unknown>,
    private readonly prepare: (sql: string) => Database.Statement,
  ) {}

  get db(): Kysely<unknown> {
    return this.direct.db;
  }

  run(query: Compilable): void {
    this.write();
    // The query may change any row, so what was read before it is read again.
    for (const state of this.tables.values()) state.found.clear();
    this.direct.run(query);
  }

  all<Result>(query: Compilable<Result>): Result[] {
    this.write();
    return this.direct.all(query);
  }

  get<Result>(query: Compilable<Result>): Result | undefined {
    this.write();
    return this.direct.get(query);
  }

  find<R, Key extends keyof R & string, MoneyColumn extends keyof R & string>(
    table: ReadModelTable<R, Key, MoneyColumn>,
    key: RowKey<R, Key>,
  ): WorkingRow<R, MoneyColumn> | undefined {
    const state = this.stateOf(table, 'find');
    const id = keyOf(table, key as Row);
    let row = state.found.get(id);
    if (row === undefined) {
      const plan = selectPlan(table);
      const values = table.key.map((column) => bindable((key as Row)[column]));
      const stored = this.prepare(plan.sql).get(...(plan.slots ? plan.slots.map((slot) => values[slot]) : values));
      row = stored === undefined ? null : working(table, plain(stored));
      state.found.set(id, row);
    }
    return (row ?? undefined) as WorkingRow<R, MoneyColumn> | undefined;
  }

  put<R, Key extends keyof R & string, MoneyColumn extends keyof R & string>(
    table: ReadModelTable<R, Key, MoneyColumn>,
    row: WorkingRow<R, MoneyColumn>,
  ): void {
    const state = this.stateOf(table, 'put');
    const held = working(table, row as Row);
    const id = keyOf(table, held);
    state.found.set(id, held);
    state.changed.set(id, held);
  }

  insert<R, MoneyColumn extends keyof R & string>(
    table: ReadModelTable<R, never, MoneyColumn>,
    row: WorkingRow<R, MoneyColumn>,
  ): void {
    this.stateOf(table, 'insert').appended.push(working(table, row as Row));
  }

  /** Writes every row changed since the last write. */
  write(): void {
    for (const state of this.tables.values()) {
      if (state.appended.length > 0) this.writeRows(state.table, state.appended, false);
      if (state.changed.size > 0) {
        const derive = state.table.derive as ((row: Row) => Row) | undefined;
        const rows = [...state.changed.values()];
        this.writeRows(state.table, derive ? rows.map(derive) : rows, true);
      }
      state.appended = [];
      state.changed.clear();
    }
  }

  private stateOf(table: AnyTable, use: 'find' | 'put' | 'insert') {
    let state = this.tables.get(table.name);
    if (!state) {
      state = { table, found: new Map(), changed: new Map(), appended: [] };
      this.tables.set(table.name, state);
    }
    // A table is changed one way: by key, or only appended to, so that `find` never misses an appended row.
    if ((use === 'insert') !== (table.key.length === 0)) {
      throw new Error(
        `${table.name}: ${use === 'insert' ? 'a table with a key is changed with put' : 'a table without a key is only appended to'}`,
      );
    }
    return state;
  }

  private writeRows(table: AnyTable, rows: readonly Row[], replace: boolean): void {
    const columns = Object.keys(rows[0]!);
    const most = rowsPerStatement(columns.length);
    for (let at = 0; at < rows.length;) {
      const left = rows.length - at;
      // A remainder is written in powers of two, so that a table has a handful of statements, not one per count.
      const count = left >= most ? most : 2 ** Math.floor(Math.log2(left));
      const plan = writePlan(table, columns, count, replace);
      const values: unknown[] = new Array(count * columns.length);
      for (let r = 0; r < count; r++) {
        const row = rows[at + r]!;
        if (Object.keys(row).length !== columns.length) throw new Error(`${table.name}: rows with other columns`);
        for (let c = 0; c < columns.length; c++) {
          const value = row[columns[c]!];
          if (value === undefined) throw new Error(`${table.name}: a row without ${columns[c]}`);
          values[r * columns.length + c] = value instanceof Money ? value.toString() : bindable(value);
        }
      }
      this.prepare(plan.sql).run(...(plan.slots ? plan.slots.map((slot) => values[slot]) : values));
      at += count;
    }
  }
}

function keyOf(table: AnyTable, row: Row): string {
  const key = table.key as string[];
  return key.length === 1 ? String(row[key[0]!]) : key.map((column) => String(row[column])).join('\u0000');
}

/**
 * A row with its money columns as Money, each as its two-place text reads back (half up, as `toString` writes it), so
 * that a page's sums are exactly those of writing and reading the row after every event.
 */
function working(table: AnyTable, row: Row): Row {
  let out = row;
  for (const column of table.money as string[]) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    const money = Money.of(value as Money | string);
    const held = money.amount.decimalPlaces() > 2 ? money.roundHalfUpToPenny() : money;
    if (held === value) continue;
    if (out === row) out = { ...row };
    out[column] = held;
  }
  return out;
}

/** Kysely parameters as better-sqlite3 binds them (booleans as 0/1). */
export function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  return value;
}

/** Rows read in safe-integer mode: small integers back to numbers, big ones stay bigint. */
export function plain(row: unknown): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row as Row)) {
    out[key] =
      typeof value === 'bigint' && value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= -BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value;
  }
  return out;
}
