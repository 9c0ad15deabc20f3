import { DateTime } from 'luxon';
import { systemPrincipal } from '@dpe/access';
import { recordFunding, recordOtherSpend } from '@dpe/accounts';
import { recordCouncilPolicy, registerCouncil } from '@dpe/councils';
import { executeCommand, runQuery, type AnyCommandDeclaration, type AnyQueryDeclaration } from '@dpe/decider';
import { hirePa } from '@dpe/employment';
import { openEventStore, type EventStore } from '@dpe/event-store';
import { runPayroll } from '@dpe/pay-runs';
import { agreeBudget, enrolRecipient, registerAsEmployer } from '@dpe/recipients';
import { recordReview } from '@dpe/recoveries';
import { approveTimesheet, submitTimesheet } from '@dpe/timesheets';
import { listAuditClawback, showAuditClawback } from './audit-clawback';
import { PROJECTIONS } from './catalogue';
import { listPayRisks } from './pay-risk';
import { ProjectedViews } from './read-models';

/**
 * The views worked out on demand from the streams (audit-clawback and the pay-risk monitor), asked as at a date, as
 * known on a day and as at a global position: recorded on 1 June, then more events recorded on 10 June, among them a
 * correction dated in May. As at 1 June as known on 1 June (or as at the position the store had reached) each view
 * is exactly what it showed on 1 June; as at 1 June as known now, it counts the late correction and nothing dated
 * after 1 June. Only the clock the store stamps `recordedAt` with is set (Date): timers run as they do.
 */
describe('audit-clawback and pay risks as at a date, as known on a day', () => {
  const R = 'r-asat';
  const E = 'e-asat';
  const principal = systemPrincipal('as-at-spec');
  const london = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/London' });
  let store: EventStore;
  let views: ProjectedViews;
  let head1 = '';
  let clawback1: unknown;
  let risks1: unknown;
  let sheetId = '';

  const send = (declaration: AnyCommandDeclaration, input: unknown, at: string) =>
    executeCommand(store, declaration, input, { principal, now: london(at) });
  const ask = (query: AnyQueryDeclaration, params: Record<string, string>, at: string) =>
    runQuery(store, query, params, principal, london(at), views);
  /** The wall clock the store records with: noon in London on the day. */
  const recordOn = (day: string) => jest.setSystemTime(london(`${day}T12:00:00`).toJSDate());

  beforeAll(async () => {
    jest.useFakeTimers({
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    store = await openEventStore('memory:');
    views = new ProjectedViews(store, ':memory:', PROJECTIONS);

    // ---- recorded on 1 June 2026
    recordOn('2026-06-01');
    await send(registerCouncil, { councilId: 'kent', name: 'Kent County Council' }, '2026-03-01T09:00');
    await send(
      recordCouncilPolicy,
      {
        councilId: 'kent',
        effectiveFrom: '2026-04-01',
        contingencyWeeks: 4,
        ringFences: ['unpaid-wages', 'paye-due'],
        recoveryMethods: ['invoice'],
        recoveryNoticeDays: 28,
        auditCadenceMonths: 12,
      },
      '2026-03-01T10:00',
    );
    await send(
      enrolRecipient,
      {
        recipientId: R,
        councilId: 'kent',
        recipientType: 'adult',
        name: 'Ada Asat',
        accountType: 'managed-account',
        enrolledOn: '2026-03-20',
      },
      '2026-03-20T10:00',
    );
    await send(
      registerAsEmployer,
      {
        recipientId: R,
        payeReference: '120/AS123',
        accountsOfficeReference: '120PY19064375',
        employmentAllowance: false,
        bureauActsAsAgent: true,
        registeredOn: '2026-03-21',
      },
      '2026-03-21T10:00',
    );
    await send(agreeBudget, { recipientId: R, grossWeekly: '250.00', effectiveFrom: '2026-04-01' }, '2026-03-25T10:00');
    await send(
      recordFunding,
      {
        recipientId: R,
        amount: '5000.00',
        periodFrom: '2026-04-01',
        periodTo: '2026-06-30',
        remittanceReference: 'KCC-ASAT-1',
        receivedOn: '2026-04-01',
      },
      '2026-04-01T09:00',
    );
    await send(
      recordOtherSpend,
      {
        recipientId: R,
        category: 'agency-care',
        payee: 'Kent Homecare Ltd',
        amount: '300.00',
        invoiceReference: 'KH-0501',
        invoiceDate: '2026-05-01',
        description: 'Agency cover in April',
      },
      '2026-05-01T09:00',
    );
    await send(
      recordReview,
      { recipientId: R, reviewedOn: '2026-05-20', outcome: 'continue', note: 'Spending matches the support plan' },
      '2026-05-20T15:00',
    );
    await send(
      hirePa,
      {
        recipientId: R,
        employmentId: E,
        pa: {
          forename: 'Pat',
          surname: 'Assistant',
          nationalInsuranceNumber: 'AB123456C',
          dateOfBirth: '1990-05-01',
          gender: 'F',
          address: { lines: ['2 Mill Lane', 'Maidstone'], postcode: 'ME14 2AB' },
        },
        startDate: '2026-06-01',
        starter: { kind: 'statement', statement: 'A' },
        taxCode: '1257L',
        schedule: { frequency: 'weekly', firstPayDate: '2026-06-05', daysInArrears: 0 },
        rates: { standard: '13.00' },
        holiday: { basis: 'accrual' },
        pension: 'opted-out',
        bank: { accountName: 'P Assistant', sortCode: '20-00-00', accountNumber: '55779911' },
      },
      '2026-05-25T10:00',
    );
    const submitted = await send(
      submitTimesheet,
      {
        recipientId: R,
        employmentId: E,
        periodStart: '2026-05-30',
        periodEnd: '2026-06-05',
        shifts: [{ date: '2026-06-01', start: '09:00', hours: '7', rateKind: 'standard' }],
        channel: 'portal',
        submittedBy: 'pa',
      },
      '2026-06-01T11:00',
    );
    sheetId = String(submitted.reply['timesheetId']);

    clawback1 = await ask(showAuditClawback, { recipientId: R, on: '2026-06-01' }, '2026-06-01T12:00');
    risks1 = await ask(listPayRisks, { on: '2026-06-01' }, '2026-06-01T12:00');
    head1 = (await store.headPosition()).toString();

    // ---- recorded on 10 June 2026: the pay run of 5 June, more funding, a May invoice keyed in late, a review
    recordOn('2026-06-10');
    await send(
      approveTimesheet,
      { recipientId: R, employmentId: E, timesheetId: sheetId, approvedBy: 'employer', approvedOn: '2026-06-05' },
      '2026-06-05T09:00',
    );
    await send(runPayroll, { recipientId: R, payDate: '2026-06-05' }, '2026-06-05T12:00');
    await send(
      recordFunding,
      {
        recipientId: R,
        amount: '1000.00',
        periodFrom: '2026-06-08',
        periodTo: '2026-07-05',
        remittanceReference: 'KCC-ASAT-2',
        receivedOn: '2026-06-08',
      },
      '2026-06-08T09:00',
    );
    // The correction: an invoice of 15 May, found and recorded on 10 June.
    await send(
      recordOtherSpend,
      {
        recipientId: R,
        category: 'equipment',
        payee: 'Mobility Direct Ltd',
        amount: '120.00',
        invoiceReference: 'MD-7781',
        invoiceDate: '2026-05-15',
        description: 'Bath lift repair',
      },
      '2026-06-10T09:00',
    );
    await send(
      recordReview,
      { recipientId: R, reviewedOn: '2026-06-09', outcome: 'changes-agreed' },
      '2026-06-10T10:00',
    );
  });

  afterAll(async () => {
    jest.useRealTimers();
    await views.close();
    await store.close();
  });

  it('showed on 1 June the surplus and review worked out by hand', () => {
    expect(clawback1).toMatchObject({
      on: '2026-06-01',
      surplus: {
        // cash: 5,000.00 funded − 300.00 agency invoice = 4,700.00; nothing owed (no pay run yet)
        cash: { balance: '4700.00', otherSpend: '300.00' },
        // contingency: 4 weeks × 250.00 = 1,000.00; surplus 4,700.00 − 1,000.00 = 3,700.00, all council money
        contingency: { amount: '1000.00' },
        surplus: '3700.00',
        split: { councilShare: '3700.00', clientShare: '0.00' },
      },
      // Reviewed 20 May 2026: the next within 12 months (reg 7), by 20 May 2027.
      flags: {
        review: {
          firstPaymentOn: '2026-04-01',
          lastReview: { reviewedOn: '2026-05-20', outcome: 'continue' },
          dueOn: '2027-05-20',
          status: 'not-due',
        },
      },
    });
    expect((risks1 as { risks: unknown[] }).risks).toEqual([
      {
        kind: 'timesheet-not-paid',
        recipientId: R,
        councilId: 'kent',
        employmentId: E,
        detail: `timesheet ${sheetId} is not yet approved; it is paid on 2026-06-05`,
      },
    ]);
  });

  it('shows the live figures moved on: funding, the late invoice, the pay run owed and the new review', async () => {
    const live = await ask(showAuditClawback, { recipientId: R }, '2026-06-10T12:00');
    expect(live).toMatchObject({
      on: '2026-06-10',
      surplus: {
        // 5,000.00 + 1,000.00 − 300.00 − 120.00 = 5,580.00
        cash: { balance: '5580.00', otherSpend: '420.00' },
        // net pay of 5 June not yet paid: 7 h × 13.00 = 91.00 gross, below every threshold, so 91.00 net
        liabilities: { netPay: '91.00', total: '91.00' },
        // 5,580.00 − 91.00 − 1,000.00 = 4,489.00
        surplus: '4489.00',
      },
      flags: { review: { lastReview: { reviewedOn: '2026-06-09', outcome: 'changes-agreed' }, dueOn: '2027-06-09' } },
    });
  });

  it('answers as at 1 June as known on 1 June exactly as it stood on 1 June', async () => {
    const asKnown = { recipientId: R, asAt: '2026-06-01', knownOn: '2026-06-01' };
    expect(await ask(showAuditClawback, asKnown, '2026-06-10T12:00')).toEqual(clawback1);
    expect(await ask(listPayRisks, { asAt: '2026-06-01', knownOn: '2026-06-01' }, '2026-06-10T12:00')).toEqual(risks1);
    // As at the position the store had reached on 1 June, worked out on 1 June: the same.
    expect(
      await ask(showAuditClawback, { recipientId: R, on: '2026-06-01', asAtPosition: head1 }, '2026-06-10T12:00'),
    ).toEqual(clawback1);
    const [listed] = (await ask(
      listAuditClawback,
      { asAt: '2026-06-01', knownOn: '2026-06-01' },
      '2026-06-10T12:00',
    )) as unknown[];
    expect(listed).toEqual(clawback1);
  });

  it('counts the correction dated 15 May as at 1 June as known now, and nothing dated after 1 June', async () => {
    const asAt = await ask(showAuditClawback, { recipientId: R, asAt: '2026-06-01' }, '2026-06-10T12:00');
    expect(asAt).toMatchObject({
      on: '2026-06-01',
      surplus: {
        // 5,000.00 − 300.00 − 120.00 (the May invoice recorded on 10 June) = 4,580.00; the funding of 8 June and
        // the pay run of 5 June take effect after 1 June
        cash: { fundingReceived: '5000.00', otherSpend: '420.00', balance: '4580.00' },
        liabilities: { total: '0.00' },
        // 4,580.00 − 1,000.00 = 3,580.00
        surplus: '3580.00',
      },
      // The review of 9 June had not taken place by 1 June.
      flags: { review: { lastReview: { reviewedOn: '2026-05-20', outcome: 'continue' } } },
    });
    // The pay run of 5 June is after 1 June, but the approval of 5 June was decided after it too: as at 1 June
    // the timesheet still waits for approval.
    expect(await ask(listPayRisks, { asAt: '2026-06-01' }, '2026-06-10T12:00')).toEqual(risks1);
    // Asked now, on 1 June, the timesheet is approved and paid: no risk.
    expect(await ask(listPayRisks, { on: '2026-06-01' }, '2026-06-10T12:00')).toMatchObject({ risks: [] });
  });

  it('refuses knownOn without asAt, and an `on` other than asAt', async () => {
    await expect(
      ask(showAuditClawback, { recipientId: R, knownOn: '2026-06-01' }, '2026-06-10T12:00'),
    ).rejects.toMatchObject({ issues: [{ path: 'knownOn', rule: expect.stringContaining('asAt') }] });
    await expect(
      ask(showAuditClawback, { recipientId: R, asAt: '2026-06-01', on: '2026-06-02' }, '2026-06-10T12:00'),
    ).rejects.toMatchObject({ issues: [{ path: 'on', rule: expect.stringContaining('2026-06-01') }] });
  });
});
