/** StudentLoans tables for one tax year. Owned by the student-loans calculator; filled in with that concern. */
export interface StudentLoansTables {
  /** Placeholder until the section is defined. */
  readonly pending?: true;
}
