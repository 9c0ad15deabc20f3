import type { Command } from 'commander';
import { trace, verify } from '@dpe/audit';
import { EdgeError } from '@dpe/errors';
import { READ_MODELS } from '@dpe/nest-engine';
import { replayAsAt } from '@dpe/projector';
import { businessDate, parseInput, z } from '@dpe/schema';
import { INVARIANTS, PROJECTIONS, VIEW_DUMPS, type ProjectedViews } from '@dpe/view-catalogue';
import { STORE_FLAG } from '../declared';
import { storeOf, withEngine } from '../engine-context';
import { printJson, run } from '../output';

const json = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));

/** `dpe verify`, `dpe trace ID` and `dpe replay --as-at D --view V`: the auditor's tools on the local store. */
export function registerAuditCommands(program: Command): void {
  program
    .command('verify')
    .description('Replay everything and check every invariant; exits 5 and lists each breach if any is broken')
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .action((options: { store?: string }) =>
      run(async () => {
        const result = await withEngine(storeOf(options.store), 'read', async (app) => {
          const views = app.get<ProjectedViews>(READ_MODELS);
          return verify(views.store, views.projector, PROJECTIONS, INVARIANTS);
        });
        printJson(result);
        if (result.breaches.length > 0) process.exitCode = 5;
      }),
    );

  program
    .command('trace')
    .description(
      'The chain of events and commands (who, when, which channel) behind a payment, payslip, pay run or event',
    )
    .argument('<id>', 'a payslip, payment, pay run, event or command id')
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .action((id: string, options: { store?: string }) =>
      run(async () => {
        const links = await withEngine(storeOf(options.store), 'read', async (app) =>
          trace(app.get<ProjectedViews>(READ_MODELS).store, id),
        );
        if (links.length === 0) {
          throw new EdgeError(
            'not-found',
            'trace.not-found',
            `id: nothing in the store answers to ${JSON.stringify(id)}`,
          );
        }
        printJson(links);
      }),
    );

  const ReplayFlags = z.strictObject({
    asAt: businessDate({ from: '2000-01-01', to: '2099-12-31' }, 'The business date the view is asked as at'),
    knownOn: businessDate({ from: '2000-01-01', to: '2099-12-31' }, 'Only what was recorded by this day').optional(),
    view: z
      .string()
      .refine((view) => view in VIEW_DUMPS, `must be one of: ${Object.keys(VIEW_DUMPS).join(', ')}`)
      .describe('The view'),
  });
  program
    .command('replay')
    .description('A view as it stood at a business date (--known-on: as it was known on another day)')
    .requiredOption('--as-at <yyyy-mm-dd>', 'the business date')
    .option('--known-on <yyyy-mm-dd>', 'only events recorded on or before this day')
    .requiredOption('--view <name>', `the view: ${Object.keys(VIEW_DUMPS).join(', ')}`)
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .action((options: { asAt: string; knownOn?: string; view: string; store?: string }) =>
      run(
        async () => {
          const flags = parseInput(ReplayFlags, {
            asAt: options.asAt,
            view: options.view,
            ...(options.knownOn !== undefined ? { knownOn: options.knownOn } : {}),
          });
          const dump = VIEW_DUMPS[flags.view]!;
          const rows = await withEngine(storeOf(options.store), 'read', async (app) => {
            const replay = await replayAsAt(app.get<ProjectedViews>(READ_MODELS).store, dump.projection, {
              asAt: flags.asAt,
              ...(flags.knownOn ? { knownOn: flags.knownOn } : {}),
            });
            try {
              return dump.rows(replay.readModel);
            } finally {
              await replay.close();
            }
          });
          printJson(
            json({ asAt: flags.asAt, ...(flags.knownOn ? { knownOn: flags.knownOn } : {}), view: flags.view, rows }),
          );
        },
        (path) => ({ asAt: '--as-at', knownOn: '--known-on', view: '--view' })[path],
      ),
    );
}
