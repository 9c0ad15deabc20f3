import { basename, dirname, extname, join } from 'node:path';
import type { ReadModels } from '@dpe/decider';
import { parseEventStoreSpec, type EventStore } from '@dpe/event-store';
import { Projector, type AnyProjection, type ProjectionStatus, type ProjectorOptions } from '@dpe/projector';
import { PROJECTIONS } from './catalogue';

/** DPE_PROJECTIONS=external: another process (`dpe project`) runs the projections; this one only reads them. */
export function projectsInProcess(setting = process.env['DPE_PROJECTIONS']): boolean {
  return setting === undefined || setting.trim() === '' || setting.trim() === 'in-process';
}

/**
 * Where the read models live: DPE_VIEWS when set (a SQLite file path, or `:memory:`), else `views.db` beside the
 * embedded store's file, named after it (`dpe.db` → `dpe.views.db`); an in-memory store gets in-memory views, and
 * EventStoreDB ./data/views.db.
 */
export function readModelPath(storeSpec: string | undefined, views = process.env['DPE_VIEWS']): string {
  if (views !== undefined && views.trim() !== '') return views.trim();
  const store = parseEventStoreSpec(storeSpec);
  if (store.kind === 'in-memory') return ':memory:';
  // Named after the store's file (dpe.db → dpe.views.db): the read models of one store never serve another's.
  if (store.kind === 'sqlite') {
    return store.path === ':memory:'
      ? ':memory:'
      : join(dirname(store.path), `${basename(store.path, extname(store.path))}.views.db`);
  }
  return join('data', 'views.db');
}

/**
 * The views' read models of a process: its projector, and `current()` serialised so catch-ups never overlap. A
 * process that only reads them (the API when `dpe project` runs the projections: DPE_PROJECTIONS=external) never
 * projects: `current()` then answers at once with what the projecting process has committed.
 */
export class ProjectedViews implements ReadModels {
  private catching: Promise<void> = Promise.resolve();
  private opened: Projector | undefined;
  readonly projecting: boolean;

  constructor(
    readonly store: EventStore,
    private readonly path: string,
    private readonly projections: readonly AnyProjection[],
    private readonly options: ProjectorOptions & { readonly projecting?: boolean } = {},
  ) {
    this.projecting = options.projecting ?? true;
  }

  /** Opened on first use, so a process that never reads a view never creates its file. */
  get projector(): Projector {
    this.opened ??= new Projector(this.store, this.path, this.projections, this.options);
    return this.opened;
  }

  get rows(): unknown {
    return this.projector.readModel;
  }

  private closed = false;

  /** Follows the store live (the API's default), after catching up (in turn with any query's catch-up). */
  async start(): Promise<void> {
    if (!this.projecting) return;
    await this.current();
    if (!this.closed) await this.projector.start();
  }

  current(): Promise<void> {
    if (!this.projecting) return Promise.resolve();
    const next = this.catching.then(() => this.projector.catchUp());
    // A failed catch-up (the store unreadable) fails this call, not every later one.
    this.catching = next.catch(() => undefined);
    return next;
  }

  status(): Promise<ProjectionStatus[]> {
    return this.projector.status();
  }

  async close(): Promise<void> {
    this.closed = true;
    // A catch-up in progress ends after its current page (committed whole, so nothing is lost: the next start resumes).
    await this.opened?.stop();
    await this.catching;
    await this.opened?.close();
  }
}

/** The read models of a process on `store` (opened from `storeSpec`), with every projection of the catalogue. */
export function readModelsFor(store: EventStore, storeSpec: string | undefined): ProjectedViews {
  return new ProjectedViews(store, readModelPath(storeSpec ?? process.env['DPE_STORE']), PROJECTIONS, {
    projecting: projectsInProcess(),
  });
}
