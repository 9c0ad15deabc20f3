/** StatutoryPay tables for one tax year. Owned by the statutory-pay calculator; filled in with that concern. */
export interface StatutoryPayTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
