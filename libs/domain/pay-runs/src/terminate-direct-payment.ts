import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand, type PrepareContext } from '@dpe/decider';
import { EMPTY_EMPLOYMENT, employmentStream, type EmploymentState } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import {
  RecipientId,
  recipientNotFound,
  recipientStream,
  type DirectPaymentTerminated,
  type RecipientState,
  type TerminationData,
} from '@dpe/recipients';
import { businessDate, text, z } from '@dpe/schema';
import { nextTaxYear, previousTaxYear, taxYearOf } from '@dpe/tax-calendar';
import { owed, payrollKey, payrollStream, type PayrollYear } from './payroll-stream';

/**
 * Ending a Direct Payment is a council's decision (death, a move into residential care, ineligibility, a breach of
 * the agreement), recorded by its finance team or by the bureau acting for it (dp-domain.md §1.10). Before it takes
 * effect, what the employer still owes through payroll must be settled: LGO Hillingdon 20 001 443 found fault when a DP
 * was stopped with PAYE and payroll bills outstanding, and LGO West Berkshire 24 014 783 when PAs' final pay and
 * redundancy went unpaid. So termination is refused while anything is outstanding, unless a council officer approves
 * forcing it, and then what was outstanding is recorded with the termination.
 */
const TERMINATORS: readonly Role[] = [...BUREAU_WRITERS, 'council-finance'];

export const TerminateDirectPaymentInput = z.strictObject({
  recipientId: RecipientId,
  on: businessDate({ from: '2015-04-01', to: '2099-12-31' }, 'The business date the Direct Payment ends'),
  reason: text(200, 'Why it ends (death, residential care, ineligible, breach), for the audit trail'),
  force: z
    .strictObject({
      reason: text(500, 'Why it must end before what is outstanding is settled'),
      approver: text(200, 'The council officer who approved it: name and role'),
    })
    .optional()
    .describe('Terminate although PAYE, pension or a PA’s pay is still outstanding, on a council officer’s approval'),
});
export type TerminateDirectPayment = z.output<typeof TerminateDirectPaymentInput>;

/** The employer's payroll and employments, read from outside the recipient's stream. */
export interface TerminationPrepared {
  /** The payroll of each tax year read, oldest first. */
  readonly payroll: readonly { readonly taxYear: string; readonly year: PayrollYear }[];
  /** Each roster employment's stream, by employment id. */
  readonly employments: Readonly<Record<string, EmploymentState>>;
}

/**
 * The tax years whose payroll may still owe something: the year of `on` and the one before (PAYE of the last month of
 * a year is due after it ends), and for a leaver the year of the leaving date and the next, where the final payslip is.
 */
function taxYearsToRead(on: string, employments: readonly EmploymentState[]): string[] {
  const current = taxYearOf(on).id;
  const years = new Set([previousTaxYear(current).id, current]);
  for (const employment of employments) {
    if (!employment.leaver) continue;
    const left = taxYearOf(employment.leaver.leavingDate).id;
    years.add(left);
    years.add(nextTaxYear(left).id);
  }
  return [...years].filter((year) => year <= current).sort();
}

export async function prepareTermination(
  command: { recipientId: string; on: string },
  { load }: PrepareContext,
): Promise<TerminationPrepared> {
  const recipient = await load(recipientStream, command.recipientId);
  if (recipient.status !== 'enrolled') return { payroll: [], employments: {} };
  const employments: Record<string, EmploymentState> = {};
  for (const hire of recipient.roster) employments[hire.employmentId] = await load(employmentStream, hire.employmentId);
  const payroll: { taxYear: string; year: PayrollYear }[] = [];
  for (const taxYear of taxYearsToRead(command.on, Object.values(employments))) {
    payroll.push({ taxYear, year: await load(payrollStream, payrollKey(command.recipientId, taxYear)) });
  }
  return { payroll, employments };
}

const pounds = (amount: Money) => `£${amount.toString()}`;

/**
 * What the employer still owes, each in words with its amount: net pay owed to a PA for a pay date, PAYE for a tax
 * month, pension for a pay date; a PA whose employment has not ended (no leaver recorded: notice and final pay are
 * still to come); a leaver whose final pay has not been issued. Employments are named by id (the PA's name is personal
 * data, and these words are recorded with a forced termination).
 */
export function outstandingLiabilities(
  recipient: Extract<RecipientState, { status: 'enrolled' }>,
  prepared: TerminationPrepared,
): string[] {
  const outstanding: string[] = [];
  for (const { year } of prepared.payroll) {
    const netPay = new Map(year.payslips.map((slip) => [`${slip.employmentId} ${slip.payDate}`, slip]));
    for (const slip of netPay.values()) {
      const due = owed(year, { kind: 'net-pay', employmentId: slip.employmentId, payDate: slip.payDate });
      if (due.isPositive())
        outstanding.push(
          `net pay ${pounds(due)} to the PA of employment ${slip.employmentId} for pay date ${slip.payDate}`,
        );
    }
    const months = new Map(year.runs.map((run) => [`${run.taxYear} ${run.taxMonth}`, run]));
    for (const run of months.values()) {
      const due = owed(year, { kind: 'paye', taxYear: run.taxYear, taxMonth: run.taxMonth });
      if (due.isPositive()) outstanding.push(`PAYE ${pounds(due)} for tax month ${run.taxMonth} of ${run.taxYear}`);
    }
    for (const payDate of new Set(year.runs.map((run) => run.payDate))) {
      const due = owed(year, { kind: 'pension', payDate });
      if (due.isPositive()) outstanding.push(`pension ${pounds(due)} for pay date ${payDate}`);
    }
  }
  const finalPayIssued = new Set(
    prepared.payroll.flatMap(({ year }) =>
      year.payslips.filter((slip) => slip.inputs.finalPay).map((slip) => slip.employmentId),
    ),
  );
  for (const hire of recipient.roster) {
    // A PA hired after prepare read the roster has no leaver yet either.
    const { leaver } = prepared.employments[hire.employmentId] ?? EMPTY_EMPLOYMENT;
    if (!leaver) {
      outstanding.push(
        `employment ${hire.employmentId} has not ended: no leaver is recorded, so notice and final pay are outstanding`,
      );
    } else if (!finalPayIssued.has(hire.employmentId)) {
      outstanding.push(
        `final pay of employment ${hire.employmentId} (left on ${leaver.leavingDate}) has not been issued by a pay run`,
      );
    }
  }
  return outstanding;
}

/** What a forced termination records: who approved it, why, and what was outstanding. */
type Forced = NonNullable<TerminationData['forced']>;

export const terminateDirectPayment = defineCommand({
  name: 'terminate-direct-payment',
  summary:
    "End a recipient's Direct Payment once PAYE, pension and PAs' pay are settled, or forced on a council officer's approval (records DirectPaymentTerminated)",
  input: TerminateDirectPaymentInput,
  complete: (input) => input,
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  prepare: (command, context) => prepareTermination(command, context),
  decide(command, state, _now, prepared): DirectPaymentTerminated[] {
    if (state.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    if (state.termination) {
      throw new DomainError(
        'conflict',
        'direct-payment.already-terminated',
        `the Direct Payment was already terminated on ${state.termination.on}`,
      );
    }
    if (command.on < state.enrolledOn) {
      throw new DomainError(
        'rule',
        'direct-payment.before-enrolment',
        `on must not be before the enrolment on ${state.enrolledOn}`,
      );
    }
    const outstanding = outstandingLiabilities(state, prepared);
    if (outstanding.length > 0 && !command.force) {
      throw new DomainError(
        'rule',
        'direct-payment.liabilities-outstanding',
        `the Direct Payment cannot end while the employer still owes: ${outstanding.join('; ')}. ` +
          'Settle them first, or terminate with force naming the council officer who approved it',
      );
    }
    // Forcing is recorded only when something was outstanding: with nothing owed there is nothing to force past.
    const forced: Forced | null =
      command.force && outstanding.length > 0
        ? { approver: command.force.approver, reason: command.force.reason, outstanding }
        : null;
    return [
      {
        type: 'DirectPaymentTerminated',
        data: { recipientId: command.recipientId, on: command.on, reason: command.reason, forced },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/terminate', status: 200 },
  policy: {
    roles: TERMINATORS,
    councilOfState: (state: RecipientState) => (state.status === 'enrolled' ? state.councilId : undefined),
    notFound: (command: { recipientId: string }) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({ recipientId: z.string(), forced: z.boolean() }),
    of: (command, _prepared, events) => ({
      recipientId: command.recipientId,
      forced: events[0]?.data.forced != null,
    }),
  },
});
