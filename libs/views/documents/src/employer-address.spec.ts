import type { DomainEvent, QueryContext, StreamDeclaration } from '@dpe/decider';
import { employmentStream, type LeaverRecordedData } from '@dpe/employment';
import { payrollStream, type PayslipIssuedData } from '@dpe/pay-runs';
import {
  recipientStream,
  type EmployerRegisteredData,
  type PaHiredData,
  type RecipientEnrolledData,
  type RecipientEvent,
} from '@dpe/recipients';
import { showP45, showP60 } from './queries';

/**
 * The employer block of the P45 and P60 from the recipient's stream: the address register-as-employer recorded, or
 * blank when none is held (a registration without one, or one recorded before the field existed).
 */
const enrolled: RecipientEnrolledData = {
  recipientId: 'r-1',
  councilId: 'leeds',
  recipientType: 'adult',
  name: 'Jane Smith',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-04-01',
};
const registered: EmployerRegisteredData = {
  recipientId: 'r-1',
  payeReference: '123/AB45678',
  accountsOfficeReference: '123PW12345678',
  employmentAllowance: true,
  pensionScheme: null,
  employersLiabilityInsurance: null,
  bureauActsAsAgent: true,
  registeredOn: '2026-04-01',
  warnings: [],
};
const address = { lines: ['1 High Street', 'Leeds'], postcode: 'LS1 1AA' };
const hire: PaHiredData = {
  recipientId: 'r-1',
  employmentId: 'e-1',
  payrollId: 'PA-007',
  pa: {
    forename: 'Alex',
    surname: 'Taylor',
    nationalInsuranceNumber: 'QQ123456C',
    dateOfBirth: '1990-03-14',
    gender: 'F',
    address: { lines: ['22 Acacia Avenue', 'Bradford'], postcode: 'BD1 2CD' },
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
  bank: { accountName: 'A Taylor', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
};
const finalPayslip: PayslipIssuedData = {
  payslipId: 'ps-1',
  payRunId: 'run-1',
  recipientId: 'r-1',
  employmentId: 'e-1',
  payrollId: 'PA-007',
  payDate: '2026-04-10',
  taxYear: '2026-27',
  frequency: 'weekly',
  taxPeriod: 1,
  periodStart: '2026-04-04',
  periodEnd: '2026-04-10',
  correction: false,
  lines: [
    {
      kind: 'hours',
      description: 'standard hours',
      quantity: '20',
      rate: '13.50',
      amount: '270.00',
      taxable: true,
      source: 't-1',
    },
  ],
  gross: '270.00',
  taxablePay: '270.00',
  niablePay: '270.00',
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  deductions: {
    incomeTax: '5.60',
    employeeNic: '0.00',
    studentLoan: '0.00',
    postgraduateLoan: '0.00',
    pensionEmployee: '0.00',
  },
  employer: { employerNic: '0.00', employmentAllowance: '0.00', pensionEmployer: '0.00' },
  niBands: { atLel: '270.00', lelToPt: '0.00', ptToUel: '0.00' },
  netPay: '264.40',
  ytd: {
    gross: '270.00',
    taxablePay: '270.00',
    tax: '5.60',
    employeeNic: '0.00',
    employerNic: '0.00',
    studentLoan: '0.00',
    postgraduateLoan: '0.00',
    pensionEmployee: '0.00',
    pensionEmployer: '0.00',
    ssp: '0.00',
  },
  pension: { assessment: 'not-assessed', enrolled: false },
  holiday: { accruedHours: '0.00', takenHours: '0.00' },
  minimumWage: { requiredRate: '12.71', hours: '20', pay: '270.00' },
  inputs: { timesheetIds: ['t-1'], absenceIds: [], taxCodeSource: 'hire', finalPay: true },
  paidTo: { sortCode: '123456', accountEnding: '5678' },
};
const leaver: LeaverRecordedData = {
  recipientId: 'r-1',
  employmentId: 'e-1',
  leavingDate: '2026-04-10',
  reason: 'resignation',
  finalPay: { noticePay: null, holidayOwed: null, statutoryRedundancyPay: null },
};

const fold = <Event extends DomainEvent, State>(stream: StreamDeclaration<Event, State>, events: readonly Event[]) =>
  events.reduce(stream.evolve, stream.initialState);

/** The query's context with only `load`, over the recipient's stream as given and the fixed employment and payroll. */
function contextWith(registration: EmployerRegisteredData): QueryContext {
  const recipient: RecipientEvent[] = [
    { type: 'RecipientEnrolled', data: enrolled },
    { type: 'EmployerRegistered', data: registration },
    { type: 'PaHired', data: hire },
  ];
  const states: Record<string, unknown> = {
    recipient: fold(recipientStream, recipient),
    employment: fold(employmentStream, [{ type: 'LeaverRecorded', data: leaver }]),
    payroll: fold(payrollStream, [{ type: 'PayslipIssued', data: finalPayslip }]),
  };
  const load = (stream: { name: string }) => Promise.resolve(states[stream.name]);
  return { load } as unknown as QueryContext;
}

const p45Employer = async (registration: EmployerRegisteredData) =>
  (await showP45.run({ recipientId: 'r-1', employmentId: 'e-1' }, contextWith(registration))).document.employer;
const p60Employer = async (registration: EmployerRegisteredData) =>
  (await showP60.run({ recipientId: 'r-1', employmentId: 'e-1', taxYear: '2026-27' }, contextWith(registration)))
    .document.employer;

describe("the P45's and P60's employer", () => {
  it('carries the address and postcode register-as-employer recorded', async () => {
    const expected = {
      name: 'Jane Smith',
      address: ['1 High Street', 'Leeds'],
      postcode: 'LS1 1AA',
      payeReference: '123/AB45678',
    };
    expect(await p45Employer({ ...registered, address })).toEqual(expected);
    expect(await p60Employer({ ...registered, address })).toEqual(expected);
  });

  it('leaves the address blank when the registration holds none (as every registration before the field did)', async () => {
    const expected = { name: 'Jane Smith', address: [], postcode: '', payeReference: '123/AB45678' };
    expect(await p45Employer(registered)).toEqual(expected);
    expect(await p60Employer(registered)).toEqual(expected);
  });
});
