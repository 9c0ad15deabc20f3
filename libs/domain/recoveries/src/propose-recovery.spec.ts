import { derivedIds } from '@dpe/decider';
import { proposeRecovery, type RecoveryProposedData, type SurplusStreams } from '@dpe/recoveries';
import type { PaHiredData } from '@dpe/recipients';
import { commandSpec, type GivenEvent } from '@dpe/testing';
import {
  HAND_COMPUTED,
  april,
  budget,
  employment,
  hire,
  may,
  payroll2026,
  policy,
  recipient,
  recipientWith,
  streams,
} from '../test/fixtures';

const recoveryId = derivedIds('spec-command').derive('recovery');
const input = { recipientId: 'r-1001', amount: '1800.00', reason: 'Unspent funds built up over the winter' };
const proposed: RecoveryProposedData = {
  recipientId: 'r-1001',
  recoveryId,
  councilId: 'kent',
  amount: '1800.00',
  reason: 'Unspent funds built up over the winter',
  proposedOn: '2026-06-01',
  // 1 June 2026 + 28 days (recoveryNoticeDays of policy version 1) = 29 June 2026.
  noticeEndsOn: '2026-06-29',
  noticeDays: 28,
  policyVersion: 1,
  earmarks: [],
  surplus: HAND_COMPUTED,
};

const spec = commandSpec(proposeRecovery, { prepared: streams() });
const withPolicy = (changes: Partial<typeof policy>) =>
  streams({ policies: { versions: [{ ...policy, ...changes }] } });
/** `then` rethrows a refusal, so its message can be asserted beside its code. */
const refusal =
  (given: readonly GivenEvent[], when: unknown, prepared: SurplusStreams = streams()) =>
  () =>
    spec.given(given).when(when, { prepared }).then([]);

describe('propose recovery', () => {
  it('given a surplus, when a recovery within the council’s share is proposed, then RecoveryProposed records the surplus, the policy version and the notice', () => {
    // The hand-computed case (test/fixtures.ts): surplus 2,060.00, of which the council's share is 1,860.00.
    spec
      .given([])
      .when(input)
      .then([{ type: 'RecoveryProposed', data: proposed }]);
  });

  it('accepts the council’s whole share, and refuses a penny more, naming both figures', () => {
    spec
      .given([])
      .when({ ...input, amount: '1860.00' })
      .then([{ type: 'RecoveryProposed', data: { ...proposed, amount: '1860.00' } }]);
    spec
      .given([])
      .when({ ...input, amount: '1860.01' })
      .thenError('recovery.more-than-recoverable', 'rule');
    expect(refusal([], { ...input, amount: '1860.01' })).toThrow(
      "amount £1860.01 is more than the £1860.00 recoverable now on 2026-06-01: the council's share of the surplus " +
        "of £2060.00 (the client's share of £200.00 is refunded to the client, not recovered; council policy version 1)",
    );
  });

  it('gives the notice of the policy version in force on the day', () => {
    const later = { ...policy, version: 2, effectiveFrom: '2026-05-01', recoveryNoticeDays: 14 };
    const [event] = spec
      .given([])
      .when(input, { prepared: streams({ policies: { versions: [policy, later] } }) })
      .events();
    expect(event!.data).toMatchObject({ policyVersion: 2, noticeDays: 14, noticeEndsOn: '2026-06-15' });
  });

  describe('ring-fences, as the policy selects them', () => {
    it('keeps accrued holiday back: given 13.726 hours owed at £16.50, the council’s share falls by 226.48', () => {
      const accrual: PaHiredData = {
        ...hire,
        contractedHoursPerWeek: null,
        holiday: { basis: 'accrual', rolledUp: false },
      };
      const holiday = streams({
        policies: { versions: [{ ...policy, ringFences: [...policy.ringFences, 'accrued-holiday'] }] },
        recipient: recipientWith({ roster: [accrual] }),
        payroll: [
          {
            taxYear: '2026-27',
            year: {
              ...payroll2026,
              payslips: [
                { ...april, holiday: { accruedHours: '12.07', takenHours: '0' } },
                { ...may, holiday: { accruedHours: '9.656', takenHours: '8' } },
              ],
            },
          },
        ],
        employments: {
          'e-2001': employment({
            payRates: [
              {
                recipientId: 'r-1001',
                employmentId: 'e-2001',
                effectiveFrom: '2026-05-01',
                rates: { standard: '16.50' },
              },
            ],
          }),
        },
      });
      // (12.07 + 9.656 − 8) hours × £16.50 = 226.479 → 226.48; 1,860.00 − 226.48 = 1,633.52.
      spec
        .given([])
        .when({ ...input, amount: '1633.53' }, { prepared: holiday })
        .thenError('recovery.more-than-recoverable', 'rule');
      const [event] = spec
        .given([])
        .when({ ...input, amount: '1633.52' }, { prepared: holiday })
        .events();
      const { surplus } = event!.data as RecoveryProposedData;
      expect(surplus.ringFences.accruedHoliday).toMatchObject({ applied: true, amount: '226.48' });
      expect(surplus).toMatchObject({ available: '1833.52', surplus: '1833.52' });
      expect(surplus.split.councilShare).toBe('1633.52');
    });

    it('keeps notice and redundancy back for a PA with 4 years’ service', () => {
      // Hired 1 March 2022 (4 complete years on 1 June 2026), born 20 September 1983, 12 hours × £13.00 = £156.00 a
      // week. Notice 4 × 156.00 = 624.00. Redundancy: 1.5 (aged 41 from 1 June 2025) + 1 + 1 + 1 = 4.5 weeks × 156.00
      // (under the £751 cap) = 702.00. Ring-fenced 1,326.00: available 2,060.00 − 1,326.00 = 734.00; the council's
      // share 734.00 − 200.00 = 534.00.
      const long: PaHiredData = {
        ...hire,
        employmentId: 'e-2003',
        startDate: '2022-03-01',
        pa: { ...hire.pa, dateOfBirth: '1983-09-20' },
        contractedHoursPerWeek: '12',
        rates: { standard: '13.00' },
      };
      const exposed = streams({
        policies: { versions: [{ ...policy, ringFences: ['notice-and-redundancy'] }] },
        recipient: recipientWith({ roster: [hire, long] }),
        employments: { 'e-2001': employment(), 'e-2003': employment() },
      });
      expect(refusal([], { ...input, amount: '534.01' }, exposed)).toThrow(
        'amount £534.01 is more than the £534.00 recoverable now on 2026-06-01',
      );
      const [event] = spec
        .given([])
        .when({ ...input, amount: '534.00' }, { prepared: exposed })
        .events();
      const { surplus } = event!.data as RecoveryProposedData;
      expect(surplus.ringFences.noticeAndRedundancy).toMatchObject({
        applied: true,
        notice: '624.00',
        redundancy: '702.00',
        amount: '1326.00',
        employments: [{ employmentId: 'e-2003', completeYears: 4, noticeWeeks: 4, redundancyWeeks: '4.5' }],
      });
      expect(surplus).toMatchObject({ available: '734.00', surplus: '734.00' });
    });

    it('keeps the earmarks listed back when the policy ring-fences them, and records them', () => {
      const earmarks = [{ purpose: 'respite week booked for August', amount: '450.00' }];
      // 1,860.00 − 450.00 = 1,410.00
      expect(refusal([], { ...input, amount: '1410.01', earmarks }, withPolicy({ ringFences: ['earmarks'] }))).toThrow(
        'amount £1410.01 is more than the £1410.00 recoverable now',
      );
      const [event] = spec
        .given([])
        .when({ ...input, amount: '1410.00', earmarks }, { prepared: withPolicy({ ringFences: ['earmarks'] }) })
        .events();
      expect(event!.data).toMatchObject({ earmarks, amount: '1410.00' });
      // A policy that does not ring-fence earmarks records them and keeps nothing back for them.
      spec
        .given([])
        .when({ ...input, earmarks })
        .then([
          {
            type: 'RecoveryProposed',
            data: {
              ...proposed,
              earmarks,
              surplus: {
                ...HAND_COMPUTED,
                ringFences: { ...HAND_COMPUTED.ringFences, earmarks: { applied: false, amount: '450.00' } },
              },
            },
          },
        ]);
    });
  });

  it('keeps the contingency of the policy’s weeks of the gross weekly budget in force', () => {
    // Budget £450.00 a week from 1 May 2026 (a later £500.00 from 1 July is not yet in force); 6 weeks: 2,700.00.
    // Available 4,370.00 − 710.00 − 2,700.00 = 960.00; the council's share 960.00 − 200.00 = 760.00.
    const budgets = [
      budget(1, '400.00', '2022-03-01'),
      budget(2, '450.00', '2026-05-01'),
      budget(3, '500.00', '2026-07-01'),
    ];
    const six = streams({
      policies: { versions: [{ ...policy, contingencyWeeks: 6 }] },
      recipient: recipientWith({ budgets }),
    });
    expect(refusal([], { ...input, amount: '760.01' }, six)).toThrow(
      'amount £760.01 is more than the £760.00 recoverable now on 2026-06-01',
    );
    const [event] = spec
      .given([])
      .when({ ...input, amount: '760.00' }, { prepared: six })
      .events();
    expect((event!.data as RecoveryProposedData).surplus.contingency).toEqual({
      weeks: 6,
      grossWeekly: '450.00',
      amount: '2700.00',
    });
  });

  describe('refusals', () => {
    it('refuses while another recovery is open', () => {
      const given = [{ type: 'RecoveryProposed', data: proposed }];
      spec
        .given(given)
        .when({ ...input, amount: '10.00' }, { commandId: 'another-command' })
        .thenError('recovery.already-open', 'conflict');
      expect(refusal(given, input)).toThrow(
        `recovery ${recoveryId}, proposed on 2026-06-01, is still proposed: close it before proposing another`,
      );
    });

    it('refuses when no council policy is in force on the day', () => {
      const none = streams({ policies: { versions: [{ ...policy, effectiveFrom: '2026-06-02' }] } });
      spec.given([]).when(input, { prepared: none }).thenError('recovery.no-policy', 'rule');
      expect(refusal([], input, none)).toThrow(
        'no council policy is in force on 2026-06-01 for the council of recipient r-1001 (kent): a recovery needs ' +
          'its contingency, ring-fences, notice and methods',
      );
      const noCouncil = streams({ recipient: recipientWith({ councilId: null }) });
      expect(refusal([], input, noCouncil)).toThrow('for the council of recipient r-1001 (none recorded)');
    });

    it('refuses when no budget is in force on the day: the contingency cannot be computed', () => {
      const none = streams({ recipient: recipientWith({ budgets: [budget(1, '400.00', '2026-07-01')] }) });
      spec.given([]).when(input, { prepared: none }).thenError('recovery.no-budget', 'rule');
      expect(refusal([], input, none)).toThrow(
        'no budget is in force on 2026-06-01 for recipient r-1001: the contingency (4 weeks of the gross weekly ' +
          'budget, policy version 1) cannot be computed',
      );
    });

    it('refuses a recipient who is not enrolled as not found', () => {
      const missing = streams({ recipient: { status: 'not-enrolled' } });
      spec.given([]).when(input, { prepared: missing }).thenError('recipient.not-found', 'not-found');
    });

    it('names every bad field at once', () => {
      spec
        .given([])
        .when({
          recipientId: 'r-1001',
          amount: '0.00',
          reason: '',
          earmarks: [{ purpose: 'respite', amount: '-5' }],
          recoveryId: 'chosen-by-caller',
        })
        .thenInvalid(['amount', 'reason', 'earmarks.0.amount', 'recoveryId']);
    });
  });

  it('is council finance’s, in the stored recipient’s council', () => {
    expect(proposeRecovery.policy.roles).toEqual(['council-finance']);
    expect(proposeRecovery.policy.councilOfPrepared?.(streams() as never)).toBe('kent');
    expect(
      proposeRecovery.policy.councilOfPrepared?.(streams({ recipient: { status: 'not-enrolled' } }) as never),
    ).toBeUndefined();
    expect(recipient.councilId).toBe('kent');
  });

  it('replies with the recovery id and the date the notice ends, read from the event', () => {
    const command = proposeRecovery.complete({ ...input, earmarks: [] }, derivedIds('spec-command'));
    expect(proposeRecovery.reply.of(command, undefined, [{ type: 'RecoveryProposed', data: proposed }])).toEqual({
      recipientId: 'r-1001',
      recoveryId,
      amount: '1800.00',
      noticeEndsOn: '2026-06-29',
    });
  });
});
