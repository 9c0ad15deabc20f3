import { accountStream } from '@dpe/accounts';
import { councilPolicyStream } from '@dpe/councils';
import type { PrepareContext, StreamDeclaration } from '@dpe/decider';
import { employmentStream } from '@dpe/employment';
import { payrollStream, type PayrollYear } from '@dpe/pay-runs';
import { recipientStream } from '@dpe/recipients';
import { loadSurplusStreams, recoveryStream, type RecoveryEvent } from '@dpe/recoveries';
import { account, employment, payroll2026, policy, recipient } from '../test/fixtures';

describe('the recovery stream', () => {
  it('is recovery-{recipientId}, and declares free text and the approver as personal data', () => {
    expect(recoveryStream.streamId('r-1001')).toBe('recovery-r-1001');
    expect(recoveryStream.personalData).toEqual({
      RecoveryProposed: ['reason', 'earmarks'],
      RecoveryPaymentReceived: ['reference'],
      RecoveryClosed: ['waiver.reason', 'waiver.approver'],
    });
  });

  it('ignores events it does not know', () => {
    const state = recoveryStream.initialState;
    expect(recoveryStream.evolve(state, { type: 'FromTheFuture', data: {} } as unknown as RecoveryEvent)).toBe(state);
  });
});

describe('loading the streams the surplus is computed from', () => {
  /** A store holding r-1001's records, and payroll in the tax years given. */
  const context = (payroll: Record<string, PayrollYear>) => {
    const read: string[] = [];
    const states: Record<string, unknown> = {
      'recipient-r-1001': recipient,
      'council-policy-kent': { versions: [policy] },
      'account-r-1001': account,
      'employment-e-2001': employment(),
      ...Object.fromEntries(Object.entries(payroll).map(([year, state]) => [`payroll-r-1001-${year}`, state])),
    };
    const load = async <E extends { type: string; data: unknown }, S>(stream: StreamDeclaration<E, S>, key: string) => {
      const id = stream.streamId(key);
      read.push(id);
      return (states[id] as S | undefined) ?? stream.initialState;
    };
    return { read, context: { load, store: undefined as never } as PrepareContext };
  };

  it('reads every tax year from the enrolment to the year after the latest date recorded, and stops at an empty one', async () => {
    // Enrolled 1 March 2022 (tax year 2021-22); the latest date recorded is the funding period ending 21 June 2026
    // (2026-27), so payroll is read to 2027-28, which is empty.
    const { read, context: ctx } = context({ '2026-27': payroll2026 });
    const found = await loadSurplusStreams('r-1001', ctx);
    expect(found.payroll.map((entry) => entry.taxYear)).toEqual([
      '2021-22',
      '2022-23',
      '2023-24',
      '2024-25',
      '2025-26',
      '2026-27',
      '2027-28',
    ]);
    expect(found.payroll[5]!.year).toBe(payroll2026);
    expect(found).toMatchObject({ recipient, account, policies: { versions: [policy] } });
    expect(Object.keys(found.employments)).toEqual(['e-2001']);
    expect(read.slice(0, 4)).toEqual([
      recipientStream.streamId('r-1001'),
      councilPolicyStream.streamId('kent'),
      accountStream.streamId('r-1001'),
      employmentStream.streamId('e-2001'),
    ]);
    expect(read.filter((id) => id.startsWith('payroll-'))).toHaveLength(7);
  });

  it('reads on past the horizon while a year has payroll in it', async () => {
    const { context: ctx } = context({ '2026-27': payroll2026, '2027-28': payroll2026 });
    const found = await loadSurplusStreams('r-1001', ctx);
    expect(found.payroll.map((entry) => entry.taxYear).slice(-3)).toEqual(['2026-27', '2027-28', '2028-29']);
    expect(found.payroll.at(-1)!.year).toEqual(payrollStream.initialState);
  });

  it('reads nothing else for a recipient who is not enrolled', async () => {
    const { read, context: ctx } = context({});
    const found = await loadSurplusStreams('r-9999', ctx);
    expect(found).toMatchObject({ recipient: { status: 'not-enrolled' }, payroll: [], employments: {} });
    expect(read).toEqual(['recipient-r-9999']);
  });
});
