import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { cliPrincipal } from '@dpe/access';
import { londonNow, type CommandOutcome } from '@dpe/decider';
import type { EventStore } from '@dpe/event-store';
import { EVENT_STORE, ExecuteCommand } from '@dpe/nest-engine';
import { runPayDay } from '@dpe/pay-runs';
import { businessDate, parseInput, token, z } from '@dpe/schema';
import { STORE_FLAG } from '../declared';
import { osUser, storeOf, withEngine } from '../engine-context';
import { printJson, run } from '../output';

const PayDayFlags = z.strictObject({
  date: businessDate({ from: '2024-04-06', to: '2099-12-31' }, 'The pay date'),
  commandId: token(96).optional(),
  concurrency: z.coerce.number().int('must be a whole number').min(1, 'must be 1 to 64').max(64, 'must be 1 to 64'),
});

const FLAG_OF: Record<string, string> = { date: '--date', commandId: '--command-id', concurrency: '--concurrency' };

/**
 * `dpe pay-day --date D`: the bureau's run of every employer with an employment paid on D. Each employer's run is its
 * own command with an id derived from the pay day's (default `pay-day-D`), so running the same pay day again resumes
 * it: runs already recorded replay, the rest run.
 */
export function registerPayDayCommand(program: Command): void {
  program
    .command('pay-day')
    .description('Run payroll for every employer with an employment paid on the date (resumable: same id, same runs)')
    .requiredOption('--date <yyyy-mm-dd>', 'the pay date')
    .option('--command-id <id>', 'the pay day run id; default pay-day-<date>')
    .option('--concurrency <n>', 'employers run at once', '16')
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .option('--quiet', 'no progress on stderr')
    .action((options: { date: string; commandId?: string; concurrency: string; store?: string; quiet?: boolean }) =>
      run(
        async () => {
          const flags = parseInput(PayDayFlags, {
            date: options.date,
            concurrency: options.concurrency,
            ...(options.commandId ? { commandId: options.commandId } : {}),
          });
          const result = await withEngine(storeOf(options.store), 'write', async (app) => {
            const bus = app.get(CommandBus);
            let reported = 0;
            return runPayDay({
              store: app.get<EventStore>(EVENT_STORE),
              execute: (declaration, input, envelope) =>
                bus.execute<ExecuteCommand, CommandOutcome>(new ExecuteCommand(declaration, input, envelope)),
              payDate: flags.date,
              commandId: flags.commandId ?? `pay-day-${flags.date}`,
              principal: cliPrincipal(osUser()),
              now: londonNow(),
              concurrency: flags.concurrency,
              onProgress: (progress) => {
                if (options.quiet || (Date.now() - reported < 2000 && progress.done < progress.employers)) return;
                reported = Date.now();
                process.stderr.write(
                  `pay-day ${flags.date}: ${progress.done}/${progress.employers} employers, ${progress.payslips} payslips, ${progress.held} held\n`,
                );
              },
            });
          });
          printJson(result);
          // A pay day with an employer refused is not a clean run: the operator must look at each.
          if (result.failed.length > 0) process.exitCode = 3;
        },
        (path) => FLAG_OF[path],
      ),
    );
}
