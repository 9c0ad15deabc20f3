import { InvalidInput, describeValue } from '@dpe/errors';

/**
 * The National Insurance library's own validation error. Every bad input (an unknown category letter, a negative
 * or fractional-penny amount, tables without National Insurance figures) is reported as this, naming the field and
 * the rule broken, so callers can map it to a 400 without parsing messages.
 */
export class InvalidNationalInsuranceInput extends InvalidInput {
  constructor(field: string, value: unknown, rule: string) {
    super(field, rule, value, `${field}: ${rule} (got ${describeValue(value)})`);
  }
}
