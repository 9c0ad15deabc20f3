import { DateTime } from 'luxon';
import { systemPrincipal, type Principal } from '@dpe/access';
import { executeCommand, runQuery, type AnyCommandDeclaration } from '@dpe/decider';
import { openEventStore, type EventStore } from '@dpe/event-store';
import { closeRecovery, proposeRecovery, raiseRecovery, recordReview } from '@dpe/recoveries';
import { ProjectedViews, PROJECTIONS, VIEW_QUERIES } from '@dpe/view-catalogue';
import { LATE_PAYE, seedDemo, type DemoSummary } from './demo';

/**
 * The three users' views over the demo scheme (`dpe demo`, seeded here through the same commands), checked against
 * figures worked out by hand from the demo's own inputs (demo.ts) and HMRC's 2026-27 figures, never read from the
 * engine. The recipient is kcc-1007, Kevin Moore (Kent), chosen because every figure of its quarter can be worked on
 * paper: three PAs paid every Friday, each paid the same every week, none above the NI primary threshold, one on
 * code BR, none in a pension.
 *
 *   Daniel Evans (pa1)  Sat + Sun 6 h at the weekend rate £14.00 = £168.00 a week; code BR; pension opted out.
 *                       His first week (4-10 April) has no weekend on or after his start on 6 April: first paid on
 *                       17 April, then every Friday to 3 July = 12 payslips.
 *   Zofia Wisniewska    Mon-Fri 2 h at £13.10 = £131.00 a week (bank holidays worked at the standard rate: she has
 *   (pa2)               no bank-holiday rate); 1257L; 13 payslips, 10 April to 3 July.
 *   Liam Foster (pa3)   Tue + Thu 5 h at £13.10 = £131.00 a week, from 11 May: 8 payslips, 15 May to 3 July;
 *                       irregular hours, so holiday accrues at 12.07% of hours worked.
 *
 * HMRC 2026-27, weekly: primary threshold £242, secondary threshold £96, employer NI 15%; tax code BR taxes all pay
 * at 20%; 1257L frees about £241.90 a week. Auto-enrolment's earnings trigger is £192 a week, so none is enrolled.
 *
 *   Daniel  tax 168.00 × 20% = 33.60; employee NI 0 (168 < 242); employer NI (168 − 96) × 15% = 10.80; net 134.40
 *   Zofia   tax 0 (131 < 241.90); employee NI 0; employer NI (131 − 96) × 15% = 5.25; net 131.00
 *   Liam    as Zofia: employer NI 5.25; net 131.00
 *
 * Every employer claims the employment allowance (£10,500 a year), so every penny of employer NI is offset and the
 * P32 is the tax alone.
 */

const R = 'kcc-1007';
const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
const query = (name: string) => VIEW_QUERIES.find((declaration) => declaration.name === name)!;

describe('the three users’ views over the demo scheme, worked by hand', () => {
  const admin = systemPrincipal('demo-views');
  const finance: Principal = { actor: 'key:demo-finance', kind: 'key', roles: ['council-finance'], councils: ['kent'] };
  let store: EventStore;
  let views: ProjectedViews;
  let summary: DemoSummary;

  const ask = (name: string, params: Record<string, string>, at = '2026-07-27T12:00') =>
    runQuery(store, query(name), params, finance, london(at), views) as Promise<Record<string, unknown>>;
  const send = (declaration: AnyCommandDeclaration, input: unknown, at: string, principal = finance) =>
    executeCommand(store, declaration, input, { principal, now: london(at) });

  beforeAll(async () => {
    store = await openEventStore('memory:');
    views = new ProjectedViews(store, ':memory:', PROJECTIONS);
    summary = await seedDemo((declaration, input, envelope) => executeCommand(store, declaration, input, envelope), {
      store: 'memory:',
      principal: admin,
    });
  }, 300_000);
  afterAll(async () => {
    await views.close();
    await store.close();
  });

  it('says in its summary which case it puts in on purpose: kcc-1007’s PAYE for month 2 paid late', () => {
    expect(LATE_PAYE).toEqual({ recipientId: R, taxMonth: 2, paidOn: '2026-07-06' });
    expect(summary.deliberate).toEqual([
      expect.stringContaining('kcc-1007: PAYE for tax month 2 of 2026-27 paid late'),
    ]);
    // Paid late, not left unpaid: the demo still pays all the PAYE it ran.
    expect(summary.totals.payePaid).toBe(summary.totals.payeDue);
  });

  it('shows the DP account: four fundings in, the quarter’s net pay and PAYE out', async () => {
    const balance = await ask('show-balance', { recipientId: R });
    expect(balance).toMatchObject({
      recipientId: R,
      councilId: 'kent',
      // The budget: (168.00 + 131.00 + 131.00) a week × 1.18 + 20.00 = 527.40, up to whole pounds: 528.00
      budget: { version: 1, grossWeekly: '528.00', effectiveFrom: '2026-04-06' },
      // funding 4 × (4 weeks × 528.00 = 2,112.00)                                  = 8,448.00
      // net pay 12 × 134.40 (Daniel) + 13 × 131.00 (Zofia) + 8 × 131.00 (Liam)
      //         = 1,612.80 + 1,703.00 + 1,048.00                                 = 4,363.80
      // PAYE    months 1-3: 100.80 + 168.00 + 134.40 (below)                       =   403.20
      // pension none; other spend none
      // cash    8,448.00 − 4,363.80 − 403.20                                       = 3,681.00
      cash: '3681.00',
      committed: '0.00',
      // 3,681.00 ÷ 528.00 = 6.97…, rounded down to 6.9 weeks
      weeksOfCover: '6.9',
      cashBySource: { council: '3681.00', client: '0.00' },
    });
  });

  it('shows the P32: tax + NI − employment allowance by tax month, due the 22nd, month 2 overdue until paid', async () => {
    const months = (params: Record<string, string>) =>
      ask('list-paye-liabilities', { recipientId: R, taxYear: '2026-27', ...params }) as unknown as Promise<
        Record<string, unknown>[]
      >;
    const asAt30June = await months({ asAt: '2026-06-30' });
    expect(asAt30June).toEqual([
      expect.objectContaining({
        taxMonth: 1,
        // Tax month 1 is 6 April to 5 May: Fridays 10, 17, 24 April and 1 May.
        periodStart: '2026-04-06',
        periodEnd: '2026-05-05',
        // Daniel 3 × 33.60 = 100.80
        incomeTax: '100.80',
        employeeNic: '0.00',
        // Daniel 3 × 10.80 + Zofia 4 × 5.25 = 32.40 + 21.00 = 53.40, all offset by the allowance
        employerNic: '53.40',
        employmentAllowance: '53.40',
        studentLoan: '0.00',
        postgraduateLoan: '0.00',
        // 100.80 + 0.00 + 53.40 − 53.40 + 0.00 = 100.80, due 22 May, paid on 22 May
        due: '100.80',
        dueDate: '2026-05-22',
        paid: '100.80',
        outstanding: '0.00',
        overdue: false,
        payslips: 7,
      }),
      expect.objectContaining({
        taxMonth: 2,
        // 6 May to 5 June: Fridays 8, 15, 22, 29 May and 5 June (Liam from 15 May)
        incomeTax: '168.00', // Daniel 5 × 33.60
        // Daniel 5 × 10.80 + Zofia 5 × 5.25 + Liam 4 × 5.25 = 54.00 + 26.25 + 21.00 = 101.25
        employerNic: '101.25',
        employmentAllowance: '101.25',
        due: '168.00',
        dueDate: '2026-06-22',
        // Paid late on purpose (6 July): as at 30 June nothing is paid, and 22 June has passed.
        paid: '0.00',
        outstanding: '168.00',
        overdue: true,
        payslips: 14,
      }),
      expect.objectContaining({
        taxMonth: 3,
        // 6 June to 5 July: Fridays 12, 19, 26 June as at 30 June (3 July is after it); Daniel 3 × 33.60
        incomeTax: '100.80',
        due: '100.80',
        dueDate: '2026-07-22',
        outstanding: '100.80',
        overdue: false,
      }),
    ]);
    const overdue = await months({ asAt: '2026-06-30', overdueOnly: 'true' });
    expect(overdue.map((month) => month['taxMonth'])).toEqual([2]);
    // Now (27 July) month 2 is paid, on 6 July, and month 3's 4 weeks (3 July too: 4 × 33.60 = 134.40) on 22 July.
    const live = await months({});
    expect(
      live.map(({ taxMonth, due, paid, overdue: late, lastPaidOn }) => ({ taxMonth, due, paid, late, lastPaidOn })),
    ).toEqual([
      { taxMonth: 1, due: '100.80', paid: '100.80', late: false, lastPaidOn: '2026-05-22' },
      { taxMonth: 2, due: '168.00', paid: '168.00', late: false, lastPaidOn: '2026-07-06' },
      { taxMonth: 3, due: '134.40', paid: '134.40', late: false, lastPaidOn: '2026-07-22' },
    ]);
  });

  it('works out the recoverable surplus under Kent’s policy, with Liam’s accrued holiday ring-fenced', async () => {
    const view = await ask('show-audit-clawback', { recipientId: R, on: '2026-07-27' });
    expect(view).toMatchObject({
      councilId: 'kent',
      policyVersion: 1,
      surplus: {
        cash: {
          fundingReceived: '8448.00',
          netPayPaid: '4363.80',
          payePaid: '403.20',
          pensionPaid: '0.00',
          otherSpend: '0.00',
          balance: '3681.00',
        },
        liabilities: { total: '0.00' },
        ringFences: {
          // Liam: 8 weeks × 10 h × 12.07% = 9.656 h accrued, none taken; × £13.10 = 126.4936, to the penny 126.49.
          // Daniel and Zofia have contracted hours (5.6 weeks a year): no accrual on their payslips.
          accruedHoliday: {
            applied: true,
            amount: '126.49',
            employments: expect.arrayContaining([
              expect.objectContaining({
                employmentId: 'kcc-1007-pa3',
                owedHours: '9.656',
                rate: '13.10',
                amount: '126.49',
              }),
            ]),
          },
          // Everyone started in 2026: under 2 years' service, so no notice or redundancy exposure.
          noticeAndRedundancy: { applied: true, amount: '0.00', employments: [] },
          total: '126.49',
        },
        // Kent keeps 6 weeks: 6 × 528.00 = 3,168.00
        contingency: { weeks: 6, grossWeekly: '528.00', amount: '3168.00' },
        // 3,681.00 − 0.00 − 126.49 − 3,168.00 = 386.51, all council money (no client contributions)
        available: '386.51',
        surplus: '386.51',
        split: { clientShare: '0.00', councilShare: '386.51' },
      },
      flags: {
        surplus: true,
        disallowedSpend: { count: 0, amount: '0.00' },
        // First funding received 3 April 2026 (the Friday before the period of 6 April): the first review within 6
        // months (reg 7), by 3 October 2026; "due" from 3 September.
        review: { firstPaymentOn: '2026-04-03', lastReview: null, dueOn: '2026-10-03', status: 'not-due' },
      },
      openRecovery: null,
    });
  });

  it('recovers part of the surplus through the commands: reviewed, proposed, raised after the notice, paid, closed', async () => {
    await send(
      recordReview,
      {
        recipientId: R,
        reviewedOn: '2026-07-27',
        outcome: 'recovery-proposed',
        note: 'Unspent funds over the quarter',
      },
      '2026-07-27T10:00',
    );
    // A penny over the council's share of 386.51 is refused.
    await expect(
      send(proposeRecovery, { recipientId: R, amount: '386.52', reason: 'Unspent funds' }, '2026-07-27T10:30'),
    ).rejects.toMatchObject({ code: 'recovery.more-than-recoverable' });
    const proposed = await send(
      proposeRecovery,
      { recipientId: R, amount: '300.00', reason: 'Unspent funds found at the review of 27 July' },
      '2026-07-27T11:00',
    );
    const recoveryId = String(proposed.reply['recoveryId']);
    // Kent gives 28 days' notice: 27 July + 28 days = 24 August.
    expect(proposed.reply).toMatchObject({ amount: '300.00', noticeEndsOn: '2026-08-24' });
    // One recovery open at a time: a second proposal waits for this one to close.
    await expect(
      send(proposeRecovery, { recipientId: R, amount: '50.00', reason: 'Unspent funds' }, '2026-07-27T11:30'),
    ).rejects.toMatchObject({ code: 'recovery.already-open' });
    const open = await ask('show-audit-clawback', { recipientId: R, on: '2026-07-28' });
    expect(open).toMatchObject({
      openRecovery: { recoveryId, status: 'proposed', amount: '300.00', noticeEndsOn: '2026-08-24' },
      // Reviewed 27 July: the next within 12 months, by 27 July 2027.
      flags: {
        review: { lastReview: { reviewedOn: '2026-07-27', outcome: 'recovery-proposed' }, dueOn: '2027-07-27' },
      },
    });
    await expect(
      send(raiseRecovery, { recipientId: R, recoveryId, method: 'invoice' }, '2026-08-23T10:00'),
    ).rejects.toMatchObject({ code: 'recovery.notice-period' });
    await send(raiseRecovery, { recipientId: R, recoveryId, method: 'invoice' }, '2026-08-24T10:00');
    await send(
      closeRecovery,
      {
        recipientId: R,
        recoveryId,
        outcome: { kind: 'payment-received', amount: '300.00', receivedOn: '2026-08-28', reference: 'INV-KCC-1007-01' },
      },
      '2026-08-28T10:00',
    );
    const after = await ask('show-audit-clawback', { recipientId: R, on: '2026-08-28' }, '2026-08-28T12:00');
    expect(after).toMatchObject({
      openRecovery: null,
      surplus: {
        // The 300.00 went back to the council: 3,681.00 − 300.00 = 3,381.00
        cash: { returnedToCouncil: '300.00', balance: '3381.00' },
        // 3,381.00 − 126.49 − 3,168.00 = 86.51
        surplus: '86.51',
      },
    });
    expect(await ask('show-balance', { recipientId: R }, '2026-08-28T12:00')).toMatchObject({ cash: '3381.00' });
    // As at the day before the payment, the account still held it.
    expect(await ask('show-balance', { recipientId: R, asAt: '2026-08-27' }, '2026-08-28T12:00')).toMatchObject({
      cash: '3681.00',
    });
  });
});
