import { READERS } from '@dpe/access';
import { defineQuery, loadStream } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { z } from '@dpe/schema';
import { RecipientId } from './enrol-recipient';
import { DP_ACCOUNT_TYPES, RECIPIENT_TYPES, REPRESENTATIVE_ROLES, recipientStream } from './recipient-stream';

export const RecipientView = z.object({
  status: z.literal('enrolled'),
  recipientId: z.string(),
  councilId: z
    .string()
    .nullable()
    .describe('The registered council; null only for a recipient enrolled before councils were registered'),
  legacyCouncilName: z
    .string()
    .optional()
    .describe('The council as free text, on records from before councils were registered'),
  recipientType: z.enum(RECIPIENT_TYPES),
  name: z.string(),
  representative: z.object({ name: z.string(), role: z.enum(REPRESENTATIVE_ROLES) }).nullable(),
  accountType: z.enum(DP_ACCOUNT_TYPES),
  employerReferences: z.object({ payeReference: z.string(), accountsOfficeReference: z.string() }).nullable(),
  enrolledOn: z.string(),
  budgets: z
    .array(
      z.object({
        recipientId: z.string(),
        version: z.number().int(),
        grossWeekly: z.string().describe('Pounds as decimal text'),
        effectiveFrom: z.string(),
        clientContribution: z.object({ amount: z.string(), frequency: z.string(), collection: z.string() }).nullable(),
      }),
    )
    .readonly()
    .describe('Every budget version agreed, in the order they take effect'),
  suspension: z
    .object({ recipientId: z.string(), on: z.string(), reason: z.string() })
    .optional()
    .describe('Present while the Direct Payment is suspended'),
  termination: z
    .object({
      recipientId: z.string(),
      on: z.string(),
      reason: z.string(),
      forced: z.unknown().describe('Set when forced past what was outstanding: approver, reason, outstanding'),
    })
    .optional()
    .describe('Present once the Direct Payment is terminated'),
  employerRegistered: z
    .boolean()
    .describe('Whether the recipient is registered as a PAYE employer (see show-employer)'),
  /** The revision of the stream's last event, for optimistic concurrency and for an auditor's "as it stood". */
  revision: z.string(),
});

/** The one answer for a recipient that does not exist, or that the caller may not see. */
export function recipientNotFound(recipientId: string): DomainError {
  return new DomainError('not-found', 'recipient.not-found', `recipient ${recipientId} is not enrolled`);
}

export const showRecipient = defineQuery({
  name: 'show-recipient',
  summary: 'Show a recipient as folded from its events',
  params: z.strictObject({ recipientId: RecipientId }),
  response: RecipientView,
  http: { path: '/recipients/:recipientId' },
  policy: {
    roles: READERS,
    councilOfResult: {
      of: (recipient) => recipient.councilId,
      notFound: ({ recipientId }) => recipientNotFound(recipientId),
    },
  },
  async run({ recipientId }, { store }) {
    const { state, revision } = await loadStream(store, recipientStream, recipientId);
    if (state.status !== 'enrolled' || revision === undefined) throw recipientNotFound(recipientId);
    // The roster holds the PAs' personal data (NI numbers, bank details): it is shown by show-employer without them.
    const { roster: _roster, employer, termination, ...recipient } = state;
    return {
      ...recipient,
      ...(termination ? { termination } : {}),
      employerRegistered: employer !== undefined,
      revision: revision.toString(),
    };
  },
});
