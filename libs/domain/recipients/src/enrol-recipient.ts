import { BUREAU_WRITERS } from '@dpe/access';
import { CouncilId, REGISTRY_KEY, councilStream } from '@dpe/councils';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { businessDate, identifier, oneOf, text, z } from '@dpe/schema';
import {
  DP_ACCOUNT_TYPES,
  RECIPIENT_TYPES,
  REPRESENTATIVE_ROLES,
  recipientStream,
  type RecipientEnrolled,
} from './recipient-stream';

/** A recipient id as callers write it; ids are chosen by the provider's own case system or derived from the command id. */
/**
 * A recipient id as callers write it. Ids are unique without regard to letter case (R-1002 and r-1002 are one
 * recipient), so they are kept in lower case.
 */
export const RecipientId = identifier(
  64,
  'Recipient id (case does not matter); defaults to an id derived from the command id',
).transform((id) => id.toLowerCase());

export const EnrolRecipientInput = z
  .strictObject({
    recipientId: RecipientId.optional(),
    councilId: CouncilId.describe('The registered council paying the Direct Payment'),
    recipientType: oneOf(RECIPIENT_TYPES, 'Who receives the payment'),
    name: text(200, "The recipient's name (personal data)"),
    representative: z
      .strictObject({
        name: text(200, "The representative's or suitable person's name (personal data)"),
        role: oneOf(
          REPRESENTATIVE_ROLES,
          'representative (the recipient has capacity) or suitable person (Care Act 2014 s.32)',
        ),
      })
      .optional(),
    accountType: oneOf(DP_ACCOUNT_TYPES, 'Where the Direct Payment is paid'),
    // Direct payments began on 1 April 1997 (Community Care (Direct Payments) Act 1996); no enrolment is older.
    enrolledOn: businessDate(
      { from: '1997-04-01', to: '2099-12-31' },
      'Business date of enrolment; defaults to today (Europe/London)',
    ).optional(),
  })
  .superRefine((input, context) => {
    if (input.recipientType === 'parent-of-disabled-child' && !input.representative) {
      // The DP for a disabled child is paid to the parent (Children Act 1989 s.17A), so the parent must be named.
      context.addIssue({
        code: 'custom',
        path: ['representative'],
        message: 'is required for a parent of a disabled child: name the parent receiving the payment',
      });
    }
  });

export type EnrolRecipient = z.output<typeof EnrolRecipientInput> & { readonly recipientId: string };

export const enrolRecipient = defineCommand({
  name: 'enrol-recipient',
  summary: 'Enrol a Direct Payment recipient (records RecipientEnrolled)',
  input: EnrolRecipientInput,
  complete: (input, ids): EnrolRecipient => ({ ...input, recipientId: input.recipientId ?? ids.derive('recipient') }),
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  prepare: async (command, { load }) => ({
    councilRegistered: (await load(councilStream, REGISTRY_KEY)).councils.has(command.councilId),
  }),
  decide(command, state, now, { councilRegistered }): RecipientEnrolled[] {
    if (!councilRegistered) {
      throw new DomainError(
        'rule',
        'council.unknown',
        `councilId: no registered council with id ${command.councilId} is served here; register it first (bureau-admin)`,
      );
    }
    if (state.status === 'enrolled') {
      throw new DomainError(
        'conflict',
        'recipient.already-enrolled',
        `recipient ${command.recipientId} is already enrolled (with ${state.councilId ?? state.legacyCouncilName} on ${state.enrolledOn}); a recipient is enrolled once`,
      );
    }
    const today = now.toISODate()!;
    const enrolledOn = command.enrolledOn ?? today;
    if (enrolledOn > now.plus({ years: 1 }).toISODate()!) {
      throw new DomainError(
        'rule',
        'recipient.enrolment-too-far-ahead',
        `enrolledOn ${enrolledOn} is more than a year after today (${today})`,
      );
    }
    return [
      {
        type: 'RecipientEnrolled',
        data: {
          recipientId: command.recipientId,
          councilId: command.councilId,
          recipientType: command.recipientType,
          name: command.name,
          representative: command.representative ?? null,
          accountType: command.accountType,
          // The HMRC employer references are recorded by register-as-employer (EmployerRegistered), which claims the
          // PAYE scheme for one employer; the field stays for records written before that command existed.
          employerReferences: null,
          enrolledOn,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfCommand: { field: 'councilId', of: (command) => command.councilId },
    councilOfState: (state) => (state.status === 'enrolled' ? state.councilId : undefined),
    // Recipient ids are unique across councils: an id taken in another council is refused as not found, revealing
    // only that the id is taken (derived ids, the default, cannot collide).
    notFound: (command) =>
      new DomainError('not-found', 'recipient.not-found', `recipient ${command.recipientId} cannot be enrolled here`),
  },
  reply: { schema: z.object({ recipientId: z.string() }), of: (command) => ({ recipientId: command.recipientId }) },
});
