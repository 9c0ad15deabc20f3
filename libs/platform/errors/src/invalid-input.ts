import { EngineError } from './engine-error';

/** One bad part of an input: where it is (a dotted path such as `representative.name`) and which rule it breaks. */
export interface InputIssue {
  readonly path: string;
  readonly rule: string;
}

/**
 * The one shape of a validation error anywhere in the engine: every bad field, each with the rule it breaks.
 * Each library throws its own named subclass (InvalidTaxCode, StudentLoanInputError, …) so a stack trace says where,
 * while a caller (an API, the CLI, a pay run) needs only `instanceof InvalidInput` to turn any of them into a 400,
 * a batch-line error or an exception-report entry without parsing messages.
 */
export class InvalidInput extends EngineError {
  readonly kind = 'invalid-input' as const;
  /** Every bad field; a single-field error has one. */
  readonly issues: readonly InputIssue[];

  constructor(
    /** The first bad field's path. */
    readonly field: string,
    /** The first bad field's rule. */
    readonly rule: string,
    readonly value?: unknown,
    message = `${field}: ${rule}`,
  ) {
    super('input.invalid', message);
    this.issues = [{ path: field, rule }];
  }

  /** Every issue at once, so the caller can fix them all in one go. */
  static of(issues: readonly InputIssue[]): InvalidInput {
    if (issues.length === 0) throw new TypeError('InvalidInput.of needs at least one issue');
    const [first] = issues as [InputIssue, ...InputIssue[]];
    const error = new InvalidInput(
      first.path,
      first.rule,
      undefined,
      issues.map((i) => `${i.path}: ${i.rule}`).join('; '),
    );
    (error as { issues: readonly InputIssue[] }).issues = issues;
    return error;
  }
}

/** A short, safe rendering of a bad value for an error message (never throws, never dumps an object). */
export function describeValue(value: unknown): string {
  try {
    if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return 'a function';
    if (value !== null && typeof value === 'object') {
      const text = String(value);
      return text === '[object Object]' ? 'an object' : text;
    }
    return String(value);
  } catch {
    return typeof value;
  }
}
