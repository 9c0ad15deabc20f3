import { InvalidInput } from '@dpe/errors';

/**
 * The income-tax library's own validation error. Every bad input — a tax code that is not a code, a period that
 * cannot occur for the pay frequency, an amount that is not whole pence — is reported as this, naming the field and
 * the rule broken, so a caller can turn it into a 400 without parsing messages and nothing else ever escapes.
 */
export class InvalidIncomeTaxInput extends InvalidInput {
  constructor(field: string, value: unknown, rule: string, message = `${field}: ${rule} (got ${describe(value)})`) {
    super(field, rule, value, message);
  }
}

/** A tax code that is not valid. The message names the code and says why, e.g. `"1257Q" is not a valid tax code: …`. */
export class InvalidTaxCode extends InvalidIncomeTaxInput {
  constructor(
    readonly taxCode: unknown,
    rule: string,
    field = 'taxCode',
  ) {
    super(field, taxCode, rule, `${field}: ${describe(taxCode)} is not a valid tax code: ${rule}`);
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  return typeof value === 'function' ? 'a function' : 'an object';
}
