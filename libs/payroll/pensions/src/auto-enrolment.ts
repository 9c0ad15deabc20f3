import { DecimalOf, Money, readAmount, type DecimalValue, type MoneyInput } from '@dpe/money';
import type { AutoEnrolmentTables, TaxYearTables } from '@dpe/statutory-data';
import { PAY_FREQUENCIES, type PayFrequency } from '@dpe/tax-calendar';
import { ageOn, readDate } from './dates';
import { PensionsInputError } from './errors';
import { statePensionDateFor } from './state-pension-age';

/**
 * The worker categories of Pensions Act 2008 Part 1 Chapter 1, assessed each pay reference period:
 * - eligible jobholder: a jobholder aged at least 22, under State Pension age, with earnings MORE than the
 *   earnings trigger (s3(1)) — must be automatically enrolled;
 * - non-eligible jobholder: aged 16 to 74 with earnings MORE than the qualifying-earnings lower limit (so that
 *   some qualifying earnings are payable, s1(1)(c) and s13(1)), but not eligible — may opt in (s7) and then gets
 *   employer contributions;
 * - entitled worker: aged 16 to 74 with earnings at or below the lower limit — may ask to join (s9), no employer
 *   contribution required;
 * - outside-age-range: under 16 or 75 and over (s1(1)(b) "aged at least 16 and under 75"): no duties.
 */
export type WorkerCategory = 'eligible-jobholder' | 'non-eligible-jobholder' | 'entitled-worker' | 'outside-age-range';

export interface AutoEnrolmentThresholdsInForce {
  readonly qualifyingEarningsLowerLimit: Money;
  readonly earningsTrigger: Money;
  readonly qualifyingEarningsUpperLimit: Money;
}

export interface WorkerAssessmentInput {
  /** Tables of the tax year in which the pay date falls (thresholds change only on 6 April). */
  readonly tables: TaxYearTables;
  /** The pay reference period's length; it selects TPR's per-period thresholds. */
  readonly frequency: PayFrequency;
  /** Age is taken on the pay date, when earnings are paid for the pay reference period. */
  readonly payDate: string;
  readonly dateOfBirth: string;
  /** Gross earnings for the pay reference period (Pensions Act 2008 s13(3)). */
  readonly earnings: MoneyInput;
  /**
   * The worker's state pension date, when known (e.g. from DWP). Otherwise it is worked out from the date of birth
   * under current law; see statePensionDate(). Required for workers born 6 April 1977 to 5 April 1978.
   */
  readonly statePensionDate?: string;
}

export interface WorkerAssessment {
  readonly category: WorkerCategory;
  readonly ageOnPayDate: number;
  readonly statePensionDate: string;
  readonly reachedStatePensionAge: boolean;
  readonly thresholds: AutoEnrolmentThresholdsInForce;
}

/** Minimum statutory ages (Pensions Act 2008 s1(1)(b), s3(1)(a)). */
const JOBHOLDER_MIN_AGE = 16;
const JOBHOLDER_AGE_LIMIT = 75;
const ELIGIBLE_MIN_AGE = 22;

/** Which of the four categories a worker is in for one pay reference period. */
export function assessWorker(input: WorkerAssessmentInput): WorkerAssessment {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const frequency = readFrequency(raw['frequency']);
  const payDate = readDate(raw['payDate'], 'payDate');
  const dob = readDate(raw['dateOfBirth'], 'dateOfBirth');
  if (dob.n > payDate.n)
    throw new PensionsInputError('dateOfBirth', 'must be on or before the pay date', raw['dateOfBirth']);
  const earnings = readMoney(raw['earnings'], 'earnings');
  const spaDate =
    raw['statePensionDate'] === undefined
      ? statePensionDateFor(dob).date
      : readDate(raw['statePensionDate'], 'statePensionDate').iso;
  const thresholds = thresholdsFor(tables.autoEnrolment, frequency);
  const age = ageOn(dob, payDate);
  const reachedStatePensionAge = payDate.iso >= spaDate;

  let category: WorkerCategory;
  if (age < JOBHOLDER_MIN_AGE || age >= JOBHOLDER_AGE_LIMIT) category = 'outside-age-range';
  else if (!earnings.greaterThan(thresholds.qualifyingEarningsLowerLimit)) category = 'entitled-worker';
  else if (age >= ELIGIBLE_MIN_AGE && !reachedStatePensionAge && earnings.greaterThan(thresholds.earningsTrigger)) {
    category = 'eligible-jobholder';
  } else category = 'non-eligible-jobholder';

  return { category, ageOnPayDate: age, statePensionDate: spaDate, reachedStatePensionAge, thresholds };
}

/** How a scheme gives the member tax relief on their contribution. */
export type TaxReliefMethod = 'relief-at-source' | 'net-pay-arrangement';

/**
 * Rounding of each contribution to pence. The statute sets percentages, not a rounding; most schemes (Nest
 * among them) round to the nearest penny, so that is the default; 'down' and 'up' are there for schemes whose
 * rules say otherwise.
 */
export type ContributionRounding = 'nearest-penny' | 'down' | 'up';

export interface ContributionInput {
  readonly tables: TaxYearTables;
  readonly frequency: PayFrequency;
  /** Gross earnings for the pay reference period. */
  readonly earnings: MoneyInput;
  readonly taxRelief: TaxReliefMethod;
  /** Employer rate on qualifying earnings as a decimal fraction ("0.03"); default the statutory minimum 3%. */
  readonly employerRate?: string;
  /** Member's gross rate on qualifying earnings ("0.05"), relief included; default 5%, making the statutory 8% total. */
  readonly employeeRate?: string;
  readonly rounding?: ContributionRounding;
}

export interface PensionContributions {
  /** Earnings above the lower limit, up to the upper limit (Pensions Act 2008 s13(1)). */
  readonly qualifyingEarnings: Money;
  readonly employerContribution: Money;
  /** The member's contribution into the pot, including basic-rate relief under relief at source. */
  readonly employeeContributionGross: Money;
  /** Net pay arrangement: taken from gross pay before income tax, so it reduces taxable pay (not NI-able pay). */
  readonly deductedBeforeTax: Money;
  /** Relief at source: taken from pay after tax; the scheme claims basic-rate relief on top. */
  readonly deductedFromNetPay: Money;
  /** Relief at source: the basic-rate relief the scheme reclaims from HMRC and adds to the pot. */
  readonly taxReliefClaimedByScheme: Money;
  /** Whether the rates meet Pensions Act 2008 s20(1): employer at least 3%, total at least 8% of qualifying earnings. */
  readonly meetsStatutoryMinimum: boolean;
}

/**
 * Contributions for one pay reference period on qualifying earnings (the band between TPR's per-period lower and
 * upper limits). Under relief at source the member pays (1 − basic rate) of their gross contribution from net pay
 * — 4% of qualifying earnings for a 5% contribution — and the scheme claims the rest from HMRC: relief is
 * basic-rate / (1 − basic-rate) of the net payment, i.e. 25% of it at a 20% basic rate (Finance Act 2004 s192).
 * Under a net pay arrangement the whole gross contribution is deducted before tax.
 */
export function calculateContributions(input: ContributionInput): PensionContributions {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const frequency = readFrequency(raw['frequency']);
  const earnings = readMoney(raw['earnings'], 'earnings');
  const taxRelief = raw['taxRelief'];
  if (taxRelief !== 'relief-at-source' && taxRelief !== 'net-pay-arrangement') {
    throw new PensionsInputError('taxRelief', 'must be "relief-at-source" or "net-pay-arrangement"', taxRelief);
  }
  const ae = tables.autoEnrolment;
  const employerRate = absent(raw['employerRate'])
    ? defaultEmployerRate(ae)
    : readRate(raw['employerRate'], 'employerRate');
  const employeeRate = absent(raw['employeeRate'])
    ? defaultEmployeeRate(ae)
    : readRate(raw['employeeRate'], 'employeeRate');
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
    const { netShare, reliefOnNet } = reliefAtSource(ae);
    deductedFromNetPay = round(qualifyingEarnings.times(employeeRate).times(netShare));
    taxReliefClaimedByScheme = round(deductedFromNetPay.times(reliefOnNet));
    employeeContributionGross = deductedFromNetPay.plus(taxReliefClaimedByScheme);
  }
  const { minimumEmployer, minimumTotal } = schemeRates(ae);
  const meetsStatutoryMinimum =
    employerRate.greaterThanOrEqualTo(minimumEmployer) &&
    employerRate.plus(employeeRate).greaterThanOrEqualTo(minimumTotal);

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

/** Figures parsed from a tables object, with the very values they were parsed from. */
interface Parsed<T> {
  readonly from: readonly unknown[];
  readonly value: T;
}

/**
 * A tax year's tables are loaded once and passed to every payslip, so their decimal text is parsed once per tables
 * object, not per call. Should an entry be changed in place, its values no longer match and it is parsed again; a
 * parse that throws is not kept, so bad tables fail every call as before.
 */
function parsedOnce<T>(cache: WeakMap<object, Parsed<T>>, owner: object, from: readonly unknown[], parse: () => T): T {
  const hit = cache.get(owner);
  if (hit && hit.from.length === from.length && hit.from.every((v, i) => v === from[i])) return hit.value;
  const value = parse();
  if (typeof owner === 'object' && owner !== null) cache.set(owner, { from, value });
  return value;
}

const thresholdsCache = new WeakMap<object, Parsed<AutoEnrolmentThresholdsInForce>>();

function thresholdsFor(ae: AutoEnrolmentTables, frequency: PayFrequency): AutoEnrolmentThresholdsInForce {
  const t = ae.perPayReferencePeriod[frequency];
  const from = [t.qualifyingEarningsLowerLimit, t.earningsTrigger, t.qualifyingEarningsUpperLimit];
  // Frozen: every assessment made with these tables returns this same object.
  return parsedOnce(thresholdsCache, t, from, () =>
    Object.freeze({
      qualifyingEarningsLowerLimit: Money.of(t.qualifyingEarningsLowerLimit),
      earningsTrigger: Money.of(t.earningsTrigger),
      qualifyingEarningsUpperLimit: Money.of(t.qualifyingEarningsUpperLimit),
    }),
  );
}

interface SchemeRates {
  /** The statutory minimum employer rate, which is also the employer rate when none is given. */
  readonly minimumEmployer: DecimalValue;
  readonly minimumTotal: DecimalValue;
}
const schemeRatesCache = new WeakMap<object, Parsed<SchemeRates>>();
const defaultEmployerRateCache = new WeakMap<object, Parsed<DecimalValue>>();
const defaultEmployeeRateCache = new WeakMap<object, Parsed<DecimalValue>>();
const reliefCache = new WeakMap<object, Parsed<ReliefAtSource>>();

function schemeRates(ae: AutoEnrolmentTables): SchemeRates {
  return parsedOnce(schemeRatesCache, ae, [ae.minimumEmployerRate, ae.minimumTotalRate], () => ({
    minimumEmployer: new DecimalOf(ae.minimumEmployerRate),
    minimumTotal: new DecimalOf(ae.minimumTotalRate),
  }));
}

/** The employer rate when none is given: the statutory minimum, read as a given rate would be. */
function defaultEmployerRate(ae: AutoEnrolmentTables): DecimalValue {
  return parsedOnce(defaultEmployerRateCache, ae, [ae.minimumEmployerRate], () =>
    readRate(ae.minimumEmployerRate, 'employerRate'),
  );
}

/** The member's rate when none is given: the statutory total less the statutory employer minimum. */
function defaultEmployeeRate(ae: AutoEnrolmentTables): DecimalValue {
  return parsedOnce(defaultEmployeeRateCache, ae, [ae.minimumTotalRate, ae.minimumEmployerRate], () =>
    readRate(new DecimalOf(ae.minimumTotalRate).minus(ae.minimumEmployerRate).toString(), 'employeeRate'),
  );
}

interface ReliefAtSource {
  /** 1 − basic rate: the share of the gross contribution the member pays from net pay. */
  readonly netShare: DecimalValue;
  /** basic rate ÷ (1 − basic rate): the relief the scheme claims on each pound paid from net pay. */
  readonly reliefOnNet: DecimalValue;
}

function reliefAtSource(ae: AutoEnrolmentTables): ReliefAtSource {
  return parsedOnce(reliefCache, ae, [ae.reliefAtSourceBasicRate], () => {
    const basicRate = new DecimalOf(ae.reliefAtSourceBasicRate);
    return {
      netShare: new DecimalOf(1).minus(basicRate),
      reliefOnNet: basicRate.dividedBy(new DecimalOf(1).minus(basicRate)),
    };
  });
}

/** Absent as `??` reads it: undefined or null take the default. */
function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
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
