import { derivedIds } from '@dpe/decider';
import {
  raiseRecovery,
  type RecoveryClosedData,
  type RecoveryProposedData,
  type RecoveryRaisedData,
  type SurplusStreams,
} from '@dpe/recoveries';
import { commandSpec, type GivenEvent, type WhenOptions } from '@dpe/testing';
import { HAND_COMPUTED, account, policy, spend, streams } from '../test/fixtures';

const recoveryId = derivedIds('spec-command').derive('recovery');
const proposed: RecoveryProposedData = {
  recipientId: 'r-1001',
  recoveryId,
  councilId: 'kent',
  amount: '1800.00',
  reason: 'Unspent funds built up over the winter',
  proposedOn: '2026-06-01',
  noticeEndsOn: '2026-06-29',
  noticeDays: 28,
  policyVersion: 1,
  earmarks: [],
  surplus: HAND_COMPUTED,
};
const given: GivenEvent[] = [{ type: 'RecoveryProposed', data: proposed }];
const input = { recipientId: 'r-1001', recoveryId, method: 'invoice' };
/** The day the notice ends: the first day the recovery may be raised. */
const NOTICE_ENDED = '2026-06-29T09:00:00';
const raised: RecoveryRaisedData = {
  recipientId: 'r-1001',
  recoveryId,
  method: 'invoice',
  amount: '1800.00',
  raisedOn: '2026-06-29',
  policyVersion: 1,
  // Nothing has changed since the proposal: the same figures, computed on the day of raising.
  surplus: { ...HAND_COMPUTED, on: '2026-06-29' },
};

const spec = commandSpec(raiseRecovery, { prepared: streams(), now: NOTICE_ENDED });
const refusal =
  (events: readonly GivenEvent[], when: unknown, options: WhenOptions = {}) =>
  () =>
    spec.given(events).when(when, options).then([]);

describe('raise recovery', () => {
  it('given a proposal whose notice has ended, when it is raised by a method of the policy, then RecoveryRaised records the surplus at raising', () => {
    spec
      .given(given)
      .when(input)
      .then([{ type: 'RecoveryRaised', data: raised }]);
  });

  it('raises a smaller amount than proposed when one is given, never a larger one', () => {
    spec
      .given(given)
      .when({ ...input, amount: '1500.00' })
      .then([{ type: 'RecoveryRaised', data: { ...raised, amount: '1500.00' } }]);
    spec
      .given(given)
      .when({ ...input, amount: '1800.01' })
      .thenError('recovery.more-than-proposed', 'rule');
    expect(refusal(given, { ...input, amount: '1800.01' })).toThrow(
      'amount £1800.01 is more than the £1800.00 proposed on 2026-06-01: the recipient was given notice of that ' +
        'amount; propose a larger one anew',
    );
  });

  it('refuses before the notice ends, naming the date it ends and the policy that set it', () => {
    const early = { now: '2026-06-28T23:59:00' };
    spec.given(given).when(input, early).thenError('recovery.notice-period', 'rule');
    expect(refusal(given, input, early)).toThrow(
      `recovery ${recoveryId} cannot be raised before 2026-06-29: the recipient has 28 days' notice from the ` +
        'proposal on 2026-06-01 (recoveryNoticeDays of council policy version 1)',
    );
  });

  it('refuses a method the council’s policy in force does not name', () => {
    spec
      .given(given)
      .when({ ...input, method: 'card-recoup' })
      .thenError('recovery.method', 'rule');
    expect(refusal(given, { ...input, method: 'card-recoup' })).toThrow(
      "method card-recoup is not a recovery method of council kent's policy version 1, which allows invoice, " +
        'offset-next-funding',
    );
    // The policy in force when raising decides: version 2 (from 15 June) allows card recoupment.
    const v2 = { ...policy, version: 2, effectiveFrom: '2026-06-15', recoveryMethods: ['card-recoup' as const] };
    const [event] = spec
      .given(given)
      .when({ ...input, method: 'card-recoup' }, { prepared: streams({ policies: { versions: [policy, v2] } }) })
      .events();
    expect(event!.data).toMatchObject({ method: 'card-recoup', policyVersion: 2 });
  });

  it('refuses more than the recoverable surplus at raising, naming both figures', () => {
    // Since the proposal an invoice of £500.00 was paid: cash 3,870.00, available 3,870.00 − 710.00 − 1,600.00 =
    // 1,560.00, the council's share 1,360.00: less than the 1,800.00 proposed.
    const spent: SurplusStreams = streams({
      account: { ...account, spend: [...account.spend, spend('500.00', '2026-06-10', 'INV-0610')] },
    });
    spec.given(given).when(input, { prepared: spent }).thenError('recovery.more-than-recoverable', 'rule');
    expect(refusal(given, input, { prepared: spent })).toThrow(
      "amount £1800.00 is more than the £1360.00 recoverable at raising on 2026-06-29: the council's share of the " +
        "surplus of £1560.00 (the client's share of £200.00 is refunded to the client, not recovered; council " +
        'policy version 1)',
    );
    // The smaller figure can still be raised.
    spec
      .given(given)
      .when({ ...input, amount: '1360.00' }, { prepared: spent })
      .events();
  });

  it('recomputes the surplus with the earmarks the proposal listed', () => {
    const earmarked = [{ ...given[0]!, data: { ...proposed, earmarks: [{ purpose: 'respite', amount: '100.00' }] } }];
    const fencing = streams({ policies: { versions: [{ ...policy, ringFences: ['earmarks'] }] } });
    // 1,860.00 − 100.00 = 1,760.00 < 1,800.00
    expect(refusal(earmarked, input, { prepared: fencing })).toThrow(
      'amount £1800.00 is more than the £1760.00 recoverable at raising',
    );
  });

  it('refuses a recovery that was already raised or closed, and one that does not exist', () => {
    const twice = [...given, { type: 'RecoveryRaised', data: raised }];
    spec.given(twice).when(input).thenError('recovery.not-proposed', 'conflict');
    expect(refusal(twice, input)).toThrow(`recovery ${recoveryId} was already raised on 2026-06-29 by invoice`);
    const closed: RecoveryClosedData = {
      recipientId: 'r-1001',
      recoveryId,
      outcome: 'waived',
      closedOn: '2026-06-10',
      recovered: '0.00',
      offset: null,
      waiver: { amount: '1800.00', reason: 'honest mistake', approver: 'P. Shah, DP finance lead' },
    };
    expect(refusal([...given, { type: 'RecoveryClosed', data: closed }], input)).toThrow(
      `recovery ${recoveryId} was closed on 2026-06-10 (waived)`,
    );
    spec.given([]).when(input).thenError('recovery.not-found', 'not-found');
    expect(refusal([], input)).toThrow(`recoveryId: recipient r-1001 has no recovery ${recoveryId}`);
  });

  it('refuses a recipient who is not enrolled as not found', () => {
    spec
      .given(given)
      .when(input, { prepared: streams({ recipient: { status: 'not-enrolled' } }) })
      .thenError('recipient.not-found', 'not-found');
  });

  it('names a method outside the council methods as a bad field', () => {
    const issues = spec
      .given(given)
      .when({ ...input, method: 'bailiff', amount: '12.345' })
      .thenInvalid(['method', 'amount']);
    expect(issues.find((issue) => issue.path === 'method')?.rule).toBe(
      'must be one of invoice, offset-next-funding, card-recoup, bank-transfer',
    );
  });

  it('is council finance’s, and replies with the method and amount raised', () => {
    expect(raiseRecovery.policy.roles).toEqual(['council-finance']);
    const command = raiseRecovery.complete({ ...input, method: 'invoice' }, derivedIds('x'));
    expect(raiseRecovery.reply.of(command, undefined, [{ type: 'RecoveryRaised', data: raised }])).toEqual({
      recipientId: 'r-1001',
      recoveryId,
      method: 'invoice',
      amount: '1800.00',
    });
  });
});
