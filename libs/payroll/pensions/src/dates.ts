import { dayNumberOf, dayNumberOfIso, daysInMonth, yearMonthDayOf, type DayNumber } from '@dpe/tax-calendar';
import { PensionsInputError } from './errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day as read from input: its ISO text, its day number (days from 1970-01-01, for comparing and stepping)
 * and its parts. A business date names a day, not an instant, so no time zone is involved: ordering two days or
 * stepping by days and months is day-number arithmetic.
 */
export interface Day {
  readonly iso: string;
  readonly n: DayNumber;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A calendar day from ISO text ("2026-04-06"); anything else is a PensionsInputError naming the field. */
export function readDate(value: unknown, field: string): Day {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new PensionsInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const n = dayNumberOfIso(value);
  if (n === undefined) throw new PensionsInputError(field, 'is not a real calendar date', value);
  const { year, month, day } = yearMonthDayOf(n);
  return { iso: value, n, year, month, day };
}

/**
 * The day number of the same day of the month `years` and `months` later, or that month's last day when it has no
 * such day (31 December + 9 months = 30 September; 29 February + 1 year = 28 February): calendar addition as luxon's
 * plus({ years, months }) does it.
 */
export function plusYearsAndMonths(from: Day, years: number, months: number): DayNumber {
  const monthIndex = from.month - 1 + months;
  const year = from.year + years + Math.floor(monthIndex / 12);
  const month = monthIndex - Math.floor(monthIndex / 12) * 12 + 1;
  return dayNumberOf(year, month, Math.min(from.day, daysInMonth(year, month)));
}

/**
 * Age in whole years on a day: a person attains an age at the start of the anniversary of their birth (Family Law
 * Reform Act 1969 s9). Someone born on 29 February has no anniversary in a common year, so they attain the age on
 * 1 March, the first day on which the anniversary has passed.
 */
export function ageOn(dateOfBirth: Day, day: Day): number {
  const years = day.year - dateOfBirth.year;
  const beforeBirthday =
    day.month < dateOfBirth.month || (day.month === dateOfBirth.month && day.day < dateOfBirth.day);
  return beforeBirthday ? years - 1 : years;
}
