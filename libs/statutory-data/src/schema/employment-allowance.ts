/** EmploymentAllowance tables for one tax year. Owned by the employment-allowance calculator; filled in with that concern. */
export interface EmploymentAllowanceTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
