import { dayNumberOf, dayNumberOfIso, daysInMonth, yearMonthDayOf, type DayNumber } from '@dpe/tax-calendar';
import { MinimumWageInputError } from './errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar day as read from input: its ISO text, its day number (days from 1970-01-01, for comparing and stepping)
 * and its parts. A business date names a day, not an instant, so no time zone is involved: ordering two days or
 * stepping by months is day-number arithmetic, which is what comparing London midnights came to.
 */
export interface Day {
  readonly iso: string;
  readonly n: DayNumber;
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A calendar day from ISO text ("2026-04-06"); anything else is a MinimumWageInputError naming the field. */
export function readDate(value: unknown, field: string): Day {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new MinimumWageInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const n = dayNumberOfIso(value);
  if (n === undefined) throw new MinimumWageInputError(field, 'is not a real calendar date', value);
  const { year, month, day } = yearMonthDayOf(n);
  return { iso: value, n, year, month, day };
}

/**
 * The day number of the same day of the month `months` later, or that month's last day when it has no such day
 * (31 January + 1 month = 28 or 29 February; 29 February + 12 months = 28 February): calendar-month addition as
 * luxon's plus({ months }) does it.
 */
export function plusMonths(from: Day, months: number): DayNumber {
  const monthIndex = from.month - 1 + months;
  const year = from.year + Math.floor(monthIndex / 12);
  const month = monthIndex - Math.floor(monthIndex / 12) * 12 + 1;
  return dayNumberOf(year, month, Math.min(from.day, daysInMonth(year, month)));
}

/** Whole years on a day; someone born on 29 February attains an age on 1 March in a common year (FLRA 1969 s9). */
export function ageOn(dob: Day, day: Day): number {
  const years = day.year - dob.year;
  return day.month < dob.month || (day.month === dob.month && day.day < dob.day) ? years - 1 : years;
}
