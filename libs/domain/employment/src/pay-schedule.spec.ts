import fc from 'fast-check';
import { DateTime } from 'luxon';
import { isPayDate, nextPayDate, payDatesBetween, payPeriodFor } from '@dpe/employment';
import { InvalidInput } from '@dpe/errors';
import type { PaySchedule } from '@dpe/recipients';

const weekly: PaySchedule = { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 };
const fortnightly: PaySchedule = { frequency: 'fortnightly', firstPayDate: '2026-04-17', daysInArrears: 5 };
const fourWeekly: PaySchedule = { frequency: 'four-weekly', firstPayDate: '2026-05-01', daysInArrears: 0 };
const monthly15: PaySchedule = { frequency: 'monthly', payDay: 15, firstPayDate: '2026-04-15', daysInArrears: 0 };
const monthly31: PaySchedule = { frequency: 'monthly', payDay: 31, firstPayDate: '2026-04-30', daysInArrears: 0 };
const lastWorkingDay: PaySchedule = {
  frequency: 'monthly',
  payDay: 'last-working-day',
  firstPayDate: '2026-04-30',
  daysInArrears: 0,
};

describe('pay dates', () => {
  it('pays weekly kinds every 1, 2 or 4 weeks from the first pay date, which fixes the weekday', () => {
    expect(payDatesBetween(weekly, '2026-04-01', '2026-05-01')).toEqual([
      '2026-04-10',
      '2026-04-17',
      '2026-04-24',
      '2026-05-01',
    ]);
    expect(payDatesBetween(fortnightly, '2026-04-17', '2026-05-31')).toEqual([
      '2026-04-17',
      '2026-05-01',
      '2026-05-15',
      '2026-05-29',
    ]);
    expect(payDatesBetween(fourWeekly, '2026-05-01', '2026-08-01')).toEqual([
      '2026-05-01',
      '2026-05-29',
      '2026-06-26',
      '2026-07-24',
    ]);
  });

  it('has no pay date before the first pay date', () => {
    expect(isPayDate(weekly, '2026-04-03')).toBe(false);
    expect(isPayDate(weekly, '2026-04-10')).toBe(true);
    expect(isPayDate(weekly, '2026-04-11')).toBe(false);
    expect(nextPayDate(weekly, '2026-01-01')).toBe('2026-04-10');
  });

  it('pays monthly on the pay day, and on the last day of a month too short for it', () => {
    expect(payDatesBetween(monthly15, '2026-04-01', '2026-07-15')).toEqual([
      '2026-04-15',
      '2026-05-15',
      '2026-06-15',
      '2026-07-15',
    ]);
    expect(payDatesBetween(monthly31, '2027-01-01', '2027-04-30')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(isPayDate(monthly31, '2028-02-29')).toBe(true);
  });

  it('pays on the last working day: before a weekend, and before a bank holiday', () => {
    // 31 May 2026 is a Sunday; 31 August 2026 is the summer bank holiday; 31 December 2027 is a Friday.
    expect(payDatesBetween(lastWorkingDay, '2026-05-01', '2026-09-30')).toEqual([
      '2026-05-29',
      '2026-06-30',
      '2026-07-31',
      '2026-08-28',
      '2026-09-30',
    ]);
    expect(isPayDate(lastWorkingDay, '2027-12-31')).toBe(true);
    expect(isPayDate(lastWorkingDay, '2026-08-31')).toBe(false);
  });

  it('gives the next pay date on or after a day', () => {
    expect(nextPayDate(weekly, '2026-04-11')).toBe('2026-04-17');
    expect(nextPayDate(weekly, '2026-04-17')).toBe('2026-04-17');
    expect(nextPayDate(monthly15, '2026-04-16')).toBe('2026-05-15');
    expect(nextPayDate(lastWorkingDay, '2026-08-29')).toBe('2026-09-30');
  });

  it('gives no pay dates when the range ends before it starts', () => {
    expect(payDatesBetween(weekly, '2026-05-01', '2026-04-01')).toEqual([]);
  });

  it('refuses a last working day in a year whose bank holidays are not held, rather than guess', () => {
    expect(() => payDatesBetween(lastWorkingDay, '2028-11-01', '2029-02-28')).toThrow(
      /payDate: England and Wales bank holidays are held for 2024 to 2028 only/,
    );
  });
});

describe('pay periods', () => {
  it('pays the week ending on the pay date when paid with no arrears', () => {
    expect(payPeriodFor(weekly, '2026-04-17')).toEqual({ start: '2026-04-11', end: '2026-04-17' });
  });

  it('pays the 2 weeks ending daysInArrears before the pay date', () => {
    // Friday 1 May pays the fortnight ending Sunday 26 April.
    expect(payPeriodFor(fortnightly, '2026-05-01')).toEqual({ start: '2026-04-13', end: '2026-04-26' });
    expect(payPeriodFor(fourWeekly, '2026-05-29')).toEqual({ start: '2026-05-02', end: '2026-05-29' });
  });

  it('pays the calendar month of the pay date when monthly with no arrears', () => {
    expect(payPeriodFor(lastWorkingDay, '2026-08-28')).toEqual({ start: '2026-08-01', end: '2026-08-31' });
    expect(payPeriodFor(monthly15, '2026-06-15')).toEqual({ start: '2026-06-01', end: '2026-06-30' });
  });

  it('pays the month ending daysInArrears before a monthly pay date, from the day after the last period ended', () => {
    const inArrears: PaySchedule = { frequency: 'monthly', payDay: 7, firstPayDate: '2026-05-07', daysInArrears: 7 };
    expect(payPeriodFor(inArrears, '2026-05-07')).toEqual({ start: '2026-04-01', end: '2026-04-30' });
    const lastDay: PaySchedule = { ...lastWorkingDay, daysInArrears: 3 };
    // 31 December 2026 (Thursday) ends its period on 28 December; 29 January 2027 (Friday) on 26 January.
    expect(payPeriodFor(lastDay, '2027-01-29')).toEqual({ start: '2026-12-29', end: '2027-01-26' });
  });

  it('refuses a day that is not a pay date, naming the next one', () => {
    expect(() => payPeriodFor(weekly, '2026-04-18')).toThrow(InvalidInput);
    expect(() => payPeriodFor(weekly, '2026-04-18')).toThrow(
      'payDate: 2026-04-18 is not a pay date of this weekly schedule; the next is 2026-04-24',
    );
  });

  const schedules: [string, PaySchedule][] = [
    ['weekly', weekly],
    ['fortnightly in arrears', fortnightly],
    ['four-weekly', fourWeekly],
    ['monthly on the 31st', monthly31],
    ['monthly on the 31st, 10 days in arrears', { ...monthly31, daysInArrears: 10 }],
    ['monthly on the last working day', lastWorkingDay],
    ['monthly on the last working day, 4 days in arrears', { ...lastWorkingDay, daysInArrears: 4 }],
  ];

  it.each(schedules)(
    'tiles the calendar for %s: each period starts the day after the last ended',
    (_name, schedule) => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 500 }), (offset) => {
          const from = DateTime.fromISO('2026-05-01', { zone: 'Europe/London' }).plus({ days: offset });
          const [first, second] = payDatesBetween(schedule, from.toISODate()!, from.plus({ days: 70 }).toISODate()!);
          const a = payPeriodFor(schedule, first!);
          const b = payPeriodFor(schedule, second!);
          const next = DateTime.fromISO(a.end, { zone: 'Europe/London' }).plus({ days: 1 }).toISODate();
          expect(b.start).toBe(next);
          // A monthly pay with no arrears pays its whole calendar month, so its period may end after the pay date.
          expect(a.start <= a.end && a.start <= first!).toBe(true);
        }),
        { numRuns: 100 },
      );
    },
  );
});
