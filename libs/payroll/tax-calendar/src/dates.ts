import { DateTime } from 'luxon';
import { dayNumberOf, parseIsoDay, type DayNumber, type YearMonthDay } from './day-numbers';
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

/** A London business day as numbers, with its day number and ISO text. */
export interface BusinessDayParts extends YearMonthDay {
  readonly dayNumber: DayNumber;
  readonly iso: CalendarDate;
}

/**
 * The London calendar day of the input as numbers, as businessDay finds it and with the same refusals. ISO text, what
 * payroll passes almost always, names its day with no zone involved, so it is read without luxon (no offset lookup);
 * a Date or DateTime is an instant, so it still goes through businessDay to find its day in London.
 */
export function businessDayParts(input: DateInput, field = 'date'): BusinessDayParts {
  if (typeof input === 'string') {
    const ymd = parseIsoDay(input);
    if (!ymd) {
      if (!ISO_DATE.test(input)) {
        throw new InvalidTaxCalendarInput(field, input, 'must be a date written YYYY-MM-DD');
      }
      throw new InvalidTaxCalendarInput(field, input, 'is not a real calendar date');
    }
    const { year, month, day } = ymd;
    return { year, month, day, dayNumber: dayNumberOf(year, month, day), iso: input };
  }
  const day = businessDay(input, field);
  return {
    year: day.year,
    month: day.month,
    day: day.day,
    dayNumber: dayNumberOf(day.year, day.month, day.day),
    iso: day.toISODate() as CalendarDate,
  };
}

/** The input as a CalendarDate ("YYYY-MM-DD", Europe/London). */
export function toCalendarDate(input: DateInput, field = 'date'): CalendarDate {
  return businessDayParts(input, field).iso;
}
