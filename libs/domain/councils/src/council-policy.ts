import { READERS, type Role } from '@dpe/access';
import { defineCommand, defineQuery, defineStream, type DomainEvent } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { businessDate, text, z } from '@dpe/schema';
import { CouncilId, REGISTRY_KEY, councilStream } from './councils';

/**
 * A council's Direct Payment policy, versioned: what its finance team nets off before calling money surplus, how it
 * recovers it, and how often it audits. Everything beyond the Care and Support (Direct Payments) Regulations 2014 is
 * local policy (dp-domain.md §1: contingency of 4-8 weeks of gross DP is typical; Durham nets off unpaid wages and
 * invoices and "an appropriate contingency"). Later calculations record the version they used. Stream:
 * council-policy-{councilId}.
 */
export const RING_FENCES = [
  'unpaid-wages',
  'paye-due',
  'pension-due',
  'accrued-holiday',
  'notice-and-redundancy',
  'earmarks',
] as const;
// Invoice (Durham), offset against the next payment (reg 16(4) analogue; Midlothian's netting), card recoup after
// notice (Gateshead, Merton), bank transfer back to the council.
export const RECOVERY_METHODS = ['invoice', 'offset-next-funding', 'card-recoup', 'bank-transfer'] as const;

export interface CouncilPolicyRecordedData {
  readonly councilId: string;
  readonly version: number;
  readonly effectiveFrom: string;
  /** Weeks of gross budget kept back as contingency before any money counts as surplus. */
  readonly contingencyWeeks: number;
  readonly ringFences: readonly (typeof RING_FENCES)[number][];
  readonly recoveryMethods: readonly (typeof RECOVERY_METHODS)[number][];
  /** Days the recipient is given, after a recovery is proposed, before it may be raised. */
  readonly recoveryNoticeDays: number;
  /** Months between financial reviews (at most 12: Care and Support (Direct Payments) Regulations 2014 reg 7). */
  readonly auditCadenceMonths: number;
  /** Categories of spend the council does not allow from a DP; such spend is flagged when recorded. */
  readonly disallowedCategories: readonly string[];
}
export type CouncilPolicyRecorded = DomainEvent<'CouncilPolicyRecorded', CouncilPolicyRecordedData>;

export interface CouncilPolicyHistory {
  readonly versions: readonly CouncilPolicyRecordedData[];
}

export const councilPolicyStream = defineStream<CouncilPolicyRecorded, CouncilPolicyHistory>({
  name: 'council-policy',
  streamId: (councilId) => `council-policy-${councilId}`,
  initialState: { versions: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'CouncilPolicyRecorded':
        return { versions: [...state.versions, event.data] };
      default:
        return state;
    }
  },
});

/** The version in force on a date: the latest whose effectiveFrom is on or before it. */
export function policyInForce(history: CouncilPolicyHistory, on: string): CouncilPolicyRecordedData | undefined {
  return [...history.versions].reverse().find((version) => version.effectiveFrom <= on);
}

const distinct = <T extends string>(values: readonly T[]) => new Set(values).size === values.length;
const POLICY_WRITERS: readonly Role[] = ['bureau-admin', 'council-finance'];

export const recordCouncilPolicy = defineCommand({
  name: 'record-council-policy',
  summary: "Record a new version of a council's Direct Payment policy (records CouncilPolicyRecorded)",
  input: z.strictObject({
    councilId: CouncilId,
    effectiveFrom: businessDate(
      { from: '2015-04-01', to: '2099-12-31' },
      'First day the version applies (the Care Act 2014 regime began 1 April 2015)',
    ),
    contingencyWeeks: z
      .number()
      .int('must be a whole number of weeks')
      .min(0, 'must be 0 or more')
      .max(26, 'must be at most 26')
      .describe('Weeks of gross budget kept as contingency'),
    ringFences: z
      .array(z.enum(RING_FENCES))
      .refine(distinct, 'must not repeat a ring-fence')
      .describe(`Liabilities netted off before surplus: ${RING_FENCES.join(', ')}`),
    recoveryMethods: z
      .array(z.enum(RECOVERY_METHODS))
      .min(1, 'must name at least one method')
      .refine(distinct, 'must not repeat a method')
      .describe(`How surplus is recovered: ${RECOVERY_METHODS.join(', ')}`),
    recoveryNoticeDays: z
      .number()
      .int('must be a whole number of days')
      .min(0)
      .max(90, 'must be at most 90')
      .describe('Days of notice before a proposed recovery may be raised'),
    auditCadenceMonths: z
      .number()
      .int('must be a whole number of months')
      .min(1, 'must be at least 1')
      .max(12, 'must be at most 12 (reg 7: reviews at most 12 months apart)')
      .describe('Months between financial reviews'),
    disallowedCategories: z
      .array(text(60))
      .max(50, 'must list at most 50 categories')
      .default([])
      .describe('Categories of spend not allowed from a DP'),
  }),
  complete: (input) => input,
  stream: councilPolicyStream,
  streamKey: (command) => command.councilId,
  prepare: async (command, { load }) => ({
    councilRegistered: (await load(councilStream, REGISTRY_KEY)).councils.has(command.councilId),
  }),
  decide(command, state, _now, { councilRegistered }): CouncilPolicyRecorded[] {
    if (!councilRegistered)
      throw new DomainError('rule', 'council.unknown', `councilId: no registered council with id ${command.councilId}`);
    const latest = state.versions[state.versions.length - 1];
    if (latest && command.effectiveFrom <= latest.effectiveFrom) {
      // Versions take effect in order, so "the policy in force on a date" has one answer; a correction is a new version.
      throw new DomainError(
        'rule',
        'council-policy.effective-order',
        `effectiveFrom must be after ${latest.effectiveFrom}, when version ${latest.version} took effect`,
      );
    }
    return [{ type: 'CouncilPolicyRecorded', data: { ...command, version: (latest?.version ?? 0) + 1 } }];
  },
  http: { method: 'POST', path: '/councils/:councilId/policy', status: 201 },
  policy: { roles: POLICY_WRITERS, councilOfCommand: { field: 'councilId', of: (command) => command.councilId } },
  reply: { schema: z.object({ councilId: z.string() }), of: (command) => ({ councilId: command.councilId }) },
});

const PolicyVersion = z.object({
  councilId: z.string(),
  version: z.number().int(),
  effectiveFrom: z.string(),
  contingencyWeeks: z.number().int(),
  ringFences: z.array(z.string()).readonly(),
  recoveryMethods: z.array(z.string()).readonly(),
  recoveryNoticeDays: z.number().int(),
  auditCadenceMonths: z.number().int(),
  disallowedCategories: z.array(z.string()).readonly(),
});

export const showCouncilPolicy = defineQuery({
  name: 'show-council-policy',
  summary: "A council's policy versions and the one in force on a date (default today)",
  params: z.strictObject({
    councilId: CouncilId,
    on: businessDate({ from: '2015-04-01', to: '2099-12-31' }, 'The date to answer for (default today)').optional(),
  }),
  response: z.object({
    councilId: z.string(),
    on: z.string(),
    inForce: PolicyVersion.nullable(),
    versions: z.array(PolicyVersion),
  }),
  http: { path: '/councils/:councilId/policy' },
  policy: {
    roles: READERS,
    councilOfResult: {
      of: (answer) => answer.councilId,
      notFound: ({ councilId }) =>
        new DomainError('not-found', 'council.not-found', `council ${councilId} is not registered`),
    },
  },
  async run({ councilId, on }, { load, now }) {
    if (!(await load(councilStream, REGISTRY_KEY)).councils.has(councilId)) {
      throw new DomainError('not-found', 'council.not-found', `council ${councilId} is not registered`);
    }
    const history = await load(councilPolicyStream, councilId);
    const date = on ?? now.toISODate()!;
    return { councilId, on: date, inForce: policyInForce(history, date) ?? null, versions: [...history.versions] };
  },
});
