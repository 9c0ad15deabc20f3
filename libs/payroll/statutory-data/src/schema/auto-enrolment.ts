import type { PayFrequency } from '@dpe/tax-calendar';

/** Exact decimal text ('6240', '0.03'), never a JS number: @dpe/pensions turns it into Money or a Rate. */
type DecimalText = `${number}`;

/**
 * The three automatic-enrolment earnings thresholds for one pay reference period (Pensions Act 2008 s3(1)(c)
 * earnings trigger; s13(1) lower and upper limits of the qualifying earnings band).
 */
export interface AutoEnrolmentThresholds {
  /** Qualifying earnings are the part of earnings MORE than this (s13(1)(a)). */
  readonly qualifyingEarningsLowerLimit: DecimalText;
  /** An eligible jobholder's earnings are MORE than this (s3(1)(c)). */
  readonly earningsTrigger: DecimalText;
  /** Qualifying earnings stop at this amount (s13(1)(b): "not more than"). */
  readonly qualifyingEarningsUpperLimit: DecimalText;
}

/** Automatic enrolment for one tax year. Owned by @dpe/pensions. */
export interface AutoEnrolmentTables {
  readonly annual: AutoEnrolmentThresholds;
  /**
   * The rounded per-period figures the Automatic Enrolment (Earnings Trigger and Qualifying Earnings Band)
   * Order prescribes and TPR publishes, one per pay frequency the engine runs. They are NOT annual / 52 or
   * / 12 (e.g. the monthly trigger is £833, not £833.33), so they are stored, never derived.
   */
  readonly perPayReferencePeriod: Readonly<Record<PayFrequency, AutoEnrolmentThresholds>>;
  /** Statutory minimum employer contribution on qualifying earnings (Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010 reg 32E/32J). */
  readonly minimumEmployerRate: DecimalText;
  /** Statutory minimum total contribution, employer plus jobholder including tax relief. */
  readonly minimumTotalRate: DecimalText;
  /**
   * Basic rate of income tax, which a relief-at-source scheme reclaims from HMRC on the member's behalf: the
   * member pays (1 - rate) of their gross contribution (Finance Act 2004 s192).
   */
  readonly reliefAtSourceBasicRate: DecimalText;
}
