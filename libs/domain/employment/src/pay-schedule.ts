import { InvalidInput } from '@dpe/errors';
import type { PaySchedule } from '@dpe/recipients';
import {
  dayNumberOf,
  dayNumberOfIso,
  daysInMonth,
  isoOfDayNumber,
  isWorkingDay,
  yearMonthDayOf,
  type DayNumber,
} from '@dpe/tax-calendar';

/**
 * When a PA is paid and which days each pay pays for, as pure functions over a PaySchedule (its doc comment in
 * @dpe/recipients employer-types.ts is the definition). Dates are ISO business dates in Europe/London: calendar days
 * with no time of day, so the arithmetic is on @dpe/tax-calendar day numbers (days since 1970-01-01, no time zone) and
 * a clock change never shortens a day.
 *
 * - Weekly, fortnightly and four-weekly: a pay date every 1, 2 or 4 weeks from `firstPayDate`; each pays the 1, 2 or
 *   4 weeks ending `daysInArrears` days before it.
 * - Monthly: one pay date a month, on `payDay` (a short month pays on its last day) or on the month's last working
 *   day (Monday to Friday, not an England and Wales bank holiday: @dpe/tax-calendar). With no arrears a pay date pays
 *   its own calendar month. In arrears, it pays the month ending `daysInArrears` days before it, which begins the day
 *   after the previous pay date's period ended: consecutive periods then neither overlap nor leave a day unpaid, even
 *   when the pay day moves (the last working day, or the 31st in a 30-day month).
 *
 * Pay dates start at `firstPayDate`: no day before it is a pay date. The schedule's rule still gives the period of the
 * first pay date, as if the schedule had run before.
 */

const WEEKS = { weekly: 1, fortnightly: 2, 'four-weekly': 4 } as const;

export interface PayPeriodDates {
  /** First day the pay is for. */
  readonly start: string;
  /** Last day the pay is for. */
  readonly end: string;
}

const day = (date: string, field: string): DayNumber => {
  const parsed = typeof date === 'string' ? dayNumberOfIso(date) : undefined;
  if (parsed === undefined) throw new InvalidInput(field, 'must be a calendar date yyyy-mm-dd', date);
  return parsed;
};
const iso = isoOfDayNumber;

/** A calendar month, January 1. */
interface Month {
  readonly year: number;
  readonly month: number;
}
const monthOf = (date: DayNumber): Month => yearMonthDayOf(date);
const nextMonth = ({ year, month }: Month): Month =>
  month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
const previousMonth = ({ year, month }: Month): Month =>
  month === 1 ? { year: year - 1, month: 12 } : { year, month: month - 1 };

/** The monthly schedule's pay date in the month. */
function monthlyPayDate(payDay: number | 'last-working-day', { year, month }: Month): DayNumber {
  const lastDay = daysInMonth(year, month);
  if (payDay !== 'last-working-day') return dayNumberOf(year, month, Math.min(payDay, lastDay));
  let candidate = dayNumberOf(year, month, lastDay);
  while (!isWorkingDay(iso(candidate), 'payDate')) candidate -= 1;
  return candidate;
}

/** Whether `date` matches the schedule's rule, ignoring `firstPayDate` as a lower bound. */
function onRule(schedule: PaySchedule, date: DayNumber): boolean {
  if (schedule.frequency === 'monthly') return monthlyPayDate(schedule.payDay, monthOf(date)) === date;
  const days = date - day(schedule.firstPayDate, 'schedule.firstPayDate');
  return days % (7 * WEEKS[schedule.frequency]) === 0;
}

/** The first date on or after `from` that matches the rule, ignoring `firstPayDate` as a lower bound. */
function ruleDateOnOrAfter(schedule: PaySchedule, from: DayNumber): DayNumber {
  if (schedule.frequency === 'monthly') {
    const month = monthOf(from);
    const inMonth = monthlyPayDate(schedule.payDay, month);
    return inMonth >= from ? inMonth : monthlyPayDate(schedule.payDay, nextMonth(month));
  }
  const step = 7 * WEEKS[schedule.frequency];
  const days = from - day(schedule.firstPayDate, 'schedule.firstPayDate');
  const ahead = (((step - (days % step)) % step) + step) % step;
  return from + ahead;
}

/** The rule's date before `payDate` (a pay date on the rule). */
function previousRuleDate(schedule: PaySchedule, payDate: DayNumber): DayNumber {
  if (schedule.frequency === 'monthly') return monthlyPayDate(schedule.payDay, previousMonth(monthOf(payDate)));
  return payDate - 7 * WEEKS[schedule.frequency];
}

/** True when `date` is one of the schedule's pay dates (on or after its first pay date). */
export function isPayDate(schedule: PaySchedule, date: string): boolean {
  const target = day(date, 'payDate');
  return target >= day(schedule.firstPayDate, 'schedule.firstPayDate') && onRule(schedule, target);
}

/** The schedule's first pay date on or after `onOrAfter` (never before its first pay date). */
export function nextPayDate(schedule: PaySchedule, onOrAfter: string): string {
  const first = day(schedule.firstPayDate, 'schedule.firstPayDate');
  const from = day(onOrAfter, 'onOrAfter');
  return iso(ruleDateOnOrAfter(schedule, from > first ? from : first));
}

/** Every pay date from `from` to `to`, both inclusive, in order; none when `to` is before `from`. */
export function payDatesBetween(schedule: PaySchedule, from: string, to: string): string[] {
  const last = day(to, 'to');
  const dates: string[] = [];
  let next = day(nextPayDate(schedule, from), 'from');
  while (next <= last) {
    dates.push(iso(next));
    next = ruleDateOnOrAfter(schedule, next + 1);
  }
  return dates;
}

/** The days the pay on `payDate` is for; `payDate` must be one of the schedule's pay dates. */
export function payPeriodFor(schedule: PaySchedule, payDate: string): PayPeriodDates {
  const date = day(payDate, 'payDate');
  if (!isPayDate(schedule, payDate)) {
    throw new InvalidInput(
      'payDate',
      `${payDate} is not a pay date of this ${schedule.frequency} schedule; the next is ${nextPayDate(schedule, payDate)}`,
      payDate,
    );
  }
  const arrears = schedule.daysInArrears;
  if (schedule.frequency === 'monthly' && arrears === 0) {
    const { year, month } = monthOf(date);
    return { start: iso(dayNumberOf(year, month, 1)), end: iso(dayNumberOf(year, month, daysInMonth(year, month))) };
  }
  const end = date - arrears;
  const start = previousRuleDate(schedule, date) - arrears + 1;
  return { start: iso(start), end: iso(end) };
}
