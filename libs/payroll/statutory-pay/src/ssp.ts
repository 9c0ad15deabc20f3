import type { DateTime } from 'luxon';
import { DecimalOf, Money, type MoneyInput } from '@dpe/money';
import type { TaxYearTables } from '@dpe/statutory-data';
import { StatutoryPayInputError } from './errors';
import { readCount, readDate, readMoney, readObject, readTables } from './inputs';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What is carried from an earlier, linked period of incapacity (e.g. the previous calculation's `periodOfEntitlement`). */
export interface LinkedPeriodOfEntitlement {
  /** The last day of incapacity of the earlier period. */
  readonly lastSicknessDay: string;
  /** Waiting days already served in the period of entitlement. */
  readonly waitingDaysServed: number;
  /** Qualifying days already paid in the period of entitlement (counted against the 28-week maximum). */
  readonly qualifyingDaysPaid: number;
}

export interface SspInput {
  /** The tables of the tax year the sickness falls in. */
  readonly tables: TaxYearTables;
  /** Every day (ISO date) the employee was incapable of work, working days or not; may hold several spells. */
  readonly sicknessDays: readonly string[];
  /** The days of the week the employee is required to work: SSP is paid only for these (SSCBA 1992 s154). */
  readonly qualifyingDays: readonly Weekday[];
  /** Average weekly earnings over the relevant period (the 8 weeks before the sickness), in pounds, unrounded. */
  readonly averageWeeklyEarnings: MoneyInput;
  /** An earlier period of incapacity, if the employee had one within 8 weeks before these days. */
  readonly priorLinkedPeriod?: LinkedPeriodOfEntitlement;
}

export interface SspResult {
  /** True when some SSP is payable for these days. */
  readonly entitled: boolean;
  /** Why nothing is payable, when entitled is false. */
  readonly reason?: string;
  /** The weekly rate: the flat rate, or from 2026-27 the lower of it and 80% of average weekly earnings (exact). */
  readonly weeklyRate: Money;
  readonly waitingDays: readonly string[];
  readonly payableDays: readonly string[];
  /** Qualifying days of incapacity not paid because the 28-week maximum was reached. */
  readonly daysBeyondMaximum: readonly string[];
  /** Days of sickness that were not part of a period of incapacity for work (too short a spell). */
  readonly daysNotInPeriodOfIncapacity: readonly string[];
  readonly amount: Money;
  /** Where the period of entitlement stands after these days: pass it as priorLinkedPeriod next time. */
  readonly periodOfEntitlement: LinkedPeriodOfEntitlement | undefined;
}

const LUXON_WEEKDAY: Readonly<Record<Weekday, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const MAX_SICKNESS_DAYS = 366;

/**
 * Statutory Sick Pay for a set of sickness days (Social Security Contributions and Benefits Act 1992 Part XI).
 *
 * - A period of incapacity for work (PIW) is a run of consecutive days of incapacity at least
 *   `minimumDaysOfIncapacity` long: 4 before 6 April 2026 (s152(2)); from then any day of incapacity attracts SSP.
 * - PIWs separated by no more than 56 days (8 weeks) link into one period of entitlement (s152(3)); waiting days
 *   are served once per period of entitlement, counting qualifying days across linked PIWs (s155(1): 3 before
 *   6 April 2026, none from then).
 * - Before 6 April 2026 average weekly earnings must be at least the lower earnings limit (Sch 11 para 2(c)); the
 *   comparison uses the unrounded average (HMRC: "don't round up or down to whole pence").
 * - Weekly rate: the flat rate; from 6 April 2026 the lower of it and 80% of average weekly earnings.
 * - Daily rate = weekly rate ÷ the number of qualifying days in the SSP week, Sunday to Saturday (s157(3), s163(1)).
 *   As in HMRC's "SSP daily rates" table, the unrounded daily rate is held to 4 decimal places (truncated) and the
 *   amount for the days paid in a week is rounded UP to the penny (2025-26, 7 qualifying days: 16.9642; 3 days
 *   £50.90; 7 days £118.75 — HMRC's table as reproduced at https://www.moorepay.co.uk/?p=56902). Whether HMRC rounds the 80%-of-earnings weekly rate first is not confirmed: it is used
 *   unrounded, and the per-week amount is rounded up.
 * - At most 28 times the weekly rate in one period of entitlement (s155(4)), counted here as 28 weeks of the
 *   employee's qualifying days (the pattern is assumed not to change within the period of entitlement).
 *
 * Not modelled: the 3-year limit on a linked series, the 2026 transitional protection for a period of incapacity
 * that spans 6 April 2026 (split the days by tax year), employees excluded for other reasons (e.g. no work done yet,
 * SMP), and working out average weekly earnings from pay records.
 */
export function calculateSsp(input: SspInput): SspResult {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const rules = tables.statutoryPay.ssp;
  const days = readSicknessDays(raw['sicknessDays'], tables);
  const pattern = readQualifyingDays(raw['qualifyingDays']);
  const awe = readMoney(raw['averageWeeklyEarnings'], 'averageWeeklyEarnings');
  const prior = readPrior(raw['priorLinkedPeriod'], days[0], pattern.size, rules.maximumWeeks);

  const flat = Money.of(rules.flatWeeklyRate);
  const weeklyRate =
    rules.earningsRelatedFraction === null
      ? flat
      : Money.min(flat, awe.times(new DecimalOf(rules.earningsRelatedFraction)));
  const empty = { waitingDays: [], payableDays: [], daysBeyondMaximum: [], amount: Money.zero, weeklyRate };

  if (rules.lowerEarningsLimit !== null && awe.lessThan(rules.lowerEarningsLimit)) {
    return {
      ...empty,
      entitled: false,
      reason: `average weekly earnings £${awe.toString()} are below the lower earnings limit £${Money.of(rules.lowerEarningsLimit).toString()}`,
      daysNotInPeriodOfIncapacity: [],
      periodOfEntitlement: prior,
    };
  }

  const runs = consecutiveRuns(days);
  const piws = runs.filter((run) => run.length >= rules.minimumDaysOfIncapacity);
  const daysNotInPeriodOfIncapacity = runs
    .filter((run) => run.length < rules.minimumDaysOfIncapacity)
    .flat()
    .map(iso);

  const maximumDays = rules.maximumWeeks * pattern.size;
  const waitingDays: DateTime[] = [];
  const payableDays: DateTime[] = [];
  const daysBeyondMaximum: DateTime[] = [];
  let entitlement: { last: DateTime; waiting: number; paid: number } | undefined = prior
    ? {
        last: readDate(prior.lastSicknessDay, 'priorLinkedPeriod.lastSicknessDay'),
        waiting: prior.waitingDaysServed,
        paid: prior.qualifyingDaysPaid,
      }
    : undefined;

  for (const piw of piws) {
    const first = piw[0] as DateTime;
    const linked = entitlement !== undefined && first.diff(entitlement.last, 'days').days - 1 <= rules.linkingGapDays;
    if (!linked) entitlement = { last: first, waiting: 0, paid: 0 };
    const current = entitlement as { last: DateTime; waiting: number; paid: number };
    for (const day of piw) {
      current.last = day;
      if (!pattern.has(day.weekday)) continue;
      if (current.waiting < rules.waitingDays) {
        current.waiting += 1;
        waitingDays.push(day);
      } else if (current.paid < maximumDays) {
        current.paid += 1;
        payableDays.push(day);
      } else {
        daysBeyondMaximum.push(day);
      }
    }
  }

  const amount = amountFor(payableDays, weeklyRate, pattern.size);
  const result = {
    weeklyRate,
    waitingDays: waitingDays.map(iso),
    payableDays: payableDays.map(iso),
    daysBeyondMaximum: daysBeyondMaximum.map(iso),
    daysNotInPeriodOfIncapacity,
    amount,
    periodOfEntitlement: entitlement
      ? {
          lastSicknessDay: iso(entitlement.last),
          waitingDaysServed: entitlement.waiting,
          qualifyingDaysPaid: entitlement.paid,
        }
      : undefined,
  };
  if (payableDays.length > 0) return { ...result, entitled: true };
  let reason: string;
  if (piws.length === 0)
    reason = `no period of incapacity for work: no spell of at least ${rules.minimumDaysOfIncapacity} consecutive days of sickness`;
  else if (daysBeyondMaximum.length > 0)
    reason = `the maximum of ${rules.maximumWeeks} weeks' SSP in this period of entitlement has been paid`;
  else if (waitingDays.length > 0) reason = 'every qualifying day of sickness was a waiting day';
  else reason = 'no day of sickness was a qualifying day';
  return { ...result, entitled: false, reason };
}

/** Amount for the payable days: per SSP week (Sunday–Saturday), daily rate to 4 dp truncated × days, rounded up to the penny. */
function amountFor(payable: readonly DateTime[], weeklyRate: Money, qualifyingDaysInWeek: number): Money {
  const dailyRate = weeklyRate.amount.dividedBy(qualifyingDaysInWeek).toDecimalPlaces(4, DecimalOf.ROUND_DOWN);
  const daysByWeek = new Map<string, number>();
  for (const day of payable) {
    // luxon weeks start on Monday; the SSP week starts on Sunday, so a Sunday belongs with the following Monday.
    const sunday = day.weekday === 7 ? day : day.minus({ days: day.weekday });
    const key = iso(sunday);
    daysByWeek.set(key, (daysByWeek.get(key) ?? 0) + 1);
  }
  let total = Money.zero;
  for (const count of daysByWeek.values()) total = total.plus(Money.of(dailyRate.times(count)).roundUpToPenny());
  return total;
}

function consecutiveRuns(days: readonly DateTime[]): DateTime[][] {
  const runs: DateTime[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && day.diff(last, 'days').days === 1) run.push(day);
    else runs.push([day]);
  }
  return runs;
}

function iso(day: DateTime): string {
  return day.toISODate() ?? '';
}

function readSicknessDays(value: unknown, tables: TaxYearTables): DateTime[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new StatutoryPayInputError('sicknessDays', 'must be a non-empty list of dates written YYYY-MM-DD', value);
  }
  if (value.length > MAX_SICKNESS_DAYS) {
    throw new StatutoryPayInputError(
      'sicknessDays',
      `must list at most ${MAX_SICKNESS_DAYS} days (one tax year)`,
      value.length,
    );
  }
  const startYear = Number(tables.taxYear.slice(0, 4));
  const firstDay = `${startYear}-04-06`;
  const lastDay = `${startYear + 1}-04-05`;
  const unique = new Map<string, DateTime>();
  for (const item of value) {
    const day = readDate(item, 'sicknessDays');
    const text = iso(day);
    if (text < firstDay || text > lastDay) {
      throw new StatutoryPayInputError(
        'sicknessDays',
        `every day must fall in tax year ${tables.taxYear} (${firstDay} to ${lastDay}), whose SSP rules and rate apply; split sickness that crosses 6 April`,
        item,
      );
    }
    unique.set(text, day);
  }
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, day]) => day);
}

function readQualifyingDays(value: unknown): Set<number> {
  if (
    !Array.isArray(value) ||
    value.length === 0 ||
    !value.every((d) => typeof d === 'string' && (WEEKDAYS as readonly string[]).includes(d))
  ) {
    throw new StatutoryPayInputError(
      'qualifyingDays',
      `must be a non-empty list of weekdays from ${WEEKDAYS.join(', ')}`,
      value,
    );
  }
  return new Set((value as Weekday[]).map((d) => LUXON_WEEKDAY[d]));
}

function readPrior(
  value: unknown,
  firstSick: DateTime | undefined,
  qualifyingDaysPerWeek: number,
  maximumWeeks: number,
): LinkedPeriodOfEntitlement | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new StatutoryPayInputError(
      'priorLinkedPeriod',
      'must be { lastSicknessDay, waitingDaysServed, qualifyingDaysPaid } or left out',
      value,
    );
  }
  const raw = value as Record<string, unknown>;
  const last = readDate(raw['lastSicknessDay'], 'priorLinkedPeriod.lastSicknessDay');
  if (firstSick && last >= firstSick) {
    throw new StatutoryPayInputError(
      'priorLinkedPeriod.lastSicknessDay',
      'must be before the first of sicknessDays',
      raw['lastSicknessDay'],
    );
  }
  return {
    lastSicknessDay: iso(last),
    waitingDaysServed: readCount(raw['waitingDaysServed'], 'priorLinkedPeriod.waitingDaysServed', 3),
    qualifyingDaysPaid: readCount(
      raw['qualifyingDaysPaid'],
      'priorLinkedPeriod.qualifyingDaysPaid',
      maximumWeeks * qualifyingDaysPerWeek,
    ),
  };
}
