export {
  PENSION_FILE_RULES,
  type PayFrequency,
  type PensionAssessment,
  type EnrolmentEvent,
  type NestNonPaymentReason,
  type PensionContributionRow,
  type PensionFileProblem,
  type PensionFileTotals,
  type PensionFileResult,
} from './types';
export {
  papdisCsv,
  PAPDIS_COLUMNS,
  PAPDIS_VERSION,
  PAPDIS_FREQUENCY_CODES,
  PAPDIS_ASSESSMENT_CODES,
  PAPDIS_EVENT_CODES,
  type PapdisInput,
} from './papdis';
export {
  nestContributionCsv,
  NEST_HEADER_FIELDS,
  NEST_DETAIL_FIELDS,
  NEST_TRAILER_FIELDS,
  NEST_FREQUENCIES,
  type NestContributionInput,
} from './nest';
