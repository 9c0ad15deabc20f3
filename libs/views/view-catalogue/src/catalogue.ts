import type { AnyQueryDeclaration } from '@dpe/decider';
import type { AnyProjection } from '@dpe/projector';

/** Every projection the engine runs (a new view joins here), and the queries that read them. */
export const PROJECTIONS: readonly AnyProjection[] = [];
export const VIEW_QUERIES: readonly AnyQueryDeclaration[] = [];
