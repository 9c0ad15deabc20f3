import { DateTime } from 'luxon';
import { PensionsInputError } from './errors';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LONDON = 'Europe/London';

/** A calendar day in London from ISO text ("2026-04-06"); anything else is a PensionsInputError naming the field. */
export function readDate(value: unknown, field: string): DateTime {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new PensionsInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const day = DateTime.fromISO(value, { zone: LONDON });
  if (!day.isValid) throw new PensionsInputError(field, 'is not a real calendar date', value);
  return day.startOf('day');
}

/**
 * Age in whole years on a day: a person attains an age at the start of the anniversary of their birth (Family Law
 * Reform Act 1969 s9). Someone born on 29 February has no anniversary in a common year, so they attain the age on
 * 1 March, the first day on which the anniversary has passed.
 */
export function ageOn(dateOfBirth: DateTime, day: DateTime): number {
  const years = day.year - dateOfBirth.year;
  const beforeBirthday =
    day.month < dateOfBirth.month || (day.month === dateOfBirth.month && day.day < dateOfBirth.day);
  return beforeBirthday ? years - 1 : years;
}
