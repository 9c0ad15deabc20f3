import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Compilable } from 'kysely';
import type { EventStore, RecordedEvent, Subscription } from '@dpe/event-store';
import { PageRows, bindable, plain } from './page-rows';
import { queryBuilder, type AnyProjection, type ReadModelRows } from './projection';

/** One projection's progress, as `/health` and `dpe project` report it. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  /** The global position of the last event projected (0: none yet). */
  readonly position: bigint;
  /** Events stored after `position`. */
  readonly lagEvents: bigint;
  /** Seconds since the oldest event not yet projected was recorded (0 when caught up). */
  readonly lagSeconds: number;
  /** Set when the projection stopped on an event: it is never skipped, the projection waits for a fix. */
  readonly failed?: { readonly position: bigint; readonly eventType: string; readonly error: string };
}

export interface ProjectorOptions {
  /** Events read and projected per transaction during catch-up. */
  readonly pageSize?: number;
  /** Called after each committed page during catch-up (progress on long rebuilds). */
  readonly onProgress?: (progress: { readonly position: bigint; readonly head: bigint }) => void;
  /** Which events to project (as-at replays): the rest are passed over as if absent. */
  readonly include?: (event: RecordedEvent) => boolean;
}

const STATE_TABLE = `
CREATE TABLE IF NOT EXISTS projection_state (
  name            TEXT PRIMARY KEY,
  version         INTEGER NOT NULL,
  position        INTEGER NOT NULL,
  failed_position INTEGER,
  failed_type     TEXT,
  failed_error    TEXT
) STRICT`;

interface StateRow {
  name: string;
  version: number;
  position: bigint;
  failed_position: bigint | null;
  failed_type: string | null;
  failed_error: string | null;
}

/** Raised inside a transaction to roll it back when one projection's apply, or the writing of its rows, fails. */
class ApplyFailed extends Error {
  constructor(
    readonly projection: string,
    readonly reason: unknown,
  ) {
    super(`projection ${projection} failed: ${describe(reason)}`);
  }
}

/**
 * Runs projections from the event store into their read-model database: a checkpointed catch-up (each page of
 * events, the rows it changes and every projection's new position in one transaction), then live (a subscription from
 * the lowest position). A projection whose apply throws stops at that event: its rows and position stay as they were
 * before it, the event and the error are recorded and reported, and it is never skipped; the others carry on.
 */
export class Projector {
  private readonly db: Database.Database;
  private readonly rows: ReadModelRows<unknown>;
  private readonly prepare: (sql: string) => Database.Statement;
  private readonly byName = new Map<string, AnyProjection>();
  private subscription: Subscription | undefined;
  private readonly pageSize: number;
  /** Set by stop(): a catch-up in progress ends after the page it is on (each page is committed whole). */
  private stopping = false;

  constructor(
    private readonly store: EventStore,
    readModel: string,
    private readonly projections: readonly AnyProjection[],
    private readonly options: ProjectorOptions = {},
  ) {
    if (readModel !== ':memory:') mkdirSync(dirname(readModel), { recursive: true });
    this.db = new Database(readModel);
    // The read model can always be rebuilt from the events: a lost last commit is projected again from its checkpoint.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // A rebuild writes every account's rows in turn: a cache that holds their pages spares a read of each from disk.
    this.db.pragma('cache_size = -131072');
    // Two processes may project into one file (the API and a `dpe` query): each waits for the other's page.
    this.db.pragma('busy_timeout = 5000');
    this.db.defaultSafeIntegers(true);
    this.db.exec(STATE_TABLE);
    this.pageSize = options.pageSize ?? 1000;
    const builder = queryBuilder<unknown>();
    const statements = new Map<string, Database.Statement>();
    this.prepare = (sql) => {
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = this.db.prepare(sql)));
      return statement;
    };
    const prepared = (query: Compilable): { statement: Database.Statement; parameters: unknown[] } => {
      const { sql, parameters } = query.compile();
      return { statement: this.prepare(sql), parameters: parameters.map(bindable) };
    };
    this.rows = {
      db: builder,
      run: (query) => {
        const { statement, parameters } = prepared(query);
        statement.run(...parameters);
      },
      all: <Row>(query: Compilable<Row>) => {
        const { statement, parameters } = prepared(query);
        return statement.all(...parameters).map((row) => plain(row) as Row);
      },
      get: <Row>(query: Compilable<Row>) => {
        const { statement, parameters } = prepared(query);
        const row = statement.get(...parameters);
        return row === undefined ? undefined : (plain(row) as Row);
      },
    };
    for (const projection of projections) {
      if (this.byName.has(projection.name)) throw new Error(`two projections are named ${projection.name}`);
      this.byName.set(projection.name, projection);
    }
    this.prepareTables();
  }

  /** The rows of the read model, for queries (read-only use). */
  get readModel(): ReadModelRows<unknown> {
    return this.rows;
  }

  /** Projects every event stored now; resolves when each healthy projection has reached the head it saw. */
  async catchUp(): Promise<void> {
    const head = await this.store.headPosition();
    for (;;) {
      if (this.stopping) return;
      const from = this.lowestHealthyPosition();
      if (from === undefined || from >= head) return;
      const page = await this.store.readAll({ after: from, maxCount: this.pageSize });
      if (page.length === 0) return;
      this.projectPage(page);
      this.options.onProgress?.({ position: page[page.length - 1]!.globalPosition, head });
    }
  }

  /**
   * Projects the given events (in global order), each to every projection that has not yet seen it: for replays of
   * a known set of streams (one recipient's), without reading the whole log.
   */
  project(events: readonly RecordedEvent[]): void {
    for (let from = 0; from < events.length; from += this.pageSize) {
      this.projectPage(events.slice(from, from + this.pageSize));
    }
  }

  /** Catches up, then follows new events as they are stored. */
  async start(): Promise<void> {
    this.stopping = false;
    await this.catchUp();
    if (this.stopping) return;
    const from = this.lowestHealthyPosition() ?? (await this.store.headPosition());
    this.subscription = this.store.subscribeToAll({
      after: from,
      onEvent: (event) => this.projectPage([event]),
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async close(): Promise<void> {
    await this.stop();
    if (this.db.open) this.db.close();
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    const statuses: ProjectionStatus[] = [];
    for (const state of this.states()) {
      const projection = this.byName.get(state.name);
      if (!projection) continue;
      const lagEvents = head > state.position ? head - state.position : 0n;
      let lagSeconds = 0;
      if (lagEvents > 0n) {
        const [next] = await this.store.readAll({ after: state.position, maxCount: 1 });
        if (next) lagSeconds = Math.max(0, Math.round((Date.now() - Date.parse(next.metadata.recordedAt)) / 1000));
      }
      statuses.push({
        name: state.name,
        version: Number(state.version),
        position: state.position,
        lagEvents,
        lagSeconds,
        ...(state.failed_position === null
          ? {}
          : {
              failed: {
                position: state.failed_position,
                eventType: state.failed_type ?? '',
                error: state.failed_error ?? '',
              },
            }),
      });
    }
    return statuses;
  }

  /**
   * Every row of a projection's tables, each table's rows in a stable order (by all columns), so two read models of
   * the same projection can be compared row for row (`dpe verify`: the live model against a fresh replay).
   */
  snapshot(name: string): Record<string, unknown[]> {
    const prefix = `${name}_`;
    const tables = this.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ? ORDER BY name")
      .all(BigInt(prefix.length), prefix) as { name: string }[];
    const out: Record<string, unknown[]> = {};
    for (const { name: table } of tables) {
      const quoted = `"${table.replace(/"/g, '""')}"`;
      const columns = (this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[])
        .map((column) => `"${column.name.replace(/"/g, '""')}"`)
        .join(', ');
      out[table] = this.db.prepare(`SELECT * FROM ${quoted} ORDER BY ${columns}`).all().map(plain);
    }
    return out;
  }

  /** Clears a projection's failure so that it tries the event again (after a fix is deployed). */
  retry(name: string): void {
    this.db
      .prepare(
        'UPDATE projection_state SET failed_position = NULL, failed_type = NULL, failed_error = NULL WHERE name = ?',
      )
      .run(name);
  }

  private states(): StateRow[] {
    return this.db.prepare('SELECT * FROM projection_state ORDER BY name').all() as StateRow[];
  }

  private lowestHealthyPosition(): bigint | undefined {
    let lowest: bigint | undefined;
    for (const state of this.states()) {
      if (!this.byName.has(state.name) || state.failed_position !== null) continue;
      if (lowest === undefined || state.position < lowest) lowest = state.position;
    }
    return lowest;
  }

  /** Creates each projection's tables, dropping and rebuilding those whose version changed. */
  private prepareTables(): void {
    const known = new Map(this.states().map((state) => [state.name, state]));
    for (const projection of this.projections) {
      const state = known.get(projection.name);
      if (state && Number(state.version) === projection.version) continue;
      this.db
        .transaction(() => {
          const prefix = `${projection.name}_`;
          const tables = this.db
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?")
            .all(BigInt(prefix.length), prefix) as { name: string }[];
          for (const { name } of tables) this.db.exec(`DROP TABLE "${name.replace(/"/g, '""')}"`);
          for (const ddl of projection.tables) this.db.exec(ddl);
          this.db
            .prepare(
              `INSERT INTO projection_state (name, version, position) VALUES (?, ?, 0)
             ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = 0,
               failed_position = NULL, failed_type = NULL, failed_error = NULL`,
            )
            .run(projection.name, BigInt(projection.version));
        })
        .immediate();
    }
  }

  /**
   * One transaction: every event of the page to every healthy projection past which it is, the rows they changed
   * (each once, however many of the page's events changed it) and their new positions. If one apply, or the writing
   * of one projection's rows, fails, the page is rolled back and taken again event by event and projection by
   * projection, so the failing projection stops exactly before that event and everything else is kept.
   */
  private projectPage(page: readonly RecordedEvent[]): void {
    try {
      // IMMEDIATE: the positions are read under the write lock, so a second projecting process never applies an
      // event the first has just committed.
      this.db
        .transaction(() => {
          const states = this.healthyStates().map((state) => ({ ...state, rows: this.pageRows() }));
          for (const event of page) for (const state of states) this.applyOne(state, event, state.rows);
          for (const state of states) this.write(state, state.rows);
          this.savePositions(states, page[page.length - 1]!.globalPosition);
        })
        .immediate();
    } catch (error) {
      if (!(error instanceof ApplyFailed)) throw error;
      for (const event of page) {
        for (const state of this.healthyStates()) {
          try {
            this.db
              .transaction(() => {
                const [current] = this.healthyStates().filter((healthy) => healthy.name === state.name);
                if (!current) return;
                const rows = this.pageRows();
                this.applyOne(current, event, rows);
                this.write(current, rows);
                this.savePositions([current], event.globalPosition);
              })
              .immediate();
          } catch (failure) {
            if (!(failure instanceof ApplyFailed)) throw failure;
            this.db
              .prepare(
                'UPDATE projection_state SET failed_position = ?, failed_type = ?, failed_error = ? WHERE name = ?',
              )
              .run(event.globalPosition, event.type, describe(failure.reason), state.name);
          }
        }
      }
    }
  }

  private healthyStates(): { name: string; position: bigint; projection: AnyProjection }[] {
    return this.states()
      .filter((state) => state.failed_position === null && this.byName.has(state.name))
      .map((state) => ({ name: state.name, position: state.position, projection: this.byName.get(state.name)! }));
  }

  private pageRows(): PageRows {
    return new PageRows(this.rows, this.prepare);
  }

  private applyOne(state: { position: bigint; projection: AnyProjection }, event: RecordedEvent, rows: PageRows): void {
    if (event.globalPosition <= state.position) return;
    if (!state.projection.handles.includes(event.type)) return;
    if (this.options.include && !this.options.include(event)) return;
    try {
      state.projection.apply(event, rows);
    } catch (error) {
      throw new ApplyFailed(state.projection.name, error);
    }
  }

  /** A row the projection's events made that SQLite refuses (a key taken twice) fails the projection as its apply would. */
  private write(state: { projection: AnyProjection }, rows: PageRows): void {
    try {
      rows.write();
    } catch (error) {
      throw new ApplyFailed(state.projection.name, error);
    }
  }

  private savePositions(states: readonly { name: string; position: bigint }[], position: bigint): void {
    const update = this.db.prepare('UPDATE projection_state SET position = ? WHERE name = ? AND position < ?');
    for (const state of states) update.run(position, state.name, position);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
