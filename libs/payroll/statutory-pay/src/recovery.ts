import { InvalidInput } from '@dpe/errors';
import { Money, rate, type Rate } from '@dpe/money';

/**
 * How much of the statutory pay an employer pays it takes back from HMRC, and how (on the EPS): the rates by tax year
 * and the rounding. Moved here from the P32 view so that the EPS (libs/domain/filings) and the P32 use one rule.
 * "§n" names the section of the team's payroll research notes (uk-payroll-rules.md) where the source was gathered.
 */

/**
 * Statutory pay the employer recovers through the EPS: SMP and SPP (the payslip lines of kind 'smp' and 'spp'). SSP
 * is not recoverable: "Small employers cannot recover SSP (the recovery scheme is no longer available)" §5.1
 * (https://help-iris.co.uk/payroll/every/payroll-guides/hmrc-rates.htm).
 */
export const RECOVERABLE_STATUTORY_PAY = ['smp', 'spp'] as const;

/**
 * Normal recovery of SMP and SPP is 92%. §5.2 "Recovery through the EPS"
 * (https://www.gov.uk/recover-statutory-payments).
 */
export const STANDARD_RECOVERY_RATE = '0.92';

/**
 * Small Employers' Relief: a scheme whose Class 1 NICs (ignoring the Employment Allowance) were £45,000 or less in the
 * last complete tax year before the qualifying week recovers 100% plus compensation. §5.2 "Recovery through the EPS"
 * (https://www.bookkeepers.org.uk/resources/news/payroll/-small-employers-relief-rate/a/10513).
 */
export const SMALL_EMPLOYERS_RELIEF_NIC_LIMIT = '45000.00';

/**
 * Total recovery under Small Employers' Relief, by tax year: 103% in 2024/25, 108.5% in 2025/26, 109% in 2026/27
 * (announced by HMRC SDST on 21 Jan 2026). §5.2, table "Total SER recovery"
 * (https://hrcentre.uk.brightmine.com/legal-timetable/increase-to-the-percentage-of-statutory-family-related-pay-small-employers-can-recoup/167607 ;
 * https://www.bookkeepers.org.uk/resources/news/payroll/-small-employers-relief-rate/a/10513 ;
 * https://www.thepayrollcentre.co.uk/news/small-employers-relief-boost). The 103% (100% + 3%) is 2024/25's only.
 */
export const SMALL_EMPLOYERS_RELIEF_RATES: Readonly<Record<string, string>> = {
  '2024-25': '1.03',
  '2025-26': '1.085',
  '2026-27': '1.09',
};

/** A tax year with statutory pay to recover but no Small Employers' Relief rate held for it. */
export class RecoveryRateNotHeld extends InvalidInput {
  constructor(taxYear: string) {
    super(
      'taxYear',
      `no Small Employers' Relief recovery rate is held for tax year ${taxYear} (rates are held for ${Object.keys(SMALL_EMPLOYERS_RELIEF_RATES).join(', ')})`,
      taxYear,
    );
  }
}

/** The share of SMP/SPP paid in a tax year that the employer recovers: 92%, or the year's SER rate (§5.2). */
export function statutoryPayRecoveryRate(taxYear: string, smallEmployersRelief: boolean): Rate {
  if (!smallEmployersRelief) return rate(STANDARD_RECOVERY_RATE);
  const relief = SMALL_EMPLOYERS_RELIEF_RATES[taxYear];
  if (relief === undefined) throw new RecoveryRateNotHeld(taxYear);
  return rate(relief);
}

/**
 * ASSUMPTION: every employer qualifies for Small Employers' Relief. The test (§5.2) is the scheme's Class 1 NICs in
 * the last complete tax year before the SMP/SPP qualifying week, which the events cannot give: the qualifying week is
 * not on the payslip, and the previous year's payroll may predate the bureau. §5.2: "Almost every Direct Payment
 * employer will qualify for SER" (one or two Personal Assistants pay nowhere near £45,000 of Class 1 NICs a year).
 */
export const ASSUME_SMALL_EMPLOYERS_RELIEF = true;

/**
 * What is recovered of one kind of statutory pay paid in a tax month: the month's total of that kind times the rate,
 * to the nearest penny (half a penny up). ASSUMPTION: the rounding is not given by the reference; the month's total is
 * rounded once (not each payslip) and SMP and SPP separately, as the EPS reports each kind on its own.
 */
export function recovered(paid: Money, recoveryRate: Rate): Money {
  return paid.times(recoveryRate).roundHalfUpToPenny();
}
