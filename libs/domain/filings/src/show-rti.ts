import { READERS } from '@dpe/access';
import { defineQuery, fold, type QueryContext } from '@dpe/decider';
import { DomainError, EdgeError } from '@dpe/errors';
import { payrollKey, payrollStream } from '@dpe/pay-runs';
import { RecipientId, recipientNotFound, recipientStream } from '@dpe/recipients';
import { employerPaymentSummary, type RtiDocument } from '@dpe/rti';
import { z } from '@dpe/schema';
import { FpsNotPossible, fpsOfPayRun, loadFpsSources, sha256Of } from './fps-of-pay-run';
import { loaderAt } from './loader-at';
import { epsContentOf } from './prepare-eps';
import { rtiKey, rtiStream, type RtiDocumentRecord } from './rti-stream';

export const RtiDocumentView = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable(),
  documentId: z.string(),
  kind: z.enum(['fps', 'eps']),
  status: z.enum(['prepared', 'submitted', 'accepted', 'rejected']),
  preparedOn: z.string(),
  irmark: z.string(),
  sha256: z.string().describe('SHA-256 recorded when it was prepared'),
  matchesRecord: z
    .boolean()
    .describe('Whether the message written again from the events is byte for byte the one prepared (its hash)'),
  outcome: z.unknown().describe('What became of it: submitted, accepted or rejected with HMRC’s errors'),
  late: z.unknown().nullable(),
  govTalk: z.string().describe('The GovTalk message: every PA’s name, NI number and address (personal data)'),
});
export type RtiDocumentView = z.output<typeof RtiDocumentView>;

async function showRti(
  kind: 'fps' | 'eps',
  params: { recipientId: string; taxYear: string; documentId: string },
  { store }: QueryContext,
): Promise<RtiDocumentView> {
  const history = await store.readStream(rtiStream.streamId(rtiKey(params.recipientId, params.taxYear)));
  const prepared = history.find(
    (event) =>
      event.type === (kind === 'fps' ? 'FpsPrepared' : 'EpsPrepared') &&
      (event.data as { documentId: string }).documentId === params.documentId,
  );
  const notFound = () =>
    new EdgeError('not-found', 'rti.no-such-document', `documentId: no ${kind.toUpperCase()} ${params.documentId}`);
  if (!prepared) throw notFound();
  const record = fold(rtiStream, history).documents.find(
    (each) => each.documentId === params.documentId,
  ) as RtiDocumentRecord;
  // Written again from the streams as they stood when it was prepared: later events (another run, a leaver) must not
  // change what it says. The EPS reads the RTI stream before its own event (the EPSs that came before it).
  const load = loaderAt(store, prepared.globalPosition);
  const recipient = await load(recipientStream, params.recipientId);
  if (recipient.status !== 'enrolled') throw recipientNotFound(params.recipientId);
  let document: RtiDocument;
  if (record.kind === 'fps') {
    const sources = await loadFpsSources(load, params.recipientId, params.taxYear);
    if ('notEnrolled' in sources) throw recipientNotFound(params.recipientId);
    try {
      document = fpsOfPayRun(sources, record.payRunId, record.lateReason);
    } catch (error) {
      if (error instanceof FpsNotPossible) throw new DomainError('rule', error.code, error.message);
      throw error;
    }
  } else {
    const payroll = await load(payrollStream, payrollKey(params.recipientId, params.taxYear));
    const before = loaderAt(store, prepared.globalPosition - 1n);
    const rti = await before(rtiStream, rtiKey(params.recipientId, params.taxYear));
    document = employerPaymentSummary(
      epsContentOf(recipient, payroll, rti, {
        recipientId: params.recipientId,
        taxYear: params.taxYear,
        taxMonth: record.taxMonth,
        final: record.finalForYear,
      }).input,
    );
  }
  return {
    recipientId: params.recipientId,
    councilId: recipient.councilId,
    documentId: record.documentId,
    kind: record.kind,
    status: record.status,
    preparedOn: record.preparedOn,
    irmark: record.irmark,
    sha256: record.sha256,
    matchesRecord: sha256Of(document.govTalk) === record.sha256,
    outcome: record.outcome,
    late: record.kind === 'fps' ? record.late : null,
    govTalk: document.govTalk,
  };
}

const Params = z.strictObject({
  recipientId: RecipientId,
  taxYear: z.string().regex(/^\d{4}-\d{2}$/, 'must be a tax year such as "2026-27"'),
  documentId: z.string().uuid('must be a documentId prepare-fps or prepare-eps replied with'),
});

const declare = (kind: 'fps' | 'eps') =>
  defineQuery({
    name: `show-${kind}`,
    summary: `Show a prepared ${kind === 'fps' ? 'Full Payment Submission' : 'Employer Payment Summary'}, written again from the events as they stood, with whether it matches the hash recorded (format=xml for the GovTalk message)`,
    params: Params,
    response: RtiDocumentView,
    http: { path: `/recipients/:recipientId/${kind}/:taxYear/:documentId` },
    cli: `${kind} show`,
    policy: {
      // The message holds every PA's NI number and address: the bureau's staff and auditors, not council finance.
      roles: READERS.filter((role) => role !== 'council-finance'),
      councilOfResult: { of: (view) => view.councilId, notFound: ({ recipientId }) => recipientNotFound(recipientId) },
    },
    representations: {
      xml: {
        contentType: 'application/xml; charset=utf-8',
        fileName: (view) => `${kind}-${view.recipientId}-${view.documentId}.xml`,
        render: (view) => view.govTalk,
      },
    },
    run: (params, context) => showRti(kind, params, context),
  });

export const showFps = declare('fps');
export const showEps = declare('eps');
