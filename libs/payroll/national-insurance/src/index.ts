export { calculateClass1, roundContribution } from './class1';
export type { Class1Input, Class1Contributions, FpsEarningsBands, NiCategoryLetter } from './class1';
export { earningsPeriod, thresholdsForEarningsPeriod } from './earnings-period';
export type { EarningsPeriod, EarningsPeriodThresholds, NiThresholdName } from './earnings-period';
export { employmentAllowanceEntitlement, offsetEmploymentAllowance } from './employment-allowance';
export type {
  EmployerKind,
  EmploymentAllowanceEntitlementInput,
  EmploymentAllowanceEntitlement,
  EmploymentAllowanceOffsetInput,
  EmploymentAllowanceOffset,
} from './employment-allowance';
export { InvalidNationalInsuranceInput } from './errors';
export type { AmountInput } from './inputs';
