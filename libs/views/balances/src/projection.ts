import type { ColumnType } from 'kysely';
import { accountStream, type AccountEvent } from '@dpe/accounts';
import { upcast, type StreamDeclaration } from '@dpe/decider';
import type { RecordedEvent } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { payrollStream, type PayRunCompletedData, type PayrollEvent, type PayslipIssuedData } from '@dpe/pay-runs';
import { defineProjection, readModelTable, type ProjectionRows } from '@dpe/projector';
import { recipientStream, type RecipientEvent } from '@dpe/recipients';
import { recoveryStream as recoveries, type RecoveryEvent } from '@dpe/recoveries';
import {
  payslipOwes,
  postingsOf,
  recoveryReturned,
  type EventPostings,
  type LedgerAccount,
  type PostingText,
} from './ledger';

/** An INTEGER column: bound as a bigint (global positions are bigint), read back as a number. */
type Position = ColumnType<number, bigint, bigint>;

/** The view's tables. Money is TEXT with two decimal places, added with Money, never in SQL. */
export interface BalancesTables {
  /** One row per DP account (recipient): its council, for scoping, and the last event posted to it. */
  balances_accounts: {
    recipient_id: string;
    /** Null for a recipient enrolled before councils were registered: visible only to principals of every council. */
    council_id: string | null;
    last_position: ColumnType<number | null, bigint | null, bigint>;
  };
  /** Running totals per DP account and ledger account. */
  balances_ledger: {
    recipient_id: string;
    account: LedgerAccount;
    debits: string;
    credits: string;
  };
  /**
   * One row per event that posts to a DP account: its postings in the event's order, each `[debit, credit, amount,
   * component]` (`PostingText`), from which every leg and its counter-account is read (queries.ts numbers the legs:
   * each posting's debit leg, then its credit leg). One row an event, not one a leg: an event posts two legs for each
   * of its figures (up to eighteen for a payslip), and a rebuild writes every row, so rows per event is its cost.
   */
  balances_postings: {
    recipient_id: string;
    global_position: Position;
    event_id: string;
    event_type: string;
    stream_id: string;
    business_date: string;
    postings: string;
  };
  /** Every budget version agreed, so cover can be worked out against the budget in force on a date. */
  balances_budgets: {
    recipient_id: string;
    version: number;
    gross_weekly: string;
    effective_from: string;
  };
  /**
   * What each pay run's payslips accrued to the payables, checked against the run's totals when it completes: the
   * committed balance then agrees with what payroll says is owed (`owed` in payroll-stream.ts reads those totals).
   */
  balances_pay_runs: {
    pay_run_id: string;
    recipient_id: string;
    pay_date: string;
    payslips: number;
    net_pay: string;
    paye: string;
    pension: string;
    tax_month: number | null;
    completed_position: ColumnType<number | null, bigint | null, bigint>;
  };
}

type Rows = ProjectionRows<BalancesTables>;

const table = readModelTable<BalancesTables>();
const ACCOUNTS = table('balances_accounts', { key: ['recipient_id'] });
const LEDGER = table('balances_ledger', { key: ['recipient_id', 'account'], money: ['debits', 'credits'] });
const POSTINGS = table('balances_postings');
const BUDGETS = table('balances_budgets');
const PAY_RUNS = table('balances_pay_runs', { key: ['pay_run_id'], money: ['net_pay', 'paye', 'pension'] });

// `upcast` takes a declaration of any state; only the events' shapes matter here.
const recipientEvents = recipientStream as unknown as StreamDeclaration<RecipientEvent, unknown>;
const accountEvents = accountStream as unknown as StreamDeclaration<AccountEvent, unknown>;
const payrollEvents = payrollStream as unknown as StreamDeclaration<PayrollEvent, unknown>;
const recoveryStream = recoveries as unknown as StreamDeclaration<RecoveryEvent, unknown>;

const POSTED = [
  'FundingReceived',
  'ClientContributionReceived',
  'OtherSpendRecorded',
  'PayslipIssued',
  'PaymentRecorded',
];

/**
 * The DP account balances view: a double-entry ledger per DP account (posting rules in ledger.ts), the running totals
 * of each ledger account, the budgets agreed (for weeks of cover) and the council (for scoping).
 */
export const balancesProjection = defineProjection<BalancesTables>({
  name: 'balances',
  version: 4,
  handles: ['RecipientEnrolled', 'BudgetAgreed', ...POSTED, 'PayRunCompleted', 'RecoveryPaymentReceived'],
  tables: [
    `CREATE TABLE balances_accounts (
       recipient_id  TEXT PRIMARY KEY,
       council_id    TEXT,
       last_position INTEGER
     ) STRICT`,
    'CREATE INDEX balances_accounts_council ON balances_accounts (council_id, recipient_id)',
    `CREATE TABLE balances_ledger (
       recipient_id TEXT NOT NULL,
       account      TEXT NOT NULL,
       debits       TEXT NOT NULL,
       credits      TEXT NOT NULL,
       PRIMARY KEY (recipient_id, account)
     ) STRICT`,
    // Kept in the order a recipient's ledger is read: one B-tree, appended to per recipient.
    `CREATE TABLE balances_postings (
       recipient_id    TEXT NOT NULL,
       global_position INTEGER NOT NULL,
       event_id        TEXT NOT NULL,
       event_type      TEXT NOT NULL,
       stream_id       TEXT NOT NULL,
       business_date   TEXT NOT NULL,
       postings        TEXT NOT NULL,
       PRIMARY KEY (recipient_id, global_position)
     ) STRICT, WITHOUT ROWID`,
    `CREATE TABLE balances_budgets (
       recipient_id   TEXT NOT NULL,
       version        INTEGER NOT NULL,
       gross_weekly   TEXT NOT NULL,
       effective_from TEXT NOT NULL,
       PRIMARY KEY (recipient_id, version)
     ) STRICT`,
    `CREATE TABLE balances_pay_runs (
       pay_run_id         TEXT PRIMARY KEY,
       recipient_id       TEXT NOT NULL,
       pay_date           TEXT NOT NULL,
       payslips           INTEGER NOT NULL,
       net_pay            TEXT NOT NULL,
       paye               TEXT NOT NULL,
       pension            TEXT NOT NULL,
       tax_month          INTEGER,
       completed_position INTEGER
     ) STRICT`,
  ],
  effectiveDate: effectiveDateOf,
  apply(event, rows) {
    switch (event.type) {
      case 'RecipientEnrolled': {
        const enrolled = upcast(recipientEvents, event);
        if (enrolled.type !== 'RecipientEnrolled') return;
        const { recipientId, councilId } = enrolled.data;
        const account = rows.find(ACCOUNTS, { recipient_id: recipientId });
        rows.put(ACCOUNTS, {
          recipient_id: recipientId,
          council_id: councilId,
          last_position: account?.last_position ?? null,
        });
        return;
      }
      case 'BudgetAgreed': {
        const agreed = upcast(recipientEvents, event);
        if (agreed.type !== 'BudgetAgreed') return;
        rows.insert(BUDGETS, {
          recipient_id: agreed.data.recipientId,
          version: agreed.data.version,
          gross_weekly: Money.of(agreed.data.grossWeekly).toString(),
          effective_from: agreed.data.effectiveFrom,
        });
        return;
      }
      case 'FundingReceived':
      case 'ClientContributionReceived':
      case 'OtherSpendRecorded': {
        post(rows, event, postingsOf(upcast(accountEvents, event)));
        return;
      }
      case 'PayslipIssued':
      case 'PaymentRecorded': {
        const payroll = upcast(payrollEvents, event);
        post(rows, event, postingsOf(payroll));
        if (payroll.type === 'PayslipIssued') accrue(rows, payroll.data);
        return;
      }
      case 'PayRunCompleted': {
        const completed = upcast(payrollEvents, event);
        if (completed.type === 'PayRunCompleted') complete(rows, event, completed.data);
        return;
      }
      case 'RecoveryPaymentReceived': {
        const received = upcast(recoveryStream, event);
        if (received.type === 'RecoveryPaymentReceived') post(rows, event, recoveryReturned(received.data));
        return;
      }
    }
  },
});

/**
 * The business date each event takes effect on, for as-at replays: the date its legs are posted on (ledger.ts), a
 * budget's first day, and for an enrolment the earliest date: it says whose account it is (its council), not a
 * movement of money, so every as-at view of the account has it.
 */
function effectiveDateOf(event: RecordedEvent): string | undefined {
  switch (event.type) {
    case 'RecipientEnrolled':
      return '0000-01-01';
    case 'BudgetAgreed': {
      const agreed = upcast(recipientEvents, event);
      return agreed.type === 'BudgetAgreed' ? agreed.data.effectiveFrom : undefined;
    }
    case 'FundingReceived':
    case 'ClientContributionReceived':
    case 'OtherSpendRecorded': {
      const recorded = upcast(accountEvents, event);
      return recorded.type === 'OtherSpendRecorded' ? recorded.data.invoiceDate : recorded.data.receivedOn;
    }
    case 'PayslipIssued':
    case 'PayRunCompleted':
    case 'PaymentRecorded': {
      const payroll = upcast(payrollEvents, event);
      return payroll.type === 'PaymentRecorded' ? payroll.data.paidOn : payroll.data.payDate;
    }
    case 'RecoveryPaymentReceived':
      return (event.data as { receivedOn: string }).receivedOn;
    default:
      return undefined;
  }
}

/** Records an event's postings, adds their legs to the running totals, and marks the DP account as posted to. */
function post(rows: Rows, event: RecordedEvent, posted: EventPostings | undefined): void {
  if (!posted) return;
  const { recipientId, businessDate, postings } = posted;
  // An account event always follows its recipient's enrolment; if one did not, its council is unknown, so the row is
  // visible only to principals of every council until the enrolment is projected.
  const dpAccount = rows.find(ACCOUNTS, { recipient_id: recipientId });
  rows.put(ACCOUNTS, {
    recipient_id: recipientId,
    council_id: dpAccount?.council_id ?? null,
    last_position: event.globalPosition,
  });
  const totals = new Map<LedgerAccount, { debits: Money; credits: Money }>();
  const total = (account: LedgerAccount) => {
    let found = totals.get(account);
    if (!found) {
      const row = rows.find(LEDGER, { recipient_id: recipientId, account });
      found = { debits: row?.debits ?? Money.zero, credits: row?.credits ?? Money.zero };
      totals.set(account, found);
    }
    return found;
  };
  const text: PostingText[] = [];
  for (const { debit, credit, amount, component } of postings) {
    text.push([debit, credit, amount.toString(), component]);
    const debited = total(debit);
    debited.debits = debited.debits.plus(amount);
    const credited = total(credit);
    credited.credits = credited.credits.plus(amount);
  }
  // Zero figures post nothing (ledger.ts): an event of only zeros has no legs, so no row.
  if (text.length > 0) {
    rows.insert(POSTINGS, {
      recipient_id: recipientId,
      global_position: event.globalPosition,
      event_id: event.id,
      event_type: event.type,
      stream_id: event.streamId,
      business_date: businessDate,
      postings: JSON.stringify(text),
    });
  }
  for (const [account, { debits, credits }] of totals) {
    rows.put(LEDGER, { recipient_id: recipientId, account, debits, credits });
  }
}

/** Adds a payslip's accruals to its pay run's, for the check when the run completes. */
function accrue(rows: Rows, slip: PayslipIssuedData): void {
  const owes = payslipOwes(slip);
  const run = rows.find(PAY_RUNS, { pay_run_id: slip.payRunId });
  rows.put(PAY_RUNS, {
    pay_run_id: slip.payRunId,
    recipient_id: run?.recipient_id ?? slip.recipientId,
    pay_date: run?.pay_date ?? slip.payDate,
    tax_month: run?.tax_month ?? null,
    completed_position: run?.completed_position ?? null,
    payslips: (run?.payslips ?? 0) + 1,
    net_pay: owes.netPay.plus(run?.net_pay ?? Money.zero),
    paye: owes.paye.plus(run?.paye ?? Money.zero),
    pension: owes.pension.plus(run?.pension ?? Money.zero),
  });
}

/**
 * A completed run's totals must be what its payslips accrued: otherwise the committed balance would disagree with
 * what payroll says is owed, so the projection stops on the run (reported by the projector, never skipped).
 */
function complete(rows: Rows, event: RecordedEvent, run: PayRunCompletedData): void {
  const stored = rows.find(PAY_RUNS, { pay_run_id: run.payRunId });
  const accrued = stored ?? {
    pay_run_id: run.payRunId,
    recipient_id: run.recipientId,
    pay_date: run.payDate,
    payslips: 0,
    net_pay: Money.zero,
    paye: Money.zero,
    pension: Money.zero,
  };
  const agrees =
    accrued.payslips === run.payslips &&
    accrued.net_pay.equals(run.totals.netPay) &&
    accrued.paye.equals(run.totals.payeDue) &&
    accrued.pension.equals(run.totals.pensionDue);
  if (!agrees) {
    throw new Error(
      `pay run ${run.payRunId}: its ${accrued.payslips} payslips accrued net pay ${accrued.net_pay}, PAYE ` +
        `${accrued.paye} and pension ${accrued.pension}, but the run completed with ${run.payslips} payslips, net pay ` +
        `${run.totals.netPay}, PAYE due ${run.totals.payeDue} and pension due ${run.totals.pensionDue}`,
    );
  }
  rows.put(PAY_RUNS, { ...accrued, tax_month: run.taxMonth, completed_position: event.globalPosition });
}
