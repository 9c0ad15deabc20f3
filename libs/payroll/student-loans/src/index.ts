export { calculateStudentLoans, UNDERGRADUATE_LOAN_PLANS } from './student-loans';
export type { StudentLoanInput, StudentLoanDeductions, UndergraduateLoanPlan } from './student-loans';
export { StudentLoanInputError } from './errors';
