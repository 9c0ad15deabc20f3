import { Command, CommanderError } from 'commander';
import { COMMANDS, QUERIES } from '@dpe/catalogue';
import { VIEW_QUERIES } from '@dpe/view-catalogue';
import { registerApply } from './apply';
import { registerCalcCommand } from './commands/calc';
import { registerPayDayCommand } from './commands/pay-day';
import { registerProjectCommand } from './commands/project';
import { registerAuditCommands } from './commands/audit';
import { registerCommand, registerQuery } from './declared';
import { registerDemoCommand } from './demo';

export function buildProgram(): Command {
  const program = new Command('dpe')
    .description(
      'Direct Payments engine: payroll and payments for DP recipients who employ Personal Assistants.\n' +
        'Commands run in-process on the event store named by --store or DPE_STORE (default sqlite:./data/dpe.db),\n' +
        'acting as the operating-system user (cli:$USER) with bureau-admin rights over every council: whoever can\n' +
        "run it here can read the store's files anyway. Remote callers use the API with a key or token.\n" +
        'Exit codes: 0 done, 2 invalid input, 3 conflict or broken rule, 4 not found, 5 not allowed, 6 store unavailable, 1 defect.',
    )
    .version('0.1.0')
    .showHelpAfterError();
  for (const declaration of COMMANDS) registerCommand(program, declaration);
  for (const declaration of [...QUERIES, ...VIEW_QUERIES]) registerQuery(program, declaration);
  registerApply(program, COMMANDS);
  registerCalcCommand(program);
  registerDemoCommand(program);
  registerPayDayCommand(program);
  registerProjectCommand(program);
  registerAuditCommands(program);
  return program;
}

/**
 * Parses and runs one command line. Usage mistakes (an unknown option, a missing argument, a bad choice) exit 2 like
 * any other invalid input; help and version exit 0.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  const overrideAll = (command: Command): void => command.commands.forEach((sub) => overrideAll(sub.exitOverride()));
  overrideAll(program);
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  }
}
