import { DateTime } from 'luxon';
import { isPayDate, nextPayDate, payDatesBetween, payPeriodFor } from '@dpe/employment';
import { InvalidInput } from '@dpe/errors';
import type { PaySchedule } from '@dpe/recipients';
import { isWorkingDay } from '@dpe/tax-calendar';

/**
 * The pay schedule works on day numbers (no time zone). These properties hold it to the luxon Europe/London arithmetic
 * it replaced, kept below as the reference, on every day from 1 April 2024 to 10 April 2030: the BST and GMT change
 * weekends, 29 February 2028, month ends and the last working day, and the refusal of a last working day in a year whose
 * bank holidays are not held (2029 on), which must be the same error.
 */
const ZONE = 'Europe/London';
const WEEKS = { weekly: 1, fortnightly: 2, 'four-weekly': 4 } as const;

// ------------------------------------------------------------------ the luxon implementation, as it was (reference)
const refDays = new Map<string, DateTime>();
const refDay = (date: string, field: string): DateTime => {
  const known = refDays.get(date);
  if (known) return known;
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(date) ? DateTime.fromISO(date, { zone: ZONE }) : undefined;
  if (!parsed?.isValid) throw new InvalidInput(field, 'must be a calendar date yyyy-mm-dd', date);
  const day = parsed.startOf('day');
  refDays.set(date, day);
  return day;
};
const refIso = (date: DateTime): string => date.toISODate()!;
function refMonthlyPayDate(payDay: number | 'last-working-day', within: DateTime): DateTime {
  const last = within.endOf('month').startOf('day');
  if (payDay !== 'last-working-day') return within.set({ day: Math.min(payDay, last.day) });
  let candidate = last;
  while (!isWorkingDay(refIso(candidate), 'payDate')) candidate = candidate.minus({ days: 1 });
  return candidate;
}
function refOnRule(schedule: PaySchedule, date: DateTime): boolean {
  if (schedule.frequency === 'monthly') return refMonthlyPayDate(schedule.payDay, date).hasSame(date, 'day');
  const days = Math.round(date.diff(refDay(schedule.firstPayDate, 'schedule.firstPayDate'), 'days').days);
  return days % (7 * WEEKS[schedule.frequency]) === 0;
}
function refRuleDateOnOrAfter(schedule: PaySchedule, from: DateTime): DateTime {
  if (schedule.frequency === 'monthly') {
    const inMonth = refMonthlyPayDate(schedule.payDay, from);
    return inMonth >= from ? inMonth : refMonthlyPayDate(schedule.payDay, from.startOf('month').plus({ months: 1 }));
  }
  const step = 7 * WEEKS[schedule.frequency];
  const days = Math.round(from.diff(refDay(schedule.firstPayDate, 'schedule.firstPayDate'), 'days').days);
  const ahead = (((step - (days % step)) % step) + step) % step;
  return from.plus({ days: ahead });
}
function refPreviousRuleDate(schedule: PaySchedule, payDate: DateTime): DateTime {
  if (schedule.frequency === 'monthly')
    return refMonthlyPayDate(schedule.payDay, payDate.startOf('month').minus({ months: 1 }));
  return payDate.minus({ weeks: WEEKS[schedule.frequency] });
}
function refIsPayDate(schedule: PaySchedule, date: string): boolean {
  const target = refDay(date, 'payDate');
  return target >= refDay(schedule.firstPayDate, 'schedule.firstPayDate') && refOnRule(schedule, target);
}
function refNextPayDate(schedule: PaySchedule, onOrAfter: string): string {
  const first = refDay(schedule.firstPayDate, 'schedule.firstPayDate');
  const from = refDay(onOrAfter, 'onOrAfter');
  return refIso(refRuleDateOnOrAfter(schedule, from > first ? from : first));
}
function refPayDatesBetween(schedule: PaySchedule, from: string, to: string): string[] {
  const last = refDay(to, 'to');
  const dates: string[] = [];
  let next = refDay(refNextPayDate(schedule, from), 'from');
  while (next <= last) {
    dates.push(refIso(next));
    next = refRuleDateOnOrAfter(schedule, next.plus({ days: 1 }));
  }
  return dates;
}
function refPayPeriodFor(schedule: PaySchedule, payDate: string) {
  const date = refDay(payDate, 'payDate');
  if (!refIsPayDate(schedule, payDate)) {
    throw new InvalidInput(
      'payDate',
      `${payDate} is not a pay date of this ${schedule.frequency} schedule; the next is ${refNextPayDate(schedule, payDate)}`,
      payDate,
    );
  }
  const arrears = schedule.daysInArrears;
  if (schedule.frequency === 'monthly' && arrears === 0)
    return { start: refIso(date.startOf('month')), end: refIso(date.endOf('month').startOf('day')) };
  const end = date.minus({ days: arrears });
  const start = refPreviousRuleDate(schedule, date).minus({ days: arrears }).plus({ days: 1 });
  return { start: refIso(start), end: refIso(end) };
}

// ------------------------------------------------------------------------------------------------------- the cases
const EVERY_DAY: string[] = [];
for (let d = refDay('2024-04-01', 'from'); refIso(d) <= '2030-04-10'; d = d.plus({ days: 1 }))
  EVERY_DAY.push(refIso(d));

const SCHEDULES: Record<string, PaySchedule> = {
  'weekly, Fridays': { frequency: 'weekly', firstPayDate: '2024-04-05', daysInArrears: 0 },
  'weekly, Sundays (clock-change days), 31 days in arrears': {
    frequency: 'weekly',
    firstPayDate: '2025-03-30',
    daysInArrears: 31,
  },
  'fortnightly, 5 days in arrears': { frequency: 'fortnightly', firstPayDate: '2026-04-17', daysInArrears: 5 },
  'four-weekly from 4 April 2024 (week 53)': { frequency: 'four-weekly', firstPayDate: '2024-04-04', daysInArrears: 0 },
  'monthly on the 29th': { frequency: 'monthly', payDay: 29, firstPayDate: '2024-04-29', daysInArrears: 0 },
  'monthly on the 31st, 10 days in arrears': {
    frequency: 'monthly',
    payDay: 31,
    firstPayDate: '2025-01-31',
    daysInArrears: 10,
  },
  'monthly on the last working day': {
    frequency: 'monthly',
    payDay: 'last-working-day',
    firstPayDate: '2024-04-30',
    daysInArrears: 0,
  },
  'monthly on the last working day, 3 days in arrears': {
    frequency: 'monthly',
    payDay: 'last-working-day',
    firstPayDate: '2024-04-30',
    daysInArrears: 3,
  },
};

const outcome = <T>(call: () => T): { value: T } | { error: string } => {
  try {
    return { value: call() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
};

/** The cases where the two differ, as [case, new, reference]; compared as JSON so thousands of days stay quick. */
function differences(cases: Iterable<readonly [string, unknown, unknown]>): (readonly [string, unknown, unknown])[] {
  const found: (readonly [string, unknown, unknown])[] = [];
  for (const c of cases) if (JSON.stringify(c[1]) !== JSON.stringify(c[2])) found.push(c);
  return found;
}

describe('pay schedules on day numbers, against the luxon Europe/London arithmetic they replaced', () => {
  it.each(Object.entries(SCHEDULES))('agrees on every day 2024-04-01 to 2030-04-10: %s', (_name, schedule) => {
    function* cases() {
      for (const date of EVERY_DAY) {
        const payDate = outcome(() => isPayDate(schedule, date));
        yield [`isPayDate ${date}`, payDate, outcome(() => refIsPayDate(schedule, date))] as const;
        yield [
          `nextPayDate ${date}`,
          outcome(() => nextPayDate(schedule, date)),
          outcome(() => refNextPayDate(schedule, date)),
        ] as const;
        // Every pay date's period, and the refusal of a day that is not one (it names the next pay date).
        if (('value' in payDate && payDate.value) || date.endsWith('-15')) {
          yield [
            `payPeriodFor ${date}`,
            outcome(() => payPeriodFor(schedule, date)),
            outcome(() => refPayPeriodFor(schedule, date)),
          ] as const;
        }
      }
      for (const [from, to] of [
        ['2024-04-01', '2030-04-10'],
        ['2026-03-20', '2026-04-10'],
        ['2028-02-01', '2028-03-31'],
        ['2028-10-01', '2029-01-31'],
        ['2026-05-01', '2026-04-01'],
      ] as const) {
        yield [
          `payDatesBetween ${from} ${to}`,
          outcome(() => payDatesBetween(schedule, from, to)),
          outcome(() => refPayDatesBetween(schedule, from, to)),
        ] as const;
      }
    }
    expect(differences(cases())).toEqual([]);
  });

  it('refuses what is not a calendar date with the same error as before', () => {
    const weekly = SCHEDULES['weekly, Fridays']!;
    for (const bad of ['2026-02-29', '2026-04-31', '26-04-10', '2026-04-10T00:00', '']) {
      expect(outcome(() => isPayDate(weekly, bad))).toEqual(outcome(() => refIsPayDate(weekly, bad)));
      expect(outcome(() => payPeriodFor(weekly, bad))).toEqual(outcome(() => refPayPeriodFor(weekly, bad)));
      expect(outcome(() => nextPayDate({ ...weekly, firstPayDate: bad }, '2026-04-10'))).toEqual(
        outcome(() => refNextPayDate({ ...weekly, firstPayDate: bad }, '2026-04-10')),
      );
    }
    expect(() => isPayDate(weekly, '2026-02-29')).toThrow('payDate: must be a calendar date yyyy-mm-dd');
  });
});
