import { commandSpec } from '@dpe/testing';
import { agreeBudget, type BudgetAgreedData, type RecipientEnrolledData } from '@dpe/recipients';

const enrolled: RecipientEnrolledData = {
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-04-06',
};
const input = { recipientId: 'r-1001', grossWeekly: '412.50', effectiveFrom: '2026-04-06' };
const version1: BudgetAgreedData = {
  recipientId: 'r-1001',
  version: 1,
  grossWeekly: '412.50',
  effectiveFrom: '2026-04-06',
  clientContribution: null,
};

const spec = commandSpec(agreeBudget);
const givenEnrolled = spec.given([{ type: 'RecipientEnrolled', data: enrolled }]);

describe('agree budget', () => {
  it('given an enrolled recipient, when a budget is agreed, then BudgetAgreed version 1 records it', () => {
    givenEnrolled.when(input).then([{ type: 'BudgetAgreed', data: version1 }]);
  });

  it('given a budget, when it is revised with a client contribution, then version 2 records both', () => {
    const contribution = { amount: '25.00', frequency: 'weekly', collection: 'net' } as const;
    spec
      .given([
        { type: 'RecipientEnrolled', data: enrolled },
        { type: 'BudgetAgreed', data: version1 },
      ])
      .when({ ...input, grossWeekly: '450.00', effectiveFrom: '2026-10-05', clientContribution: contribution })
      .then([
        {
          type: 'BudgetAgreed',
          data: {
            ...version1,
            version: 2,
            grossWeekly: '450.00',
            effectiveFrom: '2026-10-05',
            clientContribution: contribution,
          },
        },
      ]);
  });

  it('refuses a revision that would not take effect after the current one', () => {
    spec
      .given([
        { type: 'RecipientEnrolled', data: enrolled },
        { type: 'BudgetAgreed', data: version1 },
      ])
      .when(input)
      .thenError('budget.effective-order', 'rule');
  });

  it('refuses a budget before the enrolment', () => {
    givenEnrolled.when({ ...input, effectiveFrom: '2026-04-05' }).thenError('budget.before-enrolment', 'rule');
  });

  it('refuses a recipient who is not enrolled as not found', () => {
    spec.given([]).when(input).thenError('recipient.not-found', 'not-found');
  });

  it.each([
    ['a JSON number (money is decimal text)', 412.5],
    ['three decimal places', '412.505'],
    ['a negative amount', '-412.50'],
    ['zero', '0.00'],
    ['more than £5,000 a week', '5000.01'],
  ])('refuses a gross weekly amount that is %s', (_what, grossWeekly) => {
    givenEnrolled.when({ ...input, grossWeekly }).thenInvalid(['grossWeekly']);
  });

  it('names every bad contribution field', () => {
    givenEnrolled
      .when({ ...input, clientContribution: { amount: 'ten', frequency: 'yearly', collection: 'both' } })
      .thenInvalid(['clientContribution.amount', 'clientContribution.frequency', 'clientContribution.collection']);
  });
});
