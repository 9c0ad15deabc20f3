import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { Money, rate as rateOf, type Rate } from '@dpe/money';
import { payrollKey, payrollStream, type PayrollYear } from '@dpe/pay-runs';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { checkAgainstSchema, employerPaymentSummary, rtiEmployer, type EpsInput, type RtiDocument } from '@dpe/rti';
import { z } from '@dpe/schema';
import { ASSUME_SMALL_EMPLOYERS_RELIEF, recovered, statutoryPayRecoveryRate } from '@dpe/statutory-pay';
import { taxMonth, taxMonthOf, taxYear as taxYearNamed } from '@dpe/tax-calendar';
import { senderOf, sha256Of } from './fps-of-pay-run';
import { withoutValues } from './prepare-fps';
import { rtiKey, rtiStream, type EpsPrepared, type EpsPreparedData, type RtiYearState } from './rti-stream';

export const PrepareEpsInput = z.strictObject({
  recipientId: RecipientId,
  taxYear: z.string().regex(/^\d{4}-\d{2}$/, 'must be a tax year such as "2026-27"'),
  taxMonth: z.number().int().min(1, 'must be 1 to 12').max(12, 'must be 1 to 12').describe('The tax month (1–12)'),
  final: z.boolean().optional().describe("The tax year's final EPS (FinalSubmission ForYear)"),
});
export type PrepareEps = z.output<typeof PrepareEpsInput> & { readonly documentId: string };

type Enrolled = Extract<RecipientState, { status: 'enrolled' }>;

/**
 * SMP and SPP recovered to the end of a tax month, and the NIC compensation on them. The recovery rate (92%, or 108.5%
 * with Small Employers' Relief: @dpe/statutory-pay) is split as the EPS reports it: up to 100% is "recovered", the
 * part above 100% is "NIC compensation" (HMRC, "Claim back statutory pay": SER gives 100% plus 8.5% compensation). Each
 * month's total is rounded once, as `recovered` says, and the months summed.
 */
export function recoverableToDate(payroll: PayrollYear, year: string, month: number): EpsPreparedData['recoverable'] {
  const rate = statutoryPayRecoveryRate(year, ASSUME_SMALL_EMPLOYERS_RELIEF);
  const share: Rate = rate.greaterThan(1) ? rateOf('1') : rate;
  const compensation: Rate = rate.greaterThan(1) ? rate.minus(1) : rate.minus(rate);
  const totals = { smp: [Money.zero, Money.zero], spp: [Money.zero, Money.zero] };
  for (let m = 1; m <= month; m += 1) {
    const slips = payroll.payslips.filter((slip) => taxMonthOf(slip.payDate).month === m);
    for (const kind of ['smp', 'spp'] as const) {
      const paid = Money.sum(
        slips.flatMap((slip) => slip.lines.filter((line) => line.kind === kind).map((line) => Money.of(line.amount))),
      );
      totals[kind] = [
        totals[kind][0]!.plus(recovered(paid, share)),
        totals[kind][1]!.plus(recovered(paid, compensation)),
      ];
    }
  }
  return {
    smpRecovered: totals.smp[0]!.toString(),
    sppRecovered: totals.spp[0]!.toString(),
    nicCompensationOnSmp: totals.smp[1]!.toString(),
    nicCompensationOnSpp: totals.spp[1]!.toString(),
  };
}

export interface PreparedEps {
  readonly recipient: RecipientState;
  readonly data: Omit<EpsPreparedData, 'documentId' | 'preparedOn' | 'irmark' | 'sha256'> | null;
  readonly document: RtiDocument | null;
  readonly schemaErrors: readonly string[];
}

/** What the EPS of a tax month says, from the employer's payroll and the EPSs before it. */
export function epsContentOf(
  recipient: Enrolled,
  payroll: PayrollYear,
  rti: RtiYearState,
  command: Omit<PrepareEps, 'documentId'>,
): { data: NonNullable<PreparedEps['data']>; input: EpsInput } {
  const employer = recipient.employer!;
  const month = taxMonth(command.taxYear, command.taxMonth);
  const paidInMonth = payroll.payslips.some((slip) => taxMonthOf(slip.payDate).month === command.taxMonth);
  // The claim is made once a year, on the first EPS (HMRC, "Employment Allowance": claim through the EPS; DP
  // employers of care and support qualify).
  const claimedBefore = rti.documents.some(
    (record) => record.kind === 'eps' && record.status !== 'rejected' && record.claimsEmploymentAllowance,
  );
  const claimsEmploymentAllowance = employer.employmentAllowance && !claimedBefore;
  const recoverable = recoverableToDate(payroll, command.taxYear, command.taxMonth);
  const final = command.final ?? false;
  const data = {
    recipientId: recipient.recipientId,
    taxYear: command.taxYear,
    taxMonth: command.taxMonth,
    noPayment: !paidInMonth,
    claimsEmploymentAllowance,
    recoverable,
    finalForYear: final,
  };
  // The apprenticeship levy is left out: it is due only on a pay bill over £3 million (Finance Act 2016 s.99), far
  // above any DP employer's, and an employer not liable reports nothing of it.
  const input: EpsInput = {
    taxYear: command.taxYear,
    taxMonth: command.taxMonth,
    employer: rtiEmployer(employer.payeReference, employer.accountsOfficeReference),
    sender: senderOf(recipient),
    ...(paidInMonth ? {} : { noPayment: { from: month.firstDay, to: month.lastDay } }),
    ...(claimsEmploymentAllowance ? { employmentAllowance: true } : {}),
    recoverable,
    ...(final ? { finalForYear: true } : {}),
  };
  return { data, input };
}

export const prepareEps = defineCommand({
  name: 'prepare-eps',
  summary:
    "Prepare an employer's Employer Payment Summary for a tax month: employment allowance claim, statutory pay recovered, no payment, final of the year (records EpsPrepared)",
  input: PrepareEpsInput,
  complete: (input, ids) => ({ ...input, documentId: ids.derive('eps') }),
  stream: rtiStream,
  streamKey: (command) => rtiKey(command.recipientId, command.taxYear),
  async prepare(command, { load }): Promise<PreparedEps> {
    taxYearNamed(command.taxYear);
    const recipient = await load(recipientStream, command.recipientId);
    if (recipient.status !== 'enrolled' || !recipient.employer)
      return { recipient, data: null, document: null, schemaErrors: [] };
    const payroll = await load(payrollStream, payrollKey(command.recipientId, command.taxYear));
    const rti = await load(rtiStream, rtiKey(command.recipientId, command.taxYear));
    const { data, input } = epsContentOf(recipient, payroll, rti, command);
    const document = employerPaymentSummary(input);
    const check = await checkAgainstSchema(document.irEnvelope, command.taxYear, 'eps');
    return { recipient, data, document, schemaErrors: check.errors.map(withoutValues) };
  },
  decide(command, _state, now, prepared: PreparedEps): EpsPrepared[] {
    const { recipient, data, document } = prepared;
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    if (!data || !document) {
      throw new DomainError(
        'rule',
        'fps.not-an-employer',
        `recipient ${command.recipientId} is not registered as an employer: an EPS needs the PAYE and Accounts Office references`,
      );
    }
    if (prepared.schemaErrors.length > 0) {
      throw new DomainError(
        'rule',
        'eps.schema-invalid',
        `the EPS for month ${command.taxMonth} breaks HMRC's ${command.taxYear} schema: ${prepared.schemaErrors.join('; ')}`,
      );
    }
    return [
      {
        type: 'EpsPrepared',
        data: {
          ...data,
          documentId: command.documentId,
          irmark: document.irmark,
          sha256: sha256Of(document.govTalk),
          preparedOn: now.setZone('Europe/London').toISODate()!,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/eps', status: 201 },
  cli: 'eps prepare',
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: PreparedEps) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({ documentId: z.string(), irmark: z.string(), claimsEmploymentAllowance: z.boolean() }),
    of: (command, _prepared, events) => {
      const data = (events as readonly EpsPrepared[])[0]?.data;
      return {
        documentId: command.documentId,
        irmark: data?.irmark ?? '',
        claimsEmploymentAllowance: data?.claimsEmploymentAllowance ?? false,
      };
    },
  },
});
