import type { Selectable } from 'kysely';
import { DecimalOf, Money } from '@dpe/money';
import type { ReadModelRows } from '@dpe/projector';
import { LEDGER_ACCOUNTS, NORMAL_SIDE, PAYABLES, type Component, type LedgerAccount, type PostingText } from './ledger';
import type { BalancesTables } from './projection';

/** The councils whose DP accounts a caller may see: a list, or every council (which also sees council-less ones). */
export type CouncilScope = readonly string[] | 'all';

export interface BalanceOptions {
  readonly councils: CouncilScope;
  /**
   * The date whose budget in force (the latest version effective on or before it) weeks of cover are worked against;
   * a caller wanting "now" passes today's date. Without it, the latest version agreed is used.
   */
  readonly asOf?: string;
}

export interface PageOptions {
  readonly limit: number;
  readonly offset: number;
}

export interface AccountBalance {
  readonly recipientId: string;
  readonly councilId: string | null;
  /** Money in the DP account: everything received less everything paid out. */
  readonly cash: string;
  /** Approved but unpaid: wages-payable + paye-payable + pension-payable outstanding. */
  readonly committed: string;
  /** The budget version weeks of cover is worked against, or null when none is agreed (or in force on `asOf`). */
  readonly budget: { readonly version: number; readonly grossWeekly: string; readonly effectiveFrom: string } | null;
  /** cash ÷ gross weekly budget, rounded down to 1 decimal place (e.g. "5.6"); null without a budget. */
  readonly weeksOfCover: string | null;
  /** The cash split by whose money it is; client money is spent last (see `cashBySource`). */
  readonly cashBySource: { readonly council: string; readonly client: string };
  /** Every ledger account's balance on its normal side (debits − credits for cash and expenses, else the reverse). */
  readonly ledger: Readonly<Record<LedgerAccount, string>>;
  /** The global position of the last event posted to the account, or null when nothing is posted yet. */
  readonly lastPosition: number | null;
}

export interface LedgerEntry {
  readonly eventId: string;
  readonly leg: number;
  readonly account: LedgerAccount;
  readonly counterAccount: LedgerAccount;
  readonly side: 'debit' | 'credit';
  readonly amount: string;
  readonly component: Component;
  readonly businessDate: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly globalPosition: number;
}

export interface LedgerBalance {
  readonly recipientId: string;
  /** Σ of every debit leg and of every credit leg of the DP account. */
  readonly debits: string;
  readonly credits: string;
  /** Σ debits = Σ credits. */
  readonly balanced: boolean;
  /** Every ledger account's running totals (what the balances are read from) equal the sum of its legs. */
  readonly totalsAgree: boolean;
}

type Rows = ReadModelRows<BalancesTables>;
type AccountRow = Selectable<BalancesTables['balances_accounts']>;

/** One DP account's balances, or undefined when it is not projected or its council is not among `councils`. */
export function accountBalance(
  rows: ReadModelRows<unknown>,
  recipientId: string,
  options: BalanceOptions,
): AccountBalance | undefined {
  const model = rows as unknown as Rows;
  const account = model.get(
    model.db.selectFrom('balances_accounts').selectAll().where('recipient_id', '=', recipientId),
  );
  if (!account || !visible(account.council_id, options.councils)) return undefined;
  return balancesOf(model, [account], options.asOf)[0];
}

/** The balances of the DP accounts of `councils`, in recipient id order, one page. */
export function listAccountBalances(
  rows: ReadModelRows<unknown>,
  options: BalanceOptions & PageOptions,
): AccountBalance[] {
  const model = rows as unknown as Rows;
  checkPage(options);
  if (options.councils !== 'all' && options.councils.length === 0) return [];
  let query = model.db.selectFrom('balances_accounts').selectAll();
  if (options.councils !== 'all') query = query.where('council_id', 'in', options.councils);
  const accounts = model.all(query.orderBy('recipient_id').limit(options.limit).offset(options.offset));
  return balancesOf(model, accounts, options.asOf);
}

/** A DP account's ledger lines in the order posted, one page; none when it is not visible to `councils`. */
export function ledgerEntries(
  rows: ReadModelRows<unknown>,
  recipientId: string,
  options: { readonly councils: CouncilScope } & PageOptions,
): LedgerEntry[] {
  const model = rows as unknown as Rows;
  checkPage(options);
  const account = model.get(
    model.db.selectFrom('balances_accounts').select('council_id').where('recipient_id', '=', recipientId),
  );
  if (!account || !visible(account.council_id, options.councils)) return [];
  const posted = model.all(
    model.db
      .selectFrom('balances_postings')
      .selectAll()
      .where('recipient_id', '=', recipientId)
      .orderBy('global_position'),
  );
  const entries: LedgerEntry[] = [];
  const end = options.offset + options.limit;
  let at = 0;
  for (const row of posted) {
    const postings = JSON.parse(row.postings) as PostingText[];
    // Two legs a posting: skip whole events before the page without expanding them.
    if (at + postings.length * 2 <= options.offset) {
      at += postings.length * 2;
      continue;
    }
    legsOf(postings).forEach((leg, index) => {
      if (at >= options.offset && at < end) {
        entries.push({
          eventId: row.event_id,
          leg: index,
          ...leg,
          businessDate: row.business_date,
          eventType: row.event_type,
          streamId: row.stream_id,
          globalPosition: row.global_position,
        });
      }
      at++;
    });
    if (at >= end) break;
  }
  return entries;
}

/** An event's legs in order: each posting's debit leg, then its credit leg, each naming the other as its counter. */
function legsOf(postings: readonly PostingText[]) {
  return postings.flatMap(([debit, credit, amount, component]) => [
    { account: debit, counterAccount: credit, side: 'debit' as const, amount, component },
    { account: credit, counterAccount: debit, side: 'credit' as const, amount, component },
  ]);
}

/**
 * For every DP account, whether its ledger balances: Σ debits = Σ credits over its legs, and the running totals the
 * balances are read from equal its legs. Unscoped (for verification), read in pages of DP accounts.
 */
export function ledgerBalances(rows: ReadModelRows<unknown>): LedgerBalance[] {
  const model = rows as unknown as Rows;
  const PAGE = 500;
  const result: LedgerBalance[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const ids = model
      .all(
        model.db
          .selectFrom('balances_accounts')
          .select('recipient_id')
          .orderBy('recipient_id')
          .limit(PAGE)
          .offset(offset),
      )
      .map((row) => row.recipient_id);
    if (ids.length === 0) return result;
    const legs = model
      .all(
        model.db.selectFrom('balances_postings').select(['recipient_id', 'postings']).where('recipient_id', 'in', ids),
      )
      .flatMap((row) =>
        legsOf(JSON.parse(row.postings) as PostingText[]).map((leg) => ({ recipient_id: row.recipient_id, ...leg })),
      );
    const totals = model.all(model.db.selectFrom('balances_ledger').selectAll().where('recipient_id', 'in', ids));
    for (const recipientId of ids) {
      const fromLegs = new Map<string, { debits: Money; credits: Money }>();
      let debits = Money.zero;
      let credits = Money.zero;
      for (const leg of legs) {
        if (leg.recipient_id !== recipientId) continue;
        const sums = fromLegs.get(leg.account) ?? { debits: Money.zero, credits: Money.zero };
        if (leg.side === 'debit') {
          sums.debits = sums.debits.plus(leg.amount);
          debits = debits.plus(leg.amount);
        } else {
          sums.credits = sums.credits.plus(leg.amount);
          credits = credits.plus(leg.amount);
        }
        fromLegs.set(leg.account, sums);
      }
      const mine = totals.filter((row) => row.recipient_id === recipientId);
      const totalsAgree =
        mine.length === fromLegs.size &&
        mine.every((row) => {
          const sums = fromLegs.get(row.account);
          return sums !== undefined && sums.debits.equals(row.debits) && sums.credits.equals(row.credits);
        });
      result.push({
        recipientId,
        debits: debits.toString(),
        credits: credits.toString(),
        balanced: debits.equals(credits),
        totalsAgree,
      });
    }
  }
}

function visible(councilId: string | null, councils: CouncilScope): boolean {
  return councils === 'all' || (councilId !== null && councils.includes(councilId));
}

function checkPage({ limit, offset }: PageOptions): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer (got ${limit})`);
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`offset must be a non-negative integer (got ${offset})`);
  }
}

function balancesOf(rows: Rows, accounts: readonly AccountRow[], asOf: string | undefined): AccountBalance[] {
  if (accounts.length === 0) return [];
  const ids = accounts.map((account) => account.recipient_id);
  const totals = rows.all(rows.db.selectFrom('balances_ledger').selectAll().where('recipient_id', 'in', ids));
  const budgets = rows.all(
    rows.db.selectFrom('balances_budgets').selectAll().where('recipient_id', 'in', ids).orderBy('version'),
  );
  return accounts.map((account) => {
    const id = account.recipient_id;
    const ledger = Object.fromEntries(LEDGER_ACCOUNTS.map((name) => [name, Money.zero])) as Record<
      LedgerAccount,
      Money
    >;
    for (const row of totals) {
      if (row.recipient_id !== id) continue;
      const debits = Money.of(row.debits);
      const credits = Money.of(row.credits);
      ledger[row.account] = NORMAL_SIDE[row.account] === 'debit' ? debits.minus(credits) : credits.minus(debits);
    }
    // Budget versions take effect in version order (agree-budget.ts), so the one in force is the last effective.
    const agreed = budgets.filter((b) => b.recipient_id === id && (asOf === undefined || b.effective_from <= asOf));
    const budget = agreed[agreed.length - 1];
    const cash = ledger.cash;
    return {
      recipientId: id,
      councilId: account.council_id,
      cash: cash.toString(),
      committed: Money.sum(PAYABLES.map((name) => ledger[name])).toString(),
      budget: budget
        ? { version: budget.version, grossWeekly: budget.gross_weekly, effectiveFrom: budget.effective_from }
        : null,
      weeksOfCover: budget ? weeksOfCover(cash, Money.of(budget.gross_weekly)) : null,
      cashBySource: cashBySource(cash, ledger['client-contributions']),
      ledger: Object.fromEntries(LEDGER_ACCOUNTS.map((name) => [name, ledger[name].toString()])) as Record<
        LedgerAccount,
        string
      >,
      lastPosition: account.last_position,
    };
  });
}

/**
 * cash ÷ gross weekly budget, rounded down (towards minus infinity) to one decimal place: cover is how long the money
 * lasts, so it is never shown longer than it is (7.96 weeks is "7.9", not "8.0", and an overdrawn account is not
 * shown nearer to cover than it is). A surplus judged against a council's threshold is worked from exact figures.
 */
function weeksOfCover(cash: Money, grossWeekly: Money): string | null {
  if (!grossWeekly.isPositive()) return null;
  return cash.amount.dividedBy(grossWeekly.amount).toDecimalPlaces(1, DecimalOf.ROUND_FLOOR).toFixed(1);
}

/**
 * Whose money the cash is. The client's contributions are treated as spent last (every outgoing is drawn from the
 * council's money first), so the client's share is what they paid in, capped at the cash: min(contributions, cash),
 * and never below zero; the council's share is the rest, and carries any overdraft. This protects the client's own
 * money, as Gateshead does when it refunds an overpaid contribution and recoups only the council's share
 * (dp-domain.md §0.3, §1.5, §5.4); Gloucestershire instead spends the client's contribution first (§1.7), and the
 * reference calls the order a council policy attribute [inference], which council policies do not carry yet. The rule
 * reads totals only, so the split does not depend on the order in which events of different streams were recorded.
 */
function cashBySource(cash: Money, contributions: Money): { council: string; client: string } {
  const client = Money.max(Money.zero, Money.min(contributions, cash));
  return { council: cash.minus(client).toString(), client: client.toString() };
}
