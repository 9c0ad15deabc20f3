/** AutoEnrolment tables for one tax year. Owned by the auto-enrolment calculator; filled in with that concern. */
export interface AutoEnrolmentTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
