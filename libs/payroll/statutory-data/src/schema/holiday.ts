/** Exact decimal text ('5.6', '0.1207'), never a JS number: @dpe/holiday-pay turns it into a Decimal. */
type DecimalText = `${number}`;

/** Statutory annual leave for one tax year (Working Time Regulations 1998). Owned by @dpe/holiday-pay. */
export interface HolidayTables {
  /** Weeks of statutory leave a year: 4 weeks (reg 13) plus 1.6 weeks (reg 13A). */
  readonly statutoryWeeks: DecimalText;
  /** Statutory leave is capped at this many days however many days a week are worked (reg 13A(3)). */
  readonly maximumStatutoryDays: DecimalText;
  /**
   * Irregular-hours and part-year workers accrue this fraction of the hours worked in each pay period
   * (reg 15B, for leave years starting on or after 1 April 2024), and the same fraction of pay is the
   * rolled-up holiday pay an employer may pay instead (reg 16A).
   */
  readonly irregularHoursAccrualRate: DecimalText;
  /** The accrual method and rolled-up holiday pay apply to leave years starting on or after this date. */
  readonly irregularHoursLeaveYearsFrom: `${number}-${number}-${number}`;
}
