import { businessDayParts, type BusinessDayParts, type CalendarDate, type DateInput } from './dates';
import { weekdayOfDayNumber } from './day-numbers';
import { InvalidTaxCalendarInput } from './errors';

/**
 * Bank holidays in England and Wales, as GOV.UK lists them: https://www.gov.uk/bank-holidays (the "england-and-wales"
 * division of https://www.gov.uk/bank-holidays.json). Held as data, one list per calendar year, because they are not
 * a formula: a holiday falling on a weekend moves to the next weekday ("substitute day"), and a year can gain one by
 * royal proclamation (the 2022 and 2023 extra days). Scotland and Northern Ireland have other holidays; a DP employer
 * paid by an English council pays on the England and Wales calendar.
 *
 * 2024 to 2026 are the published dates. 2027 and 2028 follow the same statutory pattern (New Year's Day, Good Friday,
 * Easter Monday, the first and last Mondays of May, the last Monday of August, Christmas Day and Boxing Day, with
 * substitute days) and should be checked against GOV.UK each year, since an added holiday is announced only months
 * ahead. Adding a year is adding its list here; a date outside the years held is refused, never guessed.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Readonly<Record<number, readonly CalendarDate[]>> = {
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  // Boxing Day 2026 is a Saturday: its substitute day is Monday 28 December.
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ],
  // Christmas Day and Boxing Day 2027 fall on a weekend: substitute days Monday 27 and Tuesday 28 December.
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
  // New Year's Day 2028 is a Saturday: its substitute day is Monday 3 January.
  2028: [
    '2028-01-03',
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
};

const YEARS = Object.keys(ENGLAND_AND_WALES_BANK_HOLIDAYS).map(Number);
/** The first and last calendar years whose bank holidays are held. */
export const BANK_HOLIDAY_YEARS = { first: Math.min(...YEARS), last: Math.max(...YEARS) } as const;

const HOLIDAYS = new Set(Object.values(ENGLAND_AND_WALES_BANK_HOLIDAYS).flat());

/** A date in a year whose bank holidays are not held: refused, since a guess could move a pay date. */
export class BankHolidaysNotHeld extends InvalidTaxCalendarInput {
  constructor(field: string, value: unknown) {
    super(
      field,
      value,
      `England and Wales bank holidays are held for ${BANK_HOLIDAY_YEARS.first} to ${BANK_HOLIDAY_YEARS.last} only (https://www.gov.uk/bank-holidays); add the year's dates to @dpe/tax-calendar bank-holidays.ts`,
    );
  }
}

function holidayOn(day: BusinessDayParts, field: string, given: DateInput): boolean {
  if (ENGLAND_AND_WALES_BANK_HOLIDAYS[day.year] === undefined) throw new BankHolidaysNotHeld(field, given);
  return HOLIDAYS.has(day.iso);
}

/** True if the London calendar day is a bank holiday in England and Wales; throws BankHolidaysNotHeld outside the data. */
export function isBankHoliday(date: DateInput, field = 'date'): boolean {
  return holidayOn(businessDayParts(date, field), field, date);
}

/**
 * A working day: Monday to Friday, and not a bank holiday in England and Wales. A day outside the years held is
 * refused even on a weekend, so that one rule covers every date.
 */
export function isWorkingDay(date: DateInput, field = 'date'): boolean {
  const day = businessDayParts(date, field);
  const holiday = holidayOn(day, field, date);
  // 1 is Monday, 7 is Sunday (luxon's numbering).
  return weekdayOfDayNumber(day.dayNumber) <= 5 && !holiday;
}
