/**
 * The tax calendar's own validation error. Every bad input (a malformed tax year, a date that is
 * not a date, a period that cannot occur for a pay frequency) is reported as this, naming the field
 * and the rule broken, so callers can map it to a 400 without parsing messages.
 */
export class InvalidTaxCalendarInput extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly rule: string,
  ) {
    super(`${field}: ${rule} (got ${describe(value)})`);
    this.name = 'InvalidTaxCalendarInput';
  }
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' || typeof value === 'number' ? JSON.stringify(value) : String(value);
  } catch {
    return typeof value;
  }
}
