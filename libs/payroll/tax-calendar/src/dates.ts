import { DateTime } from 'luxon';
import { InvalidTaxCalendarInput } from './errors';

/**
 * Payroll works in business dates in the UK: a pay date is a calendar day in Europe/London, never an
 * instant. A CalendarDate is that day as ISO text ("2026-04-06"), which travels unchanged through
 * events, JSON and the CLI.
 */
export type CalendarDate = string;

/** What callers may hand us as a date: ISO text, a luxon DateTime, or a JS Date (an instant). */
export type DateInput = CalendarDate | DateTime | Date;

export const BUSINESS_ZONE = 'Europe/London';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The London calendar day of the input, as a luxon DateTime at the start of that day in Europe/London.
 * ISO text is taken as the calendar day it names (no time-zone shift); a Date or a DateTime in another
 * zone is an instant, so it is converted to the day it is in London — a payment at 23:30 UTC on
 * 5 April 2027 (BST) is paid on 6 April in London, which is the next tax year.
 */
export function businessDay(input: DateInput, field = 'date'): DateTime {
  let day: DateTime;
  if (typeof input === 'string') {
    if (!ISO_DATE.test(input)) throw new InvalidTaxCalendarInput(field, input, 'must be a date written YYYY-MM-DD');
    day = DateTime.fromISO(input, { zone: BUSINESS_ZONE });
  } else if (input instanceof Date) {
    day = DateTime.fromJSDate(input).setZone(BUSINESS_ZONE);
  } else if (DateTime.isDateTime(input)) {
    day = input.setZone(BUSINESS_ZONE);
  } else {
    throw new InvalidTaxCalendarInput(field, input, 'must be a date written YYYY-MM-DD, a luxon DateTime or a Date');
  }
  if (!day.isValid) throw new InvalidTaxCalendarInput(field, input, 'is not a real calendar date');
  return day.startOf('day');
}

/** The input as a CalendarDate ("YYYY-MM-DD", Europe/London). */
export function toCalendarDate(input: DateInput, field = 'date'): CalendarDate {
  return businessDay(input, field).toISODate() as CalendarDate;
}

/** Whole calendar days from `from` to `to` (both London days); calendar arithmetic so BST changes never give 0.958 days. */
export function daysBetween(from: DateTime, to: DateTime): number {
  return Math.round(to.diff(from, 'days').days);
}
