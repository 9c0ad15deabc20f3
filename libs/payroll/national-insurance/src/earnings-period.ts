import { DecimalOf, Money } from '@dpe/money';
import type { NationalInsuranceTables } from '@dpe/statutory-data';
import type { PayFrequency } from '@dpe/tax-calendar';
import { InvalidNationalInsuranceInput } from './errors';
import { parseFrequency } from './inputs';

export type NiThresholdName = keyof NationalInsuranceTables['thresholds'];
type NiThreshold = NationalInsuranceTables['thresholds'][NiThresholdName];

/** Every Class 1 threshold for one earnings period, in pounds. */
export type EarningsPeriodThresholds = Readonly<Record<NiThresholdName, Money>>;

/** Tax weeks in one pay period of each week-based frequency; monthly pay runs on tax months instead. */
const WEEKS_IN_ONE_PERIOD: Readonly<Record<Exclude<PayFrequency, 'monthly'>, number>> = {
  weekly: 1,
  fortnightly: 2,
  'four-weekly': 4,
};

/** No earnings period is longer than a year: a director's annual earnings period (NIM12022) is the longest. */
const MAX_WEEKS = 52;
const MAX_MONTHS = 12;

/**
 * The length of an earnings period: `periods` pay periods of `frequency` (e.g. two weeks' holiday pay paid together
 * on a weekly payroll is an earnings period of 2 weeks).
 */
export interface EarningsPeriod {
  readonly unit: 'week' | 'month';
  readonly count: number;
}

export function earningsPeriod(frequency: PayFrequency | string, periods: unknown = 1): EarningsPeriod {
  const payFrequency = parseFrequency(frequency);
  const unit = payFrequency === 'monthly' ? 'month' : 'week';
  const perPeriod = payFrequency === 'monthly' ? 1 : WEEKS_IN_ONE_PERIOD[payFrequency];
  const max = unit === 'month' ? MAX_MONTHS : MAX_WEEKS / perPeriod;
  if (typeof periods !== 'number' || !Number.isInteger(periods) || periods < 1 || periods > max) {
    throw new InvalidNationalInsuranceInput(
      'periods',
      periods,
      `must be a whole number of ${payFrequency} pay periods from 1 to ${Math.floor(max)}`,
    );
  }
  return { unit, count: perPeriod * periods };
}

/**
 * The thresholds for an earnings period of `count` weeks or months.
 *
 * HMRC "National Insurance guidance for software developers" (exact percentage method): the threshold for an
 * earnings period of p weeks (months) is the annual figure / 52 (12) x p, rounded to the nearest pound where p = 1 -
 * which gives the weekly and monthly figures HMRC publishes, so those are used as published - and rounded UP to the
 * whole pound where p > 1. (Wording as quoted by the Payetools implementation of that guidance,
 * NiPeriodThresholdEntry.cs.) HMRC's 2025-26 NIC test data confirm it: four-weekly PT £967 (12,570 x 4 / 52 = 966.92),
 * not 4 x £242 = £968; fortnightly ST £193 (5,000 x 2 / 52 = 192.31), not 2 x £96 = £192.
 */
export function thresholdsForEarningsPeriod(
  tables: NationalInsuranceTables,
  period: EarningsPeriod,
): EarningsPeriodThresholds {
  // Thresholds depend only on the year's tables and the period length, and a pay run asks for the same few
  // thousands of times: derive each once.
  let byPeriod = derivedThresholds.get(tables);
  if (!byPeriod) derivedThresholds.set(tables, (byPeriod = new Map()));
  const key = `${period.unit}:${period.count}`;
  const cached = byPeriod.get(key);
  if (cached) return cached;
  const result = {} as Record<NiThresholdName, Money>;
  for (const name of Object.keys(tables.thresholds) as NiThresholdName[]) {
    result[name] = thresholdFor(tables.thresholds[name], period);
  }
  byPeriod.set(key, result);
  return result;
}

const derivedThresholds = new WeakMap<NationalInsuranceTables, Map<string, EarningsPeriodThresholds>>();

function thresholdFor(threshold: NiThreshold, period: EarningsPeriod): Money {
  if (period.count === 1) return Money.of(period.unit === 'week' ? threshold.weekly : threshold.monthly);
  const periodsInYear = period.unit === 'week' ? 52 : 12;
  const exact = new DecimalOf(threshold.annual).times(period.count).dividedBy(periodsInYear);
  return Money.of(exact.toDecimalPlaces(0, DecimalOf.ROUND_UP));
}
