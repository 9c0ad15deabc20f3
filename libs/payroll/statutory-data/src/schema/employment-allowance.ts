import type { DecimalText } from './national-insurance';

/**
 * Employment Allowance for one tax year (National Insurance Contributions Act 2014, ss1-2). It reduces the
 * employer's secondary Class 1 NICs, per employer (not per employee), until used up or the year ends.
 */
export interface EmploymentAllowanceTables {
  /** The most an employer can set against its secondary Class 1 NICs in the tax year (NICA 2014 s1(2)(a)). */
  readonly annualAmount: DecimalText;
  /**
   * Employers whose secondary Class 1 liability in the previous tax year was this amount or more cannot claim
   * (NICA 2014 s2(4B)). Null once repealed (from 6 April 2025).
   */
  readonly previousYearSecondaryLiabilityLimit: DecimalText | null;
  /**
   * Whether the allowance counted as de minimis state aid, so that an employer claiming it had to answer the
   * state aid question on the EPS (NICA 2014 s2(4C)-(4G), repealed from 6 April 2025).
   */
  readonly isDeMinimisStateAid: boolean;
  /**
   * Whether an individual employing a care or support worker (e.g. a Personal Assistant paid from a direct
   * payment) may claim against that worker's secondary NICs, though household employers otherwise cannot
   * (NICA 2014 s2(3A), in force since 6 April 2015).
   */
  readonly careAndSupportEmployersQualify: boolean;
}
