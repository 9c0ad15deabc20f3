import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { EmploymentId, employmentNotFound } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { RecipientId } from '@dpe/recipients';
import { businessDate, oneOf, text, z } from '@dpe/schema';
import { councilOfEmployment, hiredOrNotFound, loadEmployment, type EmploymentContext } from './submit-timesheet';
import {
  APPROVERS,
  periodKey,
  periodStartOf,
  timesheetStream,
  type PeriodTimesheets,
  type Timesheet,
  type TimesheetApproved,
  type TimesheetRejected,
} from './timesheet-stream';

// Authorised hours are needed before processing (Partners in Personalisation, dp-domain.md §5.3): the recipient or
// their representative approves, directly (the employer role, bound to its own recipients: selfOfPrepared), or the
// bureau records that approval (given on paper or by phone).
const APPROVER_ROLES: readonly Role[] = [...BUREAU_WRITERS, 'employer'];

export const TimesheetId = z
  .string()
  .refine((id) => periodStartOf(id) !== undefined, 'must be a timesheet id such as "2026-04-06-1"')
  .describe("The timesheet's id: its period's first day and its number in the period");

const Addressed = {
  recipientId: RecipientId,
  employmentId: EmploymentId,
  timesheetId: TimesheetId,
};
const DATES = { from: '2015-04-01', to: '2099-12-31' };

function pending(state: PeriodTimesheets, command: { timesheetId: string; employmentId: string }): Timesheet {
  const sheet = state.timesheets.find((t) => t.timesheetId === command.timesheetId);
  if (!sheet) {
    throw new DomainError(
      'not-found',
      'timesheet.not-found',
      `timesheet ${command.timesheetId} of employment ${command.employmentId} was not found`,
    );
  }
  if (sheet.status !== 'submitted') {
    // A decision on a timesheet is final: a correction is a new timesheet (or, once paid, an amendment).
    throw new DomainError(
      'conflict',
      `timesheet.already-${sheet.status}`,
      `timesheet ${sheet.timesheetId} was already ${sheet.status}`,
    );
  }
  return sheet;
}

const scope = {
  roles: APPROVER_ROLES,
  councilOfPrepared: councilOfEmployment,
  selfOfPrepared: ({ recipient }: EmploymentContext) =>
    recipient.status === 'enrolled' ? recipient.recipientId : undefined,
  notFound: (command: { recipientId: string; employmentId: string }) => employmentNotFound(command),
};
const keyOf = (command: { employmentId: string; timesheetId: string }) =>
  periodKey(command.employmentId, periodStartOf(command.timesheetId)!);

export const approveTimesheet = defineCommand({
  name: 'approve-timesheet',
  summary: 'Approve a submitted timesheet for payment (records TimesheetApproved)',
  input: z.strictObject({
    ...Addressed,
    approvedBy: oneOf(APPROVERS, 'The recipient (employer) or their representative'),
    approvedOn: businessDate(DATES, 'The day it was approved; default today').optional(),
  }),
  complete: (input) => input,
  stream: timesheetStream,
  streamKey: (command) => keyOf(command),
  prepare: (command, context) => loadEmployment(context, command.recipientId, command.employmentId),
  decide(command, state, now, prepared): TimesheetApproved[] {
    hiredOrNotFound(prepared, command);
    const sheet = pending(state, command);
    return [
      {
        type: 'TimesheetApproved',
        data: {
          timesheetId: sheet.timesheetId,
          employmentId: command.employmentId,
          approvedBy: command.approvedBy,
          approvedOn: command.approvedOn ?? now.toISODate()!,
        },
      },
    ];
  },
  http: {
    method: 'POST',
    path: '/recipients/:recipientId/employments/:employmentId/timesheets/:timesheetId/approve',
    status: 200,
  },
  policy: scope,
  reply: {
    schema: z.object({ timesheetId: z.string() }),
    of: (command) => ({ timesheetId: command.timesheetId }),
  },
});

export const rejectTimesheet = defineCommand({
  name: 'reject-timesheet',
  summary: 'Reject a submitted timesheet, with the reason (records TimesheetRejected)',
  input: z.strictObject({
    ...Addressed,
    reason: text(500, 'Why, so the PA can correct and resubmit it'),
    rejectedOn: businessDate(DATES, 'The day it was rejected; default today').optional(),
  }),
  complete: (input) => input,
  stream: timesheetStream,
  streamKey: (command) => keyOf(command),
  prepare: (command, context) => loadEmployment(context, command.recipientId, command.employmentId),
  decide(command, state, now, prepared): TimesheetRejected[] {
    hiredOrNotFound(prepared, command);
    const sheet = pending(state, command);
    return [
      {
        type: 'TimesheetRejected',
        data: {
          timesheetId: sheet.timesheetId,
          employmentId: command.employmentId,
          reason: command.reason,
          rejectedOn: command.rejectedOn ?? now.toISODate()!,
        },
      },
    ];
  },
  http: {
    method: 'POST',
    path: '/recipients/:recipientId/employments/:employmentId/timesheets/:timesheetId/reject',
    status: 200,
  },
  policy: scope,
  reply: {
    schema: z.object({ timesheetId: z.string() }),
    of: (command) => ({ timesheetId: command.timesheetId }),
  },
});
