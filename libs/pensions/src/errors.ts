/**
 * The only error @dpe/pensions throws for bad input. It names the field and the rule broken, so an API or CLI can
 * tell the user exactly what to fix.
 */
export class PensionsInputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly value?: unknown,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'PensionsInputError';
  }
}
