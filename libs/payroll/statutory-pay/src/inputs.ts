import { DateTime } from 'luxon';
import { Money, readAmount } from '@dpe/money';
import type { TaxYearTables } from '@dpe/statutory-data';
import { dayNumberOfIso, yearMonthDayOf } from '@dpe/tax-calendar';
import { StatutoryPayInputError } from './errors';

export const LONDON = 'Europe/London';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null)
    throw new StatutoryPayInputError('input', 'must be an object', input);
  return input as Record<string, unknown>;
}

export function readTables(value: unknown): TaxYearTables {
  const tables = value as TaxYearTables | undefined;
  if (
    typeof tables !== 'object' ||
    tables === null ||
    typeof tables.taxYear !== 'string' ||
    typeof tables.statutoryPay !== 'object' ||
    tables.statutoryPay === null ||
    typeof tables.statutoryPay.ssp !== 'object' ||
    typeof tables.statutoryPay.smp !== 'object'
  ) {
    throw new StatutoryPayInputError(
      'tables',
      "must be a tax year's statutory tables with a statutoryPay section",
      value,
    );
  }
  return tables;
}

/**
 * The start of a calendar day in London from ISO text. The text is checked as a calendar day by day-number arithmetic
 * and the DateTime built from its parts in one step (the same instant as parsing it and taking the start of the day).
 */
export function readDate(value: unknown, field: string): DateTime {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new StatutoryPayInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const n = dayNumberOfIso(value);
  if (n === undefined) throw new StatutoryPayInputError(field, 'is not a real calendar date', value);
  const { year, month, day } = yearMonthDayOf(n);
  return DateTime.fromObject({ year, month, day }, { zone: LONDON });
}

export function readMoney(value: unknown, field: string): Money {
  // Average weekly earnings are used unrounded (HMRC SSP checksheet), so more than 2 decimals are allowed.
  return readAmount(value, field, StatutoryPayInputError, { maxDecimals: 10 });
}

export function readCount(value: unknown, field: string, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new StatutoryPayInputError(field, `must be a whole number from 0 to ${max}`, value);
  }
  return value;
}
