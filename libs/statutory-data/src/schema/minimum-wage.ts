/** MinimumWage tables for one tax year. Owned by the minimum-wage calculator; filled in with that concern. */
export interface MinimumWageTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
