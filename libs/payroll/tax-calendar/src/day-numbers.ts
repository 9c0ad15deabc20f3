/**
 * Business-date arithmetic without a time zone. A business date ("2026-04-06") names a calendar day, not an instant, so
 * counting days between two of them, stepping a day or a month, or finding a weekday needs no zone and no offset
 * lookup: only the proleptic Gregorian calendar. A DayNumber is the count of days from 1970-01-01 (day 0), so the
 * difference of two is the number of days between them, across any clock change. The conversions are Howard Hinnant's
 * `days_from_civil` / `civil_from_days` (http://howardhinnant.github.io/date_algorithms.html), exact for every year
 * written with four digits, including years before 1970 and before 100 (where Date.UTC would read 0099 as 1999).
 */
export type DayNumber = number;

/** A calendar day as numbers: month 1..12, day 1..31. */
export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in the month (1..12) of the year. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** The day number of a calendar day; month and day must be in range (see parseIsoDay for checked input). */
export function dayNumberOf(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400; // 0..399
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1; // from 1 March, 0..365
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The calendar day of a day number. */
export function yearMonthDayOf(n: DayNumber): YearMonthDay {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097; // 0..146096
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153); // 0 is March
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "YYYY-MM-DD" of a calendar day (a four-digit year). */
export function isoOf(year: number, month: number, day: number): string {
  // A year past 9999 takes ISO 8601's expanded form (sign and six digits), as luxon writes it, so a date computed from a
  // far-future input (a state pension date 68 years on) still reads back as one date, never as a four-digit one.
  const yyyy = year > 9999 ? `+${String(year).padStart(6, '0')}` : String(year).padStart(4, '0');
  return `${yyyy}-${pad2(month)}-${pad2(day)}`;
}

/** "YYYY-MM-DD" of a day number. */
export function isoOfDayNumber(n: DayNumber): string {
  const { year, month, day } = yearMonthDayOf(n);
  return isoOf(year, month, day);
}

/** The digit at `at` (0..9), or NaN when the character there is not an ASCII digit. */
function digit(text: string, at: number): number {
  const d = text.charCodeAt(at) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

/** The calendar day that ISO text "YYYY-MM-DD" names, or undefined when it is not written so or is not a real day. */
export function parseIsoDay(text: string): YearMonthDay | undefined {
  // Read digit by digit: this sits under every tax-calendar call on a pay run's hot path.
  if (typeof text !== 'string' || text.length !== 10 || text[4] !== '-' || text[7] !== '-') return undefined;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  // A non-digit makes a part NaN, and every comparison with NaN is false.
  if (!(year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return undefined;
  return { year, month, day };
}

/** The day number of ISO text "YYYY-MM-DD", or undefined when it is not a real calendar day written so. */
export function dayNumberOfIso(text: string): DayNumber | undefined {
  const ymd = parseIsoDay(text);
  return ymd && dayNumberOf(ymd.year, ymd.month, ymd.day);
}

/** ISO weekday of a day number, as luxon numbers it: 1 is Monday, 7 is Sunday (day 0, 1970-01-01, was a Thursday). */
export function weekdayOfDayNumber(n: DayNumber): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}
