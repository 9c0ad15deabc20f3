import {
  payeDueOfRuns,
  payslipArithmetic,
  projectionsEqualReplay,
  projectionsHealthy,
  type Breach,
  type Invariant,
} from '@dpe/audit';
import { balancesProjection, ledgerBalances, listAccountBalances } from '@dpe/balances';
import type { AnyQueryDeclaration } from '@dpe/decider';
import { listPayslips, showP11, showP45, showP60, showPayslip } from '@dpe/documents';
import { Money } from '@dpe/money';
import { listPayeLiabilities, payeLiabilitiesProjection } from '@dpe/paye-liabilities';
import type { AnyProjection, ReadModelRows } from '@dpe/projector';
import { taxMonthOf } from '@dpe/tax-calendar';
import { listAuditClawback, showAuditClawback } from './audit-clawback';
import { listBalances, listLedgerEntries, showBalance } from './balance-queries';
import { listHmrcPayments } from './hmrc-payments';
import { listPayRisks } from './pay-risk';
import { listBureauPayeTotals, listPayeLiabilitiesQuery, showPayeQuarters } from './paye-queries';

/** Every projection the engine runs (a new view joins here), and the queries that read them. */
export const PROJECTIONS: readonly AnyProjection[] = [balancesProjection, payeLiabilitiesProjection];
export const VIEW_QUERIES: readonly AnyQueryDeclaration[] = [
  showBalance,
  listBalances,
  listLedgerEntries,
  listPayeLiabilitiesQuery,
  showPayeQuarters,
  listBureauPayeTotals,
  listHmrcPayments,
  showAuditClawback,
  listAuditClawback,
  listPayRisks,
  listPayslips,
  showPayslip,
  showP45,
  showP60,
  showP11,
];

/** Every DP account's ledger balances: Σ debits = Σ credits, and its running totals agree with its entries. */
const ledgersBalance: Invariant = {
  name: "every account's ledger balances",
  check: ({ live }) =>
    ledgerBalances(live.readModel).flatMap((ledger): Breach[] =>
      ledger.balanced && ledger.totalsAgree
        ? []
        : [
            {
              invariant: "every account's ledger balances",
              where: `DP account of ${ledger.recipientId}`,
              detail: `debits ${ledger.debits}, credits ${ledger.credits}${ledger.totalsAgree ? '' : '; its running totals disagree with its entries'}`,
            },
          ],
    ),
};

/**
 * PAYE due per tax month equals the sum of its payslips less allowances: every P32 month's tax, NICs and loans less
 * the employment allowance, summed here from the PayslipIssued events of that employer and month.
 */
const payeMonthsEqualPayslips: Invariant = {
  name: 'P32 month = Σ its payslips − allowance',
  check: ({ events, live }) => {
    const summed = new Map<string, Money>();
    for (const event of events) {
      if (event.type !== 'PayslipIssued') continue;
      const slip = event.data as {
        recipientId: string;
        taxYear: string;
        payDate: string;
        deductions: Record<string, string>;
        employer: Record<string, string>;
      };
      const key = `${slip.recipientId}/${slip.taxYear}/${taxMonthOf(slip.payDate).month}`;
      const due = Money.of(slip.deductions['incomeTax']!)
        .plus(slip.deductions['employeeNic']!)
        .plus(slip.employer['employerNic']!)
        .minus(slip.employer['employmentAllowance']!)
        .plus(slip.deductions['studentLoan']!)
        .plus(slip.deductions['postgraduateLoan']!);
      summed.set(key, (summed.get(key) ?? Money.zero).plus(due));
    }
    const breaches: Breach[] = [];
    const seen = new Set<string>();
    for (let offset = 0; ; offset += 1000) {
      const rows = listPayeLiabilities(live.readModel, { councils: 'all', limit: 1000, offset });
      for (const row of rows) {
        const key = `${row.recipientId}/${row.taxYear}/${row.taxMonth}`;
        seen.add(key);
        // The view's due is after statutory pay recovered; what the payslips owe is before it.
        const shown = Money.of(row.due).plus(row.statutoryPayRecovered);
        const expected = summed.get(key) ?? Money.zero;
        if (!shown.equals(expected)) {
          breaches.push({
            invariant: 'P32 month = Σ its payslips − allowance',
            where: `P32 of ${row.recipientId}, ${row.taxYear} month ${row.taxMonth}`,
            detail: `the view shows ${shown.toString()} before statutory pay recovered; its payslips come to ${expected.toString()}`,
          });
        }
      }
      if (rows.length < 1000) break;
    }
    for (const [key, due] of summed) {
      if (!seen.has(key)) {
        breaches.push({
          invariant: 'P32 month = Σ its payslips − allowance',
          where: `P32 of ${key.replace(/\/(\d+)$/, ' month $1').replace('/', ', ')}`,
          detail: `its payslips come to ${due.toString()}, but the view has no row for the month`,
        });
      }
    }
    return breaches;
  },
};

/** What `dpe verify` checks. */
export const INVARIANTS: readonly Invariant[] = [
  payslipArithmetic,
  payeDueOfRuns,
  payeMonthsEqualPayslips,
  ledgersBalance,
  projectionsHealthy,
  projectionsEqualReplay,
];

/** The views `dpe replay --view` prints: the projection and how its rows are read. */
export const VIEW_DUMPS: Readonly<
  Record<string, { readonly projection: AnyProjection; readonly rows: (rows: ReadModelRows<unknown>) => unknown }>
> = {
  balances: {
    projection: balancesProjection,
    rows: (rows) => listAccountBalances(rows, { councils: 'all', limit: 1000, offset: 0 }),
  },
  'paye-liabilities': {
    projection: payeLiabilitiesProjection,
    rows: (rows) => listPayeLiabilities(rows, { councils: 'all', limit: 1000 }),
  },
};
