import { DateTime } from 'luxon';
import { EMPTY_EMPLOYMENT, payDatesBetween, payPeriodFor, type EmploymentState } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import type { PaHiredData, PaySchedule } from '@dpe/recipients';
import { intervalOf, timesheetProblems, type SubmitTimesheet } from '@dpe/timesheets';

/**
 * Two things submit-timesheet used to do with luxon per shift and per timesheet, held here to what they gave:
 * a shift's instants (wall-clock start in London, elapsed hours), now read without luxon on a day with no clock change;
 * and the pay date of a period, now found from the period's end instead of by scanning 62 days of pay dates.
 */
const ZONE = 'Europe/London';
const EVERY_DAY: string[] = [];
for (let d = DateTime.fromISO('2024-04-01', { zone: ZONE }); d.toISODate()! <= '2030-04-10'; d = d.plus({ days: 1 })) {
  EVERY_DAY.push(d.toISODate()!);
}
const CLOCK_CHANGES = ['2025-03-30', '2025-10-26', '2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31'];

/** The luxon reading, as it was. */
function refInterval(date: string, start: string, hours: string): { from: number; to: number } {
  const from = DateTime.fromISO(`${date}T${start}`, { zone: ZONE });
  const minutes = Math.round(Number(hours) * 60);
  return { from: from.toMillis(), to: from.plus({ minutes }).toMillis() };
}

describe("a shift's instants, against luxon's reading of its London wall-clock start", () => {
  it('agrees on every day 2024-04-01 to 2030-04-10, at any start, through both clock-change nights', () => {
    const starts = ['00:00', '00:30', '00:59', '01:00', '01:30', '01:59', '02:00', '02:30', '09:00', '23:30', '23:59'];
    const differences: string[] = [];
    for (const date of EVERY_DAY) {
      for (const start of starts) {
        for (const hours of CLOCK_CHANGES.includes(date) ? ['0.25', '1', '7.5', '12', '24'] : ['7.5']) {
          const { from, to } = intervalOf({ date, start, hours, rateKind: 'standard' });
          const expected = refInterval(date, start, hours);
          if (from !== expected.from || to !== expected.to) differences.push(`${date} ${start} ${hours}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it('works elapsed hours across a clock change: 8 hours from 22:00 ends at 07:00 in March and 05:00 in October', () => {
    const spring = intervalOf({ date: '2026-03-28', start: '22:00', hours: '8', rateKind: 'night' });
    expect(DateTime.fromMillis(spring.to, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-03-29 07:00');
    const autumn = intervalOf({ date: '2026-10-24', start: '22:00', hours: '8', rateKind: 'night' });
    expect(DateTime.fromMillis(autumn.to, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm')).toBe('2026-10-25 05:00');
    expect(spring.to - spring.from).toBe(8 * 3_600_000);
  });
});

// ---------------------------------------------------------------------------------------- the pay date of a period
const hireOn = (schedule: PaySchedule): PaHiredData => ({
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  payrollId: 'e-2001',
  pa: {
    forename: 'Jamie',
    surname: 'Clarke',
    nationalInsuranceNumber: 'QQ123456C',
    dateOfBirth: '1990-03-14',
    gender: 'F',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2015-04-06',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule,
  rates: { standard: '13.50' },
  contractedHoursPerWeek: null,
  holiday: { basis: 'accrual', rolledUp: false },
  pension: 'assess',
  bank: { accountName: 'J Clarke', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
});
const employment: EmploymentState = { ...EMPTY_EMPLOYMENT, recipientId: 'r-1001' };

/** The scan it replaced: the first pay date within 62 days after the period's end whose period is exactly it. */
function refPayDateOfPeriod(schedule: PaySchedule, start: string, end: string): string | undefined {
  const horizon = DateTime.fromISO(end, { zone: ZONE }).plus({ days: 62 }).toISODate()!;
  return payDatesBetween(schedule, start, horizon).find((payDate) => {
    const period = payPeriodFor(schedule, payDate);
    return period.start === start && period.end === end;
  });
}

/** The pay date submit-timesheet finds for the period, or undefined when it refuses it as not on the schedule. */
function payDateFound(schedule: PaySchedule, periodStart: string, periodEnd: string): string | undefined {
  const command: SubmitTimesheet = {
    recipientId: 'r-1001',
    employmentId: 'e-2001',
    periodStart,
    periodEnd,
    shifts: [{ date: periodStart, start: '09:00', hours: '1', rateKind: 'standard' }],
    channel: 'portal',
    submittedBy: 'pa',
  };
  try {
    return timesheetProblems(command, hireOn(schedule), employment, { timesheets: [] }).payDate;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'timesheet.period-not-on-schedule') return undefined;
    throw error;
  }
}

const plusDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate()!;

const SCHEDULES: Record<string, PaySchedule> = {
  weekly: { frequency: 'weekly', firstPayDate: '2024-04-05', daysInArrears: 0 },
  'weekly, 31 days in arrears': { frequency: 'weekly', firstPayDate: '2024-04-07', daysInArrears: 31 },
  'fortnightly, 5 days in arrears': { frequency: 'fortnightly', firstPayDate: '2024-04-19', daysInArrears: 5 },
  'four-weekly': { frequency: 'four-weekly', firstPayDate: '2024-04-04', daysInArrears: 0 },
  'monthly on the 31st': { frequency: 'monthly', payDay: 31, firstPayDate: '2024-04-30', daysInArrears: 0 },
  'monthly on the 15th, 7 days in arrears': {
    frequency: 'monthly',
    payDay: 15,
    firstPayDate: '2024-05-15',
    daysInArrears: 7,
  },
  'monthly on the last working day': {
    frequency: 'monthly',
    payDay: 'last-working-day',
    firstPayDate: '2024-05-31',
    daysInArrears: 0,
  },
  'monthly on the last working day, 3 days in arrears': {
    frequency: 'monthly',
    payDay: 'last-working-day',
    firstPayDate: '2024-05-31',
    daysInArrears: 3,
  },
};

describe('the pay date of a timesheet period, found from its end, against the 62-day scan it replaced', () => {
  it.each(Object.entries(SCHEDULES))('agrees for every period 2024 to 2028 and its near misses: %s', (_name, s) => {
    const differences: string[] = [];
    let periods = 0;
    // Bank holidays are held to 2028, so the scan (which looks 62 days on) could answer up to October 2028.
    for (const payDate of payDatesBetween(s, '2024-04-01', '2028-10-25')) {
      const { start, end } = payPeriodFor(s, payDate);
      periods++;
      for (const [from, to] of [
        [start, end],
        [start, plusDays(end, 1)],
        [start, plusDays(end, -1)],
        [plusDays(start, -1), end],
        [plusDays(start, 1), end],
        [plusDays(start, 7), plusDays(end, 7)],
        [start, start],
      ] as const) {
        if (to < from) continue;
        const found = payDateFound(s, from, to);
        const expected = refPayDateOfPeriod(s, from, to);
        if (found !== expected) differences.push(`${from}..${to}: ${found} (scan: ${expected})`);
      }
      expect(payDateFound(s, start, end)).toBe(payDate);
    }
    expect(periods).toBeGreaterThan(50);
    expect(differences).toEqual([]);
  });

  it('no longer refuses a November 2028 month for want of 2029 bank holidays it never needed', () => {
    const s = SCHEDULES['monthly on the last working day']!;
    expect(() => refPayDateOfPeriod(s, '2028-11-01', '2028-11-30')).toThrow(/held for 2024 to 2028 only/);
    expect(payDateFound(s, '2028-11-01', '2028-11-30')).toBe('2028-11-30');
    expect(() => payDateFound(s, '2029-01-01', '2029-01-31')).toThrow(/held for 2024 to 2028 only/);
  });
});
