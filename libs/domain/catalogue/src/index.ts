import { recordFunding } from '@dpe/accounts';
import { createApiKey, listApiKeys, revokeApiKey } from '@dpe/api-keys';
import { listCouncils, recordCouncilPolicy, registerCouncil, showCouncil, showCouncilPolicy } from '@dpe/councils';
import type { AnyCommandDeclaration, AnyQueryDeclaration } from '@dpe/decider';
import { agreeBudget, enrolRecipient, resumeDirectPayment, showRecipient, suspendDirectPayment } from '@dpe/recipients';

/**
 * Every command and query the engine serves. The API registers a route, the CLI a subcommand, and `dpe apply` a line
 * type for each, from these declarations alone: adding a command is adding it here.
 */
export const COMMANDS: readonly AnyCommandDeclaration[] = [
  registerCouncil,
  recordCouncilPolicy,
  enrolRecipient,
  agreeBudget,
  suspendDirectPayment,
  resumeDirectPayment,
  recordFunding,
  createApiKey,
  revokeApiKey,
];
export const QUERIES: readonly AnyQueryDeclaration[] = [
  listCouncils,
  showCouncil,
  showCouncilPolicy,
  showRecipient,
  listApiKeys,
];
