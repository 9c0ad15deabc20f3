/**
 * The one shape of a validation error anywhere in the engine: which input field is wrong, and which rule it breaks.
 * Each library throws its own named subclass (InvalidTaxCode, StudentLoanInputError, …) so a stack trace says where,
 * while a caller (an API, the CLI, a pay run) needs only `instanceof InvalidInput` to turn any of them into a 400,
 * a batch-line error or an exception-report entry without parsing messages.
 */
export class InvalidInput extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly value?: unknown,
    message = `${field}: ${rule}`,
  ) {
    super(message);
    this.name = new.target.name;
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
