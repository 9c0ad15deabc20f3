import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { policyInForce, type CouncilPolicyRecordedData } from '@dpe/councils';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import { recipientNotFound, type RecipientState } from '@dpe/recipients';
import { poundsAmount, text, z } from '@dpe/schema';
import { budgetInForce, recoverableSurplus, type Earmark, type RecoverableSurplus } from './recoverable-surplus';
import type { RecoveryState } from './recovery-stream';
import { surplusInputsOf, type SurplusStreams } from './surplus-streams';

/**
 * Who may act on a recovery (libs/platform/access/src/roles.ts). Proposing, raising and closing a recovery are the
 * council's decisions: council-finance "reads everything of its own council; funding, policy and recovery commands".
 * The bureau (bureau-admin, payroll-operator) runs the managed account and sees the money arrive, so it may record a
 * payment received, and nothing else: a waiver or an offset is the council's to decide.
 */
export const RECOVERY_OFFICERS: readonly Role[] = ['council-finance'];
export const RECOVERY_PAYMENT_RECORDERS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];

/** Every recovery command's council scope: the stored recipient's council, never the request's. */
export const councilOfRecipient = ({ recipient }: { readonly recipient: RecipientState }): string | null | undefined =>
  recipient.status === 'enrolled' ? recipient.councilId : undefined;

/** A recovery or a payment of one above £250,000 is beyond any DP package's year (as for funding); a typing error. */
export const recoveryAmount = (description: string) =>
  poundsAmount({ max: '250000.00', allowZero: false, description });

export const EarmarkInput = z.strictObject({
  purpose: text(100, 'What the money is kept for, e.g. "respite week booked for August"'),
  amount: recoveryAmount('Amount kept back, e.g. "450.00"'),
});

export const pounds = (amount: string): string => `£${amount}`;

/**
 * The council policy in force on the date and the recoverable surplus under it, refused when there is no policy in
 * force (nothing says what contingency, ring-fences, notice or methods apply) or no budget in force (the contingency
 * is weeks of the gross weekly budget, so it cannot be computed: counting it as 0 would over-recover).
 */
export function surplusOn(
  command: { readonly recipientId: string },
  streams: SurplusStreams,
  state: RecoveryState,
  earmarks: readonly Earmark[],
  on: string,
): { policy: CouncilPolicyRecordedData; surplus: RecoverableSurplus } {
  const { recipient } = streams;
  if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
  const policy = recipient.councilId ? policyInForce(streams.policies, on) : undefined;
  if (!policy) {
    throw new DomainError(
      'rule',
      'recovery.no-policy',
      `no council policy is in force on ${on} for the council of recipient ${command.recipientId} ` +
        `(${recipient.councilId ?? 'none recorded'}): a recovery needs its contingency, ring-fences, notice and methods`,
    );
  }
  if (!budgetInForce(recipient.budgets, on)) {
    throw new DomainError(
      'rule',
      'recovery.no-budget',
      `no budget is in force on ${on} for recipient ${command.recipientId}: the contingency ` +
        `(${policy.contingencyWeeks} weeks of the gross weekly budget, policy version ${policy.version}) cannot be computed`,
    );
  }
  return { policy, surplus: recoverableSurplus(surplusInputsOf(streams, earmarks, state), policy, on) };
}

/** Refuses an amount beyond the council's share of the surplus, naming both figures and how the share was found. */
export function assertRecoverable(field: string, amount: string, surplus: RecoverableSurplus, when: string): void {
  const share = surplus.split.councilShare;
  if (Money.of(amount).greaterThan(share)) {
    throw new DomainError(
      'rule',
      'recovery.more-than-recoverable',
      `${field} ${pounds(amount)} is more than the ${pounds(share)} recoverable ${when} on ${surplus.on}: the council's ` +
        `share of the surplus of ${pounds(surplus.surplus)} (the client's share of ${pounds(surplus.split.clientShare)} ` +
        `is refunded to the client, not recovered; council policy version ${surplus.policyVersion})`,
    );
  }
}
