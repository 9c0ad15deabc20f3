import type { Command } from 'commander';
import { READ_MODELS } from '@dpe/nest-engine';
import { EdgeError } from '@dpe/errors';
import type { ProjectedViews } from '@dpe/view-catalogue';
import { STORE_FLAG } from '../declared';
import { storeOf, withEngine } from '../engine-context';
import { printJson, run } from '../output';

/**
 * `dpe project`: runs the views' projections as their own process (for deployments that separate them from the API,
 * which then runs with DPE_PROJECTIONS=external). It catches up with progress on stderr, then follows the store until
 * stopped (SIGINT, SIGTERM); `--once` exits after catching up. Either way it prints each projection's status, and
 * exits 4 if any projection stopped on an event.
 */
export function registerProjectCommand(program: Command): void {
  program
    .command('project')
    .description("Run the views' projections: catch up, then follow the store (--once: catch up and exit)")
    .option('--once', 'exit once caught up')
    .option('--retry <projection>', 'try again the event a stopped projection failed on (after a fix)')
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .option('--quiet', 'no progress on stderr')
    .action((options: { once?: boolean; retry?: string; store?: string; quiet?: boolean }) =>
      run(async () => {
        if (process.env['DPE_PROJECTIONS'] === 'external') {
          throw new EdgeError(
            'conflict',
            'projections.external',
            'DPE_PROJECTIONS=external says another process runs the projections; unset it to run them here',
          );
        }
        await withEngine(storeOf(options.store), 'read', async (app) => {
          const views = app.get<ProjectedViews>(READ_MODELS);
          if (options.retry) views.projector.retry(options.retry);
          let reported = 0;
          const progress = (position: bigint, head: bigint): void => {
            if (options.quiet || (Date.now() - reported < 2000 && position < head)) return;
            reported = Date.now();
            process.stderr.write(`project: position ${position} of ${head}\n`);
          };
          const projector = views.projector;
          await views.current();
          const [first] = await projector.status();
          progress(first?.position ?? 0n, await views.store.headPosition());
          if (!options.once) {
            await views.start();
            process.stderr.write('project: caught up; following the store (Ctrl-C to stop)\n');
            await new Promise<void>((resolve) => {
              process.once('SIGINT', resolve);
              process.once('SIGTERM', resolve);
            });
          }
          const status = await projector.status();
          printJson(
            status.map((s) => ({
              ...s,
              position: s.position.toString(),
              lagEvents: s.lagEvents.toString(),
              ...(s.failed ? { failed: { ...s.failed, position: s.failed.position.toString() } } : {}),
            })),
          );
          if (status.some((s) => s.failed)) process.exitCode = 4;
        });
      }),
    );
}
