/** Exact decimal text ('123.25', '0.8'), never a JS number: @dpe/statutory-pay turns it into Money or a Rate. */
type DecimalText = `${number}`;

/**
 * Statutory Sick Pay rules for sickness in one tax year (Social Security Contributions and Benefits Act 1992
 * Part XI, as amended from 6 April 2026 by the Employment Rights Act 2025).
 */
export interface SspTables {
  /** The weekly rate (SSCBA 1992 s157(1)); from 2026-27 the most paid, the "flat rate". */
  readonly flatWeeklyRate: DecimalText;
  /**
   * From 6 April 2026 the weekly rate is the lower of the flat rate and this fraction of average weekly
   * earnings ('0.8'). Null where the flat rate is paid to everyone who qualifies.
   */
  readonly earningsRelatedFraction: DecimalText | null;
  /**
   * Average weekly earnings must be at least this (the NI lower earnings limit, SSCBA 1992 Sch 11 para 2(c)) for
   * SSP to be due. Null from 6 April 2026, when the test was removed.
   */
  readonly lowerEarningsLimit: DecimalText | null;
  /** Qualifying days at the start of a period of entitlement for which SSP is not paid (SSCBA 1992 s155(1)). */
  readonly waitingDays: number;
  /**
   * The fewest consecutive days of incapacity that make a period of incapacity for work (SSCBA 1992 s152(2): 4).
   * 1 from 6 April 2026, when SSP became payable for any day of incapacity.
   */
  readonly minimumDaysOfIncapacity: number;
  /** Two periods of incapacity separated by no more than this many days are one period (s152(3): 8 weeks). */
  readonly linkingGapDays: number;
  /** The most SSP in one period of entitlement is this many times the weekly rate (s155(4)). */
  readonly maximumWeeks: number;
}

/** Statutory Maternity Pay rates for one tax year (SSCBA 1992 ss164-166). */
export interface SmpTables {
  /** The prescribed weekly rate after the earnings-related weeks (s166(1)(b)). */
  readonly standardWeeklyRate: DecimalText;
  /** The earnings-related rate is this fraction of normal weekly earnings (s166(2): 90 per cent). */
  readonly earningsRelatedFraction: DecimalText;
  /** Weeks paid at the earnings-related rate (s166(1)(a): the first 6). */
  readonly earningsRelatedWeeks: number;
  /** Weeks in the maternity pay period (SMP (General) Regulations 1986 reg 2(2): 39). */
  readonly payPeriodWeeks: number;
  /** Normal weekly earnings must be at least the NI lower earnings limit (s164(2)(b)). */
  readonly lowerEarningsLimit: DecimalText;
}

/** Statutory payments for one tax year. Owned by @dpe/statutory-pay. */
export interface StatutoryPayTables {
  readonly ssp: SspTables;
  readonly smp: SmpTables;
}
