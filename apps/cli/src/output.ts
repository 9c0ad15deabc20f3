import { DomainError, InvalidCommand } from '@dpe/decider';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Runs a CLI action, turning the engine's errors into a JSON error on stderr and an exit code a script can test:
 * 2 for invalid input (every bad field named), 3 for a broken rule or conflict, 1 for anything unexpected.
 */
export async function run(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof InvalidCommand) {
      process.stderr.write(`${JSON.stringify({ error: 'invalid-command', errors: error.errors }, null, 2)}\n`);
      process.exitCode = 2;
    } else if (error instanceof DomainError) {
      process.stderr.write(`${JSON.stringify({ error: error.code, message: error.message }, null, 2)}\n`);
      process.exitCode = 3;
    } else {
      process.stderr.write(`dpe: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
