/**
 * Stored history the API specs start from (appended with `api.given`), in the shape the commands record it today.
 */

/** PaHired, version 1: a weekly PA from 6 April 2026 at £13.50 an hour, accruing holiday, pension assessed. */
export function paHired(recipientId: string, employmentId: string, forename = 'Sam') {
  return {
    recipientId,
    employmentId,
    payrollId: employmentId,
    pa: {
      forename,
      surname: 'Clarke',
      nationalInsuranceNumber: null,
      dateOfBirth: '1990-03-14',
      gender: 'M',
      address: { lines: ['1 High Street'], postcode: null },
    },
    startDate: '2026-04-06',
    starter: { kind: 'statement', statement: 'A' },
    taxCode: '1257L',
    week1Month1: false,
    niCategory: 'A',
    studentLoanPlans: [],
    postgraduateLoan: false,
    schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
    rates: { standard: '13.50' },
    contractedHoursPerWeek: null,
    holiday: { basis: 'accrual', rolledUp: false },
    pension: 'assess',
    // VocaLink's published valid example (modulus checking spec §4, case 1): a payment file checks every account.
    bank: { accountName: `${forename} Clarke`, sortCode: '089999', accountNumber: '66374958' },
    warnings: [],
  };
}

/**
 * PayslipIssued, version 1: a monthly payslip paid on 30 April 2026, £500.00 gross (40 hours × £12.50), £40.00 tax,
 * £20.00 employee NI, £440.00 net; the figures are the fixture's own, not worked out (specs of access, not of pay).
 */
export function payslipIssued(
  recipientId: string,
  employmentId: string,
  ids: { readonly payslipId: string; readonly payRunId: string },
) {
  return {
    ...ids,
    recipientId,
    employmentId,
    payrollId: 'P1',
    payDate: '2026-04-30',
    taxYear: '2026-27',
    frequency: 'monthly',
    taxPeriod: 1,
    periodStart: '2026-04-06',
    periodEnd: '2026-05-05',
    correction: false,
    lines: [
      {
        kind: 'hours',
        description: 'standard hours',
        quantity: '40',
        rate: '12.50',
        amount: '500.00',
        taxable: true,
        source: 't',
      },
    ],
    gross: '500.00',
    taxablePay: '500.00',
    niablePay: '500.00',
    taxCode: '1257L',
    week1Month1: false,
    niCategory: 'A',
    deductions: {
      incomeTax: '40.00',
      employeeNic: '20.00',
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      pensionEmployee: '0.00',
    },
    employer: { employerNic: '30.00', employmentAllowance: '0.00', pensionEmployer: '0.00' },
    niBands: { atLel: '0.00', lelToPt: '0.00', ptToUel: '0.00' },
    netPay: '440.00',
    ytd: {
      gross: '500.00',
      taxablePay: '500.00',
      tax: '40.00',
      employeeNic: '20.00',
      employerNic: '30.00',
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      pensionEmployee: '0.00',
      pensionEmployer: '0.00',
      ssp: '0.00',
    },
    pension: { assessment: 'not-assessed', enrolled: false },
    holiday: { accruedHours: '0.00', takenHours: '0.00' },
    minimumWage: { requiredRate: '12.71', hours: '40', pay: '500.00' },
    inputs: { timesheetIds: [], absenceIds: [], taxCodeSource: 'hire', finalPay: false },
    paidTo: { sortCode: '123456', accountEnding: '5678' },
  };
}
