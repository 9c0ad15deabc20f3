/**
 * The only error @dpe/student-loans throws for bad input. It names the field and the rule broken, so an API or
 * CLI can tell the user exactly what to fix.
 */
export class StudentLoanInputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly value?: unknown,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'StudentLoanInputError';
  }
}
