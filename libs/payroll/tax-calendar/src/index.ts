export * from './types';
export { InvalidTaxCalendarInput } from './errors';
export { BUSINESS_ZONE, businessDay, toCalendarDate, type CalendarDate, type DateInput } from './dates';
export {
  dayNumberOf,
  dayNumberOfIso,
  daysInMonth,
  isoOfDayNumber,
  weekdayOfDayNumber,
  yearMonthDayOf,
  type DayNumber,
  type YearMonthDay,
} from './day-numbers';
export {
  isTaxYearId,
  parseTaxYearId,
  taxYear,
  taxYearStartingIn,
  taxYearOf,
  nextTaxYear,
  previousTaxYear,
  isInTaxYear,
  type TaxYear,
} from './tax-year';
export {
  TAX_WEEKS_IN_YEAR,
  TAX_MONTHS_IN_YEAR,
  taxWeek,
  taxWeekOf,
  taxMonth,
  taxMonthOf,
  week53Days,
  type TaxWeek,
  type TaxMonth,
} from './tax-periods';
export {
  PERIODS_PER_YEAR,
  WEEKS_PER_PERIOD,
  EXTRA_PERIOD,
  isPayFrequency,
  parsePayFrequency,
  periodsPerYear,
  weeksInPeriod,
  annualPeriodBasis,
  periodNumbers,
  isValidPeriod,
  assertValidPeriod,
  isExtraPeriod,
  isWeek53PayDate,
  payPeriod,
  payPeriodOf,
  extraPayDateIn,
  type PayPeriod,
} from './pay-periods';
export {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  BANK_HOLIDAY_YEARS,
  BankHolidaysNotHeld,
  isBankHoliday,
  isWorkingDay,
} from './bank-holidays';
