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
import { listPayeLiabilities, payeLiabilitiesProjection } from '@dpe/paye-liabilities';
import type { AnyProjection, ReadModelRows } from '@dpe/projector';
import { listAuditClawback, showAuditClawback } from './audit-clawback';
import { listBalances, listLedgerEntries, showBalance } from './balance-queries';
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
  showAuditClawback,
  listAuditClawback,
  listPayRisks,
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

/** What `dpe verify` checks. */
export const INVARIANTS: readonly Invariant[] = [
  payslipArithmetic,
  payeDueOfRuns,
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
