/** Holiday tables for one tax year. Owned by the holiday calculator; filled in with that concern. */
export interface HolidayTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
