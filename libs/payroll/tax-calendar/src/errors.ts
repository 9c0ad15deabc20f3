import { InvalidInput, describeValue } from '@dpe/errors';

/**
 * The tax calendar's own validation error. Every bad input (a malformed tax year, a date that is
 * not a date, a period that cannot occur for a pay frequency) is reported as this, naming the field
 * and the rule broken, so callers can map it to a 400 without parsing messages.
 */
export class InvalidTaxCalendarInput extends InvalidInput {
  constructor(field: string, value: unknown, rule: string) {
    super(field, rule, value, `${field}: ${rule} (got ${describeValue(value)})`);
  }
}
