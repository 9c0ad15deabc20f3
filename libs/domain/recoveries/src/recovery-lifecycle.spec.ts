import type { DomainEvent } from '@dpe/decider';
import {
  closeRecovery,
  proposeRecovery,
  raiseRecovery,
  recordRecoveryPayment,
  recoveryStream,
  type RecoveryEvent,
  type RecoveryProposedData,
} from '@dpe/recoveries';
import { commandSpec, type GivenEvent } from '@dpe/testing';
import { HAND_COMPUTED, streams } from '../test/fixtures';

/**
 * One recovery from proposal to close, each step decided on the events of the steps before it, as the store would
 * hand them over: propose on 1 June 2026 (notice of 28 days), raise by invoice on 29 June, a part payment recorded by
 * the bureau on 6 July, the rest received and the recovery closed by council finance on 20 July. Then a second
 * proposal sees the money that went back to the council.
 */
describe('a recovery from proposal to close', () => {
  const history: DomainEvent[] = [];
  const step = (events: readonly DomainEvent[]) => history.push(...events);
  let recoveryId = '';

  it('is proposed, with 28 days’ notice', () => {
    const events = commandSpec(proposeRecovery, { prepared: streams() })
      .given(history)
      .when({ recipientId: 'r-1001', amount: '1800.00', reason: 'Unspent funds' }, { commandId: 'propose-1' })
      .events();
    expect(events).toHaveLength(1);
    const data = events[0]!.data as RecoveryProposedData;
    expect(data).toMatchObject({ proposedOn: '2026-06-01', noticeEndsOn: '2026-06-29', surplus: HAND_COMPUTED });
    recoveryId = data.recoveryId;
    step(events);
  });

  it('cannot be raised the day before the notice ends, and is raised on the day it does', () => {
    const raise = commandSpec(raiseRecovery, { prepared: streams() });
    const input = { recipientId: 'r-1001', recoveryId, method: 'invoice' };
    raise.given(history).when(input, { now: '2026-06-28T17:00:00' }).thenError('recovery.notice-period', 'rule');
    const events = raise.given(history).when(input, { now: '2026-06-29T09:00:00' }).events();
    expect(events.map((event) => event.type)).toEqual(['RecoveryRaised']);
    expect(events[0]!.data).toMatchObject({ method: 'invoice', amount: '1800.00', raisedOn: '2026-06-29' });
    step(events);
  });

  it('is paid in part, and stays open', () => {
    const events = commandSpec(recordRecoveryPayment, { prepared: streams() })
      .given(history)
      .when(
        { recipientId: 'r-1001', recoveryId, amount: '1000.00', receivedOn: '2026-07-06', reference: 'INV-R-1' },
        { commandId: 'pay-1', now: '2026-07-06T12:00:00' },
      )
      .events();
    expect(events.map((event) => event.type)).toEqual(['RecoveryPaymentReceived']);
    step(events);
  });

  it('is closed when the rest is received', () => {
    const events = commandSpec(closeRecovery, { prepared: streams() })
      .given(history)
      .when(
        {
          recipientId: 'r-1001',
          recoveryId,
          outcome: { kind: 'payment-received', amount: '800.00', receivedOn: '2026-07-17', reference: 'INV-R-1' },
        },
        { commandId: 'close-1', now: '2026-07-20T09:00:00' },
      )
      .events();
    expect(events.map((event) => event.type)).toEqual(['RecoveryPaymentReceived', 'RecoveryClosed']);
    expect(events[1]!.data).toMatchObject({
      outcome: 'payment-received',
      recovered: '1800.00',
      closedOn: '2026-07-20',
    });
    step(events);
    const state = history.reduce(
      (folded, event) => recoveryStream.evolve(folded, event as RecoveryEvent),
      recoveryStream.initialState,
    );
    expect(state.recoveries.map((recovery) => [recovery.status, recovery.payments.length])).toEqual([['closed', 2]]);
  });

  it('leaves a second proposal only what remains after the money went back to the council', () => {
    const propose = commandSpec(proposeRecovery, { prepared: streams() });
    const given: GivenEvent[] = history;
    // Cash 4,370.00 − 1,800.00 paid back = 2,570.00; available 2,570.00 − 710.00 − 1,600.00 = 260.00; the client's
    // share 200.00, the council's 60.00.
    expect(() =>
      propose
        .given(given)
        .when({ recipientId: 'r-1001', amount: '60.01', reason: 'More unspent funds' }, { now: '2026-08-03T09:00:00' })
        .then([]),
    ).toThrow('amount £60.01 is more than the £60.00 recoverable now on 2026-08-03');
    const [event] = propose
      .given(given)
      .when({ recipientId: 'r-1001', amount: '60.00', reason: 'More unspent funds' }, { now: '2026-08-03T09:00:00' })
      .events();
    expect((event!.data as RecoveryProposedData).surplus.cash).toMatchObject({
      returnedToCouncil: '1800.00',
      balance: '2570.00',
    });
  });
});
