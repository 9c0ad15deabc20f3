import fc from 'fast-check';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { InvalidInput } from '@dpe/errors';
import { businessDate, isCalendarDate, type DateRange } from './dates';
import { parseInput } from './parse';

/**
 * businessDate checks a calendar day with its own y/m/d ranges (leap years included) rather than a luxon parse. These
 * compare it with the luxon check it replaced (copied below).
 */
const luxonIsValid = (value: string): boolean => DateTime.fromISO(value, { zone: 'Europe/London' }).isValid;

function luxonBusinessDate(range: DateRange, description?: string) {
  const schema = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar date yyyy-mm-dd')
    .refine((value) => DateTime.fromISO(value, { zone: 'Europe/London' }).isValid, 'must be a calendar date yyyy-mm-dd')
    .refine((value) => value >= range.from && value <= range.to, `must be between ${range.from} and ${range.to}`);
  return description ? schema.describe(description) : schema;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const RANGE: DateRange = { from: '2000-01-01', to: '2100-12-31' };

/** How parseInput reports a value: the parsed value, or the issues of its InvalidInput. */
function parsed(schema: z.ZodType, value: unknown): unknown {
  try {
    return { value: parseInput(z.object({ date: schema }), { date: value }) };
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return { issues: error.issues };
  }
}

describe('isCalendarDate agrees with luxon on yyyy-mm-dd text', () => {
  it('on every day from 2020-01-01 to 2032-12-31', () => {
    const differ: string[] = [];
    for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2032, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString().slice(0, 10);
      if (!isCalendarDate(iso) || !luxonIsValid(iso)) differ.push(iso);
    }
    expect(differ).toEqual([]);
  });

  it('on every month 00 to 13 and day 00 to 39 of common, leap and century years (1900 not leap, 2000 leap)', () => {
    const years = [0, 1, 4, 99, 100, 400, 1600, 1700, 1800, 1900, 1970, 1996, 2000, 2023, 2024, 2100, 2400, 9996, 9999];
    const differ: string[] = [];
    for (const y of years) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 39; d++) {
          const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          if (isCalendarDate(text) !== luxonIsValid(text)) differ.push(text);
        }
      }
    }
    expect(differ).toEqual([]);
    expect([isCalendarDate('2024-02-29'), isCalendarDate('2023-02-29'), isCalendarDate('1900-02-29')]).toEqual([
      true,
      false,
      false,
    ]);
  });
});

describe('businessDate gives the results of the luxon check it replaced', () => {
  it('the same issues, one by one, for any yyyy-mm-dd text', () => {
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    const ours = businessDate(RANGE);
    const luxon = luxonBusinessDate(RANGE);
    fc.assert(
      fc.property(text, (value) => {
        const [a, b] = [ours.safeParse(value), luxon.safeParse(value)];
        expect([a.success, a.data, a.error?.issues]).toEqual([b.success, b.data, b.error?.issues]);
      }),
      { numRuns: 5_000 },
    );
  });

  it('the same InvalidInput through parseInput for anything at all (other ISO forms luxon read are refused as before)', () => {
    const ours = businessDate(RANGE);
    const luxon = luxonBusinessDate(RANGE);
    const value = fc.oneof(
      fc.constantFrom('2026-04-06T10:00', '20260406', '2026-096', '2026-W15-1', '2026-04', '2026', ' 2026-04-06'),
      fc.string(),
      fc.anything(),
    );
    fc.assert(
      fc.property(value, (v) => {
        expect(parsed(ours, v)).toEqual(parsed(luxon, v));
      }),
      { numRuns: 3_000 },
    );
  });
});
