import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import { calculateIncomeTax, type IncomeTaxResult } from '@dpe/income-tax';
import { calculateClass1, type Class1Contributions } from '@dpe/national-insurance';
import { calculateStudentLoans } from '@dpe/student-loans';
import { calculateContributions, type PensionContributions } from '@dpe/pensions';
import { asPeriodInputError, type PeriodInput } from './period-input';

export interface PensionTerms {
  readonly taxRelief: 'relief-at-source' | 'net-pay-arrangement';
  readonly employerRate?: string;
  readonly employeeRate?: string;
}

export interface PeriodCalculationInput extends PeriodInput {
  /** Auto-enrolment pension on qualifying earnings, when the PA is enrolled. */
  readonly pension?: PensionTerms;
}

/** Gross to net for one PA for one pay period: every statutory deduction, and what the employer owes on top. */
export interface PeriodCalculation {
  readonly incomeTax: Money;
  /** Tax deducted in the tax year to date including this period, as the FPS reports it. */
  readonly taxDueToDate: Money;
  readonly employeeNic: Money;
  readonly employerNic: Money;
  readonly studentLoan: Money;
  readonly postgraduateLoan: Money;
  readonly pensionEmployee: Money;
  readonly pensionEmployer: Money;
  readonly netPay: Money;
  readonly tax: IncomeTaxResult;
  readonly nic: Class1Contributions;
  readonly pension: PensionContributions | undefined;
}

/**
 * Runs the statutory calculators in the order payroll applies them. NI and student loans are on gross pay (NI-able
 * earnings); a net pay arrangement pension is taken before tax, relief at source after.
 */
export function calculatePeriod(input: PeriodCalculationInput): PeriodCalculation {
  const tables = asPeriodInputError('taxYear', () => taxYearTables(input.taxYear));

  const pension = input.pension
    ? asPeriodInputError(undefined, () =>
        calculateContributions({
          tables,
          frequency: input.frequency,
          earnings: input.gross,
          taxRelief: input.pension!.taxRelief,
          employerRate: input.pension!.employerRate,
          employeeRate: input.pension!.employeeRate,
        }),
      )
    : undefined;
  const beforeTax = pension?.deductedBeforeTax ?? Money.zero;
  const taxableThisPeriod = input.gross.minus(beforeTax);

  const tax = asPeriodInputError(undefined, () =>
    calculateIncomeTax({
      tables: tables.incomeTax,
      frequency: input.frequency,
      period: input.period,
      taxCode: input.taxCode,
      week1Month1: input.week1Month1,
      grossThisPeriod: taxableThisPeriod,
      taxablePayToDate: input.payToDate.minus(beforeTax),
      taxPaidToDate: input.taxPaidToDate,
    }),
  );
  const nic = asPeriodInputError(undefined, () =>
    calculateClass1({ tables, frequency: input.frequency, category: input.niCategory, grossThisPeriod: input.gross }),
  );
  const loans = asPeriodInputError(undefined, () =>
    calculateStudentLoans({
      tables,
      frequency: input.frequency,
      earningsThisPeriod: input.gross,
      plans: input.studentLoanPlans,
      postgraduate: input.postgraduateLoan,
    }),
  );

  const pensionEmployee = pension ? pension.deductedBeforeTax.plus(pension.deductedFromNetPay) : Money.zero;
  const netPay = input.gross
    .minus(tax.taxThisPeriod)
    .minus(nic.employee)
    .minus(loans.studentLoan)
    .minus(loans.postgraduateLoan)
    .minus(pensionEmployee);

  return {
    incomeTax: tax.taxThisPeriod,
    taxDueToDate: tax.taxToDate,
    employeeNic: nic.employee,
    employerNic: nic.employer,
    studentLoan: loans.studentLoan,
    postgraduateLoan: loans.postgraduateLoan,
    pensionEmployee,
    pensionEmployer: pension?.employerContribution ?? Money.zero,
    netPay,
    tax,
    nic,
    pension,
  };
}

/** The `dpe calc` output: money as strings with two decimals. */
export function calcSummary(
  result: PeriodCalculation,
): Record<'incomeTax' | 'taxDueToDate' | 'employeeNic' | 'employerNic' | 'studentLoan' | 'postgraduateLoan', string> {
  return {
    incomeTax: result.incomeTax.toString(),
    taxDueToDate: result.taxDueToDate.toString(),
    employeeNic: result.employeeNic.toString(),
    employerNic: result.employerNic.toString(),
    studentLoan: result.studentLoan.toString(),
    postgraduateLoan: result.postgraduateLoan.toString(),
  };
}
