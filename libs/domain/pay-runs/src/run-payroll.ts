import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand, type PrepareContext } from '@dpe/decider';
import { employmentStream, isPayDate, payPeriodFor, type EmploymentState, type PayPeriodDates } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import {
  RecipientId,
  recipientNotFound,
  recipientStream,
  type PaHiredData,
  type RecipientState,
} from '@dpe/recipients';
import { businessDate, text, z } from '@dpe/schema';
import { taxMonthOf, taxYearOf } from '@dpe/tax-calendar';
import { approvedTimesheets, periodKey, timesheetStream, type Timesheet } from '@dpe/timesheets';
import { annualEmploymentAllowance, computePayslip } from './compute-payslip';
import {
  employmentAllowanceUsed,
  payrollKey,
  payrollStream,
  type PayRunCompleted,
  type PayrollEvent,
  type PayrollYear,
  type PayslipHeldData,
  type PayslipIssuedData,
} from './payroll-stream';

/** An employment due to be paid on the run's pay date, with everything its payslip is computed from. */
export interface DueEmployment {
  readonly hire: PaHiredData;
  readonly employment: EmploymentState;
  readonly period: PayPeriodDates;
  readonly timesheets: readonly Timesheet[];
}

export interface PayRunPrepared {
  readonly recipient: RecipientState;
  readonly due: readonly DueEmployment[];
}

export const RunPayrollInput = z.strictObject({
  recipientId: RecipientId,
  payDate: businessDate({ from: '2024-04-06', to: '2099-12-31' }, 'The pay date to run'),
  correction: z
    .strictObject({ reason: text(500, 'Why the pay date is run again') })
    .optional()
    .describe('An explicit correction run: pays only what the first run of the pay date did not (differences only)'),
});
export type RunPayroll = z.output<typeof RunPayrollInput>;

/**
 * Reads what the run needs from outside its stream: the employer and roster, and for each employment paid on the
 * date its own stream and the timesheets of the period the date pays. The employment's stream decides whether it has
 * left; a leaver's final pay is due on the first pay date on or after the leaving date.
 */
export async function preparePayRun(
  command: { recipientId: string; payDate: string },
  load: PrepareContext['load'],
): Promise<PayRunPrepared> {
  const recipient = await load(recipientStream, command.recipientId);
  if (recipient.status !== 'enrolled') return { recipient, due: [] };
  const due: DueEmployment[] = [];
  for (const hire of recipient.roster) {
    if (hire.startDate > command.payDate || !isPayDate(hire.schedule, command.payDate)) continue;
    const employment = await load(employmentStream, hire.employmentId);
    const period = payPeriodFor(hire.schedule, command.payDate);
    const sheets = await load(timesheetStream, periodKey(hire.employmentId, period.start));
    due.push({ hire, employment, period, timesheets: approvedTimesheets(sheets) });
  }
  return { recipient, due };
}

export function decidePayRun(
  command: RunPayroll,
  state: PayrollYear,
  prepared: PayRunPrepared,
  payRunId: string,
): PayrollEvent[] {
  const { recipient } = prepared;
  if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
  const employer = recipient.employer;
  if (!employer) {
    throw new DomainError(
      'rule',
      'payroll.employer-not-registered',
      `recipient ${command.recipientId} is not registered as an employer; register as employer first`,
    );
  }
  const earlier = state.runs.filter((run) => run.payDate === command.payDate);
  if (earlier.length > 0 && !command.correction) {
    throw new DomainError(
      'conflict',
      'payroll.already-run',
      `payDate: payroll for ${command.payDate} was already run (pay run ${earlier[0]!.payRunId}); ` +
        'run it again only as an explicit correction run, which pays differences only',
    );
  }
  if (prepared.due.length === 0) {
    throw new DomainError(
      'rule',
      'payroll.nothing-due',
      `payDate: no employment of recipient ${command.recipientId} is paid on ${command.payDate}`,
    );
  }
  const taxYear = taxYearOf(command.payDate).id;
  const paidTimesheets = new Set(state.payslips.flatMap((slip) => slip.inputs.timesheetIds));
  let allowanceRemaining = annualEmploymentAllowance(employer, taxYear).minus(employmentAllowanceUsed(state));
  if (allowanceRemaining.isNegative()) allowanceRemaining = Money.zero;

  let year = state;
  const issued: PayslipIssuedData[] = [];
  const held: PayslipHeldData[] = [];
  prepared.due.forEach((due, index) => {
    const unpaid = due.timesheets.filter((sheet) => !paidTimesheets.has(sheet.timesheetId));
    const outcome = computePayslip({
      payRunId,
      payslipId: `${payRunId}-${index + 1}`,
      employer,
      hire: due.hire,
      employment: due.employment,
      payDate: command.payDate,
      period: due.period,
      timesheets: unpaid,
      year,
      allowanceRemaining,
      correction: command.correction !== undefined,
    });
    if ('issued' in outcome) {
      issued.push(outcome.issued);
      allowanceRemaining = outcome.allowanceRemaining;
      year = { ...year, payslips: [...year.payslips, outcome.issued] };
    } else if ('held' in outcome) {
      held.push(outcome.held);
    }
  });
  if (issued.length === 0 && held.length === 0) {
    throw new DomainError(
      'rule',
      command.correction ? 'payroll.no-differences' : 'payroll.nothing-to-pay',
      command.correction
        ? `nothing has changed since pay date ${command.payDate} was run: a correction run pays differences only`
        : `payDate: no approved timesheet, absence or final pay is due on ${command.payDate}`,
    );
  }
  const sum = (pick: (slip: PayslipIssuedData) => Money) => Money.sum(issued.map(pick));
  const payeDue = sum((slip) =>
    Money.of(slip.deductions.incomeTax)
      .plus(slip.deductions.employeeNic)
      .plus(slip.employer.employerNic)
      .minus(slip.employer.employmentAllowance)
      .plus(slip.deductions.studentLoan)
      .plus(slip.deductions.postgraduateLoan),
  );
  const completed: PayRunCompleted = {
    type: 'PayRunCompleted',
    data: {
      payRunId,
      recipientId: command.recipientId,
      payDate: command.payDate,
      taxYear,
      taxMonth: taxMonthOf(command.payDate).month,
      correction: command.correction ?? null,
      payslips: issued.length,
      held: held.map((h) => ({ employmentId: h.employmentId, shortfall: h.shortfall })),
      netPay: issued.map((slip) => ({ employmentId: slip.employmentId, amount: slip.netPay })),
      totals: {
        gross: sum((slip) => Money.of(slip.gross)).toString(),
        netPay: sum((slip) => Money.of(slip.netPay)).toString(),
        payeDue: payeDue.toString(),
        employmentAllowance: sum((slip) => Money.of(slip.employer.employmentAllowance)).toString(),
        pensionDue: sum((slip) =>
          Money.of(slip.deductions.pensionEmployee).plus(slip.employer.pensionEmployer),
        ).toString(),
      },
    },
  };
  return [
    ...issued.map((data) => ({ type: 'PayslipIssued' as const, data })),
    ...held.map((data) => ({ type: 'PayslipHeld' as const, data })),
    completed,
  ];
}

export const runPayroll = defineCommand({
  name: 'run-payroll',
  summary: "Run one employer's payroll for a pay date (records PayslipIssued, PayslipHeld and PayRunCompleted)",
  input: RunPayrollInput,
  complete: (input, ids) => ({ ...input, payRunId: ids.derive('pay-run') }),
  stream: payrollStream,
  streamKey: (command) => payrollKey(command.recipientId, taxYearOf(command.payDate).id),
  prepare: (command, { load }) => preparePayRun(command, load),
  decide: (command, state, _now, prepared) => decidePayRun(command, state, prepared, command.payRunId),
  http: { method: 'POST', path: '/recipients/:recipientId/pay-runs', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: PayRunPrepared) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({
      payRunId: z.string(),
      payslips: z.number().int(),
      held: z.array(z.object({ employmentId: z.string(), shortfall: z.string() })),
      totals: z.object({
        gross: z.string(),
        netPay: z.string(),
        payeDue: z.string(),
        employmentAllowance: z.string(),
        pensionDue: z.string(),
      }),
    }),
    of: (command, _prepared, events) => {
      const completed = events.find((event): event is PayRunCompleted => event.type === 'PayRunCompleted');
      return {
        payRunId: command.payRunId,
        payslips: completed?.data.payslips ?? 0,
        held: completed?.data.held ?? [],
        totals: completed?.data.totals ?? {},
      };
    },
  },
});
