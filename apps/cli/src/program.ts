import { Command } from 'commander';
import { registerCalcCommand } from './commands/calc';
import { registerRecipientCommands } from './commands/recipients';

export function buildProgram(): Command {
  const program = new Command('dpe')
    .description('Direct Payments engine: payroll and payments for DP recipients who employ Personal Assistants.\n' +
      'Commands run on the event store named by --store or DPE_STORE (default sqlite:./data/dpe.db).')
    .version('0.1.0')
    .showHelpAfterError();
  registerRecipientCommands(program);
  registerCalcCommand(program);
  return program;
}
