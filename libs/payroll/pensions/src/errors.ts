import { InvalidInput } from '@dpe/errors';

/**
 * The only error @dpe/pensions throws for bad input. It names the field and the rule broken, so an API or CLI can
 * tell the user exactly what to fix.
 */
export class PensionsInputError extends InvalidInput {}
