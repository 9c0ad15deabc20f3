import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v4 as uuid } from 'uuid';
import {
  accountStream,
  type ClientContributionReceived,
  type FundingReceived,
  type OtherSpendRecorded,
  type SpendCategory,
} from '@dpe/accounts';
import { currentVersion, type DomainEvent, type StreamDeclaration } from '@dpe/decider';
import { openSqliteEventStore, type EventStore, type NewEvent } from '@dpe/event-store';
import {
  payrollKey,
  payrollStream,
  type PaymentRecorded,
  type PaymentRecordedData,
  type PayRunCompleted,
  type PayslipIssued,
} from '@dpe/pay-runs';
import { Projector, replayAsAt, type ReadModelRows } from '@dpe/projector';
import {
  recipientStream,
  type BudgetAgreed,
  type RecipientEnrolled,
  type RecipientEnrolledData,
} from '@dpe/recipients';
import {
  accountBalance,
  balancesProjection,
  ledgerBalances,
  ledgerEntries,
  listAccountBalances,
  type AccountBalance,
  type BalancesTables,
  type LedgerEntry,
} from '@dpe/balances';

// ---- Given: events typed with the domain's own event types -------------------------------------------------------

const TAX_YEAR = '2026-27';

const enrolled = (recipientId: string, councilId: string): RecipientEnrolled => ({
  type: 'RecipientEnrolled',
  data: {
    recipientId,
    councilId,
    recipientType: 'adult',
    name: `Client ${recipientId}`,
    representative: null,
    accountType: 'managed-account',
    employerReferences: null,
    enrolledOn: '2026-04-01',
  },
});

/** RecipientEnrolled as schema version 2 wrote it (the council as free text): upcast to councilId null. */
type RecipientEnrolledV2 = Omit<RecipientEnrolledData, 'councilId' | 'legacyCouncilName'> & { council: string };
const enrolledV2 = (recipientId: string, council: string): DomainEvent<'RecipientEnrolled', RecipientEnrolledV2> => {
  const { councilId: _none, ...rest } = enrolled(recipientId, 'unused').data;
  return { type: 'RecipientEnrolled', data: { ...rest, council } };
};

const budget = (recipientId: string, version: number, grossWeekly: string, effectiveFrom: string): BudgetAgreed => ({
  type: 'BudgetAgreed',
  data: { recipientId, version, grossWeekly, effectiveFrom, clientContribution: null },
});

const funding = (recipientId: string, amount: string, receivedOn: string): FundingReceived => ({
  type: 'FundingReceived',
  data: {
    recipientId,
    amount,
    periodFrom: '2026-04-06',
    periodTo: '2026-05-03',
    remittanceReference: `REM-${uuid().slice(0, 8)}`,
    receivedOn,
  },
});

const contribution = (recipientId: string, amount: string, receivedOn: string): ClientContributionReceived => ({
  type: 'ClientContributionReceived',
  data: {
    recipientId,
    amount,
    receivedOn,
    periodFrom: '2026-04-06',
    periodTo: '2026-05-03',
    method: 'standing-order',
    reference: 'SO CLIENT',
  },
});

const spend = (
  recipientId: string,
  amount: string,
  category: SpendCategory,
  invoiceDate: string,
  disallowed = false,
): OtherSpendRecorded => ({
  type: 'OtherSpendRecorded',
  data: {
    recipientId,
    spendId: `spend-${uuid()}`,
    category,
    payee: 'ACME Care Ltd',
    amount,
    invoiceReference: `INV-${uuid().slice(0, 8)}`,
    invoiceDate,
    dueDate: null,
    description: 'Care as invoiced',
    policyVersion: 1,
    flag: disallowed
      ? { rule: 'council.disallowed-category', policyVersion: 1, message: `${category} is disallowed` }
      : null,
  },
});

interface SlipFigures {
  readonly payRunId: string;
  readonly employmentId: string;
  readonly payDate: string;
  readonly gross: string;
  readonly incomeTax: string;
  readonly employeeNic: string;
  readonly pensionEmployee: string;
  readonly employerNic: string;
  readonly employmentAllowance: string;
  readonly pensionEmployer: string;
  readonly netPay: string;
}

const payslip = (recipientId: string, f: SlipFigures): PayslipIssued => ({
  type: 'PayslipIssued',
  data: {
    payslipId: `${f.payRunId}-1`,
    payRunId: f.payRunId,
    recipientId,
    employmentId: f.employmentId,
    payrollId: 'P001',
    payDate: f.payDate,
    taxYear: TAX_YEAR,
    frequency: 'monthly',
    taxPeriod: 1,
    periodStart: '2026-04-06',
    periodEnd: '2026-05-05',
    correction: false,
    lines: [
      {
        kind: 'hours',
        description: 'Hours worked',
        quantity: '100.00',
        rate: null,
        amount: f.gross,
        taxable: true,
        source: 'ts-1',
      },
    ],
    gross: f.gross,
    taxablePay: f.gross,
    niablePay: f.gross,
    taxCode: '1257L',
    week1Month1: false,
    niCategory: 'A',
    deductions: {
      incomeTax: f.incomeTax,
      employeeNic: f.employeeNic,
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      pensionEmployee: f.pensionEmployee,
    },
    employer: {
      employerNic: f.employerNic,
      employmentAllowance: f.employmentAllowance,
      pensionEmployer: f.pensionEmployer,
    },
    niBands: { atLel: '542.00', lelToPt: '506.00', ptToUel: '152.00' },
    netPay: f.netPay,
    ytd: {
      gross: f.gross,
      taxablePay: f.gross,
      tax: f.incomeTax,
      employeeNic: f.employeeNic,
      employerNic: f.employerNic,
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
      pensionEmployee: f.pensionEmployee,
      pensionEmployer: f.pensionEmployer,
      ssp: '0.00',
    },
    pension: { assessment: 'eligible-jobholder', enrolled: true },
    holiday: { accruedHours: '0', takenHours: '0' },
    minimumWage: { requiredRate: '12.71', hours: '100.00', pay: f.gross },
    inputs: { timesheetIds: ['ts-1'], absenceIds: [], taxCodeSource: 'hire', finalPay: false },
    paidTo: { sortCode: '******', accountEnding: '1234' },
  },
});

const payRunCompleted = (
  recipientId: string,
  payRunId: string,
  payDate: string,
  totals: PayRunCompleted['data']['totals'],
  employmentId: string,
): PayRunCompleted => ({
  type: 'PayRunCompleted',
  data: {
    payRunId,
    recipientId,
    payDate,
    taxYear: TAX_YEAR,
    taxMonth: 1,
    correction: null,
    payslips: 1,
    held: [],
    netPay: [{ employmentId, amount: totals.netPay }],
    totals,
  },
});

const payment = (
  recipientId: string,
  settles: PaymentRecordedData['settles'],
  amount: string,
  paidOn: string,
): PaymentRecorded => ({
  type: 'PaymentRecorded',
  data: {
    paymentId: `payment-${uuid()}`,
    recipientId,
    payee: settles.kind === 'net-pay' ? 'pa' : settles.kind === 'paye' ? 'hmrc' : 'pension-provider',
    settles,
    amount,
    paidOn,
    reference: 'BACS',
  },
});

// ---- The store, the streams, and "then rows" run twice ------------------------------------------------------------

const STREAMS = {
  RecipientEnrolled: recipientStream,
  BudgetAgreed: recipientStream,
  FundingReceived: accountStream,
  ClientContributionReceived: accountStream,
  OtherSpendRecorded: accountStream,
  PayslipIssued: payrollStream,
  PayRunCompleted: payrollStream,
  PaymentRecorded: payrollStream,
} as const;

const streamOf = (type: keyof typeof STREAMS) => STREAMS[type] as unknown as StreamDeclaration<DomainEvent, unknown>;

function streamIdOf(event: DomainEvent<keyof typeof STREAMS, { recipientId: string }>): string {
  const stream = streamOf(event.type);
  const key = stream === payrollStream ? payrollKey(event.data.recipientId, TAX_YEAR) : event.data.recipientId;
  return stream.streamId(key);
}

describe('DP account balances view: given events, when caught up, then rows', () => {
  let dir: string;
  let store: EventStore;
  let views: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dpe-balances-'));
    store = await openSqliteEventStore(join(dir, 'dpe.db'));
    views = join(dir, 'views.db');
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Appends each event on its own (so global positions are 1, 2, 3, … in the order given); returns them as stored. */
  async function given(...events: DomainEvent<keyof typeof STREAMS, { recipientId: string }>[]): Promise<NewEvent[]> {
    const stored: NewEvent[] = [];
    for (const event of events) {
      const versioned = event.data && 'council' in event.data ? 2 : currentVersion(streamOf(event.type), event.type);
      const recorded: NewEvent = {
        id: uuid(),
        type: event.type,
        schemaVersion: versioned,
        data: event.data,
        metadata: {
          correlationId: 'c',
          causationId: 'c',
          commandId: uuid(),
          actor: 'test',
          occurredAt: '2026-04-06T09:00:00Z',
        },
      };
      await store.append(streamIdOf(event), [recorded], 'any');
      stored.push(recorded);
    }
    return stored;
  }

  function tables(rows: ReadModelRows<unknown>) {
    const model = rows as unknown as ReadModelRows<BalancesTables>;
    return {
      accounts: model.all(model.db.selectFrom('balances_accounts').selectAll().orderBy('recipient_id')),
      ledger: model.all(model.db.selectFrom('balances_ledger').selectAll().orderBy('recipient_id').orderBy('account')),
      postings: model.all(model.db.selectFrom('balances_postings').selectAll().orderBy('global_position')),
      budgets: model.all(
        model.db.selectFrom('balances_budgets').selectAll().orderBy('recipient_id').orderBy('version'),
      ),
      payRuns: model.all(model.db.selectFrom('balances_pay_runs').selectAll().orderBy('pay_run_id')),
    };
  }

  /**
   * Catches up and checks `then`; catches up again and checks that no row changed; re-opens a Projector on the same
   * read-model file and checks the same; and rebuilds into a fresh read model, page by page, to the same rows.
   */
  async function thenRows(then: (rows: ReadModelRows<unknown>) => void): Promise<void> {
    const first = new Projector(store, views, [balancesProjection]);
    await first.catchUp();
    expect((await first.status())[0]?.failed).toBeUndefined();
    then(first.readModel);
    const rows = tables(first.readModel);
    await first.catchUp();
    expect(tables(first.readModel)).toEqual(rows);
    then(first.readModel);
    await first.close();

    const reopened = new Projector(store, views, [balancesProjection]);
    await reopened.catchUp();
    expect(tables(reopened.readModel)).toEqual(rows);
    then(reopened.readModel);
    await reopened.close();

    const rebuilt = new Projector(store, ':memory:', [balancesProjection], { pageSize: 2 });
    await rebuilt.catchUp();
    expect(tables(rebuilt.readModel)).toEqual(rows);
    await rebuilt.close();
  }

  const all = { councils: 'all' } as const;
  const page = { limit: 100, offset: 0 };
  const entry = (stored: NewEvent, position: number, streamId: string, date: string) => ({
    eventId: stored.id,
    eventType: stored.type,
    streamId,
    globalPosition: position,
    businessDate: date,
  });

  it('funding and a client contribution: Dr cash / Cr their source; weeks of cover; the council/client split', async () => {
    const [, , fund, paidIn] = await given(
      enrolled('r-1', 'gateshead'),
      budget('r-1', 1, '300.00', '2026-04-06'),
      funding('r-1', '1650.00', '2026-04-03'),
      contribution('r-1', '48.20', '2026-04-10'),
    );

    await thenRows((rows) => {
      expect(ledgerEntries(rows, 'r-1', { ...all, ...page })).toEqual<LedgerEntry[]>([
        {
          ...entry(fund!, 3, 'account-r-1', '2026-04-03'),
          leg: 0,
          account: 'cash',
          counterAccount: 'council-funding',
          side: 'debit',
          amount: '1650.00',
          component: 'funding',
        },
        {
          ...entry(fund!, 3, 'account-r-1', '2026-04-03'),
          leg: 1,
          account: 'council-funding',
          counterAccount: 'cash',
          side: 'credit',
          amount: '1650.00',
          component: 'funding',
        },
        {
          ...entry(paidIn!, 4, 'account-r-1', '2026-04-10'),
          leg: 0,
          account: 'cash',
          counterAccount: 'client-contributions',
          side: 'debit',
          amount: '48.20',
          component: 'client-contribution',
        },
        {
          ...entry(paidIn!, 4, 'account-r-1', '2026-04-10'),
          leg: 1,
          account: 'client-contributions',
          counterAccount: 'cash',
          side: 'credit',
          amount: '48.20',
          component: 'client-contribution',
        },
      ]);
      expect(accountBalance(rows, 'r-1', { councils: ['gateshead'] })).toEqual<AccountBalance>({
        recipientId: 'r-1',
        councilId: 'gateshead',
        // 1650.00 + 48.20 = 1698.20
        cash: '1698.20',
        committed: '0.00',
        budget: { version: 1, grossWeekly: '300.00', effectiveFrom: '2026-04-06' },
        // 1698.20 / 300.00 = 5.6606…, rounded down to 5.6 (half-up would say 5.7)
        weeksOfCover: '5.6',
        // client: min(48.20 paid in, 1698.20 cash) = 48.20; council: 1698.20 − 48.20 = 1650.00
        cashBySource: { council: '1650.00', client: '48.20' },
        ledger: {
          cash: '1698.20',
          'council-funding': '1650.00',
          'client-contributions': '48.20',
          'wages-payable': '0.00',
          'paye-payable': '0.00',
          'pension-payable': '0.00',
          'wages-expense': '0.00',
          'employer-costs': '0.00',
          'other-spend': '0.00',
          'recoveries-returned': '0.00',
        },
        lastPosition: 4,
      });
      // Debits 1650.00 + 48.20 = 1698.20 = credits 1650.00 + 48.20.
      expect(ledgerBalances(rows)).toEqual([
        { recipientId: 'r-1', debits: '1698.20', credits: '1698.20', balanced: true, totalsAgree: true },
      ]);
    });
  });

  it('weeks of cover is against the budget in force on asOf (the latest agreed without it), null with none', async () => {
    await given(
      enrolled('r-1', 'gateshead'),
      budget('r-1', 1, '300.00', '2026-04-06'),
      budget('r-1', 2, '350.00', '2026-10-01'),
      funding('r-1', '1698.20', '2026-04-03'),
      enrolled('r-2', 'gateshead'),
      funding('r-2', '500.00', '2026-04-03'),
    );

    await thenRows((rows) => {
      const cover = (recipientId: string, asOf?: string) => {
        const balance = accountBalance(rows, recipientId, { ...all, ...(asOf ? { asOf } : {}) });
        return { budget: balance?.budget?.version ?? null, weeksOfCover: balance?.weeksOfCover };
      };
      // Latest agreed (version 2): 1698.20 / 350.00 = 4.852…, down to 4.8.
      expect(cover('r-1')).toEqual({ budget: 2, weeksOfCover: '4.8' });
      // In force on 1 May 2026 (version 1): 1698.20 / 300.00 = 5.660…, down to 5.6.
      expect(cover('r-1', '2026-05-01')).toEqual({ budget: 1, weeksOfCover: '5.6' });
      // In force on 1 October 2026 (version 2, its first day).
      expect(cover('r-1', '2026-10-01')).toEqual({ budget: 2, weeksOfCover: '4.8' });
      // None in force before 6 April 2026, and none ever agreed for r-2.
      expect(cover('r-1', '2026-04-05')).toEqual({ budget: null, weeksOfCover: null });
      expect(cover('r-2')).toEqual({ budget: null, weeksOfCover: null });
    });
  });

  it('a payslip accrues its cost and what it owes; net pay, pension and PAYE payments settle the payables', async () => {
    // A monthly payslip (illustrative figures): gross 1200.00; income tax 30.40; employee NICs 12.16; employee
    // pension 27.20; employer NICs 117.45 less the last 100.00 of the year's employment allowance; employer pension
    // 20.40. Net pay: 1200.00 − 30.40 − 12.16 − 27.20 = 1130.24.
    const slip: SlipFigures = {
      payRunId: 'run-1',
      employmentId: 'e-1',
      payDate: '2026-04-30',
      gross: '1200.00',
      incomeTax: '30.40',
      employeeNic: '12.16',
      pensionEmployee: '27.20',
      employerNic: '117.45',
      employmentAllowance: '100.00',
      pensionEmployer: '20.40',
      netPay: '1130.24',
    };
    const [, , , issued] = await given(
      enrolled('r-1', 'gateshead'),
      budget('r-1', 1, '300.00', '2026-04-06'),
      funding('r-1', '2000.00', '2026-04-01'),
      payslip('r-1', slip),
      // PAYE due: 30.40 + 12.16 + 117.45 − 100.00 = 60.01; pension due: 27.20 + 20.40 = 47.60.
      payRunCompleted(
        'r-1',
        'run-1',
        '2026-04-30',
        {
          gross: '1200.00',
          netPay: '1130.24',
          payeDue: '60.01',
          employmentAllowance: '100.00',
          pensionDue: '47.60',
        },
        'e-1',
      ),
    );

    await thenRows((rows) => {
      const legs = ledgerEntries(rows, 'r-1', { ...all, ...page }).filter((l) => l.eventType === 'PayslipIssued');
      const at = entry(issued!, 4, 'payroll-r-1-2026-27', '2026-04-30');
      const pair = (leg: number, debit: string, credit: string, amount: string, component: string) => [
        { ...at, leg, account: debit, counterAccount: credit, side: 'debit', amount, component },
        { ...at, leg: leg + 1, account: credit, counterAccount: debit, side: 'credit', amount, component },
      ];
      // Student and postgraduate loans are 0.00: zero pairs are not posted.
      expect(legs).toEqual([
        ...pair(0, 'wages-expense', 'wages-payable', '1130.24', 'net-pay'),
        ...pair(2, 'wages-expense', 'paye-payable', '30.40', 'income-tax'),
        ...pair(4, 'wages-expense', 'paye-payable', '12.16', 'employee-nic'),
        ...pair(6, 'wages-expense', 'pension-payable', '27.20', 'pension-employee'),
        ...pair(8, 'employer-costs', 'paye-payable', '117.45', 'employer-nic'),
        ...pair(10, 'paye-payable', 'employer-costs', '100.00', 'employment-allowance'),
        ...pair(12, 'employer-costs', 'pension-payable', '20.40', 'pension-employer'),
      ]);
      expect(accountBalance(rows, 'r-1', all)).toMatchObject<Partial<AccountBalance>>({
        cash: '2000.00',
        // 1130.24 + 60.01 + 47.60 = 1237.85 approved but unpaid
        committed: '1237.85',
        // 2000.00 / 300.00 = 6.666…, down to 6.6
        weeksOfCover: '6.6',
        cashBySource: { council: '2000.00', client: '0.00' },
        ledger: {
          cash: '2000.00',
          'council-funding': '2000.00',
          'client-contributions': '0.00',
          'wages-payable': '1130.24',
          // 30.40 + 12.16 + 117.45 − 100.00
          'paye-payable': '60.01',
          // 27.20 + 20.40
          'pension-payable': '47.60',
          // 1130.24 + 30.40 + 12.16 + 27.20 = the gross
          'wages-expense': '1200.00',
          // 117.45 − 100.00 + 20.40
          'employer-costs': '37.85',
          'other-spend': '0.00',
          'recoveries-returned': '0.00',
        },
        lastPosition: 4,
      });
      const model = rows as unknown as ReadModelRows<BalancesTables>;
      expect(model.all(model.db.selectFrom('balances_pay_runs').selectAll())).toEqual([
        {
          pay_run_id: 'run-1',
          recipient_id: 'r-1',
          pay_date: '2026-04-30',
          payslips: 1,
          net_pay: '1130.24',
          paye: '60.01',
          pension: '47.60',
          tax_month: 1,
          completed_position: 5,
        },
      ]);
    });

    const [paidNet, , paidPaye] = await given(
      payment('r-1', { kind: 'net-pay', employmentId: 'e-1', payDate: '2026-04-30' }, '1130.24', '2026-04-30'),
      payment('r-1', { kind: 'pension', payDate: '2026-04-30' }, '47.60', '2026-05-19'),
      // Part of the month's PAYE: 60.01 − 40.00 = 20.01 stays owed.
      payment('r-1', { kind: 'paye', taxYear: TAX_YEAR, taxMonth: 1 }, '40.00', '2026-05-20'),
    );

    await thenRows((rows) => {
      const payments = ledgerEntries(rows, 'r-1', { ...all, limit: 6, offset: 16 });
      expect(payments.map((l) => [l.globalPosition, l.account, l.side, l.amount, l.counterAccount])).toEqual([
        [6, 'wages-payable', 'debit', '1130.24', 'cash'],
        [6, 'cash', 'credit', '1130.24', 'wages-payable'],
        [7, 'pension-payable', 'debit', '47.60', 'cash'],
        [7, 'cash', 'credit', '47.60', 'pension-payable'],
        [8, 'paye-payable', 'debit', '40.00', 'cash'],
        [8, 'cash', 'credit', '40.00', 'paye-payable'],
      ]);
      expect(payments[0]).toMatchObject({ ...entry(paidNet!, 6, 'payroll-r-1-2026-27', '2026-04-30') });
      expect(payments[4]).toMatchObject({ ...entry(paidPaye!, 8, 'payroll-r-1-2026-27', '2026-05-20') });
      expect(accountBalance(rows, 'r-1', all)).toMatchObject<Partial<AccountBalance>>({
        // 2000.00 − 1130.24 − 47.60 − 40.00 = 782.16
        cash: '782.16',
        // 0.00 + 20.01 + 0.00
        committed: '20.01',
        // 782.16 / 300.00 = 2.6072, down to 2.6
        weeksOfCover: '2.6',
        ledger: {
          cash: '782.16',
          'council-funding': '2000.00',
          'client-contributions': '0.00',
          'wages-payable': '0.00',
          'paye-payable': '20.01',
          'pension-payable': '0.00',
          'wages-expense': '1200.00',
          'employer-costs': '37.85',
          'other-spend': '0.00',
          'recoveries-returned': '0.00',
        },
        lastPosition: 8,
      });
      // Trial balance: debit-normal 782.16 + 1200.00 + 37.85 = 2020.01 = credit-normal 2000.00 + 20.01.
      // Every leg: debits = credits = 2000.00 (funding) + 1437.85 (the payslip: 1130.24 + 30.40 + 12.16 + 27.20 +
      // 117.45 + 100.00 + 20.40) + 1217.84 (payments: 1130.24 + 47.60 + 40.00) = 4655.69.
      expect(ledgerBalances(rows)).toEqual([
        { recipientId: 'r-1', debits: '4655.69', credits: '4655.69', balanced: true, totalsAgree: true },
      ]);
    });

    // As at 30 April 2026: the funding (1 April), the payslip and its run, and the net pay paid that day; not the
    // pension (19 May) nor the PAYE (20 May) payments.
    const asAt = await replayAsAt(store, balancesProjection, { asAt: '2026-04-30' });
    expect(accountBalance(asAt.readModel, 'r-1', { councils: ['gateshead'] })).toMatchObject<Partial<AccountBalance>>({
      // 2000.00 − 1130.24
      cash: '869.76',
      // 0.00 + 60.01 + 47.60
      committed: '107.61',
      lastPosition: 6,
    });
    await asAt.close();
  });

  it('a tax refund on a payslip is posted the other way round: Dr paye-payable / Cr wages-expense', async () => {
    // Gross 500.00 with 20.00 of tax refunded: net pay 500.00 − (−20.00) = 520.00.
    const [, refunded] = await given(
      enrolled('r-1', 'gateshead'),
      payslip('r-1', {
        payRunId: 'run-1',
        employmentId: 'e-1',
        payDate: '2026-04-30',
        gross: '500.00',
        incomeTax: '-20.00',
        employeeNic: '0.00',
        pensionEmployee: '0.00',
        employerNic: '0.00',
        employmentAllowance: '0.00',
        pensionEmployer: '0.00',
        netPay: '520.00',
      }),
    );

    await thenRows((rows) => {
      const at = entry(refunded!, 2, 'payroll-r-1-2026-27', '2026-04-30');
      expect(ledgerEntries(rows, 'r-1', { ...all, ...page })).toEqual([
        {
          ...at,
          leg: 0,
          account: 'wages-expense',
          counterAccount: 'wages-payable',
          side: 'debit',
          amount: '520.00',
          component: 'net-pay',
        },
        {
          ...at,
          leg: 1,
          account: 'wages-payable',
          counterAccount: 'wages-expense',
          side: 'credit',
          amount: '520.00',
          component: 'net-pay',
        },
        {
          ...at,
          leg: 2,
          account: 'paye-payable',
          counterAccount: 'wages-expense',
          side: 'debit',
          amount: '20.00',
          component: 'income-tax',
        },
        {
          ...at,
          leg: 3,
          account: 'wages-expense',
          counterAccount: 'paye-payable',
          side: 'credit',
          amount: '20.00',
          component: 'income-tax',
        },
      ]);
      expect(accountBalance(rows, 'r-1', all)).toMatchObject({
        // 520.00 owed to the PA, less 20.00 set against the month's PAYE
        committed: '500.00',
        ledger: expect.objectContaining({ 'wages-expense': '500.00', 'paye-payable': '-20.00' }),
      });
    });
  });

  it('other spend: Dr other-spend / Cr cash, flagged or not; client money is spent last', async () => {
    const [, , , agency, household] = await given(
      enrolled('r-1', 'gateshead'),
      funding('r-1', '1000.00', '2026-04-03'),
      contribution('r-1', '200.00', '2026-04-10'),
      spend('r-1', '1100.00', 'agency-care', '2026-04-20'),
      spend('r-1', '50.00', 'household-costs', '2026-04-21', true),
    );

    await thenRows((rows) => {
      const legs = ledgerEntries(rows, 'r-1', { ...all, limit: 4, offset: 4 });
      expect(legs).toEqual([
        {
          ...entry(agency!, 4, 'account-r-1', '2026-04-20'),
          leg: 0,
          account: 'other-spend',
          counterAccount: 'cash',
          side: 'debit',
          amount: '1100.00',
          component: 'spend:agency-care',
        },
        {
          ...entry(agency!, 4, 'account-r-1', '2026-04-20'),
          leg: 1,
          account: 'cash',
          counterAccount: 'other-spend',
          side: 'credit',
          amount: '1100.00',
          component: 'spend:agency-care',
        },
        {
          ...entry(household!, 5, 'account-r-1', '2026-04-21'),
          leg: 0,
          account: 'other-spend',
          counterAccount: 'cash',
          side: 'debit',
          amount: '50.00',
          component: 'spend:household-costs',
        },
        {
          ...entry(household!, 5, 'account-r-1', '2026-04-21'),
          leg: 1,
          account: 'cash',
          counterAccount: 'other-spend',
          side: 'credit',
          amount: '50.00',
          component: 'spend:household-costs',
        },
      ]);
      expect(accountBalance(rows, 'r-1', all)).toMatchObject<Partial<AccountBalance>>({
        // 1000.00 + 200.00 − 1100.00 − 50.00 = 50.00
        cash: '50.00',
        committed: '0.00',
        // The council's 1000.00 is spent first, then 150.00 of the client's 200.00:
        // client min(200.00, 50.00) = 50.00; council 50.00 − 50.00 = 0.00
        cashBySource: { council: '0.00', client: '50.00' },
        ledger: expect.objectContaining({ 'other-spend': '1150.00', 'client-contributions': '200.00' }),
      });
    });

    await given(funding('r-1', '500.00', '2026-05-01'));
    await thenRows((rows) => {
      expect(accountBalance(rows, 'r-1', all)).toMatchObject<Partial<AccountBalance>>({
        // 50.00 + 500.00 = 550.00; the rule reads totals: client min(200.00, 550.00) = 200.00, council 350.00
        cash: '550.00',
        cashBySource: { council: '350.00', client: '200.00' },
      });
      // Debits 1000.00 + 200.00 + 1100.00 + 50.00 + 500.00 = 2850.00 = credits.
      expect(ledgerBalances(rows)).toEqual([
        { recipientId: 'r-1', debits: '2850.00', credits: '2850.00', balanced: true, totalsAgree: true },
      ]);
    });
  });

  it('scopes by council: a council sees its own accounts; one with no council is seen only by all', async () => {
    await given(
      enrolled('r-1', 'gateshead'),
      enrolled('r-2', 'merton'),
      enrolledV2('r-3', 'Oldham MBC'),
      funding('r-1', '100.00', '2026-04-03'),
      funding('r-2', '200.00', '2026-04-03'),
      funding('r-3', '300.00', '2026-04-03'),
      contribution('r-2', '20.00', '2026-04-10'),
    );

    await thenRows((rows) => {
      const ids = (list: AccountBalance[]) => list.map((b) => [b.recipientId, b.councilId, b.cash]);
      expect(ids(listAccountBalances(rows, { councils: ['gateshead'], ...page }))).toEqual([
        ['r-1', 'gateshead', '100.00'],
      ]);
      expect(ids(listAccountBalances(rows, { councils: 'all', ...page }))).toEqual([
        ['r-1', 'gateshead', '100.00'],
        // 200.00 + 20.00
        ['r-2', 'merton', '220.00'],
        ['r-3', null, '300.00'],
      ]);
      expect(ids(listAccountBalances(rows, { councils: 'all', limit: 1, offset: 1 }))).toEqual([
        ['r-2', 'merton', '220.00'],
      ]);
      expect(ids(listAccountBalances(rows, { councils: ['gateshead', 'merton'], limit: 5, offset: 1 }))).toEqual([
        ['r-2', 'merton', '220.00'],
      ]);
      expect(listAccountBalances(rows, { councils: [], ...page })).toEqual([]);

      expect(accountBalance(rows, 'r-2', { councils: ['gateshead'] })).toBeUndefined();
      expect(accountBalance(rows, 'r-3', { councils: ['gateshead', 'merton'] })).toBeUndefined();
      expect(accountBalance(rows, 'r-3', all)?.councilId).toBeNull();
      expect(accountBalance(rows, 'r-9', all)).toBeUndefined();

      expect(ledgerEntries(rows, 'r-2', { councils: ['gateshead'], ...page })).toEqual([]);
      expect(ledgerEntries(rows, 'r-3', { councils: ['merton'], ...page })).toEqual([]);
      const merton = ledgerEntries(rows, 'r-2', { councils: ['merton'], ...page });
      expect(merton.map((l) => [l.account, l.side, l.amount])).toEqual([
        ['cash', 'debit', '200.00'],
        ['council-funding', 'credit', '200.00'],
        ['cash', 'debit', '20.00'],
        ['client-contributions', 'credit', '20.00'],
      ]);
      expect(ledgerEntries(rows, 'r-2', { councils: ['merton'], limit: 1, offset: 3 })).toEqual([merton[3]]);
      expect(() => ledgerEntries(rows, 'r-2', { councils: ['merton'], limit: 0, offset: 0 })).toThrow(RangeError);

      // Every DP account's ledger balances: 100.00 = 100.00; 220.00 = 220.00; 300.00 = 300.00.
      expect(ledgerBalances(rows)).toEqual([
        { recipientId: 'r-1', debits: '100.00', credits: '100.00', balanced: true, totalsAgree: true },
        { recipientId: 'r-2', debits: '220.00', credits: '220.00', balanced: true, totalsAgree: true },
        { recipientId: 'r-3', debits: '300.00', credits: '300.00', balanced: true, totalsAgree: true },
      ]);
    });
  });

  it('ledgerBalances reports running totals that no longer agree with the legs', async () => {
    await given(enrolled('r-1', 'gateshead'), funding('r-1', '100.00', '2026-04-03'));
    const projector = new Projector(store, views, [balancesProjection]);
    await projector.catchUp();
    const model = projector.readModel as unknown as ReadModelRows<BalancesTables>;
    model.run(
      model.db
        .updateTable('balances_ledger')
        .set({ debits: '101.00' })
        .where('recipient_id', '=', 'r-1')
        .where('account', '=', 'cash'),
    );
    expect(ledgerBalances(projector.readModel)).toEqual([
      { recipientId: 'r-1', debits: '100.00', credits: '100.00', balanced: true, totalsAgree: false },
    ]);
    await projector.close();
  });

  it('stops on a payslip whose net pay and deductions do not add up to its gross', async () => {
    await given(
      enrolled('r-1', 'gateshead'),
      // 450.00 + 30.00 = 480.00, not the gross 500.00
      payslip('r-1', {
        payRunId: 'run-1',
        employmentId: 'e-1',
        payDate: '2026-04-30',
        gross: '500.00',
        incomeTax: '30.00',
        employeeNic: '0.00',
        pensionEmployee: '0.00',
        employerNic: '0.00',
        employmentAllowance: '0.00',
        pensionEmployer: '0.00',
        netPay: '450.00',
      }),
    );
    const projector = new Projector(store, views, [balancesProjection]);
    await projector.catchUp();
    expect((await projector.status())[0]).toMatchObject({
      position: 1n,
      failed: {
        position: 2n,
        eventType: 'PayslipIssued',
        error: 'payslip run-1-1: net pay 450.00 and deductions add up to 480.00, not its gross 500.00',
      },
    });
    expect(ledgerEntries(projector.readModel, 'r-1', { ...all, ...page })).toEqual([]);
    await projector.close();
  });

  it('stops on a pay run whose totals are not what its payslips accrued, and never skips it', async () => {
    await given(
      enrolled('r-1', 'gateshead'),
      payslip('r-1', {
        payRunId: 'run-1',
        employmentId: 'e-1',
        payDate: '2026-04-30',
        gross: '500.00',
        incomeTax: '0.00',
        employeeNic: '0.00',
        pensionEmployee: '0.00',
        employerNic: '0.00',
        employmentAllowance: '0.00',
        pensionEmployer: '0.00',
        netPay: '500.00',
      }),
      payRunCompleted(
        'r-1',
        'run-1',
        '2026-04-30',
        { gross: '500.00', netPay: '500.00', payeDue: '12.00', employmentAllowance: '0.00', pensionDue: '0.00' },
        'e-1',
      ),
    );
    const projector = new Projector(store, views, [balancesProjection]);
    await projector.catchUp();
    expect((await projector.status())[0]).toMatchObject({
      position: 2n,
      failed: {
        position: 3n,
        eventType: 'PayRunCompleted',
        error:
          'pay run run-1: its 1 payslips accrued net pay 500.00, PAYE 0.00 and pension 0.00, but the run completed ' +
          'with 1 payslips, net pay 500.00, PAYE due 12.00 and pension due 0.00',
      },
    });
    // Everything before it is kept: the payslip's accrual.
    expect(accountBalance(projector.readModel, 'r-1', all)?.committed).toBe('500.00');
    await projector.close();
  });
});
