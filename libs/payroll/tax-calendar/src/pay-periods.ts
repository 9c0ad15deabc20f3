import { businessDayParts, type CalendarDate, type DateInput } from './dates';
import { dayNumberOf, isoOfDayNumber } from './day-numbers';
import { InvalidTaxCalendarInput } from './errors';
import { startYearOf, taxYear, taxYearStartingIn, type TaxYear } from './tax-year';
import { TAX_WEEKS_IN_YEAR, monthOf, taxWeekOf, weekOf } from './tax-periods';
import { PAY_FREQUENCIES, type PayFrequency, type TaxYearId } from './types';

/**
 * Pay frequencies and the period numbers HMRC's PAYE routines and RTI use for them.
 *
 * Weekly, fortnightly and four-weekly pay are counted in tax weeks; monthly pay in tax months. A
 * fortnightly or four-weekly period is numbered by the tax week of its LAST week, because that is the
 * number of weeks of free pay and of pro-rated band that the cumulative PAYE calculation to date has
 * earned: HMRC's routines take n as the tax week number for every week-based payroll, and a two-weekly
 * or four-weekly payment uses the Week 2 / Week 4 figures (Specification for PAYE Tax Table Routines,
 * "Other pay intervals", as summarised in the reference §2.2 and §2.3; PAYE70015 uses the same Week 2 /
 * Week 4 tables for the extra pay day). Fortnight 1 covers weeks 1–2 (6–19 April) and four-week period 1
 * covers weeks 1–4 (6 April–3 May) (Sage KB 200427112204732, reference §2.4), so the periods are
 * 2, 4, …, 52 and 4, 8, …, 52, and a pay date in week 2k−1 or 2k is fortnightly period 2k.
 *
 * The period is the one in which the PAY DATE falls, not the one in which the work was done
 * (HMRC employer's calendar note; Pegasus/Sage, see reference §2.4).
 *
 * When a regular weekly, fortnightly or four-weekly pay date falls in tax week 53 (5 April, or 4/5 April
 * in a tax year containing 29 February) the year has an extra pay day: the 53rd weekly, 27th fortnightly
 * or 14th four-weekly payment. HMRC call it week 53, 54 or 56 respectively, and its tax is worked on a
 * non-cumulative Week 1, Week 2 or Week 4 basis
 * (HMRC PAYE Manual PAYE70015 https://www.gov.uk/hmrc-internal-manuals/paye-manual/paye70015;
 * FPS tax week number 53/54/56 per HMRC's week 53 guidance).
 */

/** Regular pay days in a tax year (the year's normal number of periods; an extra week 53/54/56 pay day is on top). */
export const PERIODS_PER_YEAR: Readonly<Record<PayFrequency, 52 | 26 | 13 | 12>> = {
  weekly: 52,
  fortnightly: 26,
  'four-weekly': 13,
  monthly: 12,
};

/** Tax weeks in one pay period; monthly pay is not counted in weeks. */
export const WEEKS_PER_PERIOD: Readonly<Record<Exclude<PayFrequency, 'monthly'>, 1 | 2 | 4>> = {
  weekly: 1,
  fortnightly: 2,
  'four-weekly': 4,
};

/** HMRC's number for the extra pay day: week 53 (weekly), 54 (fortnightly), 56 (four-weekly). Monthly pay has none. */
export const EXTRA_PERIOD: Readonly<Record<Exclude<PayFrequency, 'monthly'>, 53 | 54 | 56>> = {
  weekly: 53,
  fortnightly: 54,
  'four-weekly': 56,
};

export function isPayFrequency(value: unknown): value is PayFrequency {
  return typeof value === 'string' && (PAY_FREQUENCIES as readonly string[]).includes(value);
}

export function parsePayFrequency(value: unknown, field = 'frequency'): PayFrequency {
  if (!isPayFrequency(value)) {
    throw new InvalidTaxCalendarInput(field, value, `must be one of ${PAY_FREQUENCIES.join(', ')}`);
  }
  return value;
}

export function periodsPerYear(frequency: PayFrequency): 52 | 26 | 13 | 12 {
  return PERIODS_PER_YEAR[parsePayFrequency(frequency)];
}

/** Tax weeks in one period (1, 2 or 4), or undefined for monthly pay. */
export function weeksInPeriod(frequency: PayFrequency): 1 | 2 | 4 | undefined {
  const f = parsePayFrequency(frequency);
  return f === 'monthly' ? undefined : WEEKS_PER_PERIOD[f];
}

/**
 * The divisor HMRC's routines pro-rate annual figures by: 52 for week-based pay (weekly, fortnightly,
 * four-weekly all count in tax weeks) and 12 for monthly pay (PAYE70025: free pay is n/52 or n/12 of the allowance).
 */
export function annualPeriodBasis(frequency: PayFrequency): 52 | 12 {
  return parsePayFrequency(frequency) === 'monthly' ? 12 : 52;
}

/** Every valid period number for the frequency, the extra period (53/54/56) last. Monthly: 1..12. */
export function periodNumbers(frequency: PayFrequency): number[] {
  return [...PERIOD_NUMBERS[parsePayFrequency(frequency)]];
}

function numbersFor(f: PayFrequency): readonly number[] {
  if (f === 'monthly') return Array.from({ length: 12 }, (_, i) => i + 1);
  const step = WEEKS_PER_PERIOD[f];
  const regular = Array.from({ length: 52 / step }, (_, i) => (i + 1) * step);
  return [...regular, EXTRA_PERIOD[f]];
}

// Worked out once: period validation sits on the pay run's hot path.
const PERIOD_NUMBERS: Readonly<Record<PayFrequency, readonly number[]>> = {
  weekly: numbersFor('weekly'),
  fortnightly: numbersFor('fortnightly'),
  'four-weekly': numbersFor('four-weekly'),
  monthly: numbersFor('monthly'),
};
const PERIOD_SETS: Readonly<Record<PayFrequency, ReadonlySet<number>>> = {
  weekly: new Set(PERIOD_NUMBERS.weekly),
  fortnightly: new Set(PERIOD_NUMBERS.fortnightly),
  'four-weekly': new Set(PERIOD_NUMBERS['four-weekly']),
  monthly: new Set(PERIOD_NUMBERS.monthly),
};

export function isValidPeriod(frequency: PayFrequency, period: unknown): period is number {
  if (!isPayFrequency(frequency) || typeof period !== 'number') return false;
  return PERIOD_SETS[frequency].has(period);
}

/** Returns the period if it can occur for the frequency; otherwise throws InvalidTaxCalendarInput saying which periods can. */
export function assertValidPeriod(frequency: PayFrequency, period: unknown, field = 'period'): number {
  const f = parsePayFrequency(frequency);
  if (isValidPeriod(f, period)) return period;
  const rule =
    f === 'monthly'
      ? 'a monthly period is a tax month from 1 to 12'
      : f === 'weekly'
        ? 'a weekly period is a tax week from 1 to 53'
        : f === 'fortnightly'
          ? "a fortnightly period is the tax week of the fortnight's last week: 2, 4, …, 52, or 54 for a pay day in week 53"
          : "a four-weekly period is the tax week of the period's last week: 4, 8, …, 52, or 56 for a pay day in week 53";
  throw new InvalidTaxCalendarInput(field, period, rule);
}

/** True for week 53 (weekly), 54 (fortnightly) or 56 (four-weekly): the extra pay day taxed on a Week 1/2/4 basis. */
export function isExtraPeriod(frequency: PayFrequency, period: number): boolean {
  const f = parsePayFrequency(frequency);
  return f !== 'monthly' && period === EXTRA_PERIOD[f];
}

/** The "week 53 condition": the pay date falls in tax week 53 (5 April, or 4–5 April in a tax year containing 29 February). */
export function isWeek53PayDate(payDate: DateInput): boolean {
  return taxWeekOf(payDate).week === TAX_WEEKS_IN_YEAR;
}

/** One pay period of a tax year for a pay frequency. */
export interface PayPeriod {
  readonly taxYear: TaxYearId;
  readonly frequency: PayFrequency;
  /**
   * HMRC's period number: the tax week of the period's last week for week-based pay (weekly 1..53,
   * fortnightly 2..54 even, four-weekly 4..56 in fours), the tax month (1..12) for monthly pay.
   * This is the `n` of the PAYE routines and the tax week/month number reported on the FPS.
   */
  readonly period: number;
  /** Which pay day of the year this is: 1..52/26/13/12, or 53/27/14 for the extra pay day. */
  readonly payDayNumber: number;
  /** Tax weeks the period spans (1, 2 or 4); undefined for monthly pay. */
  readonly weeks: 1 | 2 | 4 | undefined;
  /** True for week 53/54/56. */
  readonly isExtraPeriod: boolean;
  /** First and last days of the period within the tax year (week 54/56 is cut short at 5 April). */
  readonly firstDay: CalendarDate;
  readonly lastDay: CalendarDate;
}

/** A period of a tax year by its HMRC number. Throws InvalidTaxCalendarInput if the period cannot occur for the frequency. */
export function payPeriod(taxYearId: string, frequency: PayFrequency, period: number): PayPeriod {
  const year = taxYear(taxYearId);
  const f = parsePayFrequency(frequency);
  assertValidPeriod(f, period);
  return periodOf(year, f, period);
}

/** A valid period of a tax year (both already checked). */
function periodOf(year: TaxYear, f: PayFrequency, period: number): PayPeriod {
  if (f === 'monthly') {
    const month = monthOf(year, period);
    return {
      taxYear: year.id,
      frequency: f,
      period,
      payDayNumber: period,
      weeks: undefined,
      isExtraPeriod: false,
      firstDay: month.firstDay,
      lastDay: month.lastDay,
    };
  }
  const step = WEEKS_PER_PERIOD[f];
  const extra = period === EXTRA_PERIOD[f];
  const firstWeek = extra ? TAX_WEEKS_IN_YEAR : period - step + 1;
  const lastWeek = extra ? TAX_WEEKS_IN_YEAR : period;
  return {
    taxYear: year.id,
    frequency: f,
    period,
    payDayNumber: extra ? 52 / step + 1 : period / step,
    weeks: step,
    isExtraPeriod: extra,
    firstDay: weekOf(year, firstWeek).firstDay,
    lastDay: weekOf(year, lastWeek).lastDay,
  };
}

/** The pay period a pay date falls in: the period number is decided by the pay date, never by when the work was done. */
export function payPeriodOf(frequency: PayFrequency, payDate: DateInput): PayPeriod {
  const f = parsePayFrequency(frequency);
  const day = businessDayParts(payDate, 'payDate');
  const year = taxYearStartingIn(startYearOf(day));
  if (f === 'monthly') {
    // Months start on the 6th: the 1st–5th belong to the tax month that began the previous calendar month.
    const calendarMonthOfStart = day.day >= 6 ? day.month : day.month - 1 === 0 ? 12 : day.month - 1;
    return periodOf(year, f, ((calendarMonthOfStart - 4 + 12) % 12) + 1);
  }
  const week = Math.floor((day.dayNumber - dayNumberOf(year.startYear, 4, 6)) / 7) + 1;
  if (week === TAX_WEEKS_IN_YEAR) return periodOf(year, f, EXTRA_PERIOD[f]);
  const step = WEEKS_PER_PERIOD[f];
  return periodOf(year, f, Math.ceil(week / step) * step);
}

/**
 * For a regular pay schedule (a frequency and any one of its pay dates), the pay date that falls in tax
 * week 53 of the tax year, if any — i.e. whether that year has a week 53/54/56 pay day. Monthly pay never does.
 */
export function extraPayDateIn(
  taxYearId: string,
  frequency: PayFrequency,
  anyPayDate: DateInput,
): CalendarDate | undefined {
  const f = parsePayFrequency(frequency);
  if (f === 'monthly') return undefined;
  const year = taxYear(taxYearId);
  const intervalDays = WEEKS_PER_PERIOD[f] * 7;
  const anchor = businessDayParts(anyPayDate, 'anyPayDate').dayNumber;
  // Week 53 starts 52 weeks after 6 April and ends on 5 April.
  const first = dayNumberOf(year.startYear, 4, 6) + 52 * 7;
  const last = dayNumberOf(year.startYear + 1, 4, 5);
  const offset = first - anchor;
  const remainder = ((offset % intervalDays) + intervalDays) % intervalDays;
  // The first pay day on or after week 53 begins; it is the extra pay day only if it is still within week 53.
  const candidate = first + (remainder === 0 ? 0 : intervalDays - remainder);
  return candidate <= last ? isoOfDayNumber(candidate) : undefined;
}
