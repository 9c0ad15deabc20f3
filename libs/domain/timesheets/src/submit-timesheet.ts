import { DateTime } from 'luxon';
import { BUREAU_WRITERS, type Role } from '@dpe/access';
import { defineCommand, type PrepareContext } from '@dpe/decider';
import {
  EmploymentId,
  employmentNotFound,
  employmentStream,
  employmentTermsLookup,
  isPayDate,
  nextPayDate,
  payDatesBetween,
  payPeriodFor,
  type EmploymentState,
} from '@dpe/employment';
import { DomainError, InvalidInput } from '@dpe/errors';
import { Money } from '@dpe/money';
import { RATE_KINDS, RecipientId, recipientStream, type PaHiredData, type RecipientState } from '@dpe/recipients';
import { businessDate, oneOf, z } from '@dpe/schema';
import { dayNumberOfIso, isoOfDayNumber, yearMonthDayOf } from '@dpe/tax-calendar';
import {
  CHANNELS,
  SUBMITTERS,
  periodKey,
  timesheetStream,
  type PeriodTimesheets,
  type Shift,
  type TimesheetSubmitted,
} from './timesheet-stream';

const DATES = { from: '2015-04-01', to: '2099-12-31' };
const ZONE = 'Europe/London';
// The bureau keys timesheets in from paper or an import; an employer submits their PAs' timesheets themselves (bound
// to its own recipients: selfOfPrepared). A PA's own submission goes through their employer or the bureau: a PA
// principal is not yet bound to one employment.
export const TIMESHEET_SUBMITTERS: readonly Role[] = [...BUREAU_WRITERS, 'employer'];

export const ShiftInput = z.strictObject({
  date: businessDate(DATES, 'The day the shift starts'),
  start: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time hh:mm, e.g. "08:00"')
    .describe('Local start time (Europe/London), hh:mm'),
  // A shift is at most a day; a quarter of an hour is the finest unit providers record.
  hours: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be hours as decimal text, e.g. "7.5"')
    .refine((value) => Number(value) > 0, 'must be more than 0 hours')
    .refine((value) => Number(value) <= 24, 'must be at most 24 hours')
    .describe('Hours worked, as decimal text, e.g. "7.5"'),
  rateKind: oneOf(RATE_KINDS, 'Which of the employment’s rates pays the shift'),
});

export const SubmitTimesheetInput = z.strictObject({
  recipientId: RecipientId,
  employmentId: EmploymentId,
  periodStart: businessDate(DATES, 'First day of the pay period the timesheet is for'),
  periodEnd: businessDate(DATES, 'Last day of the pay period'),
  shifts: z.array(ShiftInput).min(1, 'must list at least one shift').max(200, 'must list at most 200 shifts'),
  channel: oneOf(CHANNELS, 'How the timesheet reached the bureau'),
  submittedBy: oneOf(SUBMITTERS, 'Who submitted it'),
});
export type SubmitTimesheet = z.output<typeof SubmitTimesheetInput>;

/** What a command on an employment finds outside its own stream: the employer and the employment's record. */
export interface EmploymentContext {
  readonly recipient: RecipientState;
  readonly hire: PaHiredData | undefined;
  readonly employment: EmploymentState;
}

export async function loadEmployment(
  context: PrepareContext,
  recipientId: string,
  employmentId: string,
): Promise<EmploymentContext> {
  const recipient = await context.load(recipientStream, recipientId);
  const hire =
    recipient.status === 'enrolled' ? recipient.roster.find((h) => h.employmentId === employmentId) : undefined;
  const employment = await context.load(employmentStream, employmentId);
  return { recipient, hire, employment };
}

export const councilOfEmployment = ({ recipient }: EmploymentContext) =>
  recipient.status === 'enrolled' ? recipient.councilId : undefined;

/** The employment, or the one not-found answer (also for a recipient outside the caller's scope). */
export function hiredOrNotFound(
  context: EmploymentContext,
  command: { recipientId: string; employmentId: string },
): PaHiredData {
  if (context.recipient.status !== 'enrolled' || !context.hire) throw employmentNotFound(command);
  return context.hire;
}

/** The instants a shift covers, as epoch milliseconds: from its start, up to (not including) its end. */
export interface Interval {
  readonly from: number;
  readonly to: number;
  readonly shift: Shift;
}

const DAY_MS = 86_400_000;
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * London's offset from UTC in minutes on a day with no clock change, or null on a day with one (the last Sundays of
 * March and October) or a date that is not one. One luxon lookup per date, then kept: a timesheet names the same days
 * as the others of its period, and every PA works the same calendar. Bounded by the dates a timesheet may name.
 */
const steadyOffsets = new Map<string, number | null>();
function steadyOffsetOn(date: string): number | null {
  let offset = steadyOffsets.get(date);
  if (offset === undefined) {
    const parsed = dayNumberOfIso(date);
    if (parsed === undefined) return null;
    const { year, month, day } = yearMonthDayOf(parsed);
    const midnight = DateTime.fromObject({ year, month, day, hour: 0, minute: 0 }, { zone: ZONE });
    const lastMinute = DateTime.fromObject({ year, month, day, hour: 23, minute: 59 }, { zone: ZONE });
    // London changes its clocks at most once a day, so the same offset at both ends means none that day.
    offset = midnight.isValid && midnight.offset === lastMinute.offset ? midnight.offset : null;
    if (steadyOffsets.size >= 100_000) steadyOffsets.clear();
    steadyOffsets.set(date, offset);
  }
  return offset;
}

/**
 * The instants a shift covers: it starts at its wall-clock time in London and lasts its hours of elapsed time, so a
 * night shift across a clock change works the hours it says. On a day without a clock change the start is the wall
 * clock less the day's offset; on a clock-change day (a start at 01:30 may not exist, or exist twice) luxon decides, as
 * it always has.
 */
export function intervalOf(shift: Shift): Interval {
  const minutes = Math.round(Number(shift.hours) * 60);
  const offset = steadyOffsetOn(shift.date);
  const time = CLOCK_TIME.exec(shift.start);
  if (offset !== null && time) {
    const from = dayNumberOfIso(shift.date)! * DAY_MS + (Number(time[1]) * 60 + Number(time[2]) - offset) * 60_000;
    return { from, to: from + minutes * 60_000, shift };
  }
  const from = DateTime.fromISO(`${shift.date}T${shift.start}`, { zone: ZONE });
  return { from: from.toMillis(), to: from.plus({ minutes }).toMillis(), shift };
}

const describeShift = (shift: Shift) => `${shift.date} ${shift.start} (${shift.hours} h ${shift.rateKind})`;

/**
 * The pay date whose pay period is exactly [start, end], if the schedule has one. A period ends `daysInArrears` days
 * before its pay date, except a monthly pay with no arrears, which pays the calendar month it falls in; so the only
 * pay date that can pay a period ending on `end` is found from `end` directly, then checked.
 */
function payDateOfPeriod(hire: PaHiredData, start: string, end: string): string | undefined {
  const { schedule } = hire;
  const last = dayNumberOfIso(end);
  if (last === undefined) throw InvalidInput.of([{ path: 'periodEnd', rule: 'must be a calendar date yyyy-mm-dd' }]);
  const candidate =
    schedule.frequency === 'monthly' && schedule.daysInArrears === 0
      ? nextPayDate(schedule, `${end.slice(0, 7)}-01`)
      : isoOfDayNumber(last + schedule.daysInArrears);
  // A pay date more than 62 days after the period is none: the schedule bounds arrears well inside that.
  if (candidate < start || dayNumberOfIso(candidate)! > last + 62 || !isPayDate(schedule, candidate)) return undefined;
  const period = payPeriodFor(schedule, candidate);
  return period.start === start && period.end === end ? candidate : undefined;
}

/** The pay period of the schedule that contains `day`, to tell the submitter which period was meant. */
function periodContaining(hire: PaHiredData, day: string): { start: string; end: string } | undefined {
  const from = DateTime.fromISO(day, { zone: ZONE });
  return payDatesBetween(hire.schedule, from.minus({ days: 7 }).toISODate()!, from.plus({ days: 62 }).toISODate()!)
    .map((payDate) => payPeriodFor(hire.schedule, payDate))
    .find((period) => period.start <= day && day <= period.end);
}

/**
 * The rules a timesheet must meet before anyone approves it (each refusal names the shift and the rule):
 * the period is one of the employment's pay periods (LGO West Northamptonshire: a timesheet for a period that did not
 * match the payroll schedule went unpaid, dp-domain.md §1.4); shifts fall inside it and inside the employment; none
 * overlaps another, in this timesheet or another of the period; at most 24 hours start on one day; each rate kind is
 * one the employment pays on that day.
 */
export function timesheetProblems(
  command: SubmitTimesheet,
  hire: PaHiredData,
  employment: EmploymentState,
  period: PeriodTimesheets,
): { payDate: string } {
  if (command.periodEnd < command.periodStart) {
    throw InvalidInput.of([{ path: 'periodEnd', rule: `must not be before periodStart ${command.periodStart}` }]);
  }
  const payDate = payDateOfPeriod(hire, command.periodStart, command.periodEnd);
  if (!payDate) {
    const meant = periodContaining(hire, command.periodStart);
    throw new DomainError(
      'rule',
      'timesheet.period-not-on-schedule',
      `periodStart/periodEnd: ${command.periodStart} to ${command.periodEnd} is not a pay period of employment ` +
        `${command.employmentId} (paid ${hire.schedule.frequency})` +
        (meant ? `; the pay period containing ${command.periodStart} is ${meant.start} to ${meant.end}` : ''),
    );
  }
  const issues: { path: string; rule: string }[] = [];
  // The terms of each distinct shift date, worked out once for this timesheet.
  const termsOn = employmentTermsLookup(hire, employment);
  const others = period.timesheets.filter((sheet) => sheet.status !== 'rejected').flatMap((sheet) => sheet.shifts);
  const seen: Interval[] = others.map(intervalOf);
  const hoursPerDay = new Map<string, Money>();
  for (const shift of others) {
    hoursPerDay.set(shift.date, (hoursPerDay.get(shift.date) ?? Money.zero).plus(Money.of(shift.hours)));
  }
  command.shifts.forEach((shift, index) => {
    const path = `shifts.${index}`;
    if (shift.date < command.periodStart || shift.date > command.periodEnd) {
      issues.push({
        path: `${path}.date`,
        rule: `must be inside the pay period ${command.periodStart} to ${command.periodEnd}`,
      });
      return;
    }
    const terms = termsOn(shift.date);
    if (shift.date < hire.startDate) {
      issues.push({ path: `${path}.date`, rule: `must not be before the employment started on ${hire.startDate}` });
      return;
    }
    if (terms.leaver && shift.date > terms.leaver.leavingDate) {
      issues.push({ path: `${path}.date`, rule: `must not be after the PA left on ${terms.leaver.leavingDate}` });
      return;
    }
    if (terms.rates[shift.rateKind] === undefined) {
      issues.push({
        path: `${path}.rateKind`,
        rule: `the employment has no ${shift.rateKind} rate on ${shift.date} (it pays: ${Object.keys(terms.rates).join(', ')})`,
      });
    }
    const interval = intervalOf(shift);
    const clash = seen.find((other) => interval.from < other.to && other.from < interval.to);
    if (clash) {
      issues.push({ path, rule: `overlaps the shift ${describeShift(clash.shift)}` });
    }
    seen.push(interval);
    const day = (hoursPerDay.get(shift.date) ?? Money.zero).plus(Money.of(shift.hours));
    hoursPerDay.set(shift.date, day);
    if (day.greaterThan(Money.of('24'))) {
      issues.push({
        path: `${path}.hours`,
        rule: `makes ${day.toString()} hours on ${shift.date}: at most 24 in a day`,
      });
    }
  });
  // Every bad shift is named at once, by its path in the request, as any invalid input is.
  if (issues.length > 0) throw InvalidInput.of(issues);
  return { payDate };
}

export const submitTimesheet = defineCommand({
  name: 'submit-timesheet',
  summary: 'Submit the hours a PA worked in one pay period (records TimesheetSubmitted)',
  input: SubmitTimesheetInput,
  complete: (input) => input,
  stream: timesheetStream,
  streamKey: (command) => periodKey(command.employmentId, command.periodStart),
  prepare: (command, context) => loadEmployment(context, command.recipientId, command.employmentId),
  decide(command, state, _now, prepared): TimesheetSubmitted[] {
    const hire = hiredOrNotFound(prepared, command);
    const { payDate } = timesheetProblems(command, hire, prepared.employment, state);
    const timesheetId = `${command.periodStart}-${state.timesheets.length + 1}`;
    return [
      {
        type: 'TimesheetSubmitted',
        data: {
          timesheetId,
          recipientId: command.recipientId,
          employmentId: command.employmentId,
          periodStart: command.periodStart,
          periodEnd: command.periodEnd,
          payDate,
          shifts: command.shifts,
          channel: command.channel,
          submittedBy: command.submittedBy,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/timesheets', status: 201 },
  policy: {
    roles: TIMESHEET_SUBMITTERS,
    councilOfPrepared: councilOfEmployment,
    selfOfPrepared: ({ recipient }: EmploymentContext) =>
      recipient.status === 'enrolled' ? recipient.recipientId : undefined,
    notFound: (command) => employmentNotFound(command),
  },
  reply: {
    schema: z.object({ employmentId: z.string(), timesheetId: z.string(), payDate: z.string() }),
    of: (command, _prepared, events) => ({
      employmentId: command.employmentId,
      timesheetId: events[0]?.data.timesheetId,
      payDate: events[0]?.data.payDate,
    }),
  },
});
