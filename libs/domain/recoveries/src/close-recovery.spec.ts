import { derivedIds } from '@dpe/decider';
import {
  closeRecovery,
  recordRecoveryPayment,
  type RecoveryClosedData,
  type RecoveryPaymentReceivedData,
  type RecoveryProposedData,
  type RecoveryRaisedData,
} from '@dpe/recoveries';
import { commandSpec, type GivenEvent, type WhenOptions } from '@dpe/testing';
import { HAND_COMPUTED, recipient } from '../test/fixtures';

const recoveryId = derivedIds('proposing-command').derive('recovery');
const paymentId = derivedIds('spec-command').derive('recovery-payment');
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
const raisedBy = (method: RecoveryRaisedData['method']): RecoveryRaisedData => ({
  recipientId: 'r-1001',
  recoveryId,
  method,
  amount: '1800.00',
  raisedOn: '2026-06-29',
  policyVersion: 1,
  surplus: { ...HAND_COMPUTED, on: '2026-06-29' },
});
const onlyProposed: GivenEvent[] = [{ type: 'RecoveryProposed', data: proposed }];
const invoiced: GivenEvent[] = [...onlyProposed, { type: 'RecoveryRaised', data: raisedBy('invoice') }];
const offsetting: GivenEvent[] = [...onlyProposed, { type: 'RecoveryRaised', data: raisedBy('offset-next-funding') }];
const partPaid: RecoveryPaymentReceivedData = {
  recipientId: 'r-1001',
  recoveryId,
  paymentId: 'p-first',
  amount: '1000.00',
  receivedOn: '2026-07-06',
  reference: 'INV-R-0042',
};

const NOW = '2026-07-20T09:00:00';
const prepared = { recipient };
const payment = { kind: 'payment-received', amount: '1800.00', receivedOn: '2026-07-17', reference: 'INV-R-0042' };
const waiver = {
  kind: 'waived',
  reason: 'Honest mistake: the surplus was savings for a planned respite week',
  approver: 'P. Shah, DP finance lead',
};
const close = (outcome: unknown) => ({ recipientId: 'r-1001', recoveryId, outcome });
const closed = (data: Partial<RecoveryClosedData>): RecoveryClosedData => ({
  recipientId: 'r-1001',
  recoveryId,
  outcome: 'payment-received',
  closedOn: '2026-07-20',
  recovered: '1800.00',
  offset: null,
  waiver: null,
  ...data,
});

const spec = commandSpec(closeRecovery, { prepared, now: NOW });
const payments = commandSpec(recordRecoveryPayment, { prepared, now: NOW });
const refusal =
  (given: readonly GivenEvent[], when: unknown, options: WhenOptions = {}) =>
  () =>
    spec.given(given).when(when, options).then([]);

describe('close recovery', () => {
  it('given a raised recovery, when the whole amount is received, then the payment is recorded and the recovery closed as paid', () => {
    spec
      .given(invoiced)
      .when(close(payment))
      .then([
        {
          type: 'RecoveryPaymentReceived',
          data: {
            recipientId: 'r-1001',
            recoveryId,
            paymentId,
            amount: '1800.00',
            receivedOn: '2026-07-17',
            reference: 'INV-R-0042',
          },
        },
        { type: 'RecoveryClosed', data: closed({}) },
      ]);
  });

  it('closes with the rest after a part payment: recovered counts both', () => {
    spec
      .given([...invoiced, { type: 'RecoveryPaymentReceived', data: partPaid }])
      .when(close({ ...payment, amount: '800.00' }))
      .then([
        {
          type: 'RecoveryPaymentReceived',
          data: {
            recipientId: 'r-1001',
            recoveryId,
            paymentId,
            amount: '800.00',
            receivedOn: '2026-07-17',
            reference: 'INV-R-0042',
          },
        },
        { type: 'RecoveryClosed', data: closed({ recovered: '1800.00' }) },
      ]);
  });

  it('closes a recovery raised by offset when the next funding was reduced by what is outstanding', () => {
    const offset = {
      kind: 'offset-applied',
      amount: '1800.00',
      appliedOn: '2026-07-20',
      fundingReference: 'REM-2026-07-20',
    };
    spec
      .given(offsetting)
      .when(close(offset))
      .then([
        {
          type: 'RecoveryClosed',
          data: closed({
            outcome: 'offset-applied',
            offset: { amount: '1800.00', appliedOn: '2026-07-20', fundingReference: 'REM-2026-07-20' },
          }),
        },
      ]);
  });

  it('waives what is outstanding, recording why and the council officer who approved it', () => {
    spec
      .given([...invoiced, { type: 'RecoveryPaymentReceived', data: partPaid }])
      .when(close(waiver))
      .then([
        {
          type: 'RecoveryClosed',
          data: closed({
            outcome: 'waived',
            recovered: '1000.00',
            waiver: { amount: '800.00', reason: waiver.reason, approver: 'P. Shah, DP finance lead' },
          }),
        },
      ]);
    // A proposal not yet raised can be waived (withdrawn): the whole amount proposed is given up.
    spec
      .given(onlyProposed)
      .when(close(waiver))
      .then([
        {
          type: 'RecoveryClosed',
          data: closed({
            outcome: 'waived',
            recovered: '0.00',
            waiver: { amount: '1800.00', reason: waiver.reason, approver: 'P. Shah, DP finance lead' },
          }),
        },
      ]);
  });

  describe('refusals', () => {
    it('refuses a waiver without an approver, or without a reason, naming the field', () => {
      const issues = spec
        .given(invoiced)
        .when(close({ kind: 'waived', reason: ' ', approver: '' }))
        .thenInvalid(['outcome.reason', 'outcome.approver']);
      expect(issues.map((issue) => issue.rule)).toEqual(['is required', 'is required']);
      spec
        .given(invoiced)
        .when(close({ kind: 'waived', reason: 'hardship' }))
        .thenInvalid(['outcome.approver']);
    });

    it('refuses an outcome that is not one of the three', () => {
      spec
        .given(invoiced)
        .when(close({ kind: 'written-off' }))
        .thenInvalid(['outcome.kind']);
    });

    it('refuses a recovery already closed', () => {
      const done = [...invoiced, { type: 'RecoveryClosed', data: closed({}) }];
      spec.given(done).when(close(waiver)).thenError('recovery.already-closed', 'conflict');
      expect(refusal(done, close(waiver))).toThrow(
        `recovery ${recoveryId} was already closed on 2026-07-20 (payment-received)`,
      );
    });

    it('refuses a payment or an offset against a recovery only proposed', () => {
      spec.given(onlyProposed).when(close(payment)).thenError('recovery.not-raised', 'rule');
      expect(refusal(onlyProposed, close(payment))).toThrow(
        `recovery ${recoveryId} is proposed, not raised: a payment is recorded only against a raised recovery`,
      );
    });

    it('refuses a payment dated before the recovery was raised', () => {
      const early = close({ ...payment, receivedOn: '2026-06-28' });
      spec.given(invoiced).when(early).thenError('recovery.before-raised', 'rule');
      expect(refusal(invoiced, early)).toThrow('receivedOn 2026-06-28 is before the recovery was raised on 2026-06-29');
    });

    it('refuses a payment more than outstanding, and one less (a part payment is record-recovery-payment’s)', () => {
      const more = close({ ...payment, amount: '1800.01' });
      spec.given(invoiced).when(more).thenError('recovery.more-than-outstanding', 'rule');
      expect(refusal(invoiced, more)).toThrow(
        `amount £1800.01 is more than the £1800.00 outstanding on recovery ${recoveryId} (£1800.00 raised, £0.00 recovered)`,
      );
      const less = close({ ...payment, amount: '1000.00' });
      spec.given(invoiced).when(less).thenError('recovery.less-than-outstanding', 'rule');
      expect(refusal(invoiced, less)).toThrow(
        `amount £1000.00 is less than the £1800.00 outstanding on recovery ${recoveryId}: record a part payment ` +
          'with record-recovery-payment, or waive the rest',
      );
    });

    it('refuses an offset for a recovery raised by another method, and one that does not clear it', () => {
      const offset = { kind: 'offset-applied', amount: '1800.00', appliedOn: '2026-07-20', fundingReference: 'REM-1' };
      spec.given(invoiced).when(close(offset)).thenError('recovery.offset-method', 'rule');
      expect(refusal(invoiced, close(offset))).toThrow(
        `outcome offset-applied needs a recovery raised by offset-next-funding; recovery ${recoveryId} was raised by invoice`,
      );
      spec
        .given(offsetting)
        .when(close({ ...offset, amount: '1799.99' }))
        .thenError('recovery.less-than-outstanding', 'rule');
      spec
        .given(offsetting)
        .when(close({ ...offset, amount: '1800.01' }))
        .thenError('recovery.more-than-outstanding', 'rule');
      expect(refusal(offsetting, close({ ...offset, appliedOn: '2026-06-01' }))).toThrow(
        'appliedOn 2026-06-01 is before the recovery was raised on 2026-06-29',
      );
    });

    it('refuses a recovery that does not exist, and a recipient not enrolled, as not found', () => {
      spec.given([]).when(close(waiver)).thenError('recovery.not-found', 'not-found');
      spec
        .given(invoiced)
        .when(close(waiver), { prepared: { recipient: { status: 'not-enrolled' } } })
        .thenError('recipient.not-found', 'not-found');
    });
  });

  it('is council finance’s alone: a waiver or an offset is the council’s decision', () => {
    expect(closeRecovery.policy.roles).toEqual(['council-finance']);
    expect(closeRecovery.policy.councilOfPrepared?.(prepared as never)).toBe('kent');
  });

  it('replies whether the recovery closed, how, and what was recovered, read from the events', () => {
    const command = closeRecovery.complete(
      { recipientId: 'r-1001', recoveryId, outcome: { kind: 'waived', reason: 'x', approver: 'y' } },
      derivedIds('c'),
    );
    expect(closeRecovery.reply.of(command, undefined, [{ type: 'RecoveryClosed', data: closed({}) }])).toEqual({
      recipientId: 'r-1001',
      recoveryId,
      closed: true,
      outcome: 'payment-received',
      recovered: '1800.00',
    });
  });
});

describe('record recovery payment', () => {
  const paid = {
    recipientId: 'r-1001',
    recoveryId,
    amount: '1000.00',
    receivedOn: '2026-07-06',
    reference: 'INV-R-0042',
  };

  it('given a raised recovery, when part is received, then the payment is recorded and the recovery stays open', () => {
    payments
      .given(invoiced)
      .when(paid)
      .then([{ type: 'RecoveryPaymentReceived', data: { ...partPaid, paymentId } }]);
  });

  it('closes the recovery as paid with the payment that clears it', () => {
    payments
      .given([...invoiced, { type: 'RecoveryPaymentReceived', data: partPaid }])
      .when({ ...paid, amount: '800.00', receivedOn: '2026-07-17' })
      .then([
        {
          type: 'RecoveryPaymentReceived',
          data: { ...partPaid, paymentId, amount: '800.00', receivedOn: '2026-07-17' },
        },
        { type: 'RecoveryClosed', data: closed({}) },
      ]);
  });

  it('refuses more than is outstanding, naming what was raised and recovered', () => {
    const given = [...invoiced, { type: 'RecoveryPaymentReceived', data: partPaid }];
    payments
      .given(given)
      .when({ ...paid, amount: '800.01' })
      .thenError('recovery.more-than-outstanding', 'rule');
    expect(() =>
      payments
        .given(given)
        .when({ ...paid, amount: '800.01' })
        .then([]),
    ).toThrow(
      `amount £800.01 is more than the £800.00 outstanding on recovery ${recoveryId} (£1800.00 raised, £1000.00 recovered)`,
    );
  });

  it('refuses a payment against a recovery not raised, or closed', () => {
    payments.given(onlyProposed).when(paid).thenError('recovery.not-raised', 'rule');
    payments
      .given([...invoiced, { type: 'RecoveryClosed', data: closed({ outcome: 'waived' }) }])
      .when(paid)
      .thenError('recovery.already-closed', 'conflict');
  });

  it('may be recorded by the bureau, which runs the managed account, or by council finance', () => {
    expect(recordRecoveryPayment.policy.roles).toEqual(['bureau-admin', 'payroll-operator', 'council-finance']);
    expect(recordRecoveryPayment.policy.councilOfPrepared?.(prepared as never)).toBe('kent');
  });

  it('replies open after a part payment', () => {
    const command = recordRecoveryPayment.complete(paid, derivedIds('c'));
    expect(
      recordRecoveryPayment.reply.of(command, undefined, [{ type: 'RecoveryPaymentReceived', data: partPaid }]),
    ).toEqual({ recipientId: 'r-1001', recoveryId, closed: false, outcome: null, recovered: null });
  });
});
