import { z } from 'zod';

export interface DateRange {
  /** Earliest plausible date, yyyy-mm-dd, with the reason in `because`. */
  readonly from: string;
  readonly to: string;
}

const CALENDAR_DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * True when the text is yyyy-mm-dd naming a real day of the (proleptic Gregorian) calendar: month 1 to 12, day 1 to
 * the month's length, 29 February only in a leap year. A calendar day has no time zone, so this needs no date
 * library; it sits under every date field of every command, timesheet shifts included.
 */
export function isCalendarDate(value: string): boolean {
  if (!CALENDAR_DATE_TEXT.test(value)) return false;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!);
}

/**
 * A calendar date yyyy-mm-dd in Europe/London, within a range plausible for its meaning (an enrolment before Direct
 * Payments existed, or in the year 3026, is a typing error, not a fact to record).
 */
export function businessDate(range: DateRange, description?: string) {
  const schema = z
    .string()
    .regex(CALENDAR_DATE_TEXT, 'must be a calendar date yyyy-mm-dd')
    .refine(isCalendarDate, 'must be a calendar date yyyy-mm-dd')
    .refine((value) => value >= range.from && value <= range.to, `must be between ${range.from} and ${range.to}`);
  return description ? schema.describe(description) : schema;
}
