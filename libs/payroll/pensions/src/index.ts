export { assessWorker, calculateContributions } from './auto-enrolment';
export type {
  WorkerCategory,
  WorkerAssessment,
  WorkerAssessmentInput,
  AutoEnrolmentThresholdsInForce,
  ContributionInput,
  ContributionRounding,
  PensionContributions,
  TaxReliefMethod,
} from './auto-enrolment';
export { statePensionDate } from './state-pension-age';
export type { StatePensionDate, StatePensionDateBasis } from './state-pension-age';
export { PensionsInputError } from './errors';
