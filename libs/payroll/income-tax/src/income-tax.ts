import { InvalidMoney, Money, rate } from '@dpe/money';
import type { IncomeTaxTables } from '@dpe/statutory-data';
import {
  InvalidTaxCalendarInput,
  annualPeriodBasis,
  assertValidPeriod,
  isExtraPeriod,
  isPayFrequency,
  weeksInPeriod,
  PAY_FREQUENCIES,
  type PayFrequency,
} from '@dpe/tax-calendar';
import { InvalidIncomeTaxInput } from './errors';
import { freePayForOnePeriod } from './free-pay';
import { assertTaxCodeInYear, parseTaxCode, type TaxCode } from './tax-code';

type IncomeTaxRegime = IncomeTaxTables['regimes'][keyof IncomeTaxTables['regimes']];

export interface IncomeTaxInput {
  /** The year's income tax tables: `taxYearTables('2026-27').incomeTax`. */
  readonly tables: IncomeTaxTables;
  readonly frequency: PayFrequency;
  /**
   * HMRC's period number for the pay date (see @dpe/tax-calendar payPeriodOf): tax week 1–53 for weekly pay,
   * 2, 4, …, 52 or 54 fortnightly, 4, 8, …, 52 or 56 four-weekly, tax month 1–12 monthly.
   */
  readonly period: number;
  /** The code as HMRC issued it ("S1257L", "K475 W1", "BR"), or one already parsed. */
  readonly taxCode: string | TaxCode;
  /** Operate the code on a Week 1/Month 1 basis even though it carries no W1/M1/X marker (e.g. an FPS flag). */
  readonly week1Month1?: boolean;
  /** Taxable pay in this period (after pension relief at source etc.), the base of the 50% regulatory limit. */
  readonly grossThisPeriod: Money | string;
  /** Taxable pay in the tax year to date INCLUDING this period (and P45 pay from a previous employment). */
  readonly taxablePayToDate: Money | string;
  /** Tax actually deducted in the tax year BEFORE this period (including P45 tax); tax held back by the limit is not in it. */
  readonly taxPaidToDate: Money | string;
}

export type IncomeTaxBasis = 'cumulative' | 'non-cumulative';

export interface IncomeTaxResult {
  readonly taxCode: TaxCode;
  readonly basis: IncomeTaxBasis;
  /** Why the basis is non-cumulative: the code (W1/M1/X or the week1Month1 flag), or the week 53/54/56 rule. */
  readonly nonCumulativeReason?: 'week1-month1' | 'extra-period';
  /** The n of HMRC's routines: periods of free pay and of pro-rated bands used (1, 2 or 4 on a non-cumulative basis). */
  readonly periodsToDate: number;
  /** Free pay to date (suffix codes), n × period-1 free pay; zero for K, BR, D and NT. */
  readonly freePayToDate: Money;
  /** Additional pay to date (K codes), n × period-1 additional pay; zero otherwise. */
  readonly additionalPayToDate: Money;
  /** Uₙ: pay on the basis used, less free pay or plus additional pay, before rounding (may be negative). */
  readonly taxablePayToDate: Money;
  /** Tₙ: Uₙ rounded down to whole pounds, never below zero — the figure the rates are applied to. */
  readonly taxablePayToDateRounded: Money;
  /** Lₙ: tax due on the basis used — to date when cumulative, on this period's pay alone when not. */
  readonly taxDueToDate: Money;
  /** Tax to deduct this period; negative is a refund (only ever on a cumulative basis). */
  readonly taxThisPeriod: Money;
  /** Tax deducted in the year including this period (taxPaidToDate + taxThisPeriod), as reported on the FPS. */
  readonly taxToDate: Money;
  /** The most tax this period's pay may bear: regulatory limit rate × grossThisPeriod, rounded down to the penny. */
  readonly regulatoryLimit: Money;
  readonly regulatoryLimitApplied: boolean;
  /**
   * Tax due but not deducted because of the regulatory limit. On a cumulative basis it is carried forward: it is
   * part of Lₙ − tax paid next period, so it is collected as soon as pay allows. On a non-cumulative basis nothing
   * carries forward; HMRC recovers it after the year (PAYE76055).
   */
  readonly uncollectedTax: Money;
  readonly uncollectedTaxCarriedForward: boolean;
}

/**
 * Income tax for one payment by HMRC's Specification for PAYE Tax Table Routines (v24 for 2026-27; reference §2):
 *
 * 1. Pay: on a cumulative basis Pₙ, taxable pay to date; on a non-cumulative basis only this period's pay.
 * 2. Uₙ = Pₙ − n × free pay (suffix codes) or Pₙ + n × additional pay (K codes); Tₙ = Uₙ rounded down to £.
 * 3. Bands pro-rated to the period: threshold c(i) = trunc4(C(i) × n / p), income test v(i) = c(i) rounded up to £,
 *    tax at the top of band i k(i) = trunc4(K(i) × n / p); the band is the first with Uₙ ≤ v(i), and
 *    Lₙ = k(i−1) + (Tₙ − c(i−1)) × R(i), truncated to 4 dp and rounded down to the penny.
 *    BR and Dn: Lₙ = ⌊Pₙ⌋ × the one rate; NT: Lₙ = 0.
 * 4. Tax this period = Lₙ − tax paid to date (cumulative; may be a refund) or Lₙ (non-cumulative; never a refund),
 *    but never more than the regulatory limit, 50% of this period's pay (any code type since 2015-16).
 *
 * n is the period number (tax week for weekly, fortnightly and four-weekly pay; tax month for monthly) and p is 52
 * or 12. A Week 1/Month 1 code uses n = 1 (monthly, weekly), 2 (fortnightly) or 4 (four-weekly). A week 53, 54 or 56
 * payment is always taxed non-cumulatively with the Week 1, 2 or 4 figures (HMRC PAYE Manual PAYE70015), and not at
 * all on a cumulative suffix code whose 52 weeks of free pay cover the year's pay (HMRC week 53 guidance).
 *
 * Pure: no I/O, no clock. Throws InvalidIncomeTaxInput (InvalidTaxCode for a bad code) and nothing else.
 */
export function calculateIncomeTax(input: IncomeTaxInput): IncomeTaxResult {
  const valid = validate(input);
  const { tables, frequency, period, code, gross, taxablePayToDate, taxPaidToDate } = valid;

  const p = annualPeriodBasis(frequency);
  const extraPeriod = isExtraPeriod(frequency, period);
  const week1Month1 = code.nonCumulative || input.week1Month1 === true;
  const nonCumulative = week1Month1 || extraPeriod;
  const n = nonCumulative ? (weeksInPeriod(frequency) ?? 1) : period;
  const pay = nonCumulative ? gross : taxablePayToDate;
  const taxAlreadyDue = nonCumulative ? Money.zero : taxPaidToDate;
  const regime = tables.regimes[code.region];

  let freePayToDate = Money.zero;
  let additionalPayToDate = Money.zero;
  let taxable = pay;
  let taxDue: Money;
  switch (code.kind) {
    case 'NT':
      taxDue = Money.zero;
      break;
    case 'BR':
      taxDue = flatRateTax(pay, bandRate(regime, regime.basicRateBand));
      break;
    case 'D':
      taxDue = flatRateTax(pay, bandRate(regime, regime.basicRateBand + 1 + code.bandsAboveBasic));
      break;
    case 'allowance':
      freePayToDate = freePayForOnePeriod(code.number, p).times(n);
      taxable = pay.minus(freePayToDate);
      taxDue =
        extraPeriod && !week1Month1 && yearsFreePayCoversYearsPay(code.number, taxablePayToDate)
          ? Money.zero
          : taxByBands(regime, taxable, n, p);
      break;
    case 'K':
      additionalPayToDate = freePayForOnePeriod(code.number, p).times(n);
      taxable = pay.plus(additionalPayToDate);
      taxDue = taxByBands(regime, taxable, n, p);
      break;
  }

  const unlimitedTax = taxDue.minus(taxAlreadyDue);
  // Regulatory limit (gov.uk "If you have a K in your tax code": no more than half of pre-tax pay; spec parameter M):
  // it caps what is deducted, never a refund.
  const regulatoryLimit = gross.times(rate(tables.regulatoryLimitRate)).roundDownToPenny();
  const regulatoryLimitApplied = unlimitedTax.greaterThan(regulatoryLimit);
  const taxThisPeriod = regulatoryLimitApplied ? regulatoryLimit : unlimitedTax;

  return {
    taxCode: code,
    basis: nonCumulative ? 'non-cumulative' : 'cumulative',
    ...(nonCumulative ? { nonCumulativeReason: extraPeriod ? 'extra-period' : 'week1-month1' } : {}),
    periodsToDate: n,
    freePayToDate,
    additionalPayToDate,
    taxablePayToDate: taxable,
    taxablePayToDateRounded: wholePoundsOrZero(taxable),
    taxDueToDate: taxDue,
    taxThisPeriod,
    taxToDate: taxPaidToDate.plus(taxThisPeriod),
    regulatoryLimit,
    regulatoryLimitApplied,
    uncollectedTax: unlimitedTax.minus(taxThisPeriod),
    uncollectedTaxCarriedForward: regulatoryLimitApplied && !nonCumulative,
  };
}

/**
 * HMRC "Dealing with week 53 payments" (hmrc.gov.uk/paye/nonstandard-week53.htm), employee on a cumulative suffix
 * code: "add up the total free pay up to and including week 52. If this amount equals or exceeds the total pay for the
 * year (including the week 53 payment), do not deduct any PAYE tax from the week 53 payment"; otherwise use the Week
 * 1/2/4 table. Fortnightly and four-weekly years also hold 52 weeks of free pay. PAYE70015 likewise applies the Week 1
 * table only "if tax is due".
 */
function yearsFreePayCoversYearsPay(codeNumber: number, payForYear: Money): boolean {
  return freePayForOnePeriod(codeNumber, 52).times(52).greaterThanOrEqual(payForYear);
}

/** Tₙ: taxable pay rounded down to whole pounds; no tax liability arises when free pay exceeds pay (spec §4.3.3). */
function wholePoundsOrZero(taxable: Money): Money {
  return taxable.isPositive() ? taxable.roundDownToPound() : Money.zero;
}

/** BR and Dn codes: the whole of pay, rounded down to whole pounds, at one rate (spec §5.4, §6). */
function flatRateTax(pay: Money, bandRateText: string): Money {
  return wholePoundsOrZero(pay).times(rate(bandRateText)).roundDownToPenny();
}

function bandRate(regime: IncomeTaxRegime, index: number): string {
  const band = regime.bands[index];
  // assertTaxCodeInYear has already refused Dn codes past the top band, so this is a broken table, not bad input.
  if (!band) throw new Error(`income tax tables: no band ${index} in a regime of ${regime.bands.length} bands`);
  return band.rate;
}

/** Lₙ for suffix and K codes: the bands pro-rated to n periods of p (spec Definitions 9–11, §4.4). */
function taxByBands(regime: IncomeTaxRegime, taxable: Money, n: number, p: 52 | 12): Money {
  if (!taxable.isPositive()) return Money.zero;
  const rounded = taxable.roundDownToPound();
  let annualThreshold = Money.zero; // C(i): cumulative band widths
  let annualTaxAtThreshold = Money.zero; // K(i): tax on the whole of bands 1..i
  let thresholdToDate = Money.zero; // c(i−1)
  let taxAtThresholdToDate = Money.zero; // k(i−1)
  let due: Money | undefined;
  for (const band of regime.bands) {
    const bandRate = rate(band.rate);
    if (band.width === undefined) {
      due = taxAtThresholdToDate.plus(rounded.minus(thresholdToDate).times(bandRate));
      break;
    }
    annualThreshold = annualThreshold.plus(band.width);
    annualTaxAtThreshold = annualTaxAtThreshold.plus(Money.of(band.width).times(bandRate));
    const threshold = annualThreshold.times(n).dividedBy(p).truncateToFourDecimalPlaces();
    const incomeTest = threshold.roundUpToPound();
    if (taxable.lessThanOrEqual(incomeTest)) {
      due = taxAtThresholdToDate.plus(rounded.minus(thresholdToDate).times(bandRate));
      break;
    }
    thresholdToDate = threshold;
    taxAtThresholdToDate = annualTaxAtThreshold.times(n).dividedBy(p).truncateToFourDecimalPlaces();
  }
  if (!due) throw new Error('income tax tables: the last band of a regime must have no width');
  return due.truncateToFourDecimalPlaces().roundDownToPenny();
}

interface ValidInput {
  readonly tables: IncomeTaxTables;
  readonly frequency: PayFrequency;
  readonly period: number;
  readonly code: TaxCode;
  readonly gross: Money;
  readonly taxablePayToDate: Money;
  readonly taxPaidToDate: Money;
}

function validate(input: IncomeTaxInput): ValidInput {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidIncomeTaxInput(
      'input',
      input,
      'must be an object with tables, frequency, period, taxCode and pay',
    );
  }
  const { tables, frequency, period } = input;
  if (typeof tables !== 'object' || tables === null || typeof tables.regimes !== 'object') {
    throw new InvalidIncomeTaxInput(
      'tables',
      tables,
      "must be the year's income tax tables (taxYearTables(year).incomeTax)",
    );
  }
  if (!isPayFrequency(frequency)) {
    throw new InvalidIncomeTaxInput('frequency', frequency, `must be one of ${PAY_FREQUENCIES.join(', ')}`);
  }
  try {
    assertValidPeriod(frequency, period);
  } catch (e) {
    if (e instanceof InvalidTaxCalendarInput) throw new InvalidIncomeTaxInput('period', period, e.rule);
    throw e;
  }
  if (input.week1Month1 !== undefined && typeof input.week1Month1 !== 'boolean') {
    throw new InvalidIncomeTaxInput('week1Month1', input.week1Month1, 'must be true or false when given');
  }
  const raw = input.taxCode as unknown;
  const code =
    typeof raw === 'object' && raw !== null && typeof (raw as { text?: unknown }).text === 'string'
      ? parseTaxCode((raw as TaxCode).text, tables)
      : parseTaxCode(raw, tables);
  assertTaxCodeInYear(code, tables);

  const gross = amount(input.grossThisPeriod, 'grossThisPeriod');
  const taxablePayToDate = amount(input.taxablePayToDate, 'taxablePayToDate');
  const taxPaidToDate = amount(input.taxPaidToDate, 'taxPaidToDate');
  if (taxablePayToDate.lessThan(gross)) {
    throw new InvalidIncomeTaxInput(
      'taxablePayToDate',
      taxablePayToDate.toString(),
      `includes this period's pay, so it cannot be less than grossThisPeriod (${gross.toString()})`,
    );
  }
  return { tables, frequency, period: period as number, code, gross, taxablePayToDate, taxPaidToDate };
}

/** Pay and tax are whole pence and never negative here (a negative figure is a correction, not a payment). */
function amount(value: unknown, field: string): Money {
  try {
    if (value instanceof Money) {
      if (value.isNegative()) throw new InvalidIncomeTaxInput(field, value.toString(), 'must not be negative');
      if (value.amount.decimalPlaces() > 2) {
        throw new InvalidIncomeTaxInput(
          field,
          value.amount.toString(),
          'must be whole pence (at most 2 decimal places)',
        );
      }
      return value;
    }
    return Money.parse(value, field, { maxDecimals: 2 });
  } catch (e) {
    if (e instanceof InvalidMoney) throw new InvalidIncomeTaxInput(field, value, e.rule);
    throw e;
  }
}
