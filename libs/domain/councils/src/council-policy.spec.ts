import { commandSpec } from '@dpe/testing';
import { policyInForce, recordCouncilPolicy, type CouncilPolicyRecordedData } from '@dpe/councils';

const input = {
  councilId: 'Kent',
  effectiveFrom: '2026-04-01',
  contingencyWeeks: 6,
  ringFences: ['unpaid-wages', 'paye-due', 'accrued-holiday'],
  recoveryMethods: ['invoice', 'offset-next-funding'],
  recoveryNoticeDays: 28,
  auditCadenceMonths: 12,
};
const version1: CouncilPolicyRecordedData = {
  councilId: 'kent',
  version: 1,
  effectiveFrom: '2026-04-01',
  contingencyWeeks: 6,
  ringFences: ['unpaid-wages', 'paye-due', 'accrued-holiday'],
  recoveryMethods: ['invoice', 'offset-next-funding'],
  recoveryNoticeDays: 28,
  auditCadenceMonths: 12,
  disallowedCategories: [],
};

// The council is registered unless a spec says otherwise (prepare reads the council register).
const spec = commandSpec(recordCouncilPolicy, { prepared: { councilRegistered: true } });

describe('record council policy', () => {
  it('given no policy, when recorded, then version 1 is recorded for the council', () => {
    spec
      .given([])
      .when(input)
      .then([{ type: 'CouncilPolicyRecorded', data: version1 }]);
  });

  it('given version 1, when a later version is recorded, then it is version 2', () => {
    spec
      .given([{ type: 'CouncilPolicyRecorded', data: version1 }])
      .when({ ...input, effectiveFrom: '2027-04-01', contingencyWeeks: 8, disallowedCategories: ['gambling'] })
      .then([
        {
          type: 'CouncilPolicyRecorded',
          data: {
            ...version1,
            version: 2,
            effectiveFrom: '2027-04-01',
            contingencyWeeks: 8,
            disallowedCategories: ['gambling'],
          },
        },
      ]);
  });

  it('refuses a version that would not take effect after the last one (a correction is a new, later version)', () => {
    spec
      .given([{ type: 'CouncilPolicyRecorded', data: version1 }])
      .when(input)
      .thenError('council-policy.effective-order', 'rule');
  });

  it('refuses an unregistered council', () => {
    spec
      .given([])
      .when(input, { prepared: { councilRegistered: false } })
      .thenError('council.unknown', 'rule');
  });

  it('refuses reviews more than 12 months apart (Care and Support (Direct Payments) Regulations 2014 reg 7)', () => {
    const [issue] = spec
      .given([])
      .when({ ...input, auditCadenceMonths: 18 })
      .thenInvalid(['auditCadenceMonths']);
    expect(issue!.rule).toContain('at most 12');
  });

  it('names every bad field at once', () => {
    spec
      .given([])
      .when({
        ...input,
        contingencyWeeks: 2.5,
        ringFences: ['paye-due', 'paye-due'],
        recoveryMethods: [],
        recoveryNoticeDays: -1,
      })
      .thenInvalid(['contingencyWeeks', 'ringFences', 'recoveryMethods', 'recoveryNoticeDays']);
  });
});

describe('the policy in force on a date', () => {
  const history = { versions: [version1, { ...version1, version: 2, effectiveFrom: '2027-04-01' }] };
  it.each([
    ['2026-03-31', undefined],
    ['2026-04-01', 1],
    ['2027-03-31', 1],
    ['2027-04-01', 2],
  ])('on %s is version %p', (on, version) => {
    expect(policyInForce(history, on)?.version).toBe(version);
  });
});
