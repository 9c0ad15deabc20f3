import type { TaxYearId } from '@dpe/tax-calendar';
import type { IncomeTaxTables } from './income-tax';
import type { NationalInsuranceTables } from './national-insurance';
import type { EmploymentAllowanceTables } from './employment-allowance';
import type { StudentLoansTables } from './student-loans';
import type { AutoEnrolmentTables } from './auto-enrolment';
import type { MinimumWageTables } from './minimum-wage';
import type { StatutoryPayTables } from './statutory-pay';
import type { HolidayTables } from './holiday';

export type {
  IncomeTaxTables,
  NationalInsuranceTables,
  EmploymentAllowanceTables,
  StudentLoansTables,
  AutoEnrolmentTables,
  MinimumWageTables,
  StatutoryPayTables,
  HolidayTables,
};

/**
 * Every statutory figure for one tax year. One file per tax year under tax-years/ exports one of these;
 * each figure carries a comment citing the HMRC or gov.uk source it was checked against.
 */
export interface TaxYearTables {
  readonly taxYear: TaxYearId;
  readonly incomeTax: IncomeTaxTables;
  readonly nationalInsurance: NationalInsuranceTables;
  readonly employmentAllowance: EmploymentAllowanceTables;
  readonly studentLoans: StudentLoansTables;
  readonly autoEnrolment: AutoEnrolmentTables;
  readonly minimumWage: MinimumWageTables;
  readonly statutoryPay: StatutoryPayTables;
  readonly holiday: HolidayTables;
}
