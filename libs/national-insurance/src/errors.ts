/**
 * The National Insurance library's own validation error. Every bad input (an unknown category letter, a negative
 * or fractional-penny amount, tables without National Insurance figures) is reported as this, naming the field and
 * the rule broken, so callers can map it to a 400 without parsing messages.
 */
export class InvalidNationalInsuranceInput extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${field}: ${rule} (got ${describe(value)})`);
    this.name = 'InvalidNationalInsuranceInput';
  }
}

function describe(value: unknown): string {
  try {
    if (typeof value === 'string' || typeof value === 'number') return JSON.stringify(value);
    if (value !== null && typeof value === 'object' && typeof (value as { toString?: unknown }).toString === 'function') {
      const text = String(value);
      return text === '[object Object]' ? 'an object' : text;
    }
    return String(value);
  } catch {
    return typeof value;
  }
}
