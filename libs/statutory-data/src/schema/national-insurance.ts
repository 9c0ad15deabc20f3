/** NationalInsurance tables for one tax year. Owned by the national-insurance calculator; filled in with that concern. */
export interface NationalInsuranceTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
