import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand, type PrepareContext } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, text, z } from '@dpe/schema';
import { rtiKey, rtiStream, type RtiDocumentRecord, type RtiEvent, type RtiYearState } from './rti-stream';

const TaxYear = z.string().regex(/^\d{4}-\d{2}$/, 'must be a tax year such as "2026-27"');
const DocumentId = z.string().uuid('must be the documentId prepare-fps or prepare-eps replied with');
const DATES = { from: '2024-04-06', to: '2099-12-31' };
const policy = {
  roles: BUREAU_WRITERS,
  councilOfPrepared: ({ recipient }: { recipient: RecipientState }) =>
    recipient.status === 'enrolled' ? recipient.councilId : undefined,
  notFound: (command: { recipientId: string }) => recipientNotFound(command.recipientId),
};
const prepare = async (command: { recipientId: string }, { load }: PrepareContext) => ({
  recipient: await load(recipientStream, command.recipientId),
});

function documentOf(
  state: RtiYearState,
  command: { recipientId: string; documentId: string; taxYear: string },
): RtiDocumentRecord {
  const record = state.documents.find((each) => each.documentId === command.documentId);
  if (!record) {
    throw new DomainError(
      'not-found',
      'rti.no-such-document',
      `documentId: no FPS or EPS ${command.documentId} was prepared for recipient ${command.recipientId} in ${command.taxYear}`,
    );
  }
  return record;
}

const typeOf = <Suffix extends 'Submitted' | 'Accepted' | 'Rejected'>(record: RtiDocumentRecord, suffix: Suffix) =>
  `${record.kind === 'fps' ? 'Fps' : 'Eps'}${suffix}` as `${'Fps' | 'Eps'}${Suffix}`;

export const recordRtiSubmission = defineCommand({
  name: 'record-rti-submission',
  summary:
    'Record that a prepared FPS or EPS was sent to HMRC, with the hash of what was sent (records FpsSubmitted or EpsSubmitted)',
  input: z.strictObject({
    recipientId: RecipientId,
    taxYear: TaxYear,
    documentId: DocumentId,
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the message sent, 64 lower-case hex digits')
      .describe('SHA-256 of the GovTalk message as sent: it must be the one prepared'),
    submittedOn: businessDate(DATES, 'The day it was sent'),
    gatewayCorrelationId: text(64, "The gateway's correlation id for the submission").optional(),
  }),
  complete: (input) => input,
  stream: rtiStream,
  streamKey: (command) => rtiKey(command.recipientId, command.taxYear),
  prepare,
  decide(command, state, _now, { recipient }: { recipient: RecipientState }): RtiEvent[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const record = documentOf(state, command);
    // What is sent must be what was prepared and checked: another document has not passed the schema check here, and
    // the audit trail would name the wrong figures.
    if (record.sha256 !== command.sha256) {
      throw new DomainError(
        'rule',
        'rti.hash-mismatch',
        `sha256: ${command.sha256} is not the hash of document ${record.documentId} as prepared (${record.sha256}); send the prepared document unchanged`,
      );
    }
    if (record.status !== 'prepared') {
      throw new DomainError(
        'conflict',
        'rti.already-submitted',
        `documentId: ${record.documentId} is already ${record.status}`,
      );
    }
    return [
      {
        type: typeOf(record, 'Submitted'),
        data: {
          recipientId: command.recipientId,
          documentId: record.documentId,
          sha256: command.sha256,
          submittedOn: command.submittedOn,
          correlationId: command.gatewayCorrelationId ?? null,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/rti/submissions', status: 201 },
  cli: 'rti submitted',
  policy,
  reply: { schema: z.object({ documentId: z.string() }), of: (command) => ({ documentId: command.documentId }) },
});

export const recordRtiOutcome = defineCommand({
  name: 'record-rti-outcome',
  summary:
    "Record HMRC's answer to a submitted FPS or EPS: accepted, or rejected with its error codes (records FpsAccepted/FpsRejected or EpsAccepted/EpsRejected)",
  input: z.strictObject({
    recipientId: RecipientId,
    taxYear: TaxYear,
    documentId: DocumentId,
    outcome: z.enum(['accepted', 'rejected']).describe("HMRC's answer"),
    on: businessDate(DATES, 'The day HMRC answered'),
    errors: z
      .array(z.strictObject({ code: text(16, "HMRC's error number"), text: text(1000, "HMRC's error text") }))
      .max(500)
      .optional()
      .describe("With rejected: HMRC's errors as its response lists them"),
  }),
  complete: (input) => input,
  stream: rtiStream,
  streamKey: (command) => rtiKey(command.recipientId, command.taxYear),
  prepare,
  decide(command, state, _now, { recipient }: { recipient: RecipientState }): RtiEvent[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const record = documentOf(state, command);
    if (record.status === 'accepted' || record.status === 'rejected') {
      throw new DomainError(
        'conflict',
        'rti.outcome-recorded',
        `documentId: ${record.documentId} is already ${record.status}`,
      );
    }
    if (command.outcome === 'rejected' && (command.errors ?? []).length === 0) {
      throw new DomainError('rule', 'rti.rejection-without-errors', "errors: a rejection needs HMRC's error codes");
    }
    if (command.outcome === 'accepted' && (command.errors ?? []).length > 0) {
      throw new DomainError('rule', 'rti.acceptance-with-errors', 'errors: only a rejection carries errors');
    }
    const base = { recipientId: command.recipientId, documentId: record.documentId };
    return command.outcome === 'accepted'
      ? [{ type: typeOf(record, 'Accepted'), data: { ...base, acceptedOn: command.on } }]
      : [{ type: typeOf(record, 'Rejected'), data: { ...base, rejectedOn: command.on, errors: command.errors ?? [] } }];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/rti/outcomes', status: 201 },
  cli: 'rti outcome',
  policy,
  reply: {
    schema: z.object({ documentId: z.string(), outcome: z.string() }),
    of: (command) => ({ documentId: command.documentId, outcome: command.outcome }),
  },
});
