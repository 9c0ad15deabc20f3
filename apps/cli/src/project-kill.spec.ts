import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { openSqliteEventStore } from '@dpe/event-store';
import { Projector } from '@dpe/projector';
import { PROJECTIONS } from '@dpe/view-catalogue';
import { dpe } from '../test/run-dpe';

const runner = join(__dirname, '../../../libs/platform/event-store/test/run-ts.js');
const child = join(__dirname, '../test/project-child.ts');
const PAGE = 20;

/**
 * Starts a projecting process and SIGKILLs it once it has committed `afterPages` more pages, a random few
 * milliseconds later, so the kill lands inside a page's transaction or between two. Resolves with whether it was
 * killed (false: it finished first).
 */
function projectAndKill(storeFile: string, viewsFile: string, afterPages: number | undefined): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(process.execPath, [runner, child, storeFile, viewsFile, String(PAGE)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let committed = 0;
    let stderr = '';
    let scheduled = false;
    process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    process_.stdout.on('data', (chunk: Buffer) => {
      committed += chunk
        .toString()
        .split('\n')
        .filter((line) => line.startsWith('committed')).length;
      if (afterPages !== undefined && !scheduled && committed >= afterPages) {
        scheduled = true;
        setTimeout(() => process_.kill('SIGKILL'), Math.floor(Math.random() * 5));
      }
    });
    process_.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(true);
      else if (code === 0) resolve(false);
      else reject(new Error(`the projecting process failed (code ${code}): ${stderr}`));
    });
  });
}

describe('a projecting process killed during catch-up, then restarted', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-kill-'));
    const seeded = await dpe('demo', '--store', `sqlite:${join(dir, 'dpe.db')}`, '--quiet');
    if (seeded.exitCode !== 0) throw new Error(seeded.stderr);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same rows as a clean rebuild, after being killed at five different points', async () => {
    expect(PROJECTIONS.length).toBeGreaterThan(0);
    const viewsFile = join(dir, 'views.db');
    let kills = 0;
    // Kill points spread over the catch-up: after 1, 3, 6, 10 and 15 more pages (each restart resumes from its
    // checkpoint, so the points are further and further into the log).
    for (const afterPages of [1, 3, 6, 10, 15]) {
      if (await projectAndKill(join(dir, 'dpe.db'), viewsFile, afterPages)) kills += 1;
    }
    expect(kills).toBe(5);
    expect(await projectAndKill(join(dir, 'dpe.db'), viewsFile, undefined)).toBe(false);

    const store = await openSqliteEventStore(join(dir, 'dpe.db'));
    const restarted = new Projector(store, viewsFile, PROJECTIONS);
    const clean = new Projector(store, ':memory:', PROJECTIONS);
    try {
      await clean.catchUp();
      for (const projection of PROJECTIONS) {
        const rebuilt = clean.snapshot(projection.name);
        expect(Object.keys(rebuilt).length).toBeGreaterThan(0);
        expect(isDeepStrictEqual(restarted.snapshot(projection.name), rebuilt)).toBe(true);
      }
      const head = await store.headPosition();
      expect((await restarted.status()).map((status) => status.position)).toEqual(PROJECTIONS.map(() => head));
    } finally {
      await restarted.close();
      await clean.close();
      await store.close();
    }
  }, 180_000);
});
