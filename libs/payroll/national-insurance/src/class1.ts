import { DecimalOf, Money, rate } from '@dpe/money';
import type { NationalInsuranceTables, TaxYearTables } from '@dpe/statutory-data';
import type { PayFrequency } from '@dpe/tax-calendar';
import { earningsPeriod, thresholdsForEarningsPeriod, type EarningsPeriodThresholds } from './earnings-period';
import { InvalidNationalInsuranceInput } from './errors';
import { parseAmount, type AmountInput } from './inputs';

export type NiCategoryLetter = keyof NationalInsuranceTables['categories'];
type NiCategoryRates = NonNullable<NationalInsuranceTables['categories'][NiCategoryLetter]>;

export interface Class1Input {
  /** The tax year's statutory tables, e.g. taxYearTables('2026-27'). */
  readonly tables: Pick<TaxYearTables, 'taxYear' | 'nationalInsurance'>;
  readonly frequency: PayFrequency;
  /** The employee's category letter; must be one the tax year defines. */
  readonly category: NiCategoryLetter | string;
  /** Earnings for NI purposes paid in this earnings period (whole pence, not negative). */
  readonly grossThisPeriod: AmountInput;
  /** Pay periods this payment covers, e.g. 2 for two weeks' pay paid together on a weekly payroll. Default 1. */
  readonly periods?: number;
}

/** Earnings bands as the FPS reports them for the period (all zero when pay is below the LEL). */
export interface FpsEarningsBands {
  /** Earnings at the LEL: the LEL itself once pay reaches it. */
  readonly atLel: Money;
  /** Earnings above the LEL up to and including the PT. */
  readonly lelToPt: Money;
  /** Earnings above the PT up to and including the UEL. */
  readonly ptToUel: Money;
}

export interface Class1Contributions {
  readonly category: NiCategoryLetter;
  /** Primary Class 1 NICs, deducted from the employee's pay. */
  readonly employee: Money;
  /** Secondary Class 1 NICs, paid by the employer (before any Employment Allowance). */
  readonly employer: Money;
  readonly bands: FpsEarningsBands;
  /** The thresholds used, for this earnings period. */
  readonly thresholds: EarningsPeriodThresholds;
}

/**
 * Class 1 NICs for an employee who is not a director, by HMRC's exact percentage method, for one earnings period.
 *
 * The calculation follows the steps of HMRC's "National Insurance guidance for software developers": earnings are
 * split at the period's thresholds; the employee pays the category's main rate above the PT up to the UEL and its
 * additional rate above the UEL; the employer pays the secondary rate above the ST, except that relief letters pay
 * 0% up to their upper secondary threshold (UST/AUST/VUST/FUST/IZUST). Each party's contribution is rounded in two
 * parts - earnings up to the UEL, and earnings above it - and the parts added: that is the guidance's step order, and
 * only it reproduces HMRC's 2025-26 test data (B, E, I fortnightly £1,934.05: 26.825 rounds to 26.82 and 0.001 to
 * 0.00, where rounding the 26.826 total would give 26.83).
 */
export function calculateClass1(input: Class1Input): Class1Contributions {
  const tables = nationalInsuranceTablesOf(input);
  const period = earningsPeriod(input.frequency, input.periods ?? 1);
  const category = categoryOf(tables, input.category, input.tables.taxYear);
  const rates = tables.categories[category] as NiCategoryRates;
  const gross = parseAmount(input.grossThisPeriod, 'grossThisPeriod');
  const t = thresholdsForEarningsPeriod(tables, period);

  if (!rates.class1Applies) {
    return { category, employee: Money.zero, employer: Money.zero, bands: NO_BANDS, thresholds: t };
  }

  const employee = roundContribution(band(gross, t.PT, t.UEL).times(rate(rates.employeeMainRate))).plus(
    roundContribution(band(gross, t.UEL).times(rate(rates.employeeAdditionalRate))),
  );

  const employerRate = rate(rates.employerRate);
  const chargedFrom = rates.employerZeroRateUpTo ? Money.max(t.ST, t[rates.employerZeroRateUpTo]) : t.ST;
  const employer = roundContribution(band(gross, chargedFrom, t.UEL).times(employerRate)).plus(
    roundContribution(band(gross, Money.max(chargedFrom, t.UEL)).times(employerRate)),
  );

  return { category, employee, employer, bands: fpsBands(gross, t), thresholds: t };
}

/**
 * Rounding of a contribution (Social Security (Contributions) Regulations 2001 reg 12(1)(b): nearest penny, "any
 * amount of a halfpenny or less shall be disregarded"). HMRC's guidance for software developers applies it by the
 * third decimal place only: 5 or less rounds down, 6 or more rounds up, and later digits are ignored (ICB's note on
 * the 2025-26 specification; CIPP). HMRC's test data require both halves: weekly category A £242.07 gives 8% of
 * £0.07 = £0.0056 and HMRC deducts £0.00 (so plain half-down rounding, which gives £0.01, is wrong), and fortnightly
 * category B £1,934.04 gives £26.825 and HMRC deducts £26.82 (exactly half a penny rounds down).
 */
export function roundContribution(exact: Money): Money {
  return Money.of(exact.amount.toDecimalPlaces(3, DecimalOf.ROUND_DOWN)).roundHalfDownToPenny();
}

const NO_BANDS: FpsEarningsBands = { atLel: Money.zero, lelToPt: Money.zero, ptToUel: Money.zero };

/**
 * FPS earnings bands (HMRC RTI: "Earnings at LEL", "Earnings above LEL up to PT", "Earnings above PT up to UEL").
 * Pay below the LEL reports nothing; from the LEL up the LEL itself is reported. Checked against every row of HMRC's
 * 2025-26 NIC test data.
 */
function fpsBands(gross: Money, t: EarningsPeriodThresholds): FpsEarningsBands {
  if (gross.lessThan(t.LEL)) return NO_BANDS;
  return { atLel: t.LEL, lelToPt: band(gross, t.LEL, t.PT), ptToUel: band(gross, t.PT, t.UEL) };
}

/** The part of `gross` above `from` and up to and including `to` (or without limit). */
function band(gross: Money, from: Money, to?: Money): Money {
  const top = to === undefined ? gross : Money.min(gross, to);
  return top.greaterThan(from) ? top.minus(from) : Money.zero;
}

function nationalInsuranceTablesOf(input: Class1Input): NationalInsuranceTables {
  if (input === null || typeof input !== 'object') {
    throw new InvalidNationalInsuranceInput(
      'input',
      input,
      'must be an object with tables, frequency, category and grossThisPeriod',
    );
  }
  const tables = (input.tables as Partial<TaxYearTables> | undefined)?.nationalInsurance as
    Partial<NationalInsuranceTables> | undefined;
  if (!tables || typeof tables !== 'object' || !tables.thresholds || !tables.categories) {
    throw new InvalidNationalInsuranceInput(
      'tables',
      input.tables,
      "must be a tax year's statutory tables with National Insurance thresholds and categories (taxYearTables(year))",
    );
  }
  return tables as NationalInsuranceTables;
}

function categoryOf(tables: NationalInsuranceTables, value: unknown, taxYear: string): NiCategoryLetter {
  const known = Object.keys(tables.categories) as NiCategoryLetter[];
  if (typeof value === 'string' && (known as string[]).includes(value)) return value as NiCategoryLetter;
  throw new InvalidNationalInsuranceInput(
    'category',
    value,
    `must be a National Insurance category letter HMRC defines for ${taxYear}: ${known.join(', ')}`,
  );
}
