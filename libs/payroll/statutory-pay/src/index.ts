export { calculateSsp, WEEKDAYS } from './ssp';
export type { SspInput, SspResult, LinkedPeriodOfEntitlement, Weekday } from './ssp';
export { calculateSmp } from './smp';
export type { SmpInput, SmpResult } from './smp';
export { StatutoryPayInputError } from './errors';
export {
  ASSUME_SMALL_EMPLOYERS_RELIEF,
  RECOVERABLE_STATUTORY_PAY,
  RecoveryRateNotHeld,
  recovered,
  SMALL_EMPLOYERS_RELIEF_NIC_LIMIT,
  SMALL_EMPLOYERS_RELIEF_RATES,
  STANDARD_RECOVERY_RATE,
  statutoryPayRecoveryRate,
} from './recovery';
