import type { EmploymentPrepared } from '@dpe/employment';
import type { PaHiredData, RecipientState } from '@dpe/recipients';

/** A PA hired by recipient r-1001 (of kent) from 6 April 2026, as PaHired records it on the recipient's stream. */
export const hire: PaHiredData = {
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  payrollId: 'e-2001',
  pa: {
    forename: 'Jamie',
    surname: 'Clarke',
    nationalInsuranceNumber: 'QQ123456C',
    dateOfBirth: '1990-03-14',
    gender: 'F',
    address: { lines: ['1 High Street', 'Maidstone'], postcode: 'ME14 1XX' },
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
  contractedHoursPerWeek: '20',
  holiday: { basis: 'accrual', rolledUp: false },
  pension: 'assess',
  bank: { accountName: 'J Clarke', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
};

/** The recipient as `prepare` loads it, with the given hires on its roster. */
export function recipientWith(...roster: PaHiredData[]): RecipientState {
  return {
    status: 'enrolled',
    budgets: [],
    roster,
    recipientId: 'r-1001',
    councilId: 'kent',
    recipientType: 'adult',
    name: 'Alex Morgan',
    representative: null,
    accountType: 'managed-account',
    employerReferences: null,
    enrolledOn: '2026-01-05',
  };
}

/** What every employment command's `prepare` finds unless a spec says otherwise. */
export const prepared: EmploymentPrepared = { recipient: recipientWith(hire) };

/** The identity of every command's input. */
export const ids = { recipientId: 'r-1001', employmentId: 'e-2001' } as const;

/** A leaver on 31 August 2026, for refusals after the employment ended. */
export const leftOn31August = {
  type: 'LeaverRecorded',
  data: {
    ...ids,
    leavingDate: '2026-08-31',
    reason: 'resignation',
    finalPay: { noticePay: null, holidayOwed: null, statutoryRedundancyPay: null },
  },
} as const;
