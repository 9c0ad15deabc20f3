import { readFileSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  londonNow,
  outcomeView,
  type AnyCommandDeclaration,
  type AnyQueryDeclaration,
  type CommandOutcome,
  type Envelope,
} from '@dpe/decider';
import { InvalidInput } from '@dpe/errors';
import { fieldsOf, toCsv, type FieldSpec } from '@dpe/schema';
import { ExecuteCommand, RunQuery } from '@dpe/nest-engine';
import { cliPrincipal } from '@dpe/access';
import { osUser, storeOf, withEngine } from './engine-context';
import { printJson, run, type FlagOf } from './output';

export const STORE_FLAG = '--store <spec>';
const STORE_HELP = 'event store: sqlite:<path> | memory: | esdb://… (default: $DPE_STORE or sqlite:./data/dpe.db)';

const attribute = (flag: string): string =>
  flag.replace(/^--/, '').replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Options of a command as commander parsed them, turned back into the schema's nested input shape. */
function inputFromFlags(fields: readonly FieldSpec[], options: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of fields) {
    const value = options[attribute(field.flag)];
    if (value === undefined) continue;
    const parts = field.path.split('.');
    let node = input;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] =
      field.kind === 'json' && typeof value === 'string'
        ? parseJsonFlag(field.flag, value)
        : field.kind === 'list' && typeof value === 'string'
          ? value.split(',').map((item) => item.trim())
          : field.kind === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)
            ? Number(value)
            : value;
  }
  return input;
}

/** A flag holding a list of objects, written as JSON: `--employments '[{"recipientId":"r-1","employmentId":"e-1"}]'`. */
function parseJsonFlag(flag: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new InvalidInput(flag, `must be JSON (a list of objects): ${(error as Error).message}`);
  }
}

function readJsonFile(path: string, flag: string): unknown {
  let text: string;
  try {
    text = readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (error) {
    throw new InvalidInput(flag, `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInput(flag, `${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** Names an input path as the user typed it: the flag, or the path inside the --json file. */
function flagNamer(fields: readonly FieldSpec[], fromJson: boolean): FlagOf {
  const byPath = new Map(fields.map((f) => [f.path, f.flag]));
  return (path) => {
    if (path === 'commandId') return '--command-id';
    if (path === 'correlationId') return '--correlation-id';
    if (path === 'DPE_STORE') return '--store';
    if (path === 'format') return '--format';
    if (path === 'out') return '--out';
    return fromJson ? undefined : (byPath.get(path) ?? byPath.get(path.split('.')[0]!));
  };
}

export function envelopeFrom(options: { commandId?: string; correlationId?: string }): Envelope {
  return {
    ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
    principal: cliPrincipal(osUser()),
    now: londonNow(),
  };
}

/** The subcommand a declaration names: `enrol-recipient`, or `create` under a `keys` group for "keys create". */
function subcommand(program: Command, declared: string, description: string): Command {
  const [group, verb] = declared.split(' ');
  if (!verb) return program.command(declared);
  const parent = program.commands.find((c) => c.name() === group) ?? program.command(group!).description(description);
  return parent.command(verb);
}

export async function executeDeclared(
  store: string | undefined,
  declaration: AnyCommandDeclaration,
  input: unknown,
  envelope: Envelope,
) {
  const outcome = await withEngine(store, 'write', (app) =>
    app.get(CommandBus).execute<ExecuteCommand, CommandOutcome>(new ExecuteCommand(declaration, input, envelope)),
  );
  return outcomeView(outcome);
}

/** A subcommand per declared command, its flags read from the command's schema. */
export function registerCommand(program: Command, declaration: AnyCommandDeclaration): void {
  const fields = fieldsOf(declaration.input);
  const command = subcommand(program, declaration.cli ?? declaration.name, 'API keys').description(
    `${declaration.summary}; idempotent by --command-id`,
  );
  for (const field of fields) {
    // Allowed values are shown, not enforced here: the schema checks them, so the error names the flag and the rule.
    const help = [
      field.description,
      field.values ? `one of: ${field.values.join(' | ')}` : undefined,
      field.required ? '(required)' : undefined,
    ];
    command.addOption(
      new Option(field.kind === 'boolean' ? field.flag : `${field.flag} <value>`, help.filter(Boolean).join('; ')),
    );
  }
  command
    .option('--json <file>', 'read the whole input from a JSON file ("-" for stdin) instead of flags')
    .option('--command-id <id>', 'idempotency key: repeating it returns the first result (default: a new random id)')
    .option('--correlation-id <id>', 'correlation id recorded on the events')
    .option(STORE_FLAG, STORE_HELP)
    .action(
      (
        options: Record<string, unknown> & {
          json?: string;
          store?: string;
          commandId?: string;
          correlationId?: string;
        },
      ) =>
        run(
          async () => {
            const input =
              options.json !== undefined ? readJsonFile(options.json, '--json') : inputFromFlags(fields, options);
            printJson(await executeDeclared(storeOf(options.store), declaration, input, envelopeFrom(options)));
          },
          flagNamer(fields, options.json !== undefined),
        ),
    );
}

/** A subcommand per declared query: path params are positional arguments, other params flags. */
export function registerQuery(program: Command, declaration: AnyQueryDeclaration): void {
  const positional = [...declaration.http.path.matchAll(/:([A-Za-z][A-Za-z0-9]*)/g)].map((m) => m[1]!);
  const fields = fieldsOf(declaration.params).filter((f) => !positional.includes(f.path));
  const command = subcommand(program, declaration.cli ?? declaration.name, 'API keys').description(declaration.summary);
  for (const name of positional) command.argument(`<${name}>`);
  for (const field of fields) command.option(`${field.flag} <value>`, field.description ?? '');
  const documents = Object.keys(declaration.representations ?? {});
  command.option(
    `--format <${['json', 'csv', ...documents].join('|')}>`,
    'json (default) or csv (formula-like cells escaped)' +
      (documents.length ? `, or a document: ${documents.join(', ')}` : ''),
    'json',
  );
  if (documents.length) command.option('--out <file>', 'with a document format: the file to write (default: stdout)');
  command.option(STORE_FLAG, STORE_HELP).action((...args: unknown[]) => {
    const { format, out, ...options } = args[positional.length] as Record<string, unknown> & {
      store?: string;
      format: string;
      out?: string;
    };
    const params = {
      ...inputFromFlags(fields, options),
      ...Object.fromEntries(positional.map((p, i) => [p, args[i]])),
    };
    return run(
      async () => {
        const representation = declaration.representations?.[format];
        if (format !== 'json' && format !== 'csv' && !representation)
          throw new InvalidInput(
            'format',
            documents.length ? `must be json, csv, ${documents.join(', ')}` : 'must be json or csv',
            format,
          );
        const result: unknown = await withEngine(storeOf(options.store), 'read', (app) =>
          app.get(QueryBus).execute(new RunQuery(declaration, params, cliPrincipal(osUser()), londonNow())),
        );
        if (representation) {
          const body = await representation.render(result);
          if (out === undefined) process.stdout.write(body);
          else {
            writeFileSync(out, body);
            printJson({ wrote: out, contentType: representation.contentType, bytes: Buffer.byteLength(body) });
          }
        } else if (format === 'csv') process.stdout.write(toCsv(Array.isArray(result) ? result : [result]));
        else printJson(result);
      },
      flagNamer(fields, false),
    );
  });
}
