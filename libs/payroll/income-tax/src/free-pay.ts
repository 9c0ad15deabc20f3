import { Money } from '@dpe/money';

/**
 * Free pay (suffix codes) or additional pay (K codes) for ONE period, from the code number, by the "note for
 * programmers" method of HMRC's Specification for PAYE Tax Table Routines v24 §4.3.1 (reference §2.2):
 *
 *   N = q × 500 + r with 1 ≤ r ≤ 500;
 *   period-1 amount = roundUpToPenny(trunc4((10 × r + 9) / p)) + q × roundUpToPenny(trunc4(5000 / p)).
 *
 * The code number is the allowance with its last digit dropped, so "× 10 + 9" restores the top of that £10 range
 * (1257L → £12,579 a year). Splitting off blocks of 500 (£5,000 a year, £96.16 a week, £416.67 a month) is how HMRC's
 * printed tables were built, and the routines keep it so that software and tables agree to the penny.
 * p is 52 for every week-based payroll and 12 for monthly pay. Free pay to date in period n is n × this amount.
 */
export function freePayForOnePeriod(codeNumber: number, periodsInYear: 52 | 12): Money {
  if (codeNumber === 0) return Money.zero;
  const blocks = Math.floor((codeNumber - 1) / 500);
  const remainder = codeNumber - blocks * 500;
  const remainderPay = Money.of(10 * remainder + 9)
    .dividedBy(periodsInYear)
    .truncateToFourDecimalPlaces()
    .roundUpToPenny();
  const blockPay = Money.of(5000).dividedBy(periodsInYear).truncateToFourDecimalPlaces().roundUpToPenny();
  return remainderPay.plus(blockPay.times(blocks));
}
