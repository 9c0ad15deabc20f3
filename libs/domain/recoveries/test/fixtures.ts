import type { AccountState } from '@dpe/accounts';
import type { CouncilPolicyRecordedData } from '@dpe/councils';
import { EMPTY_EMPLOYMENT, type EmploymentState } from '@dpe/employment';
import {
  payrollStream,
  type PayRunCompletedData,
  type PaymentRecordedData,
  type PayrollYear,
  type PayslipIssuedData,
} from '@dpe/pay-runs';
import type { BudgetAgreedData, PaHiredData, RecipientState } from '@dpe/recipients';
import type { RecoverableSurplus, SurplusStreams } from '@dpe/recoveries';

/**
 * One recipient's records, small enough to check by hand. Recipient r-1001 of kent, enrolled 1 March 2022, gross
 * budget £400 a week, one PA (e-2001, hired 1 September 2025: under 2 years, so no notice or redundancy exposure).
 *
 *   funding        4 × £1,600.00 (four weeks of £400)                         = 6,400.00
 *   contributions  2 × £100.00                                                 =   200.00
 *   payroll 2026-27: payslips of 30 April and 31 May, £1,000.00 net each;
 *                  runs of tax months 1 and 2, PAYE £250.00 and pension £60.00 each
 *   paid           net pay £1,000.00 (30 April) + £600.00 (31 May)             = 1,600.00
 *                  PAYE of month 1                                             =   250.00
 *                  pension of 30 April                                         =    60.00
 *   other spend    one agency invoice                                          =   320.00
 *
 *   cash        = 6,400.00 + 200.00 − 1,600.00 − 250.00 − 60.00 − 320.00       = 4,370.00
 *   liabilities = net pay 400.00 (31 May) + PAYE 250.00 (month 2) + pension 60.00 (31 May) = 710.00
 *   contingency = 4 weeks × £400.00                                            = 1,600.00
 *   available   = 4,370.00 − 710.00 − 0 (no ring-fence applied) − 1,600.00     = 2,060.00 = surplus
 *   client money = min(contributions 200.00, cash 4,370.00) = 200.00; council money = 4,370.00 − 200.00 = 4,170.00
 *   client share = min(200.00, 2,060.00) = 200.00 (refunded); council share = 2,060.00 − 200.00 = 1,860.00
 */

export const policy: CouncilPolicyRecordedData = {
  councilId: 'kent',
  version: 1,
  effectiveFrom: '2022-03-01',
  contingencyWeeks: 4,
  ringFences: ['unpaid-wages', 'paye-due', 'pension-due'],
  recoveryMethods: ['invoice', 'offset-next-funding'],
  recoveryNoticeDays: 28,
  auditCadenceMonths: 12,
  disallowedCategories: [],
};

export const budget = (version: number, grossWeekly: string, effectiveFrom: string): BudgetAgreedData => ({
  recipientId: 'r-1001',
  version,
  grossWeekly,
  effectiveFrom,
  clientContribution: { amount: '100.00', frequency: 'four-weekly', collection: 'net' },
});

/** A PA with contracted hours on the 5.6-weeks holiday basis. */
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
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2025-09-01',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule: { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2025-09-30', daysInArrears: 0 },
  rates: { standard: '16.00' },
  contractedHoursPerWeek: '25',
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'assess',
  bank: { accountName: 'J Clarke', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
};

export type Enrolled = Extract<RecipientState, { status: 'enrolled' }>;

export const recipient: Enrolled = {
  status: 'enrolled',
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2022-03-01',
  budgets: [budget(1, '400.00', '2022-03-01')],
  roster: [hire],
};

const funding = (amount: string, receivedOn: string, periodTo: string) => ({
  recipientId: 'r-1001',
  amount,
  periodFrom: receivedOn,
  periodTo,
  remittanceReference: `REM-${receivedOn}`,
  receivedOn,
});
const contribution = (amount: string, receivedOn: string) => ({
  recipientId: 'r-1001',
  amount,
  receivedOn,
  periodFrom: null,
  periodTo: null,
  method: 'standing-order' as const,
  reference: 'A MORGAN DP',
});
export const spend = (amount: string, invoiceDate: string, invoiceReference: string) => ({
  recipientId: 'r-1001',
  spendId: `spend-${invoiceReference}`,
  category: 'agency-care' as const,
  payee: 'Acme Home Care Ltd',
  amount,
  invoiceReference,
  invoiceDate,
  dueDate: null,
  description: 'Agency cover',
  policyVersion: 1,
  flag: null,
});

export const account: AccountState = {
  funding: [
    funding('1600.00', '2026-03-02', '2026-03-29'),
    funding('1600.00', '2026-03-30', '2026-04-26'),
    funding('1600.00', '2026-04-27', '2026-05-24'),
    funding('1600.00', '2026-05-25', '2026-06-21'),
  ],
  contributions: [contribution('100.00', '2026-04-06'), contribution('100.00', '2026-05-04')],
  spend: [spend('320.00', '2026-05-01', 'INV-0412')],
};

/** A payslip with the fields the surplus reads; its gross is one hours line. */
export function payslip(options: {
  payDate: string;
  periodStart: string;
  periodEnd: string;
  netPay: string;
  gross?: string;
  employmentId?: string;
  accruedHours?: string;
  takenHours?: string;
  finalPay?: boolean;
  correction?: boolean;
}): PayslipIssuedData {
  const gross = options.gross ?? '1250.00';
  return {
    payslipId: `slip-${options.employmentId ?? 'e-2001'}-${options.payDate}`,
    recipientId: 'r-1001',
    employmentId: options.employmentId ?? 'e-2001',
    payDate: options.payDate,
    periodStart: options.periodStart,
    periodEnd: options.periodEnd,
    correction: options.correction ?? false,
    lines: [
      { kind: 'hours', description: 'Hours', quantity: null, rate: null, amount: gross, taxable: true, source: 't' },
    ],
    gross,
    netPay: options.netPay,
    holiday: { accruedHours: options.accruedHours ?? '0', takenHours: options.takenHours ?? '0' },
    inputs: { timesheetIds: [], absenceIds: [], taxCodeSource: 'hire', finalPay: options.finalPay ?? false },
  } as unknown as PayslipIssuedData;
}

export const run = (payDate: string, taxMonth: number, payeDue: string, pensionDue: string): PayRunCompletedData => ({
  payRunId: `run-${payDate}`,
  recipientId: 'r-1001',
  payDate,
  taxYear: '2026-27',
  taxMonth,
  correction: null,
  payslips: 1,
  held: [],
  netPay: [],
  totals: { gross: '1250.00', netPay: '1000.00', payeDue, employmentAllowance: '0.00', pensionDue },
});

export const payment = (settles: PaymentRecordedData['settles'], amount: string, paidOn: string) => ({
  paymentId: `pay-${JSON.stringify(settles)}-${amount}`,
  recipientId: 'r-1001',
  payee:
    settles.kind === 'net-pay'
      ? ('pa' as const)
      : settles.kind === 'paye'
        ? ('hmrc' as const)
        : ('pension-provider' as const),
  settles,
  amount,
  paidOn,
  reference: 'BACS',
});

export const april = payslip({
  payDate: '2026-04-30',
  periodStart: '2026-04-01',
  periodEnd: '2026-04-30',
  netPay: '1000.00',
});
export const may = payslip({
  payDate: '2026-05-31',
  periodStart: '2026-05-01',
  periodEnd: '2026-05-31',
  netPay: '1000.00',
});

export const payroll2026: PayrollYear = {
  payslips: [april, may],
  held: [],
  runs: [run('2026-04-30', 1, '250.00', '60.00'), run('2026-05-31', 2, '250.00', '60.00')],
  payments: [
    payment({ kind: 'net-pay', employmentId: 'e-2001', payDate: '2026-04-30' }, '1000.00', '2026-04-30'),
    payment({ kind: 'net-pay', employmentId: 'e-2001', payDate: '2026-05-31' }, '600.00', '2026-05-29'),
    payment({ kind: 'paye', taxYear: '2026-27', taxMonth: 1 }, '250.00', '2026-05-20'),
    payment({ kind: 'pension', payDate: '2026-04-30' }, '60.00', '2026-05-15'),
  ],
};

export const employment = (changes: Partial<EmploymentState> = {}): EmploymentState => ({
  ...EMPTY_EMPLOYMENT,
  recipientId: 'r-1001',
  ...changes,
});

/** What prepare finds for r-1001, with any part replaced. */
export const streams = (changes: Partial<SurplusStreams> = {}): SurplusStreams => ({
  recipient,
  policies: { versions: [policy] },
  account,
  payroll: [
    { taxYear: '2025-26', year: payrollStream.initialState },
    { taxYear: '2026-27', year: payroll2026 },
  ],
  employments: { 'e-2001': employment() },
  ...changes,
});

/** The recipient with another roster, budgets or council. */
export const recipientWith = (changes: Partial<Enrolled>): Enrolled => ({ ...recipient, ...changes });

/** The business date of the specs' decisions (@dpe/testing's default now is 2026-06-01T09:00). */
export const ON = '2026-06-01';

/** The hand-computed case of test/fixtures.ts, every component. */
export const HAND_COMPUTED: RecoverableSurplus = {
  on: ON,
  councilId: 'kent',
  policyVersion: 1,
  cash: {
    fundingReceived: '6400.00',
    contributionsReceived: '200.00',
    netPayPaid: '1600.00',
    payePaid: '250.00',
    pensionPaid: '60.00',
    otherSpend: '320.00',
    returnedToCouncil: '0.00',
    balance: '4370.00',
  },
  liabilities: { netPay: '400.00', paye: '250.00', pension: '60.00', finalPay: '0.00', total: '710.00' },
  ringFences: {
    accruedHoliday: {
      applied: false,
      amount: '0.00',
      employments: [
        { employmentId: 'e-2001', accruedHours: '0', takenHours: '0', owedHours: '0', rate: '16.00', amount: '0.00' },
      ],
    },
    noticeAndRedundancy: { applied: false, notice: '0.00', redundancy: '0.00', amount: '0.00', employments: [] },
    earmarks: { applied: false, amount: '0.00' },
    total: '0.00',
  },
  contingency: { weeks: 4, grossWeekly: '400.00', amount: '1600.00' },
  available: '2060.00',
  surplus: '2060.00',
  split: { clientMoney: '200.00', councilMoney: '4170.00', clientShare: '200.00', councilShare: '1860.00' },
};
