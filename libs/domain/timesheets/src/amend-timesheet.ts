import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import {
  EmploymentId,
  employmentNotFound,
  employmentStream,
  hiredEmployment,
  type TimesheetAmended,
} from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { RecipientId, recipientStream, type RecipientState } from '@dpe/recipients';
import { text, z } from '@dpe/schema';
import { TimesheetId } from './approve-timesheet';
import { ShiftInput, timesheetProblems } from './submit-timesheet';
import { periodKey, periodStartOf, timesheetStream, type PeriodTimesheets } from './timesheet-stream';

interface AmendPrepared {
  readonly recipient: RecipientState;
  readonly period: PeriodTimesheets;
}

/**
 * A correction of an approved timesheet. A timesheet that has been decided is never edited (an auditor must see what
 * was approved and paid): the correction is a new fact on the employment's stream, and the next pay run pays the
 * corrected shifts if the timesheet is unpaid, or the difference as an adjustment line if it was paid. A timesheet not
 * yet approved is rejected and submitted again instead.
 */
export const amendTimesheet = defineCommand({
  name: 'amend-timesheet',
  summary:
    'Correct the shifts of an approved timesheet; the next pay run pays the difference (records TimesheetAmended)',
  input: z.strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId,
    timesheetId: TimesheetId,
    shifts: z
      .array(ShiftInput)
      .max(200, 'must list at most 200 shifts')
      .describe('The shifts as they should have been'),
    reason: text(500, 'Why, for the audit trail'),
  }),
  complete: (input, ids) => ({ ...input, amendmentId: ids.derive('amendment') }),
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: async (command, { load }): Promise<AmendPrepared> => ({
    recipient: await load(recipientStream, command.recipientId),
    period: await load(timesheetStream, periodKey(command.employmentId, periodStartOf(command.timesheetId)!)),
  }),
  decide(command, state, _now, { recipient, period }): TimesheetAmended[] {
    const hire = hiredEmployment(command, state, { recipient });
    const sheet = period.timesheets.find((t) => t.timesheetId === command.timesheetId);
    if (!sheet) {
      throw new DomainError(
        'not-found',
        'timesheet.not-found',
        `timesheet ${command.timesheetId} of employment ${command.employmentId} was not found`,
      );
    }
    if (sheet.status !== 'approved') {
      throw new DomainError(
        'rule',
        'timesheet.amend-not-approved',
        `timesheet ${sheet.timesheetId} is ${sheet.status}: only an approved timesheet is amended; ` +
          (sheet.status === 'submitted' ? 'reject it and submit it again' : 'submit a new timesheet'),
      );
    }
    const earlier = state.amendments.filter((amendment) => amendment.timesheetId === sheet.timesheetId);
    const replaces = earlier[earlier.length - 1]?.shifts ?? sheet.shifts;
    // The corrected shifts meet every rule a new timesheet meets, judged against the period's other timesheets.
    timesheetProblems({ ...sheet, shifts: command.shifts }, hire, state, {
      timesheets: period.timesheets.filter((t) => t.timesheetId !== sheet.timesheetId),
    });
    const key = (shifts: readonly { date: string; start: string; hours: string; rateKind: string }[]) =>
      JSON.stringify(shifts.map((s) => [s.date, s.start, s.hours, s.rateKind]).sort());
    if (key(replaces) === key(command.shifts)) {
      throw new DomainError('rule', 'timesheet.amend-unchanged', 'shifts: the amendment changes nothing');
    }
    return [
      {
        type: 'TimesheetAmended',
        data: {
          recipientId: command.recipientId,
          employmentId: command.employmentId,
          amendmentId: command.amendmentId,
          timesheetId: sheet.timesheetId,
          periodStart: sheet.periodStart,
          periodEnd: sheet.periodEnd,
          shifts: command.shifts,
          replaces,
          reason: command.reason,
        },
      },
    ];
  },
  http: {
    method: 'POST',
    path: '/recipients/:recipientId/employments/:employmentId/timesheets/:timesheetId/amend',
    status: 201,
  },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: AmendPrepared) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => employmentNotFound(command),
  },
  reply: {
    schema: z.object({ amendmentId: z.string(), timesheetId: z.string() }),
    of: (command) => ({ amendmentId: command.amendmentId, timesheetId: command.timesheetId }),
  },
});
