import { DomainError } from '@dpe/errors';
import { checkMinimumWage, MinimumWageInputError, type MinimumWageBand } from '@dpe/minimum-wage';
import type { PayRates, RateKind } from '@dpe/recipients';

/**
 * The hourly rate kinds held to the National Minimum Wage / National Living Wage. `sleep-in` is not among them: it is a
 * flat amount per night, and the hours a sleep-in worker is permitted to sleep are not time work for the minimum wage
 * (Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8), so an hourly check of it would refuse lawful pay.
 */
export const HOURLY_RATE_KINDS = [
  'standard',
  'night',
  'weekend',
  'bank-holiday',
] as const satisfies readonly RateKind[];

const BAND_NAMES: Readonly<Record<MinimumWageBand, string>> = {
  '21-and-over': 'National Living Wage (21 and over)',
  '18-to-20': 'National Minimum Wage for 18 to 20',
  'under-18': 'National Minimum Wage for under 18',
  apprentice: 'apprentice rate',
};

/**
 * Why the rates cannot be paid to a PA born on `dateOfBirth` from `on`, or undefined when every hourly rate is at least
 * the minimum wage for the PA's age then (uk-payroll-rules.md §6, https://www.gov.uk/national-minimum-wage-rates, read
 * there via a mirror: the NLW from 21 since 1 April 2024; rates change each 1 April). The rate and the age
 * band are those in force on `on`, as for a pay reference period starting that day (NMW Regulations 2015 reg 4B, as
 * @dpe/minimum-wage applies it). Every hourly kind given is checked; the first below the minimum is named.
 */
export function minimumRateProblem(rates: PayRates, dateOfBirth: string, on: string): DomainError | undefined {
  for (const kind of HOURLY_RATE_KINDS) {
    const rate = rates[kind];
    if (rate === undefined) continue;
    let check: ReturnType<typeof checkMinimumWage>;
    try {
      // One hour at the rate against the minimum for one hour: compliance is decided on exact decimals.
      check = checkMinimumWage({ dateOfBirth, periodStart: on, periodEnd: on, hoursWorked: '1', pay: rate });
    } catch (error) {
      if (!(error instanceof MinimumWageInputError)) throw error;
      return new DomainError(
        'rule',
        'employment.minimum-wage-unchecked',
        `rates.${kind}: the minimum wage cannot be checked for ${on}: ${error.message}`,
      );
    }
    if (!check.compliant) {
      return new DomainError(
        'rule',
        'employment.rate-below-minimum-wage',
        `rates.${kind}: £${rate} an hour is below the ${BAND_NAMES[check.ageBand]} of £${check.requiredRate.toString()} an hour in force from ${check.ratesEffectiveFrom}, for a PA aged ${check.ageOnPeriodStart} on ${on}`,
      );
    }
  }
  return undefined;
}
