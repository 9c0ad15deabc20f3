import { DateTime } from 'luxon';
import { calculatePeriod } from '@dpe/gross-to-net';
import { Money } from '@dpe/money';
import { payPeriodOf } from '@dpe/tax-calendar';
import { apiSpec } from '../test/api-spec';

/**
 * One employer's payroll end to end through the HTTP API, with the roles of the access issue: enrol, register as
 * employer, budget and funding; three PAs (weekly; four-weekly on a Scottish code; monthly with a P45 and a student
 * loan); timesheets submitted and approved; payroll for three consecutive periods of each; a tax code change part way;
 * payments. Each payslip's tax, NI and loans must equal the calculators (`dpe calc`) given the same inputs, with the
 * year to date this spec keeps itself from the payslips before, so YTD must carry across periods and the code change.
 */
describe('payroll end to end (HTTP API)', () => {
  const api = apiSpec();
  const R = 'r-5001';
  const post = (path: string, body: object, who: 'operator' | 'finance' | 'leeds-operator' = 'operator') =>
    api.when((http) => http.post(path).set(api.as(who)).send(body));
  const ok = async (path: string, body: object, who?: 'operator' | 'finance') => {
    const res = await post(path, body, who);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, unknown>;
  };

  const address = { lines: ['1 High Street', 'Maidstone'], postcode: 'ME14 1XX' };
  const bank = { accountName: 'PA Account', sortCode: '20-00-00', accountNumber: '55779911' };
  const pa = (forename: string, dateOfBirth: string, nationalInsuranceNumber: string) => ({
    forename,
    surname: 'Example',
    nationalInsuranceNumber,
    dateOfBirth,
    gender: 'F',
    address,
  });
  const hires = {
    weekly: {
      employmentId: 'e-weekly',
      pa: pa('Ann', '1990-05-01', 'AB123456C'),
      startDate: '2026-04-04',
      starter: { kind: 'statement', statement: 'A' },
      taxCode: '1257L',
      schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
      rates: { standard: '13.00' },
      holiday: { basis: 'weeks', weeksPerYear: '5.6' },
      pension: 'opted-out',
      bank,
    },
    fourWeekly: {
      employmentId: 'e-scot',
      pa: pa('Bea', '1985-02-11', 'CE123456D'),
      startDate: '2026-03-28',
      starter: { kind: 'statement', statement: 'A' },
      taxCode: 'S1257L',
      schedule: { frequency: 'four-weekly', firstPayDate: '2026-04-24', daysInArrears: 0 },
      rates: { standard: '14.00' },
      holiday: { basis: 'weeks', weeksPerYear: '5.6' },
      pension: 'opted-out',
      bank,
    },
    monthly: {
      employmentId: 'e-p45',
      pa: pa('Cat', '1998-09-30', 'HJ123456A'),
      startDate: '2026-04-13',
      starter: {
        kind: 'p45',
        previousPayToDate: '1500.00',
        previousTaxToDate: '50.00',
        taxCode: '1257L',
        week1Month1: false,
        leavingDate: '2026-04-10',
      },
      taxCode: '1257L',
      studentLoanPlans: ['2'],
      schedule: { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2026-04-30', daysInArrears: 0 },
      rates: { standard: '15.00' },
      holiday: { basis: 'weeks', weeksPerYear: '5.6' },
      pension: 'opted-out',
      bank,
    },
  } as const;

  /** Shifts of `hours` from 09:00 on each of `days` (yyyy-mm-dd). */
  const shifts = (days: string[], hours: string) =>
    days.map((date) => ({ date, start: '09:00', hours, rateKind: 'standard' }));
  const daysFrom = (first: string, count: number, step = 1) =>
    Array.from({ length: count }, (_, i) =>
      DateTime.fromISO(first, { zone: 'Europe/London' })
        .plus({ days: i * step })
        .toISODate()!,
    );

  // The periods each PA is paid for, with its hours (all at the standard rate).
  const periods = [
    {
      id: 'e-weekly',
      payDate: '2026-04-10',
      start: '2026-04-04',
      end: '2026-04-10',
      days: daysFrom('2026-04-06', 3),
      hours: '7.5',
    },
    {
      id: 'e-weekly',
      payDate: '2026-04-17',
      start: '2026-04-11',
      end: '2026-04-17',
      days: daysFrom('2026-04-13', 3),
      hours: '7.5',
    },
    {
      id: 'e-weekly',
      payDate: '2026-04-24',
      start: '2026-04-18',
      end: '2026-04-24',
      days: daysFrom('2026-04-20', 4),
      hours: '7.5',
    },
    {
      id: 'e-scot',
      payDate: '2026-04-24',
      start: '2026-03-28',
      end: '2026-04-24',
      days: daysFrom('2026-03-30', 8, 3),
      hours: '8',
    },
    {
      id: 'e-scot',
      payDate: '2026-05-22',
      start: '2026-04-25',
      end: '2026-05-22',
      days: daysFrom('2026-04-27', 8, 3),
      hours: '8',
    },
    {
      id: 'e-scot',
      payDate: '2026-06-19',
      start: '2026-05-23',
      end: '2026-06-19',
      days: daysFrom('2026-05-25', 8, 3),
      hours: '8',
    },
    {
      id: 'e-p45',
      payDate: '2026-04-30',
      start: '2026-04-01',
      end: '2026-04-30',
      days: daysFrom('2026-04-13', 17),
      hours: '12',
    },
    {
      id: 'e-p45',
      payDate: '2026-05-29',
      start: '2026-05-01',
      end: '2026-05-31',
      days: daysFrom('2026-05-01', 20),
      hours: '10',
    },
    {
      id: 'e-p45',
      payDate: '2026-06-30',
      start: '2026-06-01',
      end: '2026-06-30',
      days: daysFrom('2026-06-01', 20),
      hours: '10',
    },
  ];
  const rateOf: Record<string, string> = { 'e-weekly': '13.00', 'e-scot': '14.00', 'e-p45': '15.00' };

  it('pays three PAs for three periods each, every figure equal to the calculators on carried year-to-date', async () => {
    await ok('/recipients', {
      recipientId: R,
      councilId: 'kent',
      recipientType: 'adult',
      name: 'Dana Employer',
      accountType: 'managed-account',
      enrolledOn: '2026-03-01',
    });
    const registered = await ok(`/recipients/${R}/employer`, {
      payeReference: '123/AB456',
      accountsOfficeReference: '123PW12345678',
      employmentAllowance: true,
      bureauActsAsAgent: true,
      registeredOn: '2026-03-02',
    });
    expect(registered['warnings']).toEqual([]);
    await ok(`/recipients/${R}/budget`, { grossWeekly: '650.00', effectiveFrom: '2026-03-02' }, 'finance');
    await ok(
      `/recipients/${R}/funding`,
      {
        amount: '10400.00',
        periodFrom: '2026-04-01',
        periodTo: '2026-07-31',
        remittanceReference: 'KCC-REM-5001',
        receivedOn: '2026-03-30',
      },
      'finance',
    );
    for (const hire of Object.values(hires)) await ok(`/recipients/${R}/employments`, hire);

    // The weekly PA's code changes by a P6 from the pay on 17 April (cumulative).
    const p6After = '2026-04-15';
    const taxCodeOf = (id: string, payDate: string) =>
      id === 'e-weekly' && payDate >= p6After
        ? '1100L'
        : Object.values(hires).find((h) => h.employmentId === id)!.taxCode;

    const ytd = new Map<string, { pay: Money; tax: Money }>([
      ['e-weekly', { pay: Money.zero, tax: Money.zero }],
      ['e-scot', { pay: Money.zero, tax: Money.zero }],
      // The P45's pay and tax from the job before, in the same tax year, count in the cumulative calculation.
      ['e-p45', { pay: Money.of('1500.00'), tax: Money.of('50.00') }],
    ]);
    const seen = { loans: 0, codes: new Set<string>() };
    const payDates = [...new Set(periods.map((p) => p.payDate))].sort();
    for (const payDate of payDates) {
      if (payDate === '2026-04-17') {
        await ok(`/recipients/${R}/employments/e-weekly/tax-code`, {
          notice: 'P6',
          taxCode: '1100L',
          week1Month1: false,
          issuedOn: '2026-04-14',
          effectiveFrom: p6After,
        });
      }
      const due = periods.filter((p) => p.payDate === payDate);
      for (const period of due) {
        const submitted = await ok(`/recipients/${R}/employments/${period.id}/timesheets`, {
          periodStart: period.start,
          periodEnd: period.end,
          shifts: shifts(period.days, period.hours),
          channel: 'portal',
          submittedBy: 'pa',
        });
        expect(submitted['payDate']).toBe(payDate);
        await ok(`/recipients/${R}/employments/${period.id}/timesheets/${String(submitted['timesheetId'])}/approve`, {
          approvedBy: 'employer',
          approvedOn: period.end,
        });
      }
      const run = await ok(`/recipients/${R}/pay-runs`, { payDate });
      expect(run['payslips']).toBe(due.length);
      const slips = (await api.newEvents()).filter((e) => e.type === 'PayslipIssued').map((e) => e.data as never);
      for (const period of due) {
        const slip = (slips as { employmentId: string; [k: string]: unknown }[]).find(
          (s) => s.employmentId === period.id,
        )!;
        const hire = Object.values(hires).find((h) => h.employmentId === period.id)!;
        const gross = Money.of(period.hours).times(period.days.length).times(rateOf[period.id]!).roundHalfUpToPenny();
        const before = ytd.get(period.id)!;
        const expected = calculatePeriod({
          taxYear: '2026-27',
          frequency: hire.schedule.frequency,
          period: payPeriodOf(hire.schedule.frequency, payDate).period,
          taxCode: taxCodeOf(period.id, payDate),
          week1Month1: false,
          gross,
          payToDate: before.pay.plus(gross),
          taxPaidToDate: before.tax,
          niCategory: 'A',
          studentLoanPlans: 'studentLoanPlans' in hire ? [...hire.studentLoanPlans] : [],
          postgraduateLoan: false,
        });
        expect({
          id: period.id,
          payDate,
          gross: slip['gross'],
          taxCode: slip['taxCode'],
          ...(slip['deductions'] as object),
        }).toEqual({
          id: period.id,
          payDate,
          gross: gross.toString(),
          taxCode: taxCodeOf(period.id, payDate),
          incomeTax: expected.incomeTax.toString(),
          employeeNic: expected.employeeNic.toString(),
          studentLoan: expected.studentLoan.toString(),
          postgraduateLoan: '0.00',
          pensionEmployee: '0.00',
        });
        expect((slip['employer'] as { employerNic: string }).employerNic).toBe(expected.employerNic.toString());
        expect(slip['netPay']).toBe(expected.netPay.toString());
        ytd.set(period.id, { pay: before.pay.plus(gross), tax: before.tax.plus(expected.incomeTax) });
        if (expected.studentLoan.isPositive()) seen.loans += 1;
        seen.codes.add(String(slip['taxCode']));
        // The payslip's own YTD is this employment's alone (the P45's figures are reported separately on the FPS).
        expect((slip['ytd'] as { tax: string }).tax).toBe(
          before.tax
            .plus(expected.incomeTax)
            .minus(period.id === 'e-p45' ? '50.00' : '0')
            .toString(),
        );
      }
    }

    // The cases the spec is for were exercised: the loan was deducted (April: 204 h × £15.00 = £3,060.00, over the
    // plan 2 monthly threshold), the Scottish code and the P6's code were operated.
    expect(seen.loans).toBeGreaterThan(0);
    expect([...seen.codes].sort()).toEqual(['1100L', '1257L', 'S1257L']);
  });

  it('refuses a second run of the same pay date, and a payment over what is owed, storing nothing', async () => {
    const again = await post(`/recipients/${R}/pay-runs`, { payDate: '2026-04-10' });
    await api.thenProblem(again, 409, 'payroll.already-run');
    const over = await post(`/recipients/${R}/payments`, {
      settles: { kind: 'net-pay', employmentId: 'e-weekly', payDate: '2026-04-10' },
      amount: '100000.00',
      paidOn: '2026-04-10',
      reference: 'BACS-1',
    });
    await api.thenProblem(over, 422, 'payment.more-than-owed');
  });

  it('records part of a net pay, leaves the rest owed, and refuses paying more than the rest', async () => {
    const part = await post(`/recipients/${R}/payments`, {
      settles: { kind: 'net-pay', employmentId: 'e-weekly', payDate: '2026-04-10' },
      amount: '100.00',
      paidOn: '2026-04-10',
      reference: 'BACS-2',
    });
    expect(part.status).toBe(201);
    // The weekly PA's first net pay: 22.5 h × £13.00 = £292.50 gross in tax week 1 on 1257L; £100 of it is paid.
    const first = calculatePeriod({
      taxYear: '2026-27',
      frequency: 'weekly',
      period: 1,
      taxCode: '1257L',
      week1Month1: false,
      gross: Money.of('292.50'),
      payToDate: Money.of('292.50'),
      taxPaidToDate: Money.zero,
      niCategory: 'A',
      studentLoanPlans: [],
      postgraduateLoan: false,
    }).netPay;
    const remaining = first.minus('100.00');
    const rest = await post(`/recipients/${R}/payments`, {
      settles: { kind: 'net-pay', employmentId: 'e-weekly', payDate: '2026-04-10' },
      amount: remaining.plus('0.01').toString(),
      paidOn: '2026-04-10',
      reference: 'BACS-3',
    });
    await api.thenProblem(rest, 422, 'payment.more-than-owed');
    const exact = await post(`/recipients/${R}/payments`, {
      settles: { kind: 'net-pay', employmentId: 'e-weekly', payDate: '2026-04-10' },
      amount: remaining.toString(),
      paidOn: '2026-04-10',
      reference: 'BACS-3',
    });
    expect(exact.status).toBe(201);
  });

  it('refuses bad timesheets naming each bad shift, and an unknown employment, storing nothing', async () => {
    const base = { periodStart: '2026-05-01', periodEnd: '2026-05-08', channel: 'paper', submittedBy: 'bureau' };
    const offSchedule = await post(`/recipients/${R}/employments/e-weekly/timesheets`, {
      ...base,
      shifts: shifts(['2026-05-02'], '4'),
    });
    await api.thenProblem(offSchedule, 422, 'timesheet.period-not-on-schedule');
    const bad = await post(`/recipients/${R}/employments/e-weekly/timesheets`, {
      periodStart: '2026-05-02',
      periodEnd: '2026-05-08',
      channel: 'paper',
      submittedBy: 'bureau',
      shifts: [
        { date: '2026-05-01', start: '09:00', hours: '4', rateKind: 'standard' },
        { date: '2026-05-04', start: '09:00', hours: '8', rateKind: 'standard' },
        { date: '2026-05-04', start: '12:00', hours: '2', rateKind: 'standard' },
        { date: '2026-05-05', start: '09:00', hours: '3', rateKind: 'night' },
      ],
    });
    await api.thenProblem(bad, 400, 'input.invalid', ['shifts.0.date', 'shifts.2', 'shifts.3.rateKind']);
    const negative = await post(`/recipients/${R}/employments/e-weekly/timesheets`, {
      periodStart: '2026-05-02',
      periodEnd: '2026-05-08',
      channel: 'paper',
      submittedBy: 'bureau',
      shifts: [{ date: '2026-05-04', start: '09:00', hours: '-3', rateKind: 'standard' }],
    });
    await api.thenProblem(negative, 400, 'input.invalid', ['shifts.0.hours']);
    const unknown = await post(`/recipients/${R}/employments/e-nobody/timesheets`, {
      periodStart: '2026-05-02',
      periodEnd: '2026-05-08',
      channel: 'paper',
      submittedBy: 'bureau',
      shifts: shifts(['2026-05-04'], '4'),
    });
    await api.thenProblem(unknown, 404, 'employment.not-found');
    // Another council's operator cannot see the employment at all.
    const leeds = await post(
      `/recipients/${R}/employments/e-weekly/timesheets`,
      { ...base, periodStart: '2026-05-02', shifts: shifts(['2026-05-04'], '4') },
      'leeds-operator',
    );
    await api.thenProblem(leeds, 404, 'employment.not-found');
  });
});
