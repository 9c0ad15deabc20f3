import {
  bureauPayeTotals,
  listPayeLiabilities,
  payeLiabilitiesProjection,
  payeQuarters,
  type ListPayeLiabilitiesParams,
  type PayeLiability,
} from '@dpe/paye-liabilities';
import { InvalidInput } from '@dpe/errors';
import { createInMemoryEventStore } from '@dpe/event-store';
import { Projector, type ReadModelRows } from '@dpe/projector';
import {
  enrolled,
  enrolledV1,
  netPayPaid,
  payePaid,
  payRunCompleted,
  payslip,
  registered,
  Scenario,
} from '../test/given';

// The PAYE liabilities (P32) view, as given events → then rows. Every `thenRows` projects four times (first catch-up, a
// second catch-up, a Projector re-opened on the same read-model file, a rebuild into a fresh file) and requires the
// same answer and the same stored rows each time (test/given.ts). Every figure below is worked by hand in its comment.

const list =
  (overrides: Partial<ListPayeLiabilitiesParams> = {}) =>
  (rows: ReadModelRows<unknown>) =>
    listPayeLiabilities(rows, { councils: 'all', limit: 100, ...overrides });

/** The fields of a row a spec checks; the rest are checked where they matter. */
const money = (row: PayeLiability) => ({
  recipientId: row.recipientId,
  taxYear: row.taxYear,
  taxMonth: row.taxMonth,
  incomeTax: row.incomeTax,
  employeeNic: row.employeeNic,
  employerNic: row.employerNic,
  studentLoan: row.studentLoan,
  postgraduateLoan: row.postgraduateLoan,
  employmentAllowance: row.employmentAllowance,
  statutoryPayRecovered: row.statutoryPayRecovered,
  due: row.due,
  paid: row.paid,
  outstanding: row.outstanding,
  dueDate: row.dueDate,
});

let scenario: Scenario | undefined;
afterEach(async () => {
  await scenario?.close();
  scenario = undefined;
});

describe('PAYE liabilities: one row per employer per tax month', () => {
  it('given two payslips in one tax month, then one row sums them', async () => {
    scenario = await Scenario.given([
      enrolled('r-kent', 'kent'),
      registered('r-kent', '120/KA001', { employmentAllowance: false }),
      // 17 and 24 April 2026 are both in tax month 1 of 2026-27 (6 April–5 May).
      payslip('r-kent', '2026-04-17', {
        incomeTax: '12.40',
        employeeNic: '18.20',
        employerNic: '21.35',
        studentLoan: '9.00',
      }),
      // pay run PAYE: 12.40 + 18.20 + 21.35 + 9.00 = 60.95
      payRunCompleted('r-kent', '2026-04-17', '60.95'),
      payslip('r-kent', '2026-04-24', {
        incomeTax: '15.60',
        employeeNic: '20.10',
        employerNic: '23.70',
        studentLoan: '11.00',
        postgraduateLoan: '6.00',
      }),
      // pay run PAYE: 15.60 + 20.10 + 23.70 + 11.00 + 6.00 = 76.40
      payRunCompleted('r-kent', '2026-04-24', '76.40'),
    ]);
    const rows = await scenario.thenRows(list());
    expect(rows).toEqual([
      {
        recipientId: 'r-kent',
        councilId: 'kent',
        payeReference: '120/KA001',
        accountsOfficeReference: '120PX00012345',
        employmentAllowanceClaimed: false,
        taxYear: '2026-27',
        taxMonth: 1,
        periodStart: '2026-04-06',
        periodEnd: '2026-05-05',
        // tax month 1 ends 5 May; electronic payment is due on the 22nd: 22 May 2026
        dueDate: '2026-05-22',
        incomeTax: '28.00', // 12.40 + 15.60 = 28.00
        employeeNic: '38.30', // 18.20 + 20.10 = 38.30
        employerNic: '45.05', // 21.35 + 23.70 = 45.05
        studentLoan: '20.00', // 9.00 + 11.00 = 20.00
        postgraduateLoan: '6.00', // 0.00 + 6.00 = 6.00
        employmentAllowance: '0.00', // not claimed
        smp: '0.00',
        spp: '0.00',
        statutoryPayRecoveryRate: null,
        statutoryPayRecovered: '0.00',
        // 28.00 + 38.30 + 45.05 − 0.00 + 20.00 + 6.00 − 0.00 = 137.35
        due: '137.35',
        paid: '0.00',
        outstanding: '137.35', // 137.35 − 0.00
        overdue: false, // no asOf given
        payslips: 2,
        payments: 0,
        lastPaidOn: null,
        payRunPayeDue: '137.35', // 60.95 + 76.40 = 137.35
      },
    ]);
  });

  it('given payslips either side of the 5th, then each is in its own tax month with its own due date', async () => {
    scenario = await Scenario.given([
      enrolled('r-kent', 'kent'),
      // 5 May is the last day of tax month 1; 6 May the first of tax month 2 (6 May–5 June).
      payslip('r-kent', '2026-05-05', { incomeTax: '20.00', employeeNic: '10.00', employerNic: '12.00' }),
      payslip('r-kent', '2026-05-06', { incomeTax: '30.00', employeeNic: '15.00', employerNic: '18.00' }),
    ]);
    const rows = await scenario.thenRows(list());
    expect(rows.map(money)).toEqual([
      {
        recipientId: 'r-kent',
        taxYear: '2026-27',
        taxMonth: 1,
        incomeTax: '20.00',
        employeeNic: '10.00',
        employerNic: '12.00',
        studentLoan: '0.00',
        postgraduateLoan: '0.00',
        employmentAllowance: '0.00',
        statutoryPayRecovered: '0.00',
        due: '42.00', // 20.00 + 10.00 + 12.00 = 42.00
        paid: '0.00',
        outstanding: '42.00',
        dueDate: '2026-05-22', // month 1 ends 5 May → 22 May
      },
      {
        recipientId: 'r-kent',
        taxYear: '2026-27',
        taxMonth: 2,
        incomeTax: '30.00',
        employeeNic: '15.00',
        employerNic: '18.00',
        studentLoan: '0.00',
        postgraduateLoan: '0.00',
        employmentAllowance: '0.00',
        statutoryPayRecovered: '0.00',
        due: '63.00', // 30.00 + 15.00 + 18.00 = 63.00
        paid: '0.00',
        outstanding: '63.00',
        dueDate: '2026-06-22', // month 2 ends 5 June → 22 June
      },
    ]);
    // Filtered to one month, and paged.
    expect((await scenario.thenRows(list({ taxMonth: 2 }))).map((row) => row.taxMonth)).toEqual([2]);
    expect((await scenario.thenRows(list({ limit: 1, offset: 1 }))).map((row) => row.taxMonth)).toEqual([2]);
    expect(await scenario.thenRows(list({ taxYear: '2025-26' }))).toEqual([]);
  });

  it('given a payment part-settling a month, then the rest is outstanding, and overdue only after the 22nd', async () => {
    scenario = await Scenario.given([
      enrolled('r-kent', 'kent'),
      // tax month 1: due 100.00 + 40.00 + 46.00 = 186.00, by 22 May 2026
      payslip('r-kent', '2026-04-30', { incomeTax: '100.00', employeeNic: '40.00', employerNic: '46.00' }),
      payePaid('r-kent', '2026-27', 1, '100.00', '2026-05-20'),
      // A PA's net pay is not PAYE: it settles nothing here.
      netPayPaid('r-kent', '2026-04-30', '414.00'),
    ]);
    const on22nd = await scenario.thenRows(list({ asOf: '2026-05-22' }));
    expect(
      on22nd.map((row) => [row.due, row.paid, row.outstanding, row.overdue, row.payments, row.lastPaidOn]),
    ).toEqual([
      // outstanding 186.00 − 100.00 = 86.00; on the due date itself it is not yet overdue
      ['186.00', '100.00', '86.00', false, 1, '2026-05-20'],
    ]);
    expect(await scenario.thenRows(list({ asOf: '2026-05-22', overdueOnly: true }))).toEqual([]);

    // 23 May is after the due date and 86.00 is still outstanding: overdue.
    const on23rd = await scenario.thenRows(list({ asOf: '2026-05-23' }));
    expect(on23rd.map((row) => [row.outstanding, row.overdue])).toEqual([['86.00', true]]);
    const overdue = await scenario.thenRows(list({ asOf: '2026-05-23', overdueOnly: true }));
    expect(overdue.map((row) => [row.recipientId, row.taxMonth, row.outstanding])).toEqual([['r-kent', 1, '86.00']]);

    // The rest is paid late: nothing outstanding, so no longer overdue.
    await scenario.and([payePaid('r-kent', '2026-27', 1, '86.00', '2026-05-25')]);
    const settled = await scenario.thenRows(list({ asOf: '2026-05-26' }));
    // paid 100.00 + 86.00 = 186.00; outstanding 186.00 − 186.00 = 0.00
    expect(settled.map((row) => [row.paid, row.outstanding, row.overdue, row.payments, row.lastPaidOn])).toEqual([
      ['186.00', '0.00', false, 2, '2026-05-25'],
    ]);
    expect(await scenario.thenRows(list({ asOf: '2026-05-26', overdueOnly: true }))).toEqual([]);
  });

  it('given the Employment Allowance set against employer NICs, then it reduces the due', async () => {
    scenario = await Scenario.given([
      enrolled('r-ea', 'kent'),
      registered('r-ea', '120/EA001', { employmentAllowance: true }),
      payslip('r-ea', '2026-04-30', {
        incomeTax: '52.40',
        employeeNic: '30.00',
        employerNic: '65.25',
        employmentAllowance: '65.25',
      }),
      payslip('r-ea', '2026-04-30', {
        incomeTax: '10.00',
        employeeNic: '8.00',
        employerNic: '12.10',
        employmentAllowance: '12.10',
      }),
      // pay run PAYE: (52.40 + 30.00 + 65.25 − 65.25) + (10.00 + 8.00 + 12.10 − 12.10) = 82.40 + 18.00 = 100.40
      payRunCompleted('r-ea', '2026-04-30', '100.40'),
    ]);
    const [row] = await scenario.thenRows(list());
    expect(row && money(row)).toEqual({
      recipientId: 'r-ea',
      taxYear: '2026-27',
      taxMonth: 1,
      incomeTax: '62.40', // 52.40 + 10.00
      employeeNic: '38.00', // 30.00 + 8.00
      employerNic: '77.35', // 65.25 + 12.10
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      employmentAllowance: '77.35', // 65.25 + 12.10: all of the employer NICs
      statutoryPayRecovered: '0.00',
      due: '100.40', // 62.40 + 38.00 + 77.35 − 77.35 = 100.40
      paid: '0.00',
      outstanding: '100.40',
      dueDate: '2026-05-22',
    });
    expect(row?.payRunPayeDue).toBe('100.40');
    expect(row?.employmentAllowanceClaimed).toBe(true);
  });

  it('given SMP and SPP paid, then they are recovered at the Small Employers’ Relief rate of the tax year; SSP is not', async () => {
    scenario = await Scenario.given([
      enrolled('r-smp', 'kent'),
      // tax month 3 of 2026-27 (6 June–5 July)
      payslip('r-smp', '2026-06-26', {
        incomeTax: '412.60',
        employeeNic: '160.32',
        employerNic: '318.75',
        lines: [
          { kind: 'hours', amount: '2100.00' },
          { kind: 'ssp', amount: '123.25' },
        ],
      }),
      payslip('r-smp', '2026-06-26', {
        incomeTax: '0.00',
        employeeNic: '0.00',
        employerNic: '0.00',
        lines: [{ kind: 'smp', amount: '360.00' }],
      }),
      payslip('r-smp', '2026-06-26', {
        incomeTax: '0.00',
        employeeNic: '0.00',
        employerNic: '0.00',
        lines: [{ kind: 'spp', amount: '194.32' }],
      }),
      // tax month 12 of 2024-25 (6 March–5 April 2025)
      payslip('r-smp', '2025-03-28', {
        incomeTax: '50.00',
        employeeNic: '20.00',
        employerNic: '25.00',
        lines: [{ kind: 'smp', amount: '184.03' }],
      }),
    ]);
    const rows = await scenario.thenRows(list());
    expect(rows.map((row) => [row.taxYear, row.taxMonth, row.smp, row.spp, row.statutoryPayRecoveryRate])).toEqual([
      ['2024-25', 12, '184.03', '0.00', '1.03'],
      ['2026-27', 3, '360.00', '194.32', '1.09'],
    ]);
    expect(rows.map(money)).toEqual([
      {
        recipientId: 'r-smp',
        taxYear: '2024-25',
        taxMonth: 12,
        incomeTax: '50.00',
        employeeNic: '20.00',
        employerNic: '25.00',
        studentLoan: '0.00',
        postgraduateLoan: '0.00',
        employmentAllowance: '0.00',
        // SER in 2024-25 recovers 103%: 184.03 × 1.03 = 189.5509 → 189.55
        statutoryPayRecovered: '189.55',
        // 50.00 + 20.00 + 25.00 − 189.55 = 95.00 − 189.55 = −94.55: more is recovered than is owed
        due: '-94.55',
        paid: '0.00',
        outstanding: '-94.55',
        // month 12 ends 5 April 2025 → 22 April 2025
        dueDate: '2025-04-22',
      },
      {
        recipientId: 'r-smp',
        taxYear: '2026-27',
        taxMonth: 3,
        incomeTax: '412.60',
        employeeNic: '160.32',
        employerNic: '318.75',
        studentLoan: '0.00',
        postgraduateLoan: '0.00',
        employmentAllowance: '0.00',
        // SER in 2026-27 recovers 109%: SMP 360.00 × 1.09 = 392.40; SPP 194.32 × 1.09 = 211.8088 → 211.81;
        // 392.40 + 211.81 = 604.21. The SSP line (123.25) is not recoverable.
        statutoryPayRecovered: '604.21',
        // 412.60 + 160.32 + 318.75 = 891.67; 891.67 − 604.21 = 287.46
        due: '287.46',
        paid: '0.00',
        outstanding: '287.46',
        dueDate: '2026-07-22', // month 3 ends 5 July → 22 July
      },
    ]);
    // On 1 August 2026-27 month 3 is past its due date (22 July) with 287.46 outstanding: overdue. The 2024-25 month
    // owes nothing (−94.55 outstanding is not more than 0), so it is never overdue.
    const later = await scenario.thenRows(list({ asOf: '2026-08-01', overdueOnly: true }));
    expect(later.map((row) => [row.taxYear, row.taxMonth])).toEqual([['2026-27', 3]]);
  });
});

describe('PAYE liabilities by quarter, and the £1,500 average', () => {
  const events = [
    enrolled('r-q', 'kent'),
    // month 1 (6 Apr–5 May): 400.00 + 150.00 + 200.00 = 750.00
    payslip('r-q', '2026-04-24', { incomeTax: '400.00', employeeNic: '150.00', employerNic: '200.00' }),
    // month 2 (6 May–5 Jun): 500.00 + 200.00 + 250.00 = 950.00
    payslip('r-q', '2026-05-29', { incomeTax: '500.00', employeeNic: '200.00', employerNic: '250.00' }),
    // month 3 (6 Jun–5 Jul): 600.00 + 250.00 + 300.00 = 1150.00
    payslip('r-q', '2026-06-26', { incomeTax: '600.00', employeeNic: '250.00', employerNic: '300.00' }),
    // month 4 (6 Jul–5 Aug): 1500.00 + 600.00 + 800.00 = 2900.00
    payslip('r-q', '2026-07-31', { incomeTax: '1500.00', employeeNic: '600.00', employerNic: '800.00' }),
    payePaid('r-q', '2026-27', 1, '750.00', '2026-05-20'),
    payePaid('r-q', '2026-27', 2, '950.00', '2026-06-19'),
  ];
  const quarters =
    (asOf: string, councils: readonly string[] | 'all' = 'all') =>
    (rows: ReadModelRows<unknown>) =>
      payeQuarters(rows, { councils, recipientId: 'r-q', taxYear: '2026-27', asOf });

  it('given four months, then they are grouped into quarters due 22 July, October, January and April', async () => {
    scenario = await Scenario.given(events);
    const year = await scenario.thenRows(quarters('2026-07-10'));
    expect(
      year?.quarters.map((q) => [
        q.quarter,
        q.taxMonths,
        q.periodStart,
        q.periodEnd,
        q.dueDate,
        q.due,
        q.paid,
        q.outstanding,
        q.overdue,
      ]),
    ).toEqual([
      // Q1 = months 1–3: due 750.00 + 950.00 + 1150.00 = 2850.00; paid 750.00 + 950.00 = 1700.00;
      // outstanding 2850.00 − 1700.00 = 1150.00; due 22 July, so not overdue on 10 July
      [1, [1, 2, 3], '2026-04-06', '2026-07-05', '2026-07-22', '2850.00', '1700.00', '1150.00', false],
      // Q2 = months 4–6: only month 4, 2900.00, nothing paid
      [2, [4, 5, 6], '2026-07-06', '2026-10-05', '2026-10-22', '2900.00', '0.00', '2900.00', false],
      [3, [7, 8, 9], '2026-10-06', '2027-01-05', '2027-01-22', '0.00', '0.00', '0.00', false],
      [4, [10, 11, 12], '2027-01-06', '2027-04-05', '2027-04-22', '0.00', '0.00', '0.00', false],
    ]);
    expect(year?.quarters[0]?.months.map((month) => month.taxMonth)).toEqual([1, 2, 3]);
    // 10 July is in tax month 4: months 1–4 so far, 750.00 + 950.00 + 1150.00 + 2900.00 = 5750.00;
    // 5750.00 ÷ 4 = 1437.50, under 1500.00: may pay quarterly
    expect(year && [year.monthsSoFar, year.dueSoFar, year.averageMonthlyDue, year.mayPayQuarterly]).toEqual([
      4,
      '5750.00',
      '1437.50',
      true,
    ]);

    // 23 July: Q1's 1150.00 is still outstanding after its due date (22 July).
    const after = await scenario.thenRows(quarters('2026-07-23'));
    expect(after?.quarters.map((q) => q.overdue)).toEqual([true, false, false, false]);

    // 10 June is in tax month 3: month 4 (paid on 31 July) is not yet "so far"; 750.00 + 950.00 + 1150.00 = 2850.00;
    // 2850.00 ÷ 3 = 950.00
    const june = await scenario.thenRows(quarters('2026-06-10'));
    expect(june && [june.monthsSoFar, june.dueSoFar, june.averageMonthlyDue, june.mayPayQuarterly]).toEqual([
      3,
      '2850.00',
      '950.00',
      true,
    ]);

    // Before the tax year starts there is no average yet.
    const before = await scenario.thenRows(quarters('2026-03-31'));
    expect(before && [before.monthsSoFar, before.dueSoFar, before.averageMonthlyDue, before.mayPayQuarterly]).toEqual([
      0,
      '0.00',
      null,
      false,
    ]);
  });

  it('given a large fifth month, then the average reaches £1,500 and the employer may no longer pay quarterly', async () => {
    scenario = await Scenario.given([
      ...events,
      // month 5 (6 Aug–5 Sep): 2000.00 + 800.00 + 1000.00 = 3800.00
      payslip('r-q', '2026-08-28', { incomeTax: '2000.00', employeeNic: '800.00', employerNic: '1000.00' }),
    ]);
    // 10 August is in tax month 5: 5750.00 + 3800.00 = 9550.00; 9550.00 ÷ 5 = 1910.00, not under 1500.00
    const august = await scenario.thenRows(quarters('2026-08-10'));
    expect(august && [august.monthsSoFar, august.dueSoFar, august.averageMonthlyDue, august.mayPayQuarterly]).toEqual([
      5,
      '9550.00',
      '1910.00',
      false,
    ]);
    // Q2 = months 4–6: 2900.00 + 3800.00 = 6700.00
    expect(august?.quarters[1]?.due).toBe('6700.00');
    // 1 December is in tax month 8 (6 Nov–5 Dec): months with no payroll count as nothing due;
    // 9550.00 ÷ 8 = 1193.75, under 1500.00 again
    const december = await scenario.thenRows(quarters('2026-12-01'));
    expect(december && [december.monthsSoFar, december.averageMonthlyDue, december.mayPayQuarterly]).toEqual([
      8,
      '1193.75',
      true,
    ]);
    // After the year, all 12 months: 9550.00 ÷ 12 = 795.8333… → 795.83
    const afterYear = await scenario.thenRows(quarters('2027-05-01'));
    expect(afterYear && [afterYear.monthsSoFar, afterYear.averageMonthlyDue]).toEqual([12, '795.83']);
  });

  it('given an employer of another council, then its quarters are not visible', async () => {
    scenario = await Scenario.given(events);
    expect(await scenario.thenRows(quarters('2026-07-10', ['medway']))).toBeUndefined();
    expect(await scenario.thenRows(quarters('2026-07-10', []))).toBeUndefined();
    expect((await scenario.thenRows(quarters('2026-07-10', ['kent'])))?.councilId).toBe('kent');
  });
});

describe('PAYE liabilities by council, and the bureau’s totals', () => {
  const events = [
    enrolled('r-kent', 'kent'),
    enrolled('r-medway', 'medway'),
    // Enrolled before councils were registered (schema version 1, free-text council): no council id once upcast.
    enrolledV1('r-legacy', 'Kent County Council'),
    // r-kent month 1: 12.40 + 18.20 + 21.35 − 21.35 = 30.60
    payslip('r-kent', '2026-04-30', {
      incomeTax: '12.40',
      employeeNic: '18.20',
      employerNic: '21.35',
      employmentAllowance: '21.35',
    }),
    // r-kent month 2: 14.00 + 19.00 + 22.00 − 22.00 = 33.00
    payslip('r-kent', '2026-05-29', {
      incomeTax: '14.00',
      employeeNic: '19.00',
      employerNic: '22.00',
      employmentAllowance: '22.00',
    }),
    // r-medway month 1: 100.00 + 50.00 + 60.00 + 15.00 (student loan) = 225.00
    payslip('r-medway', '2026-04-30', {
      incomeTax: '100.00',
      employeeNic: '50.00',
      employerNic: '60.00',
      studentLoan: '15.00',
    }),
    // r-legacy month 1: 5.00 + 2.50 + 3.00 = 10.50
    payslip('r-legacy', '2026-04-30', { incomeTax: '5.00', employeeNic: '2.50', employerNic: '3.00' }),
    payePaid('r-kent', '2026-27', 1, '30.60', '2026-05-15'),
    payePaid('r-legacy', '2026-27', 1, '10.50', '2026-05-18'),
  ];
  const who = (rows: PayeLiability[]) => rows.map((row) => [row.recipientId, row.taxMonth, row.councilId]);

  it('given employers of several councils, then a principal sees only its councils’ rows; a row with no council only with all', async () => {
    scenario = await Scenario.given(events);
    expect(who(await scenario.thenRows(list({ councils: ['kent'] })))).toEqual([
      ['r-kent', 1, 'kent'],
      ['r-kent', 2, 'kent'],
    ]);
    expect(who(await scenario.thenRows(list({ councils: ['medway', 'kent'] })))).toEqual([
      ['r-kent', 1, 'kent'],
      ['r-medway', 1, 'medway'],
      ['r-kent', 2, 'kent'],
    ]);
    expect(who(await scenario.thenRows(list({ councils: ['medway'], recipientId: 'r-kent' })))).toEqual([]);
    expect(who(await scenario.thenRows(list({ councils: [] })))).toEqual([]);
    expect(who(await scenario.thenRows(list({ councils: 'all' })))).toEqual([
      ['r-kent', 1, 'kent'],
      ['r-legacy', 1, null],
      ['r-medway', 1, 'medway'],
      ['r-kent', 2, 'kent'],
    ]);

    // Re-enrolled under a registered council, the employer's months move with it.
    await scenario.and([enrolled('r-legacy', 'kent')]);
    expect(who(await scenario.thenRows(list({ councils: ['kent'], taxMonth: 1 })))).toEqual([
      ['r-kent', 1, 'kent'],
      ['r-legacy', 1, 'kent'],
    ]);
  });

  it('given employers of several councils, then the bureau totals each tax month over the councils asked for', async () => {
    scenario = await Scenario.given(events);
    const all = await scenario.thenRows((rows) =>
      bureauPayeTotals(rows, { councils: 'all', taxYear: '2026-27', asOf: '2026-05-23' }),
    );
    expect(all).toEqual([
      {
        taxYear: '2026-27',
        taxMonth: 1,
        dueDate: '2026-05-22',
        employers: 3,
        incomeTax: '117.40', // 12.40 + 100.00 + 5.00
        employeeNic: '70.70', // 18.20 + 50.00 + 2.50
        employerNic: '84.35', // 21.35 + 60.00 + 3.00
        studentLoan: '15.00', // 0.00 + 15.00 + 0.00
        postgraduateLoan: '0.00',
        employmentAllowance: '21.35', // r-kent's only
        statutoryPayRecovered: '0.00',
        due: '266.10', // 30.60 + 225.00 + 10.50; also 117.40 + 70.70 + 84.35 + 15.00 − 21.35 = 266.10
        paid: '41.10', // 30.60 + 10.50
        outstanding: '225.00', // 266.10 − 41.10
        // on 23 May only r-medway still owes month 1 (due 22 May): 225.00
        overdue: { employers: 1, outstanding: '225.00' },
      },
      {
        taxYear: '2026-27',
        taxMonth: 2,
        dueDate: '2026-06-22',
        employers: 1,
        incomeTax: '14.00',
        employeeNic: '19.00',
        employerNic: '22.00',
        studentLoan: '0.00',
        postgraduateLoan: '0.00',
        employmentAllowance: '22.00',
        statutoryPayRecovered: '0.00',
        due: '33.00', // 14.00 + 19.00 + 22.00 − 22.00
        paid: '0.00',
        outstanding: '33.00',
        overdue: { employers: 0, outstanding: '0.00' }, // not due until 22 June
      },
    ]);

    const kent = await scenario.thenRows((rows) => bureauPayeTotals(rows, { councils: ['kent'], taxYear: '2026-27' }));
    expect(
      kent.map((month) => [month.taxMonth, month.employers, month.due, month.paid, month.outstanding, month.overdue]),
    ).toEqual([
      [1, 1, '30.60', '30.60', '0.00', null], // r-kent alone; no asOf, so no overdue figures
      [2, 1, '33.00', '0.00', '33.00', null],
    ]);

    const both = await scenario.thenRows((rows) =>
      bureauPayeTotals(rows, { councils: ['kent', 'medway'], taxYear: '2026-27' }),
    );
    // month 1: 30.60 + 225.00 = 255.60 due; 30.60 paid; 255.60 − 30.60 = 225.00 outstanding
    expect(both.map((month) => [month.taxMonth, month.employers, month.due, month.paid, month.outstanding])).toEqual([
      [1, 2, '255.60', '30.60', '225.00'],
      [2, 1, '33.00', '0.00', '33.00'],
    ]);
    expect(
      await scenario.thenRows((rows) => bureauPayeTotals(rows, { councils: ['york'], taxYear: '2026-27' })),
    ).toEqual([]);
    expect(await scenario.thenRows((rows) => bureauPayeTotals(rows, { councils: 'all', taxYear: '2025-26' }))).toEqual(
      [],
    );
  });
});

describe('PAYE liabilities queries refuse bad parameters', () => {
  it('names each bad parameter', async () => {
    const store = createInMemoryEventStore();
    const projector = new Projector(store, ':memory:', [payeLiabilitiesProjection]);
    await projector.catchUp();
    const rows = projector.readModel;
    expect(() => list({ overdueOnly: true })(rows)).toThrow(InvalidInput);
    expect(() => list({ overdueOnly: true })(rows)).toThrow(
      expect.objectContaining({ issues: [{ path: 'asOf', rule: 'is required' }] }),
    );
    expect(() => list({ asOf: '2026-02-30', taxMonth: 13, limit: 0, offset: -1, taxYear: '2026-28' })(rows)).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'taxYear', rule: 'must be a tax year written like "2026-27"' },
          { path: 'asOf', rule: 'must be a business date written YYYY-MM-DD' },
          { path: 'taxMonth', rule: 'must be a whole number from 1 to 12' },
          { path: 'limit', rule: 'must be a whole number from 1 to 1000' },
          { path: 'offset', rule: 'must be a whole number, 0 or more' },
        ],
      }),
    );
    expect(() =>
      payeQuarters(rows, { councils: 'all', recipientId: '', taxYear: '2026-27', asOf: '26-07-10' }),
    ).toThrow(
      expect.objectContaining({
        issues: [
          { path: 'recipientId', rule: 'is required' },
          { path: 'asOf', rule: 'must be a business date written YYYY-MM-DD' },
        ],
      }),
    );
    expect(() => bureauPayeTotals(rows, { councils: 'kent' as never, taxYear: '2026-27' })).toThrow(
      expect.objectContaining({ issues: [{ path: 'councils', rule: "must be 'all' or a list of council ids" }] }),
    );
    await projector.close();
    await store.close();
  });
});
