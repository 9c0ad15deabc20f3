import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { checkAgainstSchema, type LateReason, type RtiDocument } from '@dpe/rti';
import { businessDate, z } from '@dpe/schema';
import { taxMonthOf } from '@dpe/tax-calendar';
import {
  fpsOfPayRun,
  fpsSummaryOf,
  FpsNotPossible,
  loadFpsSources,
  sha256Of,
  taxYearOfDate,
  type FpsSources,
} from './fps-of-pay-run';
import { lateFiling } from './late-filing';
import { rtiKey, rtiStream, type FpsPrepared, type RtiYearState } from './rti-stream';

const LATE_REASONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const satisfies readonly LateReason[];

export const PrepareFpsInput = z.strictObject({
  recipientId: RecipientId,
  payDate: businessDate({ from: '2024-04-06', to: '2099-12-31' }, 'The pay date of the pay run to report'),
  payRunId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .describe(
      'The pay run, when the pay date has more than one (a correction run); by default the one not yet reported',
    ),
  lateReason: z
    .enum(LATE_REASONS)
    .optional()
    .describe("HMRC's late-reporting reason when the FPS goes after the pay date (A–H; G reasonable excuse)"),
});

export interface PreparedFps {
  readonly recipient: RecipientState;
  readonly sources: FpsSources | null;
  readonly payRunId: string | null;
  readonly document: RtiDocument | null;
  /** libxml2's complaints, with the values quoted in them withheld (they may be NI numbers or names). */
  readonly schemaErrors: readonly string[];
  readonly problem: FpsNotPossible | null;
}

/** A schema message quotes the offending value; an NI number or a name must not reach a log or an error body. */
export const withoutValues = (message: string): string => message.replace(/value '[^']*'/g, 'value (withheld)');

/** The runs of the pay date, in order; the one to report is the named one, else the first with no FPS prepared. */
function runToReport(
  sources: FpsSources,
  payDate: string,
  payRunId: string | undefined,
  reported: ReadonlySet<string>,
): string | null {
  const runs = sources.payroll.runs.filter((run) => run.payDate === payDate && run.payslips > 0);
  if (payRunId !== undefined) return runs.some((run) => run.payRunId === payRunId) ? payRunId : null;
  return runs.find((run) => !reported.has(run.payRunId))?.payRunId ?? runs[runs.length - 1]?.payRunId ?? null;
}

const reportedRuns = (state: RtiYearState): Set<string> =>
  new Set(
    state.documents.flatMap((record) =>
      record.kind === 'fps' && record.status !== 'rejected' ? [record.payRunId] : [],
    ),
  );

export const prepareFps = defineCommand({
  name: 'prepare-fps',
  summary:
    "Prepare the Full Payment Submission of an employer's pay run for HMRC, checked against HMRC's schema for the tax year (records FpsPrepared)",
  input: PrepareFpsInput,
  complete: (input, ids) => ({ ...input, documentId: ids.derive('fps') }),
  stream: rtiStream,
  streamKey: (command) => rtiKey(command.recipientId, taxYearOfDate(command.payDate)),
  async prepare(command, { load }): Promise<PreparedFps> {
    const taxYear = taxYearOfDate(command.payDate);
    const found = await loadFpsSources(load, command.recipientId, taxYear);
    if ('notEnrolled' in found) {
      const recipient = await load(recipientStream, command.recipientId);
      return { recipient, sources: null, payRunId: null, document: null, schemaErrors: [], problem: null };
    }
    const state = await load(rtiStream, rtiKey(command.recipientId, taxYear));
    const payRunId = runToReport(found, command.payDate, command.payRunId, reportedRuns(state));
    const base = { recipient: found.recipient, sources: found, payRunId };
    if (payRunId === null) return { ...base, document: null, schemaErrors: [], problem: null };
    try {
      const document = fpsOfPayRun(found, payRunId, command.lateReason ?? null);
      const check = await checkAgainstSchema(document.irEnvelope, taxYear, 'fps');
      return { ...base, document, schemaErrors: check.errors.map(withoutValues), problem: null };
    } catch (error) {
      if (error instanceof FpsNotPossible) return { ...base, document: null, schemaErrors: [], problem: error };
      throw error;
    }
  },
  decide(command, state, now, prepared: PreparedFps): FpsPrepared[] {
    const { recipient, sources, payRunId, document } = prepared;
    if (recipient.status !== 'enrolled' || sources === null) throw recipientNotFound(command.recipientId);
    if (prepared.problem) throw new DomainError('rule', prepared.problem.code, prepared.problem.message);
    if (payRunId === null || document === null) {
      throw new DomainError(
        'not-found',
        'fps.no-such-run',
        command.payRunId === undefined
          ? `payDate: no pay run of recipient ${command.recipientId} issued payslips on ${command.payDate}`
          : `payRunId: pay run ${command.payRunId} did not issue payslips on ${command.payDate}`,
      );
    }
    if (prepared.schemaErrors.length > 0) {
      throw new DomainError(
        'rule',
        'fps.schema-invalid',
        `the FPS for ${command.payDate} breaks HMRC's ${taxYearOfDate(command.payDate)} schema: ${prepared.schemaErrors.join('; ')}`,
      );
    }
    // One FPS per run: another would report the same payments twice (HMRC adds FPS figures for a period). A rejected
    // one is replaced, since HMRC holds nothing of it.
    const earlier = state.documents.find(
      (record) => record.kind === 'fps' && record.payRunId === payRunId && record.status !== 'rejected',
    );
    if (earlier) {
      throw new DomainError(
        'conflict',
        'fps.already-prepared',
        `payRunId: the FPS of pay run ${payRunId} was already prepared (document ${earlier.documentId}, ${earlier.status})`,
      );
    }
    const preparedOn = now.setZone('Europe/London').toISODate()!;
    // The scheme's size for the penalty (DMBM519505): the employees it had in the tax month of the payment, so a
    // leaver paid their final pay in the month counts.
    const monthStart = taxMonthOf(command.payDate).firstDay;
    const employees = [...sources.employments.entries()].filter(([id, employment]) => {
      const hire = recipient.roster.find((each) => each.employmentId === id);
      const left = employment.leaver?.leavingDate;
      return hire !== undefined && hire.startDate <= command.payDate && (left === undefined || left >= monthStart);
    }).length;
    const summary = fpsSummaryOf(sources.payroll, payRunId);
    return [
      {
        type: 'FpsPrepared',
        data: {
          recipientId: command.recipientId,
          taxYear: taxYearOfDate(command.payDate),
          documentId: command.documentId,
          irmark: document.irmark,
          sha256: sha256Of(document.govTalk),
          preparedOn,
          payRunId,
          payDate: summary.payDate,
          payslipIds: summary.payslipIds,
          totals: summary.totals,
          late: lateFiling(summary.payDate, preparedOn, Math.max(employees, 1), state),
          lateReason: command.lateReason ?? null,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/fps', status: 201 },
  cli: 'fps prepare',
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: PreparedFps) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({
      documentId: z.string(),
      irmark: z.string(),
      late: z
        .object({ daysLate: z.number(), monthlyPenalty: z.string(), firstOfTaxYear: z.boolean() })
        .nullable()
        .describe('Set when the FPS is prepared after the pay date: the penalty it risks (DMBM519505)'),
    }),
    of: (command, _prepared, events) => {
      const data = (events as readonly FpsPrepared[])[0]?.data;
      return {
        documentId: command.documentId,
        irmark: data?.irmark ?? '',
        late: data?.late
          ? {
              daysLate: data.late.daysLate,
              monthlyPenalty: data.late.monthlyPenalty,
              firstOfTaxYear: data.late.firstOfTaxYear,
            }
          : null,
      };
    },
  },
});
