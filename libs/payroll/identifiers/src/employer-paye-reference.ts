/**
 * Employer PAYE reference: 3-digit tax office number, "/", then 1-10 letters or digits (e.g. 123/AB456).
 * HMRC's EmpRef regex is (\d{3})/([a-zA-Z0-9]+); there is no check character (identifiers.md §6.2).
 */
const FORMAT = /^(\d{3})\/([A-Z0-9]{1,10})$/;

export function normaliseEmployerPayeReference(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export function employerPayeReferenceProblem(input: string): string | undefined {
  if (!FORMAT.test(normaliseEmployerPayeReference(input))) {
    return 'must be a 3-digit tax office number, "/", then 1 to 10 letters or digits (e.g. 123/AB456)';
  }
  return undefined;
}
