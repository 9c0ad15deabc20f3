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
