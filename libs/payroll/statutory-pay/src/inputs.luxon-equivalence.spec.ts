import fc from 'fast-check';
import { DateTime } from 'luxon';
import { StatutoryPayInputError } from './errors';
import { readDate } from './inputs';

/**
 * readDate checks the text as a calendar day by day-number arithmetic and builds the DateTime from its parts in one
 * step. This compares it with the luxon parse it replaced (copied below): the same instant, zone and text on every
 * day from 2020-01-01 to 2032-12-31 (and across two centuries at random), and the same error for anything else.
 */
const LONDON = 'Europe/London';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
function luxonReadDate(value: unknown, field: string): DateTime {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new StatutoryPayInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const day = DateTime.fromISO(value, { zone: LONDON });
  if (!day.isValid) throw new StatutoryPayInputError(field, 'is not a real calendar date', value);
  return day.startOf('day');
}

function outcome(read: (value: unknown, field: string) => DateTime, value: unknown): unknown {
  try {
    const day = read(value, 'sicknessDays');
    return { millis: day.toMillis(), zone: day.zoneName, iso: day.toISO(), weekday: day.weekday, valid: day.isValid };
  } catch (error) {
    if (!(error instanceof StatutoryPayInputError)) throw error;
    return { message: error.message, field: error.field, rule: error.rule };
  }
}

function dayAfter(n: number): string {
  return new Date(Date.UTC(1900, 0, 1 + n)).toISOString().slice(0, 10);
}

describe('readDate gives exactly the DateTime of the luxon parse it replaced', () => {
  it('on every day from 2020-01-01 to 2032-12-31 (each clock change included)', () => {
    const differ: unknown[] = [];
    let count = 0;
    for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2032, 11, 31); t += 86_400_000, count++) {
      const iso = new Date(t).toISOString().slice(0, 10);
      const ours = readDate(iso, 'sicknessDays');
      const luxon = luxonReadDate(iso, 'sicknessDays');
      if (!ours.equals(luxon) || JSON.stringify(outcome(readDate, iso)) !== JSON.stringify(outcome(luxonReadDate, iso)))
        differ.push(iso);
    }
    expect(count).toBe(4749);
    expect(differ).toEqual([]);
  });

  it('at random: any day from 1900 to 2100, any yyyy-mm-dd text real or not, and anything else', () => {
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const value = fc.oneof(fc.integer({ min: 0, max: 73_413 }).map(dayAfter), text, fc.string(), fc.anything());
    fc.assert(
      fc.property(value, (v) => {
        expect(outcome(readDate, v)).toEqual(outcome(luxonReadDate, v));
      }),
      { numRuns: 5_000 },
    );
  });
});
