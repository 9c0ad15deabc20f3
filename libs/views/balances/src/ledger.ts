import type { AccountEvent, SpendCategory } from '@dpe/accounts';
import { Money } from '@dpe/money';
import type { PaymentRecordedData, PayslipIssuedData, PayrollEvent } from '@dpe/pay-runs';

/**
 * The ledger accounts of one DP account (one recipient). Assets and expenses are debit-normal: their balance is
 * debits − credits. Sources of money and what is owed are credit-normal: credits − debits.
 */
export const LEDGER_ACCOUNTS = [
  'cash',
  'council-funding',
  'client-contributions',
  'wages-payable',
  'paye-payable',
  'pension-payable',
  'wages-expense',
  'employer-costs',
  'other-spend',
  'recoveries-returned',
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

export const NORMAL_SIDE: Readonly<Record<LedgerAccount, 'debit' | 'credit'>> = {
  cash: 'debit',
  'council-funding': 'credit',
  'client-contributions': 'credit',
  'wages-payable': 'credit',
  'paye-payable': 'credit',
  'pension-payable': 'credit',
  'wages-expense': 'debit',
  'employer-costs': 'debit',
  'other-spend': 'debit',
  'recoveries-returned': 'debit',
};

/** What the payables hold that is approved but not yet paid: the committed balance. */
export const PAYABLES = [
  'wages-payable',
  'paye-payable',
  'pension-payable',
] as const satisfies readonly LedgerAccount[];

/** What a pair of legs is for, so that every line names the figure of its event it posts. */
export type Component =
  | 'funding'
  | 'client-contribution'
  | `spend:${SpendCategory}`
  | 'net-pay'
  | 'income-tax'
  | 'employee-nic'
  | 'student-loan'
  | 'postgraduate-loan'
  | 'pension-employee'
  | 'employer-nic'
  | 'employment-allowance'
  | 'pension-employer'
  | 'net-pay-paid'
  | 'paye-paid'
  | 'pension-paid'
  | 'recovery-returned';

/** One double entry: `amount` debited to `debit` and credited to `credit`, balanced by construction. */
export interface Posting {
  readonly debit: LedgerAccount;
  readonly credit: LedgerAccount;
  readonly amount: Money;
  readonly component: Component;
}

/** A posting as the read model keeps it, in one event's row of postings: `[debit, credit, amount, component]`. */
export type PostingText = readonly [debit: LedgerAccount, credit: LedgerAccount, amount: string, component: Component];

/** An event's postings: which DP account they are on, their business date, and the pairs (no zero amounts). */
export interface EventPostings {
  readonly recipientId: string;
  readonly businessDate: string;
  readonly postings: readonly Posting[];
}

/**
 * The posting rules. Each figure of an event is posted as a pair (one debit leg and one credit leg of the same
 * amount), so every leg has exactly one counter-account and every event balances by construction. A pair whose amount
 * is negative (a tax refund on a payslip) is posted the other way round with the amount positive; a zero pair is
 * not posted.
 *
 * - FundingReceived: Dr cash / Cr council-funding, on `receivedOn`.
 * - ClientContributionReceived: Dr cash / Cr client-contributions, on `receivedOn`.
 * - OtherSpendRecorded: Dr other-spend / Cr cash, on `invoiceDate`. The event has no paid date or status (it records
 *   money "owed or paid", docs/events.md), so the spend is treated as paid when it is recorded.
 * - PayslipIssued, on `payDate`, accrues what the payslip costs and owes:
 *   Dr wages-expense / Cr wages-payable: net pay; Dr wages-expense / Cr paye-payable: income tax, employee NICs,
 *   student and postgraduate loans; Dr wages-expense / Cr pension-payable: the employee's pension contribution (so
 *   wages-expense takes exactly the gross pay); Dr employer-costs / Cr paye-payable: employer NICs; Dr paye-payable /
 *   Cr employer-costs: the employment allowance set against them; Dr employer-costs / Cr pension-payable: the
 *   employer's pension contribution. paye-payable then takes tax + NICs − allowance + loans (PayRunCompleted's
 *   `payeDue`) and pension-payable both contributions (its `pensionDue`).
 * - PaymentRecorded: Dr the payable it settles (net-pay: wages-payable, paye: paye-payable, pension: pension-payable)
 *   / Cr cash, on `paidOn`.
 *
 * PayRunCompleted posts nothing: its totals are the sums of its payslips' figures, which are already posted.
 */
export function postingsOf(event: AccountEvent | PayrollEvent): EventPostings | undefined {
  switch (event.type) {
    case 'FundingReceived':
      return {
        recipientId: event.data.recipientId,
        businessDate: event.data.receivedOn,
        postings: pairs([['cash', 'council-funding', event.data.amount, 'funding']]),
      };
    case 'ClientContributionReceived':
      return {
        recipientId: event.data.recipientId,
        businessDate: event.data.receivedOn,
        postings: pairs([['cash', 'client-contributions', event.data.amount, 'client-contribution']]),
      };
    case 'OtherSpendRecorded':
      return {
        recipientId: event.data.recipientId,
        businessDate: event.data.invoiceDate,
        postings: pairs([['other-spend', 'cash', event.data.amount, `spend:${event.data.category}`]]),
      };
    case 'PayslipIssued':
      return { recipientId: event.data.recipientId, businessDate: event.data.payDate, postings: payslip(event.data) };
    case 'PaymentRecorded':
      return {
        recipientId: event.data.recipientId,
        businessDate: event.data.paidOn,
        postings: pairs([payment(event.data)]),
      };
    default:
      return undefined;
  }
}

/**
 * RecoveryPaymentReceived: money recovered by the council out of the DP account (libs/domain/recoveries), Dr
 * recoveries-returned / Cr cash, on `receivedOn` (the recovery's own rules assume the payment leaves the account).
 */
export function recoveryReturned(data: { recipientId: string; amount: string; receivedOn: string }): EventPostings {
  return {
    recipientId: data.recipientId,
    businessDate: data.receivedOn,
    postings: pairs([['recoveries-returned', 'cash', data.amount, 'recovery-returned']]),
  };
}

/** What a payslip adds to each payable: the figures PayRunCompleted totals. */
export function payslipOwes(slip: PayslipIssuedData): { netPay: Money; paye: Money; pension: Money } {
  return {
    netPay: Money.of(slip.netPay),
    paye: Money.of(slip.deductions.incomeTax)
      .plus(slip.deductions.employeeNic)
      .plus(slip.employer.employerNic)
      .minus(slip.employer.employmentAllowance)
      .plus(slip.deductions.studentLoan)
      .plus(slip.deductions.postgraduateLoan),
    pension: Money.of(slip.deductions.pensionEmployee).plus(slip.employer.pensionEmployer),
  };
}

type Pair = readonly [debit: LedgerAccount, credit: LedgerAccount, amount: string, component: Component];

function payslip(slip: PayslipIssuedData): Posting[] {
  const { deductions: d, employer: e } = slip;
  const toEmployee: Pair[] = [
    ['wages-expense', 'wages-payable', slip.netPay, 'net-pay'],
    ['wages-expense', 'paye-payable', d.incomeTax, 'income-tax'],
    ['wages-expense', 'paye-payable', d.employeeNic, 'employee-nic'],
    ['wages-expense', 'paye-payable', d.studentLoan, 'student-loan'],
    ['wages-expense', 'paye-payable', d.postgraduateLoan, 'postgraduate-loan'],
    ['wages-expense', 'pension-payable', d.pensionEmployee, 'pension-employee'],
  ];
  // Net pay is gross less the deductions (calculate-period.ts), so these pairs debit wages-expense with the gross pay.
  // A payslip that does not add up would leave the payables wrong: the projection stops on it rather than guess.
  const gross = Money.sum(toEmployee.map(([, , amount]) => Money.of(amount)));
  if (!gross.equals(slip.gross)) {
    throw new Error(
      `payslip ${slip.payslipId}: net pay ${slip.netPay} and deductions add up to ${gross.toString()}, not its gross ${slip.gross}`,
    );
  }
  return pairs([
    ...toEmployee,
    ['employer-costs', 'paye-payable', e.employerNic, 'employer-nic'],
    ['paye-payable', 'employer-costs', e.employmentAllowance, 'employment-allowance'],
    ['employer-costs', 'pension-payable', e.pensionEmployer, 'pension-employer'],
  ]);
}

function payment(data: PaymentRecordedData): Pair {
  switch (data.settles.kind) {
    case 'net-pay':
      return ['wages-payable', 'cash', data.amount, 'net-pay-paid'];
    case 'paye':
      return ['paye-payable', 'cash', data.amount, 'paye-paid'];
    case 'pension':
      return ['pension-payable', 'cash', data.amount, 'pension-paid'];
  }
}

function pairs(list: readonly Pair[]): Posting[] {
  const postings: Posting[] = [];
  for (const [debit, credit, text, component] of list) {
    const amount = Money.of(text);
    if (amount.isZero()) continue;
    postings.push(
      amount.isNegative()
        ? { debit: credit, credit: debit, amount: amount.negated(), component }
        : { debit, credit, amount, component },
    );
  }
  return postings;
}
