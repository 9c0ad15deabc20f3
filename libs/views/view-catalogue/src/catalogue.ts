import { payeDueOfRuns, payslipArithmetic, projectionsEqualReplay, type Invariant } from '@dpe/audit';
import type { AnyQueryDeclaration } from '@dpe/decider';
import type { AnyProjection, ReadModelRows } from '@dpe/projector';

/** Every projection the engine runs (a new view joins here), and the queries that read them. */
export const PROJECTIONS: readonly AnyProjection[] = [];
export const VIEW_QUERIES: readonly AnyQueryDeclaration[] = [];

/** What `dpe verify` checks. */
export const INVARIANTS: readonly Invariant[] = [payslipArithmetic, payeDueOfRuns, projectionsEqualReplay];

/** The views `dpe replay --view` prints: the projection and how its rows are read. */
export const VIEW_DUMPS: Readonly<
  Record<string, { readonly projection: AnyProjection; readonly rows: (rows: ReadModelRows<unknown>) => unknown }>
> = {};
