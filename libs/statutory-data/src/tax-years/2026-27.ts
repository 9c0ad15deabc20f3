import type { TaxYearTables } from '../schema';

/** Statutory figures for tax year 2026-27. Each figure cites its source beside it. */
const tables: TaxYearTables = {
  taxYear: '2026-27',
  // ---- incomeTax (owned by @dpe/income-tax) ----
  incomeTax: {},
  // ---- nationalInsurance (owned by @dpe/national-insurance) ----
  nationalInsurance: {},
  // ---- employmentAllowance (owned by @dpe/national-insurance) ----
  employmentAllowance: {},
  // ---- studentLoans (owned by @dpe/student-loans) ----
  studentLoans: {},
  // ---- autoEnrolment (owned by @dpe/pensions) ----
  autoEnrolment: {},
  // ---- minimumWage (owned by @dpe/minimum-wage) ----
  minimumWage: {},
  // ---- statutoryPay (owned by @dpe/statutory-pay) ----
  statutoryPay: {},
  // ---- holiday (owned by @dpe/holiday-pay) ----
  holiday: {},
};

export default tables;
