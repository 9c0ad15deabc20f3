/** IncomeTax tables for one tax year. Owned by the income-tax calculator; filled in with that concern. */
export interface IncomeTaxTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
