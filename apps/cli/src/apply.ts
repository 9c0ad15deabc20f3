import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { outcomeView, type AnyCommandDeclaration, type CommandOutcome } from '@dpe/decider';
import { EdgeError, InvalidInput } from '@dpe/errors';
import { identifier, parseInput, token, z } from '@dpe/schema';
import { ExecuteCommand } from '@dpe/nest-engine';
import { storeOf, withEngine } from './engine-context';
import { STORE_FLAG, envelopeFrom } from './declared';
import { errorView, run } from './output';

/** One line of a `dpe apply` file: which declared command, its idempotency key, and its input. */
const ApplyLine = z.strictObject({
  command: identifier(64, 'The command name, as the CLI subcommand is called, e.g. enrol-recipient'),
  commandId: token(128).optional(),
  correlationId: token(128).optional(),
  input: z.record(z.string(), z.unknown()),
});

export interface ApplySummary {
  readonly lines: number;
  readonly applied: number;
  readonly replayed: number;
  readonly errors: number;
  /** The exit code of the first failed line's error (0 when every line applied). */
  readonly exitCode: number;
}

/**
 * Applies one command per line, in order, each answered by one result line (the outcome, or the error with every bad
 * field named). A bad line is reported and skipped; the lines after it still run. Give each line a commandId and the
 * whole file can be re-applied after an interruption: lines already applied answer "replayed".
 */
export async function applyLines(
  input: Readable,
  output: Writable,
  declarations: readonly AnyCommandDeclaration[],
  execute: (
    declaration: AnyCommandDeclaration,
    input: unknown,
    line: z.output<typeof ApplyLine>,
  ) => Promise<CommandOutcome>,
  onProgress?: (summary: ApplySummary) => void,
): Promise<ApplySummary> {
  const byName = new Map(declarations.map((d) => [d.name, d]));
  let lines = 0;
  let applied = 0;
  let replayed = 0;
  let errors = 0;
  let exitCode = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    if (text.trim() === '') continue;
    lines++;
    let result: Record<string, unknown>;
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw new InvalidInput('(line)', `is not valid JSON: ${(error as Error).message}`);
      }
      const line = parseInput(ApplyLine, raw);
      const declaration = byName.get(line.command);
      if (!declaration) throw new InvalidInput('command', `must be one of ${[...byName.keys()].join(', ')}`);
      const outcome = await execute(declaration, line.input, line);
      if (outcome.replayed) replayed++;
      else applied++;
      result = { line: lines, command: line.command, ...outcomeView(outcome) };
    } catch (error) {
      const { exitCode: code, ...view } = errorView(error);
      if (code === 1) throw error;
      errors++;
      if (exitCode === 0) exitCode = code;
      result = { line: lines, ...view };
    }
    if (!output.write(`${JSON.stringify(result)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
    if (onProgress && lines % 1_000 === 0) onProgress({ lines, applied, replayed, errors, exitCode });
  }
  return { lines, applied, replayed, errors, exitCode };
}

export function registerApply(program: Command, declarations: readonly AnyCommandDeclaration[]): void {
  program
    .command('apply <file>')
    .description(
      'Apply a file of commands, one JSON object per line: {"command": "enrol-recipient", "commandId": "…", "input": {…}}; ' +
        'one result line each; a bad line is reported and skipped ("-" reads stdin)',
    )
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .action((file: string, options: { store?: string }) =>
      run(async () => {
        if (file !== '-' && !existsSync(file))
          throw new EdgeError('not-found', 'file.missing', `${file}: no such file`);
        const source: Readable = file === '-' ? process.stdin : createReadStream(file);
        const summary = await withEngine(storeOf(options.store), 'write', (app) => {
          const bus = app.get(CommandBus);
          return applyLines(
            source,
            process.stdout,
            declarations,
            (declaration, input, line) =>
              bus.execute<ExecuteCommand, CommandOutcome>(new ExecuteCommand(declaration, input, envelopeFrom(line))),
            process.stderr.isTTY
              ? (s) => process.stderr.write(`dpe apply: ${s.lines} lines, ${s.errors} errors so far\n`)
              : undefined,
          );
        });
        process.stderr.write(
          `dpe apply: ${summary.lines} lines, ${summary.applied} applied, ${summary.replayed} replayed, ${summary.errors} errors\n`,
        );
        process.exitCode = summary.exitCode;
      }),
    );
}
