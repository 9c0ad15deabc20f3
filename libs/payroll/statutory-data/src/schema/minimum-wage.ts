/** Exact decimal text ('12.71'), never a JS number: @dpe/minimum-wage turns it into Money. */
type DecimalText = `${number}`;

/**
 * The National Minimum Wage Regulations 2015 rate bands since 1 April 2024: the National Living Wage from 21
 * (reg 4), 18 to 20 and under 18 (reg 4A(1)(b),(c)), and the apprenticeship rate (reg 4A(1)(d), reg 5).
 */
export type MinimumWageBand = '21-and-over' | '18-to-20' | 'under-18' | 'apprentice';

/** Hourly rates in force from one effective date. */
export type MinimumWageRates = Readonly<Record<MinimumWageBand, DecimalText>>;

/** ISO calendar date ("2026-04-01"). */
type EffectiveDate = `${number}-${number}-${number}`;

/**
 * NMW/NLW rates for one tax year. Owned by @dpe/minimum-wage.
 * Rates change on 1 April, which is not a tax-year boundary (1 April 2026 falls in the last tax week of 2025-26),
 * so they are keyed by the date they take effect. Each April's change is filed under the tax year named for that
 * April (the April 2026 rates in 2026-27), as gov.uk's "Rates and thresholds for employers" does; the filing
 * does not affect any result, because @dpe/minimum-wage merges every year's changes into one timeline and picks
 * the latest change on or before the first day of the pay reference period (NMW Regulations 2015 reg 4B).
 */
export interface MinimumWageTables {
  readonly ratesEffectiveFrom: Readonly<Partial<Record<EffectiveDate, MinimumWageRates>>>;
}
