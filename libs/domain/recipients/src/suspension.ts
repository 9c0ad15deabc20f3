import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { businessDate, text, z } from '@dpe/schema';
import { RecipientId } from './enrol-recipient';
import { recipientStream, type RecipientEvent, type RecipientState } from './recipient-stream';
import { recipientNotFound } from './show-recipient';

// A council suspends a DP while it investigates (Gloucestershire: unusual card transactions) or while the person is in
// hospital, and resumes it after; both are decisions of the council's finance team or the bureau acting for it.
const SUSPENDERS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];

const scope = {
  roles: SUSPENDERS,
  councilOfState: (state: RecipientState) => (state.status === 'enrolled' ? state.councilId : undefined),
  notFound: (command: { recipientId: string }) => recipientNotFound(command.recipientId),
};

const SuspensionInput = z.strictObject({
  recipientId: RecipientId,
  on: businessDate({ from: '2015-04-01', to: '2099-12-31' }, 'The business date it takes effect'),
  reason: text(200, 'Why, for the audit trail'),
});

function enrolled(state: RecipientState, recipientId: string) {
  if (state.status !== 'enrolled') throw recipientNotFound(recipientId);
  return state;
}

export const suspendDirectPayment = defineCommand({
  name: 'suspend-direct-payment',
  summary: "Suspend a recipient's Direct Payment (records DirectPaymentSuspended)",
  input: SuspensionInput,
  complete: (input) => input,
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  decide(command, state): RecipientEvent[] {
    const recipient = enrolled(state, command.recipientId);
    if (recipient.suspension) {
      throw new DomainError(
        'conflict',
        'direct-payment.already-suspended',
        `the Direct Payment is already suspended (since ${recipient.suspension.on})`,
      );
    }
    if (command.on < recipient.enrolledOn)
      throw new DomainError(
        'rule',
        'direct-payment.before-enrolment',
        `on must not be before the enrolment on ${recipient.enrolledOn}`,
      );
    return [
      {
        type: 'DirectPaymentSuspended',
        data: { recipientId: command.recipientId, on: command.on, reason: command.reason },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/suspend', status: 200 },
  policy: scope,
  reply: { schema: z.object({ recipientId: z.string() }), of: (command) => ({ recipientId: command.recipientId }) },
});

export const resumeDirectPayment = defineCommand({
  name: 'resume-direct-payment',
  summary: 'Resume a suspended Direct Payment (records DirectPaymentResumed)',
  input: SuspensionInput,
  complete: (input) => input,
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  decide(command, state): RecipientEvent[] {
    const recipient = enrolled(state, command.recipientId);
    if (!recipient.suspension)
      throw new DomainError('conflict', 'direct-payment.not-suspended', 'the Direct Payment is not suspended');
    if (command.on < recipient.suspension.on) {
      throw new DomainError(
        'rule',
        'direct-payment.resumed-before-suspended',
        `on must not be before the suspension on ${recipient.suspension.on}`,
      );
    }
    return [
      {
        type: 'DirectPaymentResumed',
        data: { recipientId: command.recipientId, on: command.on, reason: command.reason },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/resume', status: 200 },
  policy: scope,
  reply: { schema: z.object({ recipientId: z.string() }), of: (command) => ({ recipientId: command.recipientId }) },
});
