import { businessDayParts, type CalendarDate, type DateInput } from './dates';
import { dayNumberOf, isoOf, isoOfDayNumber } from './day-numbers';
import { InvalidTaxCalendarInput } from './errors';
import { startYearOf, taxYear, taxYearStartingIn, type TaxYear } from './tax-year';
import type { TaxYearId } from './types';

/**
 * Tax weeks count from the first day of the tax year, not from a weekday: week 1 is 6–12 April,
 * week 2 is 13–19 April, …, week 52 ends on 4 April, and week 53 is the one day left (5 April) or,
 * when the tax year contains 29 February, the two days left (4–5 April).
 * Sources: HMRC employer's calendar https://www.gov.uk/hmrc-internal-manuals/debt-management-and-banking/dmbm520055;
 * HMRC "Dealing with week 53 payments" (the 53rd weekly pay day falls on 5 April, or 4/5 April in a leap year).
 */
export interface TaxWeek {
  readonly taxYear: TaxYearId;
  /** 1..53 */
  readonly week: number;
  readonly firstDay: CalendarDate;
  readonly lastDay: CalendarDate;
}

/**
 * Tax months run from the 6th of one month to the 5th of the next: month 1 is 6 April–5 May, month 12
 * is 6 March–5 April (HMRC DMBM520055).
 */
export interface TaxMonth {
  readonly taxYear: TaxYearId;
  /** 1..12 */
  readonly month: number;
  readonly firstDay: CalendarDate;
  readonly lastDay: CalendarDate;
}

export const TAX_WEEKS_IN_YEAR = 53;
export const TAX_MONTHS_IN_YEAR = 12;

/** The tax week containing the date. */
export function taxWeekOf(date: DateInput): TaxWeek {
  const day = businessDayParts(date);
  const year = taxYearStartingIn(startYearOf(day));
  // Day numbers count calendar days: a clock change never makes a day 23 or 25 hours long here.
  const dayOfYear = day.dayNumber - dayNumberOf(year.startYear, 4, 6); // 0-based
  return weekOf(year, Math.floor(dayOfYear / 7) + 1);
}

/** The tax month containing the date. */
export function taxMonthOf(date: DateInput): TaxMonth {
  const day = businessDayParts(date);
  const year = taxYearStartingIn(startYearOf(day));
  // Months start on the 6th: a day on the 1st–5th belongs to the tax month that began the previous calendar month.
  const calendarMonthOfStart = day.day >= 6 ? day.month : day.month - 1 === 0 ? 12 : day.month - 1;
  const month = ((calendarMonthOfStart - 4 + 12) % 12) + 1;
  return monthOf(year, month);
}

/** Tax week `week` (1..53) of the tax year. */
export function taxWeek(taxYearId: string, week: number): TaxWeek {
  const year = taxYear(taxYearId);
  if (!Number.isInteger(week) || week < 1 || week > TAX_WEEKS_IN_YEAR) {
    throw new InvalidTaxCalendarInput('week', week, 'a tax week is a whole number from 1 to 53');
  }
  return weekOf(year, week);
}

/** Tax month `month` (1..12) of the tax year. */
export function taxMonth(taxYearId: string, month: number): TaxMonth {
  const year = taxYear(taxYearId);
  if (!Number.isInteger(month) || month < 1 || month > TAX_MONTHS_IN_YEAR) {
    throw new InvalidTaxCalendarInput('month', month, 'a tax month is a whole number from 1 to 12');
  }
  return monthOf(year, month);
}

/** Internal: week 1..53 of a tax year already validated. */
export function weekOf(year: TaxYear, week: number): TaxWeek {
  const start = dayNumberOf(year.startYear, 4, 6) + (week - 1) * 7;
  // Week 53 is cut short by the end of the tax year (1 day, or 2 in a year containing 29 February).
  const lastDay = week === TAX_WEEKS_IN_YEAR ? year.lastDay : isoOfDayNumber(start + 6);
  return { taxYear: year.id, week, firstDay: isoOfDayNumber(start), lastDay };
}

/** Internal: month 1..12 of a tax year already validated: the 6th of one calendar month to the 5th of the next. */
export function monthOf(year: TaxYear, month: number): TaxMonth {
  // Tax month 1 starts in April (calendar month 4); months 10..12 start in January..March of the next year.
  const startMonth = ((month + 2) % 12) + 1;
  const startYear = month <= 9 ? year.startYear : year.startYear + 1;
  const endMonth = (startMonth % 12) + 1;
  const endYear = endMonth === 1 ? startYear + 1 : startYear;
  return {
    taxYear: year.id,
    month,
    firstDay: isoOf(startYear, startMonth, 6),
    lastDay: isoOf(endYear, endMonth, 5),
  };
}

/** The days of tax week 53: ["YYYY-04-05"], or ["YYYY-04-04", "YYYY-04-05"] when the tax year contains 29 February. */
export function week53Days(taxYearId: string): CalendarDate[] {
  const week = taxWeek(taxYearId, TAX_WEEKS_IN_YEAR);
  const days: CalendarDate[] = [];
  const last = businessDayParts(week.lastDay).dayNumber;
  for (let d = businessDayParts(week.firstDay).dayNumber; d <= last; d++) days.push(isoOfDayNumber(d));
  return days;
}
