import { recordClientContribution, recordFunding, recordOtherSpend, showAccount } from '@dpe/accounts';
import { createApiKey, listApiKeys, revokeApiKey } from '@dpe/api-keys';
import { listCouncils, recordCouncilPolicy, registerCouncil, showCouncil, showCouncilPolicy } from '@dpe/councils';
import type { AnyCommandDeclaration, AnyQueryDeclaration } from '@dpe/decider';
import {
  changeBankDetails,
  changePayRate,
  changeStudentLoans,
  changeTaxCode,
  hirePa,
  recordAbsence,
  recordLeaver,
  showEmployer,
} from '@dpe/employment';
import {
  prepareEps,
  prepareFps,
  producePaymentFile,
  recordRtiOutcome,
  recordRtiSubmission,
  showEps,
  showFps,
  showPaymentFile,
  showPaymentReconciliation,
  showPensionFile,
} from '@dpe/filings';
import { recordPayment, runPayroll, terminateDirectPayment } from '@dpe/pay-runs';
import { closeRecovery, proposeRecovery, raiseRecovery, recordRecoveryPayment, recordReview } from '@dpe/recoveries';
import { amendTimesheet, approveTimesheet, rejectTimesheet, submitTimesheet } from '@dpe/timesheets';
import {
  agreeBudget,
  enrolRecipient,
  registerAsEmployer,
  resumeDirectPayment,
  showRecipient,
  suspendDirectPayment,
} from '@dpe/recipients';

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
  terminateDirectPayment,
  registerAsEmployer,
  hirePa,
  recordFunding,
  recordClientContribution,
  recordOtherSpend,
  changeTaxCode,
  changeStudentLoans,
  changePayRate,
  changeBankDetails,
  recordAbsence,
  recordLeaver,
  submitTimesheet,
  approveTimesheet,
  rejectTimesheet,
  amendTimesheet,
  runPayroll,
  recordPayment,
  prepareFps,
  prepareEps,
  recordRtiSubmission,
  recordRtiOutcome,
  producePaymentFile,
  proposeRecovery,
  raiseRecovery,
  recordRecoveryPayment,
  closeRecovery,
  recordReview,
  createApiKey,
  revokeApiKey,
];
export const QUERIES: readonly AnyQueryDeclaration[] = [
  listCouncils,
  showCouncil,
  showCouncilPolicy,
  showRecipient,
  showEmployer,
  showAccount,
  showFps,
  showEps,
  // Before show-payment-file: /payment-files/:payDate/reconciliation must not be taken for a file id.
  showPaymentReconciliation,
  showPaymentFile,
  showPensionFile,
  listApiKeys,
];
