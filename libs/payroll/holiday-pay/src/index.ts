export { accrueIrregularHoursLeave, rolledUpHolidayPay, regularHoursEntitlementDays } from './holiday-pay';
export type {
  IrregularHoursAccrualInput,
  IrregularHoursAccrual,
  RolledUpHolidayPayInput,
  RegularHoursEntitlementInput,
} from './holiday-pay';
export { HolidayPayInputError } from './errors';
