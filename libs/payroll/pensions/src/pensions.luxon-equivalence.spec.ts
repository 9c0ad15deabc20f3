import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DecimalOf, Money, readAmount, type DecimalValue } from '@dpe/money';
import { taxYearTables, type AutoEnrolmentTables, type TaxYearTables } from '@dpe/statutory-data';
import { PAY_FREQUENCIES, type PayFrequency } from '@dpe/tax-calendar';
import {
  assessWorker,
  calculateContributions,
  PensionsInputError,
  statePensionDate,
  type AutoEnrolmentThresholdsInForce,
  type ContributionInput,
  type PensionContributions,
  type StatePensionDate,
  type WorkerAssessment,
  type WorkerAssessmentInput,
  type WorkerCategory,
} from '@dpe/pensions';
import * as days from './dates';

/**
 * Dates are read, compared and stepped by day-number arithmetic, and the tables' decimal text is parsed once per
 * tables object. These compare every public function with the luxon implementation it replaced (copied below,
 * unchanged but for its names): state pension dates for every date of birth from 1940 to 2012, ages on every day
 * from 2020-01-01 to 2032-12-31 for dates of birth either side of each age that matters, whole assessments on every
 * one of those days, and contributions and assessments at random.
 */

/** Every ISO day from first to last, made with JavaScript's own UTC calendar (independent of both). */
function daysFrom(first: string, last: string): string[] {
  const all: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    all.push(new Date(t).toISOString().slice(0, 10));
  }
  return all;
}
/** The day `years` before, give or take `days`. */
function yearsBefore(iso: string, years: number, dayShift = 0): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d + dayShift)).toISOString().slice(0, 10);
}
const EVERY_DAY = daysFrom('2020-01-01', '2032-12-31');
/** Ages at which the category changes (16, 22, 75), either side, and State Pension ages. */
const AGES = [15, 16, 17, 21, 22, 23, 65, 66, 67, 68, 74, 75, 76];
const TABLES = ['2024-25', '2025-26', '2026-27'].map((year) => taxYearTables(year));

/**
 * Cases where the two implementations differ, as [case, new, old] (empty when they agree): collected rather than
 * asserted one by one, as there are tens of thousands, so that a failure lists the cases that differ.
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

/** A result or an error, with every Money as its exact decimal text, so two implementations can be compared. */
function outcome(run: () => unknown): unknown {
  try {
    return exact(run());
  } catch (error) {
    if (!(error instanceof PensionsInputError)) throw error;
    return { error: error.constructor.name, message: error.message, field: error.field, rule: error.rule };
  }
}
function exact(value: unknown): unknown {
  if (value instanceof Money) return `Money ${value.amount.toString()}`;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exact(v)]));
}

describe('day-number dates match luxon', () => {
  it('covers 2020-01-01 to 2032-12-31', () => {
    expect(EVERY_DAY).toHaveLength(4749);
    expect([EVERY_DAY[0], EVERY_DAY.at(-1)]).toEqual(['2020-01-01', '2032-12-31']);
  });

  it('state pension date for every date of birth from 1940 to 2012 (every cohort of the 2014 Act and 29 February)', () => {
    expect(
      differences(
        daysFrom('1940-01-01', '2012-12-31'),
        (dob) => outcome(() => statePensionDate(dob)),
        (dob) => outcome(() => luxonStatePensionDate(dob)),
      ),
    ).toEqual([]);
  });

  it('age on every day from 2020 to 2032 for dates of birth either side of each age that matters, and 29 February', () => {
    const leapBirths = ['1948-02-29', '1960-02-29', '1996-02-29', '2004-02-29', '2008-02-29'];
    const cases = EVERY_DAY.flatMap((day) =>
      [...AGES.flatMap((years) => [-1, 0, 1].map((d) => yearsBefore(day, years, d))), ...leapBirths].map((dob) => ({
        day,
        dob,
      })),
    );
    // Each day is read once by each implementation.
    const read = new Map<string, { ours: days.Day; luxon: DateTime }>();
    const both = (iso: string) => {
      let r = read.get(iso);
      if (!r) read.set(iso, (r = { ours: days.readDate(iso, 'day'), luxon: luxonReadDate(iso, 'day') }));
      return r;
    };
    expect(
      differences(
        cases,
        ({ day, dob }) => days.ageOn(both(dob).ours, both(day).ours),
        ({ day, dob }) => luxonAgeOn(both(dob).luxon, both(day).luxon),
      ),
    ).toEqual([]);
  });
});

describe('assessWorker and calculateContributions give exactly the results of the luxon implementation', () => {
  it('an assessment on every pay date from 2020 to 2032, ages and earnings rotating through the boundaries', () => {
    const inputs = EVERY_DAY.map((payDate, i): WorkerAssessmentInput => {
      const frequency = PAY_FREQUENCIES[i % PAY_FREQUENCIES.length]!;
      const tables = TABLES[i % TABLES.length]!;
      const t = tables.autoEnrolment.perPayReferencePeriod[frequency];
      const earnings = [t.qualifyingEarningsLowerLimit, t.earningsTrigger, t.qualifyingEarningsUpperLimit, '0'][i % 4]!;
      const dateOfBirth = yearsBefore(payDate, AGES[i % AGES.length]!, (i % 3) - 1);
      const known = i % 7 === 0 ? { statePensionDate: yearsBefore(payDate, 0, (i % 5) - 2) } : {};
      const born1977 = dateOfBirth >= '1977-04-06' && dateOfBirth <= '1978-04-05';
      return {
        tables,
        frequency,
        payDate,
        dateOfBirth,
        earnings: Money.of(earnings).plus((i % 3) - 1),
        ...(born1977 && i % 2 === 0 ? { statePensionDate: '2045-01-01' } : known),
      };
    });
    expect(
      differences(
        inputs,
        (input) => outcome(() => assessWorker(input)),
        (input) => outcome(() => luxonAssessWorker(input)),
      ),
    ).toEqual([]);
  });

  it('assessments at random: any dates from 1900 to 2100, real or not, any value in any field', () => {
    const day = fc
      .integer({ min: 0, max: 73_413 })
      .map((n) => new Date(Date.UTC(1900, 0, 1 + n)).toISOString().slice(0, 10));
    const text = fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const date = fc.oneof(day, day, day, text, fc.string(), fc.anything());
    fc.assert(
      fc.property(
        fc.constantFrom(...TABLES),
        fc.constantFrom(...PAY_FREQUENCIES),
        date,
        date,
        fc.option(date, { nil: undefined }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (tables, frequency, payDate, dateOfBirth, known, pence) => {
          const input = {
            tables,
            frequency,
            payDate,
            dateOfBirth,
            earnings: Money.of(pence).dividedBy(100),
            ...(known === undefined ? {} : { statePensionDate: known }),
          } as WorkerAssessmentInput;
          expect(outcome(() => assessWorker(input))).toEqual(outcome(() => luxonAssessWorker(input)));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it('contributions at random: earnings, rates given or not (or null), rounding and tax relief', () => {
    const rate = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer({ min: 0, max: 1000 }).map((n) => (n / 1000).toString()),
      fc.constantFrom('0.03', '0.05', '1', '1.5', '-0.01', 'abc', ''),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...TABLES),
        fc.constantFrom(...PAY_FREQUENCIES),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.constantFrom('relief-at-source', 'net-pay-arrangement', 'other'),
        rate,
        rate,
        fc.constantFrom(undefined, 'nearest-penny', 'down', 'up', 'sideways'),
        (tables, frequency, pence, taxRelief, employerRate, employeeRate, rounding) => {
          const input = {
            tables,
            frequency,
            earnings: Money.of(pence).dividedBy(100),
            taxRelief,
            ...(employerRate === undefined ? {} : { employerRate }),
            ...(employeeRate === undefined ? {} : { employeeRate }),
            ...(rounding === undefined ? {} : { rounding }),
          } as ContributionInput;
          expect(outcome(() => calculateContributions(input))).toEqual(
            outcome(() => luxonCalculateContributions(input)),
          );
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe('tables are parsed once per tables object', () => {
  it('shares one frozen set of thresholds per tables, and parses again when an entry is changed in place', () => {
    const input = { frequency: 'monthly', payDate: '2026-06-30', dateOfBirth: '1990-06-15', earnings: '900' } as const;
    const tables = structuredClone(taxYearTables('2026-27')) as TaxYearTables;
    const first = assessWorker({ ...input, tables }).thresholds;
    expect(assessWorker({ ...input, tables }).thresholds).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);

    const monthly = tables.autoEnrolment.perPayReferencePeriod.monthly as { earningsTrigger: string };
    monthly.earningsTrigger = '1000';
    const changed = assessWorker({ ...input, tables });
    expect(changed.thresholds.earningsTrigger.toString()).toBe('1000.00');
    expect(changed.category).toBe('non-eligible-jobholder'); // £900 is no longer above the trigger

    const ae = tables.autoEnrolment as { minimumEmployerRate: string; reliefAtSourceBasicRate: string };
    const contribution = { tables, frequency: 'monthly', earnings: '2000', taxRelief: 'relief-at-source' } as const;
    const before = calculateContributions(contribution);
    ae.minimumEmployerRate = '0.04';
    ae.reliefAtSourceBasicRate = '0.25';
    expect(exact(calculateContributions(contribution))).toEqual(exact(luxonCalculateContributions(contribution)));
    expect(exact(calculateContributions(contribution))).not.toEqual(exact(before));
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The luxon implementation as it was before day numbers (libs/payroll/pensions/src/dates.ts, state-pension-age.ts
// and auto-enrolment.ts), with luxon in the names of its functions.
// ---------------------------------------------------------------------------------------------------------------

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LONDON = 'Europe/London';

/** A calendar day in London from ISO text ("2026-04-06"); anything else is a PensionsInputError naming the field. */
function luxonReadDate(value: unknown, field: string): DateTime {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new PensionsInputError(field, 'must be a date written YYYY-MM-DD', value);
  }
  const day = DateTime.fromISO(value, { zone: LONDON });
  if (!day.isValid) throw new PensionsInputError(field, 'is not a real calendar date', value);
  return day.startOf('day');
}

/**
 * Age in whole years on a day: a person attains an age at the start of the anniversary of their birth (Family Law
 * Reform Act 1969 s9). Someone born on 29 February has no anniversary in a common year, so they attain the age on
 * 1 March, the first day on which the anniversary has passed.
 */
function luxonAgeOn(dateOfBirth: DateTime, day: DateTime): number {
  const years = day.year - dateOfBirth.year;
  const beforeBirthday =
    day.month < dateOfBirth.month || (day.month === dateOfBirth.month && day.day < dateOfBirth.day);
  return beforeBirthday ? years - 1 : years;
}

/**
 * State Pension age under current law (Pensions Act 1995 Sch 4 as amended by the Pensions Acts 2007, 2011 and 2014),
 * as tabled in DWP's "State Pension age timetable"
 * (https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/310231/spa-timetable.pdf):
 *
 * - born before 6 October 1954: SPA (65 for men, between 60 and 66 for women) was reached no later than
 *   6 September 2020, the last date in the Pensions Act 2011 table. The engine starts in 2024-25, so all that
 *   matters is that it has been reached; the date returned is that latest possible day, not the person's own.
 * - born 6 October 1954 to 5 April 1960: 66 (Pensions Act 2011 s1).
 * - born 6 April 1960 to 5 March 1961: 66 and 1 to 11 months, one more month for each later month of birth
 *   starting on the 6th (Pensions Act 2014 s26: 6 April–5 May 1960 → 66y 1m; … 6 February–5 March 1961 → 66y 11m).
 *   Adding months keeps the day of the month, or the month's last day when it has no such day, which is how
 *   DWP dates it: born 31 December 1960 → 30 September 2027.
 * - born 6 March 1961 to 5 April 1977: 67 (Pensions Act 2014 s26; the rise to 67 falls between 2026 and 2028).
 * - born 6 April 1977 to 5 April 1978: a date from the table in Pensions Act 2007 Sch 3 (rise to 68 in 2044–46), not
 *   encoded here: pass the person's state pension date explicitly.
 * - born on or after 6 April 1978: 68 (Pensions Act 2007 s13).
 *
 * The law may change (the 2023 SPA review deferred a decision on bringing 68 forward); callers that know a
 * worker's state pension date may pass it instead.
 */
function luxonStatePensionDate(dateOfBirth: string): StatePensionDate {
  return luxonStatePensionDateFor(luxonReadDate(dateOfBirth, 'dateOfBirth'));
}

function luxonStatePensionDateFor(dob: DateTime): StatePensionDate {
  const iso = dob.toISODate() ?? '';
  if (iso < '1954-10-06') return { date: '2020-09-06', basis: 'reached-by-6-september-2020' };
  if (iso < '1960-04-06') return { date: luxonPlus(dob, 66, 0), basis: 'age-66' };
  if (iso < '1961-03-06') {
    // The cohort month runs from the 6th to the 5th: shifting the birth date back 5 days lands every member of a
    // cohort in the same calendar month, counted from April 1960 (1 month) to February 1961 (11 months).
    const cohort = dob.minus({ days: 5 });
    const months = (cohort.year - 1960) * 12 + (cohort.month - 4) + 1;
    return { date: luxonPlus(dob, 66, months), basis: 'age-66-and-months' };
  }
  if (iso < '1977-04-06') return { date: luxonPlus(dob, 67, 0), basis: 'age-67' };
  if (iso < '1978-04-06') {
    throw new PensionsInputError(
      'statePensionDate',
      'must be given for a worker born 6 April 1977 to 5 April 1978: their state pension date comes from the Pensions Act 2007 Sch 3 table, which is not encoded',
      iso,
    );
  }
  return { date: luxonPlus(dob, 68, 0), basis: 'age-68' };
}

function luxonPlus(dob: DateTime, years: number, months: number): string {
  const date = dob.plus({ years, months });
  // A whole-years birthday of someone born on 29 February falls on 1 March in a common year (see ageOn); luxon
  // would clamp it to 28 February, a day on which the person has not yet attained the age.
  if (months === 0 && dob.month === 2 && dob.day === 29 && date.day === 28)
    return date.plus({ days: 1 }).toISODate() ?? '';
  return date.toISODate() ?? '';
}

/** Minimum statutory ages (Pensions Act 2008 s1(1)(b), s3(1)(a)). */
const JOBHOLDER_MIN_AGE = 16;
const JOBHOLDER_AGE_LIMIT = 75;
const ELIGIBLE_MIN_AGE = 22;

/** Which of the four categories a worker is in for one pay reference period. */
function luxonAssessWorker(input: WorkerAssessmentInput): WorkerAssessment {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const frequency = readFrequency(raw['frequency']);
  const payDate = luxonReadDate(raw['payDate'], 'payDate');
  const dob = luxonReadDate(raw['dateOfBirth'], 'dateOfBirth');
  if (dob > payDate)
    throw new PensionsInputError('dateOfBirth', 'must be on or before the pay date', raw['dateOfBirth']);
  const earnings = readMoney(raw['earnings'], 'earnings');
  const spaDate =
    raw['statePensionDate'] === undefined
      ? luxonStatePensionDateFor(dob).date
      : (luxonReadDate(raw['statePensionDate'], 'statePensionDate').toISODate() ?? '');
  const thresholds = thresholdsFor(tables.autoEnrolment, frequency);
  const age = luxonAgeOn(dob, payDate);
  const reachedStatePensionAge = (payDate.toISODate() ?? '') >= spaDate;

  let category: WorkerCategory;
  if (age < JOBHOLDER_MIN_AGE || age >= JOBHOLDER_AGE_LIMIT) category = 'outside-age-range';
  else if (!earnings.greaterThan(thresholds.qualifyingEarningsLowerLimit)) category = 'entitled-worker';
  else if (age >= ELIGIBLE_MIN_AGE && !reachedStatePensionAge && earnings.greaterThan(thresholds.earningsTrigger)) {
    category = 'eligible-jobholder';
  } else category = 'non-eligible-jobholder';

  return { category, ageOnPayDate: age, statePensionDate: spaDate, reachedStatePensionAge, thresholds };
}

/**
 * Contributions for one pay reference period on qualifying earnings (the band between TPR's per-period lower and
 * upper limits). Under relief at source the member pays (1 − basic rate) of their gross contribution from net pay
 * — 4% of qualifying earnings for a 5% contribution — and the scheme claims the rest from HMRC: relief is
 * basic-rate / (1 − basic-rate) of the net payment, i.e. 25% of it at a 20% basic rate (Finance Act 2004 s192).
 * Under a net pay arrangement the whole gross contribution is deducted before tax.
 */
function luxonCalculateContributions(input: ContributionInput): PensionContributions {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const frequency = readFrequency(raw['frequency']);
  const earnings = readMoney(raw['earnings'], 'earnings');
  const taxRelief = raw['taxRelief'];
  if (taxRelief !== 'relief-at-source' && taxRelief !== 'net-pay-arrangement') {
    throw new PensionsInputError('taxRelief', 'must be "relief-at-source" or "net-pay-arrangement"', taxRelief);
  }
  const ae = tables.autoEnrolment;
  const employerRate = readRate(raw['employerRate'] ?? ae.minimumEmployerRate, 'employerRate');
  const employeeRate = readRate(
    raw['employeeRate'] ?? new DecimalOf(ae.minimumTotalRate).minus(ae.minimumEmployerRate).toString(),
    'employeeRate',
  );
  const rounding = raw['rounding'] ?? 'nearest-penny';
  if (rounding !== 'nearest-penny' && rounding !== 'down' && rounding !== 'up') {
    throw new PensionsInputError('rounding', 'must be "nearest-penny", "down" or "up"', rounding);
  }
  const round = (m: Money): Money =>
    rounding === 'down' ? m.roundDownToPenny() : rounding === 'up' ? m.roundUpToPenny() : m.roundHalfUpToPenny();

  const { qualifyingEarningsLowerLimit: lower, qualifyingEarningsUpperLimit: upper } = thresholdsFor(ae, frequency);
  const qualifyingEarnings = earnings.greaterThan(lower) ? Money.min(earnings, upper).minus(lower) : Money.zero;
  const employerContribution = round(qualifyingEarnings.times(employerRate));

  let employeeContributionGross: Money;
  let deductedBeforeTax = Money.zero;
  let deductedFromNetPay = Money.zero;
  let taxReliefClaimedByScheme = Money.zero;
  if (taxRelief === 'net-pay-arrangement') {
    deductedBeforeTax = round(qualifyingEarnings.times(employeeRate));
    employeeContributionGross = deductedBeforeTax;
  } else {
    const basicRate = new DecimalOf(ae.reliefAtSourceBasicRate);
    deductedFromNetPay = round(qualifyingEarnings.times(employeeRate).times(new DecimalOf(1).minus(basicRate)));
    taxReliefClaimedByScheme = round(deductedFromNetPay.times(basicRate.dividedBy(new DecimalOf(1).minus(basicRate))));
    employeeContributionGross = deductedFromNetPay.plus(taxReliefClaimedByScheme);
  }
  const meetsStatutoryMinimum =
    employerRate.greaterThanOrEqualTo(ae.minimumEmployerRate) &&
    employerRate.plus(employeeRate).greaterThanOrEqualTo(ae.minimumTotalRate);

  return {
    qualifyingEarnings,
    employerContribution,
    employeeContributionGross,
    deductedBeforeTax,
    deductedFromNetPay,
    taxReliefClaimedByScheme,
    meetsStatutoryMinimum,
  };
}

function thresholdsFor(ae: AutoEnrolmentTables, frequency: PayFrequency): AutoEnrolmentThresholdsInForce {
  const t = ae.perPayReferencePeriod[frequency];
  return {
    qualifyingEarningsLowerLimit: Money.of(t.qualifyingEarningsLowerLimit),
    earningsTrigger: Money.of(t.earningsTrigger),
    qualifyingEarningsUpperLimit: Money.of(t.qualifyingEarningsUpperLimit),
  };
}

function readObject(input: unknown): Record<string, unknown> {
  if (typeof input !== 'object' || input === null) throw new PensionsInputError('input', 'must be an object', input);
  return input as Record<string, unknown>;
}

function readTables(value: unknown): TaxYearTables {
  const tables = value as TaxYearTables | undefined;
  if (
    typeof tables !== 'object' ||
    tables === null ||
    typeof tables.autoEnrolment !== 'object' ||
    tables.autoEnrolment === null ||
    typeof tables.autoEnrolment.perPayReferencePeriod !== 'object'
  ) {
    throw new PensionsInputError(
      'tables',
      "must be a tax year's statutory tables with an autoEnrolment section",
      value,
    );
  }
  return tables;
}

function readFrequency(value: unknown): PayFrequency {
  if (typeof value !== 'string' || !(PAY_FREQUENCIES as readonly string[]).includes(value)) {
    throw new PensionsInputError('frequency', `must be one of ${PAY_FREQUENCIES.join(', ')}`, value);
  }
  return value as PayFrequency;
}

function readMoney(value: unknown, field: string): Money {
  return readAmount(value, field, PensionsInputError);
}

const RATE_TEXT = /^\d+(\.\d+)?$/;

function readRate(value: unknown, field: string): DecimalValue {
  if (typeof value !== 'string' || !RATE_TEXT.test(value)) {
    throw new PensionsInputError(field, 'must be a decimal fraction written as text, e.g. "0.05" for 5%', value);
  }
  const rate = new DecimalOf(value);
  if (rate.greaterThan(1)) throw new PensionsInputError(field, 'must not be more than 1 (100%)', value);
  return rate;
}
