import { InvalidInput, type InputIssue } from '@dpe/errors';
import { z } from 'zod';

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
};

/** One zod issue in the engine's words: "is required", "must be text", "must be one of …". */
function ruleOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'unrecognized_keys':
      return 'is not a field of this request';
    case 'invalid_union':
      return 'does not match any of the accepted forms';
    default:
      return issue.message;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(body)' : path.map((part) => String(part)).join('.');
}

/** Every bad field of a failed parse, each with the first rule it breaks (an unknown key is named as its own field). */
export function inputIssues(error: z.ZodError): InputIssue[] {
  const all = error.issues.flatMap((issue): InputIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), rule: ruleOf(issue) }))
      : [{ path: pathOf(issue.path), rule: ruleOf(issue) }],
  );
  return firstPerPath(all);
}

/** One issue per path: the first rule broken is the one to fix first. */
export function firstPerPath(issues: readonly InputIssue[]): InputIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => !seen.has(issue.path) && seen.add(issue.path));
}

/** Parses untrusted input, naming every bad field at once (InvalidInput), or returns the typed value. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // reportInput: the rule for a missing field ("is required") differs from a wrong type ("must be text"); the input
  // values stay inside this function, never in the issues returned.
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  throw InvalidInput.of(inputIssues(result.error));
}
