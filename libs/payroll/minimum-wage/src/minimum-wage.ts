import { DecimalOf, Money, readAmount, type DecimalValue, type MoneyInput } from '@dpe/money';
import { knownTaxYears, taxYearTables, type MinimumWageTables } from '@dpe/statutory-data';
import { ageOn, plusMonths, readDate, type Day } from './dates';
import { MinimumWageInputError } from './errors';

/** The rate band that applies to a worker (NMW Regulations 2015 regs 4, 4A, 5). */
export type MinimumWageBand = keyof NonNullable<
  MinimumWageTables['ratesEffectiveFrom'][`${number}-${number}-${number}`]
>;

/** One change of rates: the day it takes effect and the hourly rate of each band from then. */
export interface MinimumWageRateChange {
  readonly effectiveFrom: string;
  readonly hourly: Readonly<Record<MinimumWageBand, Money>>;
}

export interface MinimumWageCheckInput {
  readonly dateOfBirth: string;
  /** First day of the pay reference period (the period the pay is for; at most a month, reg 6). */
  readonly periodStart: string;
  /** Last day of the pay reference period. */
  readonly periodEnd: string;
  /** Hours of work counted for NMW in the period, as decimal text ("37.5") or a whole number. */
  readonly hoursWorked: string | number;
  /** Pay that counts for NMW for the period (reg 7 remuneration), in pounds. */
  readonly pay: MoneyInput;
  /**
   * Set when the worker is an apprentice: the day their apprenticeship employment began. The apprenticeship rate
   * applies while they are under 19 or within the first 12 months of it (reg 5(1)(b)).
   */
  readonly apprentice?: { readonly startDate: string };
  /** The rate timeline to use; by default every tax year's minimumWage section in @dpe/statutory-data. */
  readonly rates?: readonly MinimumWageRateChange[];
}

export interface MinimumWageCheck {
  readonly compliant: boolean;
  /** The hourly rate in force for the worker on the first day of the period (reg 4B). */
  readonly requiredRate: Money;
  /**
   * Pay ÷ hours, rounded DOWN to the penny for display so it never overstates what was paid. Compliance is
   * decided on exact figures (pay against rate × hours), never on this rounded value.
   */
  readonly effectiveRate: Money;
  /**
   * What is owed for the period: rate × hours − pay, rounded UP to the penny so the worker is never short of the
   * minimum by a fraction of a penny; zero when compliant. Arrears for earlier years are uplifted to current rates
   * (NMW Act 1998 s17(2)); this is the shortfall at the rate for this period only.
   */
  readonly shortfall: Money;
  readonly ageBand: MinimumWageBand;
  /** Age in whole years on the first day of the period. */
  readonly ageOnPeriodStart: number;
  /** The date of the rate change in force for the period. */
  readonly ratesEffectiveFrom: string;
}

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
export function checkMinimumWage(input: MinimumWageCheckInput): MinimumWageCheck {
  if (typeof input !== 'object' || input === null) throw new MinimumWageInputError('input', 'must be an object', input);
  const raw = input as unknown as Record<string, unknown>;
  const dob = readDate(raw['dateOfBirth'], 'dateOfBirth');
  const start = readDate(raw['periodStart'], 'periodStart');
  const end = readDate(raw['periodEnd'], 'periodEnd');
  if (end.n < start.n)
    throw new MinimumWageInputError('periodEnd', 'must be on or after periodStart', raw['periodEnd']);
  // Reg 6: a pay reference period is a month, or a shorter period by reference to which the worker is paid.
  if (end.n >= plusMonths(start, 1)) {
    throw new MinimumWageInputError(
      'periodEnd',
      'a pay reference period can be at most one month (NMW Regulations 2015 reg 6)',
      raw['periodEnd'],
    );
  }
  if (dob.n > start.n)
    throw new MinimumWageInputError(
      'dateOfBirth',
      'must be before the pay reference period starts',
      raw['dateOfBirth'],
    );
  const hours = readHours(raw['hoursWorked']);
  const pay = readMoney(raw['pay'], 'pay');
  const apprenticeStart = readApprentice(raw['apprentice']);
  const timeline = raw['rates'] === undefined ? heldRateTimeline() : readTimeline(raw['rates']);

  // The latest change on or before the period's first day (the timeline is sorted oldest first).
  let change: MinimumWageRateChange | undefined;
  for (let i = timeline.length - 1; i >= 0; i--) {
    if (timeline[i]!.effectiveFrom <= start.iso) {
      change = timeline[i];
      break;
    }
  }
  if (!change) {
    throw new MinimumWageInputError(
      'periodStart',
      `no minimum wage rates are held for a period starting before ${timeline[0]?.effectiveFrom ?? 'any date'}`,
      raw['periodStart'],
    );
  }
  const age = ageOn(dob, start);
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

function bandFor(age: number, periodStart: Day, apprenticeStart: Day | undefined): MinimumWageBand {
  if (apprenticeStart && apprenticeStart.n <= periodStart.n) {
    const inFirstYear = periodStart.n < plusMonths(apprenticeStart, APPRENTICE_RATE_MONTHS);
    if (age < APPRENTICE_RATE_AGE_LIMIT || inFirstYear) return 'apprentice';
  }
  if (age >= NATIONAL_LIVING_WAGE_AGE) return '21-and-over';
  if (age >= ADULT_RATE_AGE) return '18-to-20';
  return 'under-18';
}

/** Every rate change held in @dpe/statutory-data, oldest first, whichever tax-year file it is filed in. */
export function minimumWageRateTimeline(): MinimumWageRateChange[] {
  return [...heldRateTimeline()];
}

/**
 * The held timeline, parsed into Money once: it is rebuilt only when the tax-year sections are not the very objects
 * it was built from (the registry loads them once), so a pay run does not re-parse every rate for every payslip.
 */
let held:
  { readonly sections: readonly MinimumWageTables[]; readonly timeline: readonly MinimumWageRateChange[] } | undefined;

function heldRateTimeline(): readonly MinimumWageRateChange[] {
  const sections = knownTaxYears().map((year) => taxYearTables(year).minimumWage);
  if (held && held.sections.length === sections.length && held.sections.every((s, i) => s === sections[i])) {
    return held.timeline;
  }
  const timeline = buildRateTimeline(sections);
  held = { sections, timeline };
  return timeline;
}

function buildRateTimeline(sections: readonly MinimumWageTables[]): readonly MinimumWageRateChange[] {
  const changes = new Map<string, MinimumWageRateChange>();
  for (const section of sections) {
    for (const [effectiveFrom, rates] of Object.entries(section.ratesEffectiveFrom ?? {})) {
      if (!rates) continue;
      // Frozen: every caller shares these entries.
      changes.set(
        effectiveFrom,
        Object.freeze({
          effectiveFrom,
          hourly: Object.freeze({
            '21-and-over': Money.of(rates['21-and-over']),
            '18-to-20': Money.of(rates['18-to-20']),
            'under-18': Money.of(rates['under-18']),
            apprentice: Money.of(rates.apprentice),
          }),
        }),
      );
    }
  }
  return Object.freeze([...changes.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1)));
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const HOURS_TEXT = /^\d+(\.\d+)?$/;
const NO_HOURS = new DecimalOf(0);
/** A month holds at most 31 × 24 hours; more is a typing error, not a pay reference period. */
const MOST_HOURS = new DecimalOf(744);

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
  if (!hours.greaterThan(NO_HOURS)) throw new MinimumWageInputError('hoursWorked', 'must be more than 0', value);
  if (hours.greaterThan(MOST_HOURS))
    throw new MinimumWageInputError('hoursWorked', 'must be at most 744 (24 hours a day for 31 days)', value);
  return hours;
}

function readMoney(value: unknown, field: string): Money {
  return readAmount(value, field, MinimumWageInputError);
}

function readApprentice(value: unknown): Day | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null) {
    throw new MinimumWageInputError('apprentice', 'must be { startDate: "YYYY-MM-DD" } or left out', value);
  }
  return readDate((value as Record<string, unknown>)['startDate'], 'apprentice.startDate');
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
