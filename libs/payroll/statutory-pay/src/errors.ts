import { InvalidInput } from '@dpe/errors';

/**
 * The only error @dpe/statutory-pay throws for bad input. It names the field and the rule broken, so an API or CLI
 * can tell the user exactly what to fix.
 */
export class StatutoryPayInputError extends InvalidInput {}
