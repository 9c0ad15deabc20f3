/**
 * Figures are held as exact decimal text (e.g. '242', '0.138'), never as JS numbers, and become Money or Rate in
 * the calculator. Text keeps each tax-year file plain data that needs no imports. Rates are fractions: '0.08' is 8%.
 */
export type DecimalText = `${number}`;

/**
 * Class 1 National Insurance category letters. Which letters exist in a year is given by that year's
 * `categories` table, not by this list: a letter absent from the table is not valid that year.
 * Meanings: gov.uk "National Insurance rates and categories" (https://www.gov.uk/national-insurance-rates-letters).
 */
export const NI_CATEGORY_LETTERS = [
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'H',
  'I',
  'J',
  'K',
  'L',
  'M',
  'N',
  'S',
  'V',
  'X',
  'Z',
] as const;
export type NiCategoryLetter = (typeof NI_CATEGORY_LETTERS)[number];

/**
 * Class 1 thresholds and limits, as HMRC names them in its NI guidance for software developers:
 * LEL lower earnings limit, PT primary threshold, ST secondary threshold, UEL upper earnings limit,
 * UST upper secondary threshold (under 21), AUST apprentice UST (under 25), VUST veterans UST,
 * FUST Freeport UST, IZUST Investment Zone UST.
 */
export const NI_THRESHOLD_NAMES = ['LEL', 'PT', 'ST', 'UEL', 'UST', 'AUST', 'VUST', 'FUST', 'IZUST'] as const;
export type NiThresholdName = (typeof NI_THRESHOLD_NAMES)[number];

/** The thresholds above which a category's employer pays 0% (up to and including the threshold). */
export type UpperSecondaryThresholdName = Extract<NiThresholdName, 'UST' | 'AUST' | 'VUST' | 'FUST' | 'IZUST'>;

/**
 * One threshold as HMRC publishes it: the annual figure and its weekly and monthly "prescribed equivalents"
 * (whole pounds). Fortnightly, four-weekly and multi-period figures are not published; @dpe/national-insurance
 * derives them from `annual` by HMRC's rule for earnings periods longer than a week or a month.
 */
export interface NiThreshold {
  readonly annual: DecimalText;
  readonly weekly: DecimalText;
  readonly monthly: DecimalText;
}

/** Rates for one category letter, from gov.uk "National Insurance rates and categories" for the year. */
export interface NiCategoryRates {
  readonly meaning: string;
  /** Employee (primary) rate on earnings above the PT up to and including the UEL. */
  readonly employeeMainRate: DecimalText;
  /** Employee (primary) rate on earnings above the UEL. */
  readonly employeeAdditionalRate: DecimalText;
  /** Employer (secondary) rate on earnings above the ST, or above `employerZeroRateUpTo` where set. */
  readonly employerRate: DecimalText;
  /**
   * For letters with employer relief, the employer pays 0% on earnings above the ST up to and including this
   * threshold, then `employerRate` above it.
   */
  readonly employerZeroRateUpTo?: UpperSecondaryThresholdName;
  /**
   * False only for X (e.g. under 16): not an employed earner for Class 1, so no contributions and no earnings
   * bands on the FPS.
   */
  readonly class1Applies: boolean;
}

/** Class 1 National Insurance for one tax year. Every figure cites its source in the tax-year file. */
export interface NationalInsuranceTables {
  readonly thresholds: Readonly<Record<NiThresholdName, NiThreshold>>;
  readonly categories: Readonly<Partial<Record<NiCategoryLetter, NiCategoryRates>>>;
}
