import { EMPTY_EMPLOYMENT, type EmploymentState } from '@dpe/employment';
import { calculatePeriod } from '@dpe/gross-to-net';
import { Money } from '@dpe/money';
import { runPayroll, type PayRunPrepared, type PayslipHeldData, type PayslipIssuedData } from '@dpe/pay-runs';
import type { EmployerRegisteredData, PaHiredData, RecipientState } from '@dpe/recipients';
import { commandSpec } from '@dpe/testing';
import type { Timesheet } from '@dpe/timesheets';

const employer: EmployerRegisteredData = {
  recipientId: 'r-1',
  payeReference: '123/AB456',
  accountsOfficeReference: '123PW12345678',
  employmentAllowance: true,
  pensionScheme: null,
  employersLiabilityInsurance: null,
  bureauActsAsAgent: true,
  registeredOn: '2026-03-01',
  warnings: [],
};
const recipient: RecipientState = {
  status: 'enrolled',
  recipientId: 'r-1',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Dana Employer',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-03-01',
  budgets: [],
  roster: [],
  employer,
};
const hire = (overrides: Partial<PaHiredData>): PaHiredData => ({
  recipientId: 'r-1',
  employmentId: 'e-1',
  payrollId: 'e-1',
  pa: {
    forename: 'Ann',
    surname: 'Example',
    nationalInsuranceNumber: 'AB123456C',
    dateOfBirth: '1990-05-01',
    gender: 'F',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2026-04-06',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
  rates: { standard: '13.00' },
  contractedHoursPerWeek: null,
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'opted-out',
  bank: { accountName: 'Ann Example', sortCode: '200000', accountNumber: '55779911' },
  warnings: [],
  ...overrides,
});
const sheet = (employmentId: string, start: string, end: string, days: string[], hours: string): Timesheet => ({
  timesheetId: `${start}-1`,
  recipientId: 'r-1',
  employmentId,
  periodStart: start,
  periodEnd: end,
  payDate: end,
  shifts: days.map((date) => ({ date, start: '09:00', hours, rateKind: 'standard' as const })),
  channel: 'portal',
  submittedBy: 'pa',
  status: 'approved',
});
const due = (
  pa: PaHiredData,
  period: { start: string; end: string },
  timesheets: Timesheet[],
  employment?: EmploymentState,
) => ({
  hire: pa,
  employment: employment ?? { ...EMPTY_EMPLOYMENT, recipientId: 'r-1' },
  period,
  timesheets,
});
const spec = commandSpec(runPayroll);
const prepared = (...employments: ReturnType<typeof due>[]): { prepared: PayRunPrepared } => ({
  prepared: { recipient, due: employments },
});
const slipsOf = (events: readonly { type: string; data: unknown }[]) =>
  events.filter((e) => e.type === 'PayslipIssued').map((e) => e.data as PayslipIssuedData);

describe('run payroll', () => {
  const week = { start: '2026-05-09', end: '2026-05-15' };
  const days = ['2026-05-11', '2026-05-12', '2026-05-13'];

  it('holds the payslip of a PA paid below the minimum wage, with the shortfall, and issues the others', () => {
    // NMW Regulations 2015 regs 4B and 7: the rate is the one for the worker's age on the first day of the pay
    // reference period, against pay ÷ hours in it. The PA turned 21 on 1 May 2026, so the National Living Wage of
    // £12.71 (gov.uk National Minimum Wage rates from 1 April 2026) applies to the week from 9 May; she was hired at
    // 20 on £11.00 (above the 18-20 rate of £10.85). 30 h × £11.00 = £330.00 against 30 × £12.71 = £381.30:
    // a shortfall of £51.30.
    const young = hire({
      employmentId: 'e-young',
      pa: { ...hire({}).pa, dateOfBirth: '2005-05-01' },
      rates: { standard: '11.00' },
    });
    const events = spec
      .given([])
      .when(
        { recipientId: 'r-1', payDate: '2026-05-15' },
        prepared(
          due(young, week, [sheet('e-young', week.start, week.end, [...days, '2026-05-14'], '7.5')]),
          due(hire({}), week, [sheet('e-1', week.start, week.end, days, '7.5')]),
        ),
      )
      .events();
    const held = events.find((e) => e.type === 'PayslipHeld')!.data as PayslipHeldData;
    expect(held).toMatchObject({
      employmentId: 'e-young',
      hours: '30.00',
      pay: '330.00',
      requiredRate: '12.71',
      shortfall: '51.30',
    });
    expect(slipsOf(events).map((s) => s.employmentId)).toEqual(['e-1']);
    expect(events[events.length - 1]).toMatchObject({
      type: 'PayRunCompleted',
      data: { payslips: 1, held: [{ employmentId: 'e-young', shortfall: '51.30' }] },
    });
  });

  it('pays rolled-up holiday pay as its own line: 12.07% of the pay for work done', () => {
    // WTR 1998 reg 16A (leave years from 1 April 2024; ACAS "Irregular hours and part-year workers"): rolled-up
    // holiday pay is 12.07% of the pay for work done in the pay period, itemised separately. 20 h × £13.00 = £260.00;
    // 12.07% of it is £31.382, paid as £31.39 (rounded up so it is never less than 12.07%).
    const irregular = hire({ holiday: { basis: 'accrual', rolledUp: true } });
    const [slip] = slipsOf(
      spec
        .given([])
        .when(
          { recipientId: 'r-1', payDate: '2026-05-15' },
          prepared(due(irregular, week, [sheet('e-1', week.start, week.end, ['2026-05-11', '2026-05-12'], '10')])),
        )
        .events(),
    );
    expect(slip!.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['hours', '260.00'],
      ['rolled-up-holiday-pay', '31.39'],
    ]);
    expect(slip!.gross).toBe('291.39');
  });

  it("pays a leaver's final pay: notice and holiday owed are taxed, statutory redundancy pay is not", () => {
    // ITEPA 2003 s.309: statutory redundancy pay is not earnings (no tax, no NI); notice pay and holiday owed are
    // ordinary earnings of the final period (dp-domain.md §1.10). Two or more years' service (ERA 1996 s.155).
    const monthly = hire({
      startDate: '2023-06-01',
      schedule: { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2023-06-30', daysInArrears: 0 },
    });
    const leaving: EmploymentState = {
      ...EMPTY_EMPLOYMENT,
      recipientId: 'r-1',
      leaver: {
        recipientId: 'r-1',
        employmentId: 'e-1',
        leavingDate: '2026-06-30',
        reason: 'redundancy',
        finalPay: {
          noticePay: '1300.00',
          holidayOwed: { hours: '20', amount: '260.00' },
          statutoryRedundancyPay: '1200.00',
        },
      },
    };
    const june = { start: '2026-06-01', end: '2026-06-30' };
    const [slip] = slipsOf(
      spec
        .given([])
        .when(
          { recipientId: 'r-1', payDate: '2026-06-30' },
          prepared(
            due(monthly, june, [sheet('e-1', june.start, june.end, ['2026-06-01', '2026-06-02'], '8')], leaving),
          ),
        )
        .events(),
    );
    // Taxable pay: 16 h × £13.00 = £208.00 + £1,300.00 + £260.00 = £1,768.00, monthly period 3, 1257L cumulative.
    const expected = calculatePeriod({
      taxYear: '2026-27',
      frequency: 'monthly',
      period: 3,
      taxCode: '1257L',
      week1Month1: false,
      gross: Money.of('1768.00'),
      payToDate: Money.of('1768.00'),
      taxPaidToDate: Money.zero,
      niCategory: 'A',
      studentLoanPlans: [],
      postgraduateLoan: false,
    });
    expect({ gross: slip!.gross, taxable: slip!.taxablePay, niable: slip!.niablePay }).toEqual({
      gross: '2968.00',
      taxable: '1768.00',
      niable: '1768.00',
    });
    expect(slip!.deductions.incomeTax).toBe(expected.incomeTax.toString());
    expect(slip!.netPay).toBe(expected.netPay.plus('1200.00').toString());
    expect(slip!.inputs.finalPay).toBe(true);
  });

  it('pays Statutory Sick Pay for a sick week from the first day (rules from 6 April 2026)', () => {
    // Employment Rights Act 2025, from 6 April 2026 (business.gov.uk employer SSP changes; moneysoft "SSP examples
    // from 6 April 2026"): no waiting days and no earnings limit; the weekly rate is the lower of £123.25 and 80% of
    // average weekly earnings. Contracted 30 h × £13.00 = £390.00 a week; 80% is £312.00, so £123.25 a week. Sick Monday
    // to Friday with Monday to Friday as qualifying days: 5 days at £24.65 = £123.25.
    const regular = hire({ contractedHoursPerWeek: '30' });
    const sick: EmploymentState = {
      ...EMPTY_EMPLOYMENT,
      recipientId: 'r-1',
      absences: [
        {
          recipientId: 'r-1',
          employmentId: 'e-1',
          absenceId: 'a-1',
          kind: 'sickness',
          firstDay: '2026-05-11',
          lastDay: '2026-05-15',
          qualifyingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          fitNote: false,
        },
      ],
    };
    const [slip] = slipsOf(
      spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2026-05-15' }, prepared(due(regular, week, [], sick)))
        .events(),
    );
    expect(slip!.lines).toEqual([
      expect.objectContaining({ kind: 'ssp', quantity: '5', amount: '123.25', source: 'a-1' }),
    ]);
    expect(slip!.inputs.absenceIds).toEqual(['a-1']);
  });

  it('refuses a second run of the same pay date unless it is a correction, which pays only what is new', () => {
    const first = spec
      .given([])
      .when(
        { recipientId: 'r-1', payDate: '2026-05-15' },
        prepared(due(hire({}), week, [sheet('e-1', week.start, week.end, days, '7.5')])),
      )
      .events();
    const again = spec
      .given(first)
      .when(
        { recipientId: 'r-1', payDate: '2026-05-15' },
        prepared(due(hire({}), week, [sheet('e-1', week.start, week.end, days, '7.5')])),
      );
    again.thenError('payroll.already-run', 'conflict');
    const unchanged = spec
      .given(first)
      .when(
        { recipientId: 'r-1', payDate: '2026-05-15', correction: { reason: 'late timesheet' } },
        prepared(due(hire({}), week, [sheet('e-1', week.start, week.end, days, '7.5')])),
      );
    unchanged.thenError('payroll.no-differences', 'rule');
    const late = { ...sheet('e-1', week.start, week.end, ['2026-05-14'], '4'), timesheetId: `${week.start}-2` };
    const correction = slipsOf(
      spec
        .given(first)
        .when(
          { recipientId: 'r-1', payDate: '2026-05-15', correction: { reason: 'late timesheet' } },
          prepared(due(hire({}), week, [sheet('e-1', week.start, week.end, days, '7.5'), late])),
        )
        .events(),
    );
    expect(correction.map((s) => [s.gross, s.correction, s.inputs.timesheetIds])).toEqual([
      ['52.00', true, [late.timesheetId]],
    ]);
    // The supplementary payslip carries the year to date on from the first one.
    expect(correction[0]!.ytd.gross).toBe('344.50');
  });

  it('refuses an employer that is not registered, and a pay date nobody is paid on', () => {
    const { employer: _none, ...unregistered } = recipient as Extract<RecipientState, { status: 'enrolled' }>;
    spec
      .given([])
      .when({ recipientId: 'r-1', payDate: '2026-05-15' }, { prepared: { recipient: unregistered, due: [] } })
      .thenError('payroll.employer-not-registered', 'rule');
    spec
      .given([])
      .when({ recipientId: 'r-1', payDate: '2026-05-16' }, prepared())
      .thenError('payroll.nothing-due', 'rule');
  });

  describe('a timesheet corrected after it was approved', () => {
    const first = { start: '2026-05-02', end: '2026-05-08' };
    const original = sheet('e-1', first.start, first.end, ['2026-05-04'], '7.5');
    const correction = (amendmentId: string, hours: string, replaces: string) => ({
      recipientId: 'r-1',
      employmentId: 'e-1',
      amendmentId,
      timesheetId: original.timesheetId,
      periodStart: first.start,
      periodEnd: first.end,
      shifts: [{ date: '2026-05-04', start: '09:00', hours, rateKind: 'standard' as const }],
      replaces: [{ date: '2026-05-04', start: '09:00', hours: replaces, rateKind: 'standard' as const }],
      reason: 'left early',
    });
    const amended = (...amendments: ReturnType<typeof correction>[]): EmploymentState => ({
      ...EMPTY_EMPLOYMENT,
      recipientId: 'r-1',
      amendments,
    });

    it('after it was paid, pays the difference in the next run as an adjustment line, once', () => {
      const paid = spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2026-05-08' }, prepared(due(hire({}), first, [original])))
        .events();
      // 7.5 h became 6 h at £13.00: the next run takes back 1.5 × £13.00 = £19.50.
      const employment = amended(correction('a-1', '6', '7.5'));
      const next = spec
        .given(paid)
        .when(
          { recipientId: 'r-1', payDate: '2026-05-15' },
          prepared(due(hire({}), week, [sheet('e-1', week.start, week.end, days, '7.5')], employment)),
        )
        .events();
      const [slip] = slipsOf(next);
      expect(slip!.lines.map((l) => [l.kind, l.amount])).toEqual([
        ['hours', '292.50'],
        ['adjustment', '-19.50'],
      ]);
      expect(slip!.gross).toBe('273.00');
      expect(slip!.inputs.amendmentIds).toEqual(['a-1']);
      const later = { start: '2026-05-16', end: '2026-05-22' };
      const [after] = slipsOf(
        spec
          .given([...paid, ...next])
          .when(
            { recipientId: 'r-1', payDate: '2026-05-22' },
            prepared(due(hire({}), later, [sheet('e-1', later.start, later.end, ['2026-05-18'], '7.5')], employment)),
          )
          .events(),
      );
      expect(after!.lines.map((l) => l.kind)).toEqual(['hours']);
    });

    it('before it was paid, pays the corrected shifts in place of the approved ones', () => {
      const [slip] = slipsOf(
        spec
          .given([])
          .when(
            { recipientId: 'r-1', payDate: '2026-05-08' },
            prepared(due(hire({}), first, [original], amended(correction('a-2', '6', '7.5')))),
          )
          .events(),
      );
      expect(slip!.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['hours', '6', '78.00']]);
      expect(slip!.inputs.amendmentIds).toEqual(['a-2']);
    });
  });

  it('assesses a PA born in 1977-78 for automatic enrolment without the Sch 3 state pension date, years before it', () => {
    // Pensions Act 2007 Sch 3 puts their state pension age between 67 and 68; at 48 either gives the same answer.
    const withScheme = {
      ...recipient,
      employer: {
        ...employer,
        pensionScheme: {
          provider: 'NEST',
          dutiesStartDate: '2026-04-06',
          taxRelief: 'relief-at-source' as const,
          employerRate: null,
          employeeRate: null,
        },
      },
    } as RecipientState;
    const pa = hire({ pa: { ...hire({}).pa, dateOfBirth: '1977-08-01' }, pension: 'assess' });
    const [slip] = slipsOf(
      spec
        .given([])
        .when(
          { recipientId: 'r-1', payDate: '2026-05-15' },
          {
            prepared: {
              recipient: withScheme,
              due: [due(pa, week, [sheet('e-1', week.start, week.end, days, '7.5')])],
            },
          },
        )
        .events(),
    );
    // £292.50 a week is over the weekly earnings trigger (£10,000 ÷ 52 = £192) at 48: an eligible jobholder (Pensions
    // Act 2008 s3).
    expect(slip!.pension).toEqual({ assessment: 'eligible-jobholder', enrolled: true });
  });

  it('pays Statutory Maternity and Paternity Pay for the weeks that start in the pay period', () => {
    // SSCBA 1992 s.166: 90% of average weekly earnings for 6 weeks, then the lower of £194.32 (2026-27 standard rate)
    // and 90%. Average weekly earnings £400.00: £360.00 a week for weeks 1-6, then £194.32. A four-weekly period
    // holding the starts of weeks 6 to 9 pays £360.00 + 3 × £194.32 = £942.96. SPP (s.171ZE) is the lower of the
    // standard rate and 90%: £194.32 a week.
    const family = (absence: object): EmploymentState => ({
      ...EMPTY_EMPLOYMENT,
      recipientId: 'r-1',
      absences: [{ recipientId: 'r-1', employmentId: 'e-1', absenceId: 'a-9', ...absence } as never],
    });
    const fourWeekly = hire({ schedule: { frequency: 'four-weekly', firstPayDate: '2026-04-24', daysInArrears: 0 } });
    const weeks6to9 = { start: '2026-06-13', end: '2026-07-10' };
    const maternity = family({
      kind: 'maternity',
      expectedWeekOfChildbirth: '2026-05-31',
      startDate: '2026-05-09',
      averageWeeklyEarnings: '400.00',
    });
    const [smp] = slipsOf(
      spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2026-07-10' }, prepared(due(fourWeekly, weeks6to9, [], maternity)))
        .events(),
    );
    expect(smp!.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['smp', '4', '942.96']]);
    const paternity = family({ kind: 'paternity', startDate: '2026-05-11', weeks: 2, averageWeeklyEarnings: '400.00' });
    const [spp] = slipsOf(
      spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2026-05-15' }, prepared(due(hire({}), week, [], paternity)))
        .events(),
    );
    expect(spp!.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['spp', '1', '194.32']]);
  });
});
