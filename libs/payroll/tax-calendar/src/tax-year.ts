import { businessDayParts, type CalendarDate, type DateInput } from './dates';
import { isLeapYear, type YearMonthDay } from './day-numbers';
import { InvalidTaxCalendarInput } from './errors';
import type { TaxYearId } from './types';

/**
 * A UK tax year runs from 6 April to 5 April inclusive (Income Tax Act 2007 s.4(2): "a year beginning on
 * 6 April and ending on the following 5 April"; HMRC's tax-month table in
 * https://www.gov.uk/hmrc-internal-manuals/debt-management-and-banking/dmbm520055).
 * It is named as HMRC writes it: "2026-27" is 6 April 2026 to 5 April 2027.
 */
export interface TaxYear {
  readonly id: TaxYearId;
  /** The calendar year in which the tax year starts (2026 for "2026-27"). */
  readonly startYear: number;
  /** 6 April of startYear. */
  readonly firstDay: CalendarDate;
  /** 5 April of startYear + 1. */
  readonly lastDay: CalendarDate;
  /** 365, or 366 when the tax year contains 29 February (then week 53 has two days). */
  readonly days: 365 | 366;
}

const TAX_YEAR_ID = /^(\d{4})-(\d{2})$/;

/** True if text is a well-formed tax year such as "2026-27" (the second part is the next year's last two digits). */
export function isTaxYearId(text: unknown): text is TaxYearId {
  if (typeof text !== 'string') return false;
  const match = TAX_YEAR_ID.exec(text);
  if (!match) return false;
  const start = Number(match[1]);
  return start >= 1900 && start <= 9998 && Number(match[2]) === (start + 1) % 100;
}

/** Validates and returns a tax year id; throws InvalidTaxCalendarInput naming the rule otherwise. */
export function parseTaxYearId(text: unknown, field = 'taxYear'): TaxYearId {
  if (typeof text !== 'string' || !TAX_YEAR_ID.test(text)) {
    throw new InvalidTaxCalendarInput(field, text, 'must be a tax year written like "2026-27"');
  }
  if (!isTaxYearId(text)) {
    throw new InvalidTaxCalendarInput(
      field,
      text,
      'the second part must be the last two digits of the year after the first (e.g. "2026-27")',
    );
  }
  return text;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// Tax years are worked out once each and shared (frozen): taxYearOf sits under every payslip and every shift.
const TAX_YEARS = new Map<number, TaxYear>();

/** The tax year that starts on 6 April of startYear. */
export function taxYearStartingIn(startYear: number): TaxYear {
  const known = TAX_YEARS.get(startYear);
  if (known) return known;
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 9998) {
    throw new InvalidTaxCalendarInput('startYear', startYear, 'must be a whole year between 1900 and 9998');
  }
  const id = `${startYear}-${pad((startYear + 1) % 100, 2)}` as TaxYearId;
  const year: TaxYear = Object.freeze({
    id,
    startYear,
    firstDay: `${pad(startYear, 4)}-04-06`,
    lastDay: `${pad(startYear + 1, 4)}-04-05`,
    // The tax year contains 29 February of startYear + 1 when that year is a leap year.
    days: isLeapYear(startYear + 1) ? 366 : 365,
  });
  TAX_YEARS.set(startYear, year);
  return year;
}

/** The tax year named by id ("2026-27"). */
export function taxYear(id: string): TaxYear {
  const valid = parseTaxYearId(id);
  return taxYearStartingIn(Number(valid.slice(0, 4)));
}

/** The tax year containing the date (a London business day): 5 April 2027 is in 2026-27, 6 April 2027 in 2027-28. */
export function taxYearOf(date: DateInput): TaxYear {
  return taxYearStartingIn(startYearOf(businessDayParts(date)));
}

export function nextTaxYear(id: string): TaxYear {
  return taxYearStartingIn(taxYear(id).startYear + 1);
}

export function previousTaxYear(id: string): TaxYear {
  return taxYearStartingIn(taxYear(id).startYear - 1);
}

/** True if the date falls within the tax year (6 April to 5 April inclusive). */
export function isInTaxYear(date: DateInput, id: string): boolean {
  return taxYearOf(date).id === taxYear(id).id;
}

/** Internal: the start year of the tax year containing a London day (a luxon DateTime or its parts). */
export function startYearOf(day: YearMonthDay): number {
  const beforeSixthApril = day.month < 4 || (day.month === 4 && day.day < 6);
  return beforeSixthApril ? day.year - 1 : day.year;
}
