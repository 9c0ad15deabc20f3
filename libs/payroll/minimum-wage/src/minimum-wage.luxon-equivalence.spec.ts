import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DecimalOf, Money, readAmount, type DecimalValue } from '@dpe/money';
import {
  checkMinimumWage,
  MinimumWageInputError,
  minimumWageRateTimeline,
  type MinimumWageBand,
  type MinimumWageCheck,
  type MinimumWageCheckInput,
  type MinimumWageRateChange,
} from '@dpe/minimum-wage';
import { knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { isoOfDayNumber } from '@dpe/tax-calendar';
import * as days from './dates';

/**
 * checkMinimumWage reads, orders and steps dates by day-number arithmetic. These compare it with the luxon
 * implementation it replaced (copied below, unchanged but for two names): its date steps on every day from 2020-01-01
 * to 2032-12-31 against every date of birth from 1940 to 2016 that is a band-changing birthday away, give or take a
 * day, and the whole check on every one of those days and at random over two centuries of dates, real or not.
 */

// Inputs are made with luxon in UTC: an independent calendar, and much faster than luxon in Europe/London.
const utc = (iso: string): DateTime => DateTime.fromISO(iso, { zone: 'utc' });
const isoOf = (day: DateTime): string => day.toISODate()!;
function daysFrom(first: string, last: string): string[] {
  const all: string[] = [];
  for (let d = utc(first); d <= utc(last); d = d.plus({ days: 1 })) all.push(isoOf(d));
  return all;
}
const EVERY_DAY = daysFrom('2020-01-01', '2032-12-31');
/** The day `years` before, give or take `days` (JavaScript's own UTC calendar: cheap, for making many inputs). */
function yearsBefore(iso: string, years: number, days = 0): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d + days)).toISOString().slice(0, 10);
}
/** Band-changing ages (apprentice 19, 18, 21), either side of them, and adults. */
const AGES = [15, 16, 17, 18, 19, 20, 21, 22, 45, 66];

/**
 * Cases where the two implementations differ, as [case, new, old] (empty when they agree). Collected rather than
 * asserted one by one: there are some 170,000 comparisons, and a failure lists the cases that differ.
 */
function differences<T>(cases: Iterable<T>, now: (c: T) => unknown, before: (c: T) => unknown): unknown[] {
  const found: unknown[] = [];
  for (const c of cases) {
    const a = JSON.stringify(now(c));
    const b = JSON.stringify(before(c));
    if (a !== b && found.length < 20) found.push([c, a, b]);
  }
  return found;
}

describe('the date steps match luxon on every day from 2020 to 2032', () => {
  let luxonDays: DateTime[] = [];
  let ourDays: days.Day[] = [];
  beforeAll(() => {
    luxonDays = EVERY_DAY.map((iso) => luxonReadDate(iso, 'periodStart'));
    ourDays = EVERY_DAY.map((iso) => days.readDate(iso, 'periodStart'));
  });
  const indexes = (): number[] => EVERY_DAY.map((_, i) => i);

  it('covers 2020-01-01 to 2032-12-31', () => {
    expect(EVERY_DAY).toHaveLength(4749);
    expect([EVERY_DAY[0], EVERY_DAY.at(-1)]).toEqual(['2020-01-01', '2032-12-31']);
  });

  it('reads the same day, in the same order: consecutive day numbers where luxon has ascending midnights', () => {
    const read = differences(
      indexes(),
      (i) => [ourDays[i]!.iso, ourDays[i]!.year, ourDays[i]!.month, ourDays[i]!.day],
      (i) => [luxonDays[i]!.toISODate(), luxonDays[i]!.year, luxonDays[i]!.month, luxonDays[i]!.day],
    );
    const order = differences(
      indexes().slice(1),
      (i) => ourDays[i]!.n - ourDays[i - 1]!.n === 1,
      (i) => luxonDays[i]! > luxonDays[i - 1]!,
    );
    expect([read, order]).toEqual([[], []]);
  });

  it('"plus one month" and "plus 12 months" land where luxon lands, month ends clamped as luxon clamps them', () => {
    const cases = indexes().flatMap((i) => [1, 12].map((months) => ({ i, months })));
    expect(
      differences(
        cases,
        ({ i, months }) => isoOfDayNumber(days.plusMonths(ourDays[i]!, months)),
        ({ i, months }) => luxonDays[i]!.plus({ months }).toISODate(),
      ),
    ).toEqual([]);
  });

  it('ages on every day, for dates of birth a band-changing birthday away, give or take a day, and on 29 February', () => {
    const leapBirths = ['1996-02-29', '2004-02-29', '2008-02-29', '2012-02-29'];
    const cases = indexes().flatMap((i) => {
      const near = AGES.flatMap((years) => [-1, 0, 1].map((d) => yearsBefore(EVERY_DAY[i]!, years, d)));
      return [...near, ...leapBirths].map((dob) => ({ i, dob }));
    });
    // Each date of birth is read once by each implementation.
    const births = new Map<string, { ours: days.Day; luxon: DateTime }>();
    for (const { dob } of cases) {
      if (!births.has(dob))
        births.set(dob, { ours: days.readDate(dob, 'dateOfBirth'), luxon: luxonReadDate(dob, 'dateOfBirth') });
    }
    expect(cases).toHaveLength(EVERY_DAY.length * (AGES.length * 3 + leapBirths.length));
    expect(
      differences(
        cases,
        ({ i, dob }) => days.ageOn(births.get(dob)!.ours, ourDays[i]!),
        ({ i, dob }) => luxonAgeOn(births.get(dob)!.luxon, luxonDays[i]!),
      ),
    ).toEqual([]);
  });
});

/** A result or an error, with Money as its exact decimal text, so two implementations can be compared. */
function outcome(run: () => MinimumWageCheck): unknown {
  try {
    const r = run();
    return {
      ...r,
      requiredRate: r.requiredRate.amount.toString(),
      effectiveRate: r.effectiveRate.amount.toString(),
      shortfall: r.shortfall.amount.toString(),
    };
  } catch (error) {
    if (!(error instanceof MinimumWageInputError)) throw error;
    return { error: error.constructor.name, message: error.message, field: error.field, rule: error.rule };
  }
}

function expectSameAsLuxon(input: MinimumWageCheckInput): void {
  expect(outcome(() => checkMinimumWage(input))).toEqual(outcome(() => luxonCheckMinimumWage(input)));
}

const base = { hoursWorked: '80', pay: '1000.00' } as const; // £12.50 an hour: above some bands, below others

describe('checkMinimumWage gives exactly the results of the luxon implementation', () => {
  // The luxon implementation takes about 0.2 ms a check, so each day is tried with a few cases that rotate from day
  // to day: every kind meets every month and weekday many times over.
  it('on every day from 2020 to 2032 as the first day of a period: ages, month-long periods, apprentices', () => {
    const inputs = EVERY_DAY.flatMap((periodStart, i): MinimumWageCheckInput[] => {
      const start = utc(periodStart);
      const near = (i % 3) - 1;
      const dateOfBirth = isoOf(start.minus({ years: AGES[i % AGES.length]! }).plus({ days: near }));
      const monthOn = start.plus({ months: 1 });
      const periodEnd = isoOf([monthOn.minus({ days: 1 }), monthOn, start.plus({ days: 6 })][i % 3]!);
      const anniversary = start.minus({ months: 12 }).plus({ days: near });
      const apprentice = { startDate: isoOf(i % 5 === 0 ? start.plus({ days: near }) : anniversary) };
      const week = isoOf(start.plus({ days: 6 }));
      return [
        { ...base, dateOfBirth, periodStart, periodEnd },
        { ...base, dateOfBirth, periodStart, periodEnd: week, apprentice },
      ];
    });
    expect(
      differences(
        inputs,
        (input) => outcome(() => checkMinimumWage(input)),
        (input) => outcome(() => luxonCheckMinimumWage(input)),
      ),
    ).toEqual([]);
  });

  it('at random: any dates from 1900 to 2100, real or not, and any value in any field', () => {
    const day = fc.integer({ min: 0, max: 73_413 }).map((n) => isoOf(utc('1900-01-01').plus({ days: n })));
    const nearby = fc
      .tuple(fc.integer({ min: 0, max: 73_413 }), fc.integer({ min: -400, max: 400 }))
      .map(([n, d]) => [n, n + d].map((k) => isoOf(utc('1900-01-01').plus({ days: k }))) as [string, string]);
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const date = fc.oneof(day, day, day, text, fc.string(), fc.anything());
    fc.assert(
      fc.property(
        date,
        nearby,
        fc.option(date, { nil: undefined }),
        fc.boolean(),
        (dateOfBirth, [periodStart, periodEnd], apprentice, swap) => {
          expectSameAsLuxon({
            ...base,
            dateOfBirth,
            periodStart: swap ? periodEnd : periodStart,
            periodEnd: swap ? periodStart : periodEnd,
            ...(apprentice === undefined ? {} : { apprentice: { startDate: apprentice } }),
          } as MinimumWageCheckInput);
        },
      ),
      { numRuns: 4_000 },
    );
  });

  it('the held rate timeline is the one the luxon implementation built, parsed once and shared', () => {
    const held = minimumWageRateTimeline();
    const exact = (timeline: readonly MinimumWageRateChange[]) =>
      timeline.map((c) => ({
        effectiveFrom: c.effectiveFrom,
        hourly: Object.fromEntries(Object.entries(c.hourly).map(([band, rate]) => [band, rate.amount.toString()])),
      }));
    expect(exact(held)).toEqual(exact(luxonMinimumWageRateTimeline()));
    expect(minimumWageRateTimeline()).not.toBe(held); // a fresh list each call...
    expect(minimumWageRateTimeline()[0]).toBe(held[0]); // ...of the same frozen entries
    expect(Object.isFrozen(held[0])).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The luxon implementation as it was before day numbers (libs/payroll/minimum-wage/src/minimum-wage.ts), with
// luxon in the names of checkMinimumWage, minimumWageRateTimeline, readDate and ageOn.
// ---------------------------------------------------------------------------------------------------------------

/** Age bands of NMW Regulations 2015 regs 4 and 4A since 1 April 2024 (National Living Wage from 21). */
const NATIONAL_LIVING_WAGE_AGE = 21;
const ADULT_RATE_AGE = 18;
/** Apprentice rate: under 19, or in the first 12 months of the apprenticeship (reg 5(1)(b)). */
const APPRENTICE_RATE_AGE_LIMIT = 19;
const APPRENTICE_RATE_MONTHS = 12;

/**
 * Checks one pay reference period against the National Minimum Wage.
 *
 * The rate is the one that applies to the worker on the FIRST DAY of the pay reference period (NMW Regulations
 * 2015 reg 4B). So a 1 April uprating bites from the first pay reference period starting on or after 1 April
 * (ACAS: "the higher rate starts to apply from the next pay reference period after the increase"), and a birthday
 * (18, 21) or an apprentice turning 19 / finishing their first year moves the worker up from the next period, not
 * mid-period. The worker is paid at least the minimum if pay ÷ hours is at least that rate (reg 7).
 */
function luxonCheckMinimumWage(input: MinimumWageCheckInput): MinimumWageCheck {
  if (typeof input !== 'object' || input === null) throw new MinimumWageInputError('input', 'must be an object', input);
  const raw = input as unknown as Record<string, unknown>;
  const dob = luxonReadDate(raw['dateOfBirth'], 'dateOfBirth');
  const start = luxonReadDate(raw['periodStart'], 'periodStart');
  const end = luxonReadDate(raw['periodEnd'], 'periodEnd');
  if (end < start) throw new MinimumWageInputError('periodEnd', 'must be on or after periodStart', raw['periodEnd']);
  // Reg 6: a pay reference period is a month, or a shorter period by reference to which the worker is paid.
  if (end >= start.plus({ months: 1 })) {
    throw new MinimumWageInputError(
      'periodEnd',
      'a pay reference period can be at most one month (NMW Regulations 2015 reg 6)',
      raw['periodEnd'],
    );
  }
  if (dob > start)
    throw new MinimumWageInputError(
      'dateOfBirth',
      'must be before the pay reference period starts',
      raw['dateOfBirth'],
    );
  const hours = readHours(raw['hoursWorked']);
  const pay = readMoney(raw['pay'], 'pay');
  const apprenticeStart = readApprentice(raw['apprentice']);
  const timeline = raw['rates'] === undefined ? luxonMinimumWageRateTimeline() : readTimeline(raw['rates']);

  const startIso = start.toISODate() ?? '';
  const change = [...timeline].reverse().find((c) => c.effectiveFrom <= startIso);
  if (!change) {
    throw new MinimumWageInputError(
      'periodStart',
      `no minimum wage rates are held for a period starting before ${timeline[0]?.effectiveFrom ?? 'any date'}`,
      raw['periodStart'],
    );
  }
  const age = luxonAgeOn(dob, start);
  const ageBand = bandFor(age, start, apprenticeStart);
  const requiredRate = change.hourly[ageBand];
  const due = requiredRate.times(hours);
  const compliant = pay.greaterThanOrEqual(due);
  return {
    compliant,
    requiredRate,
    effectiveRate: pay.dividedBy(hours).roundDownToPenny(),
    shortfall: compliant ? Money.zero : due.minus(pay).roundUpToPenny(),
    ageBand,
    ageOnPeriodStart: age,
    ratesEffectiveFrom: change.effectiveFrom,
  };
}

function bandFor(age: number, periodStart: DateTime, apprenticeStart: DateTime | undefined): MinimumWageBand {
  if (apprenticeStart && apprenticeStart <= periodStart) {
    const inFirstYear = periodStart < apprenticeStart.plus({ months: APPRENTICE_RATE_MONTHS });
    if (age < APPRENTICE_RATE_AGE_LIMIT || inFirstYear) return 'apprentice';
  }
  if (age >= NATIONAL_LIVING_WAGE_AGE) return '21-and-over';
  if (age >= ADULT_RATE_AGE) return '18-to-20';
  return 'under-18';
}

/** Every rate change held in @dpe/statutory-data, oldest first, whichever tax-year file it is filed in. */
function luxonMinimumWageRateTimeline(): MinimumWageRateChange[] {
  const changes = new Map<string, MinimumWageRateChange>();
  for (const year of knownTaxYears()) {
    const section = taxYearTables(year).minimumWage;
    for (const [effectiveFrom, rates] of Object.entries(section.ratesEffectiveFrom ?? {})) {
      if (!rates) continue;
      changes.set(effectiveFrom, {
        effectiveFrom,
        hourly: {
          '21-and-over': Money.of(rates['21-and-over']),
          '18-to-20': Money.of(rates['18-to-20']),
          'under-18': Money.of(rates['under-18']),
          apprentice: Money.of(rates.apprentice),
        },
      });
    }
  }
  return [...changes.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

/** Whole years on a day; someone born on 29 February attains an age on 1 March in a common year (FLRA 1969 s9). */
function luxonAgeOn(dob: DateTime, day: DateTime): number {
  const years = day.year - dob.year;
  return day.month < dob.month || (day.month === dob.month && day.day < dob.day) ? years - 1 : years;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function luxonReadDate(value: unknown, field: string): DateTime {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new MinimumWageInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const day = DateTime.fromISO(value, { zone: 'Europe/London' });
  if (!day.isValid) throw new MinimumWageInputError(field, 'is not a real calendar date', value);
  return day.startOf('day');
}

const HOURS_TEXT = /^\d+(\.\d+)?$/;

function readHours(value: unknown): DecimalValue {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !HOURS_TEXT.test(text)) {
    throw new MinimumWageInputError(
      'hoursWorked',
      'must be a number of hours written as decimal text, e.g. "37.5"',
      value,
    );
  }
  const hours = new DecimalOf(text);
  if (!hours.greaterThan(0)) throw new MinimumWageInputError('hoursWorked', 'must be more than 0', value);
  // A month holds at most 31 × 24 hours; more is a typing error, not a pay reference period.
  if (hours.greaterThan(744))
    throw new MinimumWageInputError('hoursWorked', 'must be at most 744 (24 hours a day for 31 days)', value);
  return hours;
}

function readMoney(value: unknown, field: string): Money {
  return readAmount(value, field, MinimumWageInputError);
}

function readApprentice(value: unknown): DateTime | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new MinimumWageInputError('apprentice', 'must be { startDate: "YYYY-MM-DD" } or left out', value);
  }
  return luxonReadDate((value as Record<string, unknown>)['startDate'], 'apprentice.startDate');
}

function readTimeline(value: unknown): readonly MinimumWageRateChange[] {
  const bands: MinimumWageBand[] = ['21-and-over', '18-to-20', 'under-18', 'apprentice'];
  const ok =
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (c: unknown) =>
        typeof c === 'object' &&
        c !== null &&
        typeof (c as MinimumWageRateChange).effectiveFrom === 'string' &&
        ISO_DATE.test((c as MinimumWageRateChange).effectiveFrom) &&
        typeof (c as MinimumWageRateChange).hourly === 'object' &&
        (c as MinimumWageRateChange).hourly !== null &&
        bands.every((b) => (c as MinimumWageRateChange).hourly[b] instanceof Money),
    );
  if (!ok)
    throw new MinimumWageInputError(
      'rates',
      'must be a list of { effectiveFrom, hourly } rate changes with Money for every band',
      value,
    );
  return [...(value as MinimumWageRateChange[])].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}
