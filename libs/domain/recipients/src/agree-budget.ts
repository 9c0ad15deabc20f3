import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { businessDate, oneOf, poundsAmount, z } from '@dpe/schema';
import { RecipientId } from './enrol-recipient';
import { recipientStream, type BudgetAgreed } from './recipient-stream';
import { recipientNotFound } from './show-recipient';

export const CONTRIBUTION_FREQUENCIES = ['weekly', 'four-weekly', 'monthly'] as const;
// A council either pays the budget net of the client's assessed contribution (the client pays theirs into the DP
// account) or pays it gross and collects the contribution itself (dp-domain.md: client contributions).
export const CONTRIBUTION_COLLECTION = ['net', 'gross'] as const;

const BUDGET_SETTERS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];

export const agreeBudget = defineCommand({
  name: 'agree-budget',
  summary: "Agree or revise a recipient's personal budget (records BudgetAgreed)",
  input: z.strictObject({
    recipientId: RecipientId,
    // £5,000 a week is far beyond any DP package (the largest are 24-hour care); more is a typing error.
    grossWeekly: poundsAmount({
      max: '5000.00',
      allowZero: false,
      description: 'Gross weekly personal budget paid as a Direct Payment, e.g. "412.50"',
    }),
    effectiveFrom: businessDate({ from: '2015-04-01', to: '2099-12-31' }, 'First day the budget applies'),
    clientContribution: z
      .strictObject({
        amount: poundsAmount({
          max: '5000.00',
          allowZero: false,
          description: "The client's assessed contribution per period",
        }),
        frequency: oneOf(CONTRIBUTION_FREQUENCIES, 'How often the contribution is due'),
        collection: oneOf(
          CONTRIBUTION_COLLECTION,
          'net: the council pays the budget less the contribution; gross: the council collects it',
        ),
      })
      .optional(),
  }),
  complete: (input) => input,
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  decide(command, state): BudgetAgreed[] {
    if (state.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const latest = state.budgets[state.budgets.length - 1];
    if (latest && command.effectiveFrom <= latest.effectiveFrom) {
      // Budgets take effect in order, so the budget on a date has one answer; a correction is a later revision.
      throw new DomainError(
        'rule',
        'budget.effective-order',
        `effectiveFrom must be after ${latest.effectiveFrom}, when budget version ${latest.version} took effect`,
      );
    }
    if (command.effectiveFrom < state.enrolledOn) {
      throw new DomainError(
        'rule',
        'budget.before-enrolment',
        `effectiveFrom must not be before the enrolment on ${state.enrolledOn}`,
      );
    }
    return [
      {
        type: 'BudgetAgreed',
        data: {
          recipientId: command.recipientId,
          version: (latest?.version ?? 0) + 1,
          grossWeekly: command.grossWeekly,
          effectiveFrom: command.effectiveFrom,
          clientContribution: command.clientContribution ?? null,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/budget', status: 201 },
  policy: {
    roles: BUDGET_SETTERS,
    councilOfState: (state) => (state.status === 'enrolled' ? state.councilId : undefined),
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: { schema: z.object({ recipientId: z.string() }), of: (command) => ({ recipientId: command.recipientId }) },
});
