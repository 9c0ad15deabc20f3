import { describeError } from '@dpe/errors';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** How this CLI names an input path in errors: the flag the user typed, where there is one. */
export type FlagOf = (path: string) => string | undefined;

/** The CLI's view of any error, from the same catalogue the API uses; `flag` says which option to fix. */
export function errorView(error: unknown, flagOf: FlagOf = () => undefined) {
  const problem = describeError(error);
  return {
    error: problem.code,
    message: problem.detail,
    ...(problem.issues
      ? {
          issues: problem.issues.map((issue) => ({
            ...issue,
            ...(flagOf(issue.path) ? { flag: flagOf(issue.path) } : {}),
          })),
        }
      : {}),
    exitCode: problem.exitCode,
  };
}

/**
 * Runs a CLI action, turning any error into JSON on stderr and the catalogue's exit code: 2 bad input, 3 a conflict or
 * broken rule, 4 not found, 5 not allowed, 6 store unavailable, 1 a defect.
 */
export async function run(action: () => Promise<void>, flagOf?: FlagOf): Promise<void> {
  try {
    await action();
  } catch (error) {
    const { exitCode, ...view } = errorView(error, flagOf);
    process.stderr.write(`${JSON.stringify(view, null, 2)}\n`);
    if (exitCode === 1 && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = exitCode;
  }
}
