import { DecimalOf, Money, type MoneyInput } from '@dpe/money';
import type { TaxYearTables } from '@dpe/statutory-data';
import { readMoney, readObject, readTables } from './inputs';

export interface SmpInput {
  /** The tables of the tax year whose rates apply to the maternity pay period. */
  readonly tables: TaxYearTables;
  /** Normal weekly earnings over the 8 weeks before the qualifying week, in pounds, unrounded. */
  readonly averageWeeklyEarnings: MoneyInput;
}

export interface SmpResult {
  readonly entitled: boolean;
  readonly reason?: string;
  /** 90% of average weekly earnings, rounded up to the next penny (SMP (General) Regulations 1986 reg 28). */
  readonly earningsRelatedRate: Money;
  /** The amount for each week of the 39-week maternity pay period, week 1 first. */
  readonly weeks: readonly Money[];
  readonly total: Money;
}

/**
 * Statutory Maternity Pay for the whole maternity pay period (SSCBA 1992 s166; HMRC SPM220400): the earnings-related
 * rate (90% of average weekly earnings) for the first 6 weeks, then the lower of the standard rate and the
 * earnings-related rate for the remaining 33. An employee whose average weekly earnings are below the lower
 * earnings limit is not entitled (s164(2)(b)).
 *
 * Not modelled: uprating of the standard rate part-way through the period (from the first full SMP week after the
 * first Sunday in April), partial weeks, and the continuous-employment and notice conditions.
 */
export function calculateSmp(input: SmpInput): SmpResult {
  const raw = readObject(input);
  const tables = readTables(raw['tables']);
  const rules = tables.statutoryPay.smp;
  const awe = readMoney(raw['averageWeeklyEarnings'], 'averageWeeklyEarnings');
  const earningsRelatedRate = awe.times(new DecimalOf(rules.earningsRelatedFraction)).roundUpToPenny();
  if (awe.lessThan(rules.lowerEarningsLimit)) {
    return {
      entitled: false,
      reason: `average weekly earnings £${awe.toString()} are below the lower earnings limit £${Money.of(rules.lowerEarningsLimit).toString()}`,
      earningsRelatedRate,
      weeks: [],
      total: Money.zero,
    };
  }
  const later = Money.min(Money.of(rules.standardWeeklyRate), earningsRelatedRate);
  const weeks = Array.from({ length: rules.payPeriodWeeks }, (_, i) =>
    i < rules.earningsRelatedWeeks ? earningsRelatedRate : later,
  );
  return { entitled: true, earningsRelatedRate, weeks, total: Money.sum(weeks) };
}
