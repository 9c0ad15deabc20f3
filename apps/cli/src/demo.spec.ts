import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { accountsOfficeReferenceProblem } from '@dpe/identifiers';
import { openEventStore, type RecordedEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { taxMonthOf } from '@dpe/tax-calendar';
import { accountsOfficeReference, type DemoSummary } from './demo';
import { dpe } from '../test/run-dpe';

describe('dpe demo', () => {
  let dir: string;
  let store: string;
  let first: DemoSummary;
  let events: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-demo-'));
    store = `sqlite:${join(dir, 'dpe.db')}`;
    const result = await dpe('demo', '--store', store);
    if (result.exitCode !== 0) throw new Error(`dpe demo exited ${result.exitCode}: ${result.stderr}`);
    first = JSON.parse(result.stdout) as DemoSummary;
    const s = await openEventStore(store);
    events = await s.readAll();
    await s.close();
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const ofType = (type: string) => events.filter((e) => e.type === type);

  it('seeds the scheme through the commands, every one of them applied', () => {
    expect(first.store).toBe(store);
    expect(first.commands.replayed).toBe(0);
    expect(first.commands.applied).toBe(first.commands.total);
    expect(first.made).toMatchObject({
      councils: 2,
      councilPolicies: 2,
      recipients: 20,
      employers: 16,
      agencyOnly: 4,
      employments: 35,
      payslipsHeld: 0,
    });
    // The summary's counts are the store's: each command recorded exactly the events it says.
    expect(ofType('CouncilRegistered')).toHaveLength(2);
    expect(ofType('CouncilPolicyRecorded')).toHaveLength(2);
    expect(ofType('RecipientEnrolled')).toHaveLength(20);
    expect(ofType('BudgetAgreed')).toHaveLength(20);
    expect(ofType('FundingReceived')).toHaveLength(first.made.fundingReceipts);
    expect(first.made.fundingReceipts).toBe(80);
    expect(ofType('OtherSpendRecorded')).toHaveLength(first.made.agencyInvoices);
    expect(ofType('EmployerRegistered')).toHaveLength(16);
    expect(ofType('PaHired')).toHaveLength(35);
    expect(ofType('TimesheetSubmitted')).toHaveLength(first.made.timesheetsSubmitted);
    expect(ofType('TimesheetApproved')).toHaveLength(first.made.timesheetsApproved);
    expect(ofType('TimesheetRejected')).toHaveLength(1);
    expect(ofType('PayRunCompleted')).toHaveLength(first.made.payRuns);
    expect(ofType('PayslipIssued')).toHaveLength(first.made.payslips);
    expect(ofType('PayslipHeld')).toHaveLength(0);
    const payments = first.made.payments;
    expect(ofType('PaymentRecorded')).toHaveLength(payments.netPay + payments.paye + payments.pension);
    expect(Object.values(first.eventsByType).reduce((a, b) => a + b, 0)).toBe(events.length);
  });

  it('pays every pay date of the quarter from approved timesheets', () => {
    expect(first.made.timesheetsApproved).toBe(first.made.timesheetsSubmitted - 1);
    const slips = ofType('PayslipIssued').map((e) => e.data as { payDate: string; employmentId: string });
    expect(new Set(slips.map((s) => s.employmentId)).size).toBe(35);
    expect(slips.every((s) => s.payDate >= '2026-04-06' && s.payDate <= '2026-07-05')).toBe(true);
    // Weekly (13 Friday pay dates), fortnightly (6), four-weekly (3) and monthly (3) PAs, and one hired in May.
    const perEmployment = new Map<string, number>();
    for (const slip of slips) perEmployment.set(slip.employmentId, (perEmployment.get(slip.employmentId) ?? 0) + 1);
    expect(perEmployment.get('kcc-1001-pa1')).toBe(13);
    expect(perEmployment.get('kcc-1002-pa1')).toBe(6);
    expect(perEmployment.get('kcc-1003-pa1')).toBe(3);
    expect(perEmployment.get('kcc-1005-pa1')).toBe(3);
    expect(perEmployment.get('kcc-1007-pa3')).toBe(8);
  });

  it('pays all the net pay and PAYE it ran, and the totals add up', () => {
    const { totals } = first;
    expect(Money.of(totals.netPay).isPositive()).toBe(true);
    expect(Money.of(totals.payeDue).isPositive()).toBe(true);
    expect(totals.netPayPaid).toBe(totals.netPay);
    expect(totals.payePaid).toBe(totals.payeDue);
    expect(totals.pensionPaid).toBe(totals.pensionDue);
    const slips = ofType('PayslipIssued').map((e) => e.data as { netPay: string });
    expect(Money.sum(slips.map((s) => Money.of(s.netPay))).toString()).toBe(totals.netPay);
    const kinds = ofType('PaymentRecorded').map((e) => (e.data as { settles: { kind: string } }).settles.kind);
    expect(kinds.filter((k) => k === 'paye')).toHaveLength(first.made.payments.paye);
    expect(first.made.payments.paye).toBeGreaterThan(0);
  });

  it('covers the cases a payroll meets: Scottish, K, week 1/month 1, student loan, under 21, sleep-in', () => {
    const slips = ofType('PayslipIssued').map(
      (e) =>
        e.data as {
          taxCode: string;
          week1Month1: boolean;
          niCategory: string;
          deductions: { studentLoan: string; postgraduateLoan: string };
          lines: { kind: string }[];
        },
    );
    expect(slips.some((s) => s.taxCode === 'S1257L')).toBe(true);
    expect(slips.some((s) => s.taxCode === 'K475')).toBe(true);
    expect(slips.some((s) => s.week1Month1)).toBe(true);
    expect(slips.some((s) => Money.of(s.deductions.studentLoan).isPositive())).toBe(true);
    expect(slips.some((s) => Money.of(s.deductions.postgraduateLoan).isPositive())).toBe(true);
    expect(slips.some((s) => s.niCategory === 'M')).toBe(true);
    expect(slips.some((s) => s.lines.some((l) => l.kind === 'sleep-in'))).toBe(true);
    const employers = ofType('EmployerRegistered').map(
      (e) => e.data as { payeReference: string; accountsOfficeReference: string },
    );
    expect(new Set(employers.map((e) => e.payeReference)).size).toBe(16);
    expect(new Set(employers.map((e) => e.accountsOfficeReference)).size).toBe(16);
    expect(employers.every((e) => accountsOfficeReferenceProblem(e.accountsOfficeReference) === undefined)).toBe(true);
  });

  it('records every command at its business time in Europe/London', () => {
    const run = ofType('PayRunCompleted')[0]!;
    const payDate = (run.data as { payDate: string }).payDate;
    expect(run.metadata.occurredAt.startsWith(`${payDate}T12:00:00`)).toBe(true);
    expect(run.metadata.occurredAt).toMatch(/\+01:00$/);
  });

  it('replays every command when run again on the same store, storing nothing new', async () => {
    const result = await dpe('demo', '--store', store, '--quiet');
    expect(result.exitCode).toBe(0);
    const second = JSON.parse(result.stdout) as DemoSummary;
    expect(second.commands).toEqual({ total: first.commands.total, applied: 0, replayed: first.commands.total });
    expect(second.made).toEqual(first.made);
    expect(second.totals).toEqual(first.totals);
    const s = await openEventStore(store);
    expect(await s.readAll()).toHaveLength(events.length);
    await s.close();
  }, 180_000);

  it('passes dpe verify: every invariant holds on the demo scheme', async () => {
    const result = await dpe('verify', '--store', store);
    expect(result.exitCode).toBe(0);
    const verified = JSON.parse(result.stdout) as { events: number; checked: string[]; breaches: unknown[] };
    expect(verified.events).toBe(events.length);
    expect(verified.breaches).toEqual([]);
    expect(verified.checked).toEqual(
      expect.arrayContaining(['payslip net pay = gross − deductions', 'every projection equals a fresh replay']),
    );
  }, 120_000);

  it('fails dpe verify, naming the payslip and the figures, on a copy of the store with one payslip altered', async () => {
    const altered = join(dir, 'altered.db');
    copyFileSync(join(dir, 'dpe.db'), altered);
    const slip = ofType('PayslipIssued')[3]!;
    const { payslipId, netPay } = slip.data as { payslipId: string; netPay: string };
    // The fixture: one stored event changed behind the engine's back (its net pay up by a penny).
    const db = new Database(altered);
    db.prepare("UPDATE events SET data = json_set(data, '$.netPay', ?) WHERE global_position = ?").run(
      Money.of(netPay).plus('0.01').toString(),
      slip.globalPosition,
    );
    db.close();
    const result = await dpe('verify', '--store', `sqlite:${altered}`);
    expect(result.exitCode).toBe(5);
    const verified = JSON.parse(result.stdout) as { breaches: { invariant: string; where: string; detail: string }[] };
    expect(verified.breaches).toEqual([
      {
        invariant: 'payslip net pay = gross − deductions',
        where: `payslip ${payslipId} (event ${slip.globalPosition} on ${slip.streamId})`,
        detail: expect.stringContaining(`but net pay is ${Money.of(netPay).plus('0.01').toString()}`),
      },
      // The ledger will not post a payslip that does not add up: the balances view stops on it, and says so.
      {
        invariant: 'every projection has projected every event',
        where: `projection balances, stopped on event ${slip.globalPosition} (PayslipIssued)`,
        detail: expect.any(String),
      },
    ]);
  }, 120_000);

  it('traces a payment to the payslip it settles and the timesheets, submitted and approved, behind it', async () => {
    const payment = ofType('PaymentRecorded').find(
      (event) => (event.data as { settles: { kind: string } }).settles.kind === 'net-pay',
    )!;
    const { paymentId } = payment.data as { paymentId: string };
    const result = await dpe('trace', paymentId, '--store', store);
    expect(result.exitCode).toBe(0);
    const links = JSON.parse(result.stdout) as { type: string; actor: string; why: string; channel?: string }[];
    expect(links.map((link) => link.type)).toEqual(
      expect.arrayContaining(['TimesheetSubmitted', 'TimesheetApproved', 'PayslipIssued', 'PaymentRecorded']),
    );
    expect(links.every((link) => link.actor.length > 0)).toBe(true);
    expect(links.find((link) => link.type === 'TimesheetSubmitted')?.channel).toBeDefined();
  }, 60_000);

  it("shows every DP account balance and P32 month as the demo's own events add up, summed here independently", async () => {
    const sum = (values: readonly string[]) => Money.sum(values.map((v) => Money.of(v))).toString();
    const dataOf = <T>(type: string) => ofType(type).map((event) => event.data as T);
    const recipients = dataOf<{ recipientId: string }>('RecipientEnrolled').map((r) => r.recipientId);
    for (const recipientId of recipients.slice(0, 6)) {
      const mine = <T extends { recipientId: string }>(type: string) =>
        dataOf<T>(type).filter((data) => data.recipientId === recipientId);
      // cash = funding + client contributions − every payment out − other spend
      const cashIn = sum([
        ...mine<{ recipientId: string; amount: string }>('FundingReceived').map((f) => f.amount),
        ...mine<{ recipientId: string; amount: string }>('ClientContributionReceived').map((c) => c.amount),
      ]);
      const cashOut = sum([
        ...mine<{ recipientId: string; amount: string }>('PaymentRecorded').map((p) => p.amount),
        ...mine<{ recipientId: string; amount: string }>('OtherSpendRecorded').map((o) => o.amount),
      ]);
      const shown = await dpe('show-balance', recipientId, '--store', store);
      expect(shown.exitCode).toBe(0);
      expect(JSON.parse(shown.stdout)).toMatchObject({ cash: Money.of(cashIn).minus(cashOut).toString() });
    }
    // P32: each employer's tax month, tax + NI − allowance + loans over its payslips, less what was paid for it.
    const slips = dataOf<{
      recipientId: string;
      payDate: string;
      deductions: Record<string, string>;
      employer: Record<string, string>;
    }>('PayslipIssued');
    const listed = await dpe('list-paye-liabilities', '--tax-year', '2026-27', '--limit', '1000', '--store', store);
    const rows = JSON.parse(listed.stdout) as { recipientId: string; taxMonth: number; due: string; paid: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const month = slips.filter(
        (slip) => slip.recipientId === row.recipientId && taxMonthOf(slip.payDate).month === row.taxMonth,
      );
      const due = Money.sum(
        month.map((slip) =>
          Money.of(slip.deductions['incomeTax']!)
            .plus(slip.deductions['employeeNic']!)
            .plus(slip.employer['employerNic']!)
            .minus(slip.employer['employmentAllowance']!)
            .plus(slip.deductions['studentLoan']!)
            .plus(slip.deductions['postgraduateLoan']!),
        ),
      );
      // The demo pays no SMP or SPP, so nothing is recovered: the month's due is its payslips' PAYE.
      expect(row.due).toBe(due.toString());
    }
  }, 120_000);

  it('prints a whole view as at a past date with dpe replay, and names a bad flag', async () => {
    const asAt = '2026-05-15';
    const replayed = await dpe('replay', '--as-at', asAt, '--view', 'balances', '--store', store);
    expect(replayed.exitCode).toBe(0);
    const view = JSON.parse(replayed.stdout) as { asAt: string; rows: { recipientId: string; cash: string }[] };
    expect(view.rows.length).toBe(20);
    // Each account's cash as at 15 May, summed here from the events taking effect by then.
    const upTo = (type: string, dateField: string, recipientId: string) =>
      Money.sum(
        ofType(type)
          .map((event) => event.data as Record<string, string>)
          .filter((data) => data['recipientId'] === recipientId && data[dateField]! <= asAt)
          .map((data) => Money.of(data['amount']!)),
      );
    for (const row of view.rows) {
      const cash = upTo('FundingReceived', 'receivedOn', row.recipientId)
        .plus(upTo('ClientContributionReceived', 'receivedOn', row.recipientId))
        .minus(upTo('PaymentRecorded', 'paidOn', row.recipientId))
        .minus(upTo('OtherSpendRecorded', 'invoiceDate', row.recipientId));
      expect({ recipientId: row.recipientId, cash: row.cash }).toEqual({
        recipientId: row.recipientId,
        cash: cash.toString(),
      });
    }
    const bad = await dpe('replay', '--as-at', '2026-13-01', '--view', 'balances', '--store', store);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--as-at');
  }, 60_000);

  it('makes Accounts Office references that pass the modulus-23 check', () => {
    for (const digits of ['000001', '123456', '999999']) {
      expect(accountsOfficeReferenceProblem(accountsOfficeReference('475', digits, '04'))).toBeUndefined();
    }
  });
});
