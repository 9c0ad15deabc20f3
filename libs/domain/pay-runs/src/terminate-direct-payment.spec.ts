import type { DomainEvent, PrepareContext, StreamDeclaration } from '@dpe/decider';
import { EMPTY_EMPLOYMENT, payPeriodFor, type EmploymentState, type LeaverRecordedData } from '@dpe/employment';
import { EngineError } from '@dpe/errors';
import {
  payrollStream,
  prepareTermination,
  recordPayment,
  runPayroll,
  terminateDirectPayment,
  type PayRunCompletedData,
  type PayrollEvent,
  type PayrollYear,
  type PayslipIssuedData,
  type TerminationPrepared,
} from '@dpe/pay-runs';
import type { EmployerRegisteredData, PaHiredData, RecipientEnrolledData, RecipientState } from '@dpe/recipients';
import { commandSpec } from '@dpe/testing';
import type { Timesheet } from '@dpe/timesheets';

const enrolled: RecipientEnrolledData = {
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-03-01',
};
const employer: EmployerRegisteredData = {
  recipientId: 'r-1001',
  payeReference: '123/AB456',
  accountsOfficeReference: '123PW12345678',
  employmentAllowance: false,
  pensionScheme: null,
  employersLiabilityInsurance: null,
  bureauActsAsAgent: true,
  registeredOn: '2026-03-01',
  warnings: [],
};
/** A PA paid monthly on the last working day, from 1 April 2026. */
const hire: PaHiredData = {
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
  startDate: '2026-04-01',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule: { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2026-04-30', daysInArrears: 0 },
  rates: { standard: '13.50' },
  contractedHoursPerWeek: null,
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'opted-out',
  bank: { accountName: 'J Clarke', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
};

const history = [{ type: 'RecipientEnrolled', data: enrolled }];
const employerHistory = [...history, { type: 'EmployerRegistered', data: employer }];
const withPa = [...employerHistory, { type: 'PaHired', data: hire }];
const termination = { recipientId: 'r-1001', on: '2026-07-31', reason: 'moved into residential care' };
const force = { reason: 'the recipient died; the estate settles the rest', approver: 'P. Shah, DP finance lead' };

const leaver = (leavingDate: string): EmploymentState => ({
  ...EMPTY_EMPLOYMENT,
  recipientId: 'r-1001',
  leaver: {
    recipientId: 'r-1001',
    employmentId: 'e-2001',
    leavingDate,
    reason: 'employer-died',
    finalPay: { noticePay: '540.00', holidayOwed: null, statutoryRedundancyPay: null },
  } satisfies LeaverRecordedData,
});

const fold = (events: readonly DomainEvent[]): PayrollYear =>
  events.reduce((state, event) => payrollStream.evolve(state, event as PayrollEvent), payrollStream.initialState);

/** What prepare found: the payroll of 2026-27 (and an empty 2025-26), and the PA's employment. */
const found = (year: PayrollYear, employment?: EmploymentState): { prepared: TerminationPrepared } => ({
  prepared: {
    payroll: [
      { taxYear: '2025-26', year: payrollStream.initialState },
      { taxYear: '2026-27', year },
    ],
    employments: employment ? { 'e-2001': employment } : {},
  },
});
const nothing = found(payrollStream.initialState);

/** A run's completion with only the totals a liability check reads. */
const completed = (payDate: string, taxMonth: number, payeDue: string, pensionDue: string) => ({
  type: 'PayRunCompleted',
  data: {
    payRunId: `run-${payDate}`,
    recipientId: 'r-1001',
    payDate,
    taxYear: '2026-27',
    taxMonth,
    correction: null,
    payslips: 1,
    held: [],
    netPay: [],
    totals: { gross: '1000.00', netPay: '800.00', payeDue, employmentAllowance: '0.00', pensionDue },
  } satisfies PayRunCompletedData,
});
/** A payslip with only the fields a liability check reads. */
const payslip = (payDate: string, netPay: string, finalPay = false) => ({
  type: 'PayslipIssued',
  data: { employmentId: 'e-2001', payDate, netPay, inputs: { finalPay } } as unknown as PayslipIssuedData,
});
const payment = (settles: unknown, amount: string) => ({
  type: 'PaymentRecorded',
  data: { paymentId: `p-${amount}`, recipientId: 'r-1001', settles, amount, paidOn: '2026-07-01', reference: 'x' },
});

const spec = commandSpec(terminateDirectPayment);

function refusal(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
const refusedWith = (given: readonly { type: string; data: unknown }[], options: { prepared: TerminationPrepared }) =>
  refusal(() => spec.given(given).when(termination, options).events());

describe('terminate a Direct Payment', () => {
  it('given an enrolled recipient who owes nothing, when terminated, then DirectPaymentTerminated is not forced', () => {
    spec
      .given(history)
      .when(termination, nothing)
      .then([{ type: 'DirectPaymentTerminated', data: { ...termination, forced: null } }]);
  });

  it('refuses a recipient not enrolled (not found), a second termination (conflict), a date before the enrolment', () => {
    spec.given([]).when(termination, nothing).thenError('recipient.not-found', 'not-found');
    const again = spec
      .given([...history, { type: 'DirectPaymentTerminated', data: { ...termination, forced: null } }])
      .when({ ...termination, on: '2026-08-01' }, nothing);
    again.thenError('direct-payment.already-terminated', 'conflict');
    expect(refusal(() => again.events()).message).toBe('the Direct Payment was already terminated on 2026-07-31');
    const early = spec.given(history).when({ ...termination, on: '2026-02-28' }, nothing);
    early.thenError('direct-payment.before-enrolment', 'rule');
    expect(refusal(() => early.events()).message).toBe('on must not be before the enrolment on 2026-03-01');
  });

  it('terminates a suspended Direct Payment', () => {
    const suspended = {
      type: 'DirectPaymentSuspended',
      data: { recipientId: 'r-1001', on: '2026-06-01', reason: 'x' },
    };
    spec
      .given([...history, suspended])
      .when(termination, nothing)
      .then([{ type: 'DirectPaymentTerminated', data: { ...termination, forced: null } }]);
  });

  it('refuses while a PA on the roster has no leaver: notice and final pay are outstanding', () => {
    const error = refusedWith(withPa, found(payrollStream.initialState, { ...EMPTY_EMPLOYMENT }));
    expect(error).toMatchObject({ kind: 'rule', code: 'direct-payment.liabilities-outstanding' });
    expect(error.message).toBe(
      'the Direct Payment cannot end while the employer still owes: employment e-2001 has not ended: no leaver is ' +
        'recorded, so notice and final pay are outstanding. Settle them first, or terminate with force naming the ' +
        'council officer who approved it',
    );
    // A PA hired after prepare read the roster has no employment stream yet: still not ended.
    expect(refusedWith(withPa, nothing).message).toContain('employment e-2001 has not ended');
  });

  it("refuses while a leaver's final pay has not been issued, and allows it once a final payslip is", () => {
    const left = leaver('2026-06-30');
    expect(refusedWith(withPa, found(payrollStream.initialState, left)).message).toContain(
      'final pay of employment e-2001 (left on 2026-06-30) has not been issued by a pay run',
    );
    // A payslip that is not the final one does not settle it.
    expect(refusedWith(withPa, found(fold([payslip('2026-05-29', '0.00')]), left)).message).toContain(
      'final pay of employment e-2001',
    );
    spec
      .given(withPa)
      .when(termination, found(fold([payslip('2026-06-30', '0.00', true)]), left))
      .then([{ type: 'DirectPaymentTerminated', data: { ...termination, forced: null } }]);
  });

  it("refuses while a PA's net pay for a pay date is unpaid, naming the amount; a part payment leaves the rest", () => {
    const slip = payslip('2026-06-30', '412.50', true);
    expect(refusedWith(history, found(fold([slip]))).message).toContain(
      'net pay £412.50 to the PA of employment e-2001 for pay date 2026-06-30',
    );
    const part = payment({ kind: 'net-pay', employmentId: 'e-2001', payDate: '2026-06-30' }, '400.00');
    expect(refusedWith(history, found(fold([slip, part]))).message).toContain(
      'net pay £12.50 to the PA of employment e-2001 for pay date 2026-06-30',
    );
  });

  it('refuses while PAYE for a tax month or pension for a pay date is owed, listing every liability', () => {
    const year = fold([
      completed('2026-05-29', 2, '100.00', '0.00'),
      completed('2026-06-30', 3, '123.45', '40.00'),
      payment({ kind: 'paye', taxYear: '2026-27', taxMonth: 2 }, '100.00'),
      payment({ kind: 'pension', payDate: '2026-06-30' }, '15.00'),
    ]);
    expect(refusedWith(history, found(year)).message).toBe(
      'the Direct Payment cannot end while the employer still owes: PAYE £123.45 for tax month 3 of 2026-27; ' +
        'pension £25.00 for pay date 2026-06-30. Settle them first, or terminate with force naming the council ' +
        'officer who approved it',
    );
  });

  it('reads PAYE still owed in the year before the one of the termination date', () => {
    const march = { ...completed('2026-03-31', 12, '88.00', '0.00') };
    const previous: { prepared: TerminationPrepared } = {
      prepared: {
        payroll: [
          { taxYear: '2025-26', year: fold([{ ...march, data: { ...march.data, taxYear: '2025-26' } }]) },
          { taxYear: '2026-27', year: payrollStream.initialState },
        ],
        employments: {},
      },
    };
    expect(
      refusal(() =>
        spec
          .given(history)
          .when({ ...termination, on: '2026-04-20' }, previous)
          .events(),
      ).message,
    ).toContain('PAYE £88.00 for tax month 12 of 2025-26');
  });

  it('forced on a council officer’s approval, records who approved it, why, and everything outstanding', () => {
    const year = fold([completed('2026-06-30', 3, '123.45', '0.00')]);
    spec
      .given(withPa)
      .when({ ...termination, force }, found(year, { ...EMPTY_EMPLOYMENT }))
      .then([
        {
          type: 'DirectPaymentTerminated',
          data: {
            ...termination,
            forced: {
              approver: 'P. Shah, DP finance lead',
              reason: 'the recipient died; the estate settles the rest',
              outstanding: [
                'PAYE £123.45 for tax month 3 of 2026-27',
                'employment e-2001 has not ended: no leaver is recorded, so notice and final pay are outstanding',
              ],
            },
          },
        },
      ]);
  });

  it('records no forcing when force is given but nothing is outstanding', () => {
    spec
      .given(history)
      .when({ ...termination, force }, nothing)
      .then([{ type: 'DirectPaymentTerminated', data: { ...termination, forced: null } }]);
  });

  it('needs a reason, and a forcing names its approver and reason', () => {
    spec
      .given(history)
      .when({ ...termination, reason: ' ' }, nothing)
      .thenInvalid(['reason']);
    spec
      .given(history)
      .when({ ...termination, force: { reason: 'urgent' } }, nothing)
      .thenInvalid(['force.approver']);
  });

  it('given a real pay run and the payments recorded against it, refuses until net pay and PAYE are paid in full', () => {
    // A leaver's final month: 60 h × £13.50 = £810.00 and £540.00 notice pay, run through run-payroll itself.
    const recipient: RecipientState = {
      status: 'enrolled',
      ...enrolled,
      budgets: [],
      roster: [hire],
      employer,
    };
    const left = leaver('2026-06-30');
    const period = payPeriodFor(hire.schedule, '2026-06-30');
    const timesheet: Timesheet = {
      timesheetId: `${period.start}-1`,
      recipientId: 'r-1001',
      employmentId: 'e-2001',
      periodStart: period.start,
      periodEnd: period.end,
      payDate: '2026-06-30',
      shifts: ['2026-06-01', '2026-06-08', '2026-06-15', '2026-06-22', '2026-06-29'].map((date) => ({
        date,
        start: '09:00',
        hours: '12',
        rateKind: 'standard' as const,
      })),
      channel: 'portal',
      submittedBy: 'pa',
      status: 'approved',
    };
    const run = commandSpec(runPayroll)
      .given([])
      .when(
        { recipientId: 'r-1001', payDate: '2026-06-30' },
        { prepared: { recipient, due: [{ hire, employment: left, period, timesheets: [timesheet] }] } },
      )
      .events();
    const slip = run.find((event) => event.type === 'PayslipIssued')!.data as PayslipIssuedData;
    const totals = (run.find((event) => event.type === 'PayRunCompleted')!.data as PayRunCompletedData).totals;
    expect({ gross: slip.gross, finalPay: slip.inputs.finalPay }).toEqual({ gross: '1350.00', finalPay: true });
    expect(Number(totals.payeDue)).toBeGreaterThan(0);

    const pay = (given: readonly DomainEvent[], settles: unknown, amount: string) =>
      commandSpec(recordPayment)
        .given(given)
        .when(
          { recipientId: 'r-1001', settles, amount, paidOn: '2026-07-01', reference: 'BACS-1' },
          { prepared: { recipient }, commandId: `pay-${given.length}` },
        )
        .events();
    const netPay = { kind: 'net-pay', employmentId: 'e-2001', payDate: '2026-06-30' };
    const paye = { kind: 'paye', taxYear: '2026-27', taxMonth: 3 };

    expect(refusedWith(withPa, found(fold(run), left)).message).toBe(
      'the Direct Payment cannot end while the employer still owes: ' +
        `net pay £${slip.netPay} to the PA of employment e-2001 for pay date 2026-06-30; ` +
        `PAYE £${totals.payeDue} for tax month 3 of 2026-27. Settle them first, or terminate with force naming the ` +
        'council officer who approved it',
    );
    const paidNet = [...run, ...pay(run, netPay, slip.netPay)];
    const paidPart = [...paidNet, ...pay(paidNet, paye, '10.00')];
    const rest = (Number(totals.payeDue) - 10).toFixed(2);
    expect(refusedWith(withPa, found(fold(paidPart), left)).message).toContain(
      `owes: PAYE £${rest} for tax month 3 of 2026-27. Settle`,
    );
    const settled = [...paidPart, ...pay(paidPart, paye, rest)];
    spec
      .given(withPa)
      .when(termination, found(fold(settled), left))
      .then([{ type: 'DirectPaymentTerminated', data: { ...termination, forced: null } }]);
  });
});

describe('prepare a termination', () => {
  /** A store of folded states by stream id; any other stream is empty. */
  function context(states: Record<string, unknown>): { context: PrepareContext; read: string[] } {
    const read: string[] = [];
    const load = <E extends DomainEvent, S>(stream: StreamDeclaration<E, S>, key: string): Promise<S> => {
      const id = stream.streamId(key);
      read.push(id);
      return Promise.resolve((states[id] as S | undefined) ?? stream.initialState);
    };
    return { context: { store: undefined as never, load }, read };
  }
  const roster: RecipientState = { status: 'enrolled', ...enrolled, budgets: [], roster: [hire], employer };

  it('reads each roster employment and the payroll of the tax year of `on` and the one before', async () => {
    const { context: ctx, read } = context({ 'recipient-r-1001': roster });
    const prepared = await prepareTermination({ recipientId: 'r-1001', on: '2026-07-31' }, ctx);
    expect(read).toEqual(['recipient-r-1001', 'employment-e-2001', 'payroll-r-1001-2025-26', 'payroll-r-1001-2026-27']);
    expect(Object.keys(prepared.employments)).toEqual(['e-2001']);
  });

  it("also reads a leaver's tax year and the next, where the final payslip is, but no year after `on`'s", async () => {
    const { context: ctx, read } = context({
      'recipient-r-1001': roster,
      'employment-e-2001': leaver('2024-05-31'),
    });
    const prepared = await prepareTermination({ recipientId: 'r-1001', on: '2026-07-31' }, ctx);
    expect(prepared.payroll.map((p) => p.taxYear)).toEqual(['2024-25', '2025-26', '2026-27']);
    expect(read.filter((id) => id.startsWith('payroll-'))).toHaveLength(3);
  });

  it('reads nothing more for a recipient not enrolled', async () => {
    const { context: ctx, read } = context({});
    expect(await prepareTermination({ recipientId: 'r-1001', on: '2026-07-31' }, ctx)).toEqual({
      payroll: [],
      employments: {},
    });
    expect(read).toEqual(['recipient-r-1001']);
  });
});
