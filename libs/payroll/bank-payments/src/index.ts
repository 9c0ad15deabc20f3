export {
  accountProblem,
  normaliseSortCode,
  normaliseAccountNumber,
  ACCOUNT_RULES,
  type AccountProblem,
} from './account';
export { toBacsText, bacsReferenceProblem } from './bacs-text';
export { InvalidBankPaymentInput, type PaymentProblem } from './errors';
export {
  writeStandard18,
  parseStandard18,
  bacsDay,
  isoOfBacsDay,
  BACS_RULES,
  BACS_ITEM_LIMIT,
  TRANSACTION_CODES,
  type BacsPayment,
  type BacsTotal,
  type Standard18Input,
  type Standard18Result,
  type Standard18Totals,
  type Standard18Record,
  type ParsedStandard18,
} from './standard18';
export { bulkPaymentCsv, csvCell, BULK_CSV_COLUMNS, type BulkCsvResult } from './bulk-csv';
export { hmrcPaymentReference, HMRC_PAYE_BANK_ACCOUNT, HMRC_REFERENCE_RULES } from './hmrc';
