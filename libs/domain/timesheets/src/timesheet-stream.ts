import { defineStream, type DomainEvent } from '@dpe/decider';
import type { RateKind } from '@dpe/recipients';

/**
 * The timesheets of one pay period of one employment: `timesheets-{employmentId}-{periodStart}`. Every check that
 * compares a new timesheet with the others (overlap, 24 hours a day) is a fold of this one stream, so it holds under
 * concurrent submissions; and a pay run reads exactly the streams of the periods it pays (docs/domain-model.md).
 */
export interface Shift {
  readonly date: string;
  /** Local start time, "HH:mm" (Europe/London). A shift may run past midnight. */
  readonly start: string;
  /** Hours as decimal text, e.g. "7.5". For a sleep-in, the length of the night (paid as one flat amount). */
  readonly hours: string;
  readonly rateKind: RateKind;
}

export const CHANNELS = ['portal', 'paper', 'email', 'import'] as const;
export type Channel = (typeof CHANNELS)[number];
export const SUBMITTERS = ['pa', 'employer', 'representative', 'bureau'] as const;
export const APPROVERS = ['employer', 'representative'] as const;

/** TimesheetSubmitted, schema version 1. */
export interface TimesheetSubmittedData {
  /** "{periodStart}-{n}": the period's start date and the timesheet's number within the period. */
  readonly timesheetId: string;
  readonly recipientId: string;
  readonly employmentId: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  /** The pay date of the period, from the employment's schedule. */
  readonly payDate: string;
  readonly shifts: readonly Shift[];
  readonly channel: Channel;
  readonly submittedBy: (typeof SUBMITTERS)[number];
}
/** TimesheetApproved, schema version 1. */
export interface TimesheetApprovedData {
  readonly timesheetId: string;
  readonly employmentId: string;
  /** Who approved: the recipient (employer) or their representative; the bureau records it on their instruction. */
  readonly approvedBy: (typeof APPROVERS)[number];
  readonly approvedOn: string;
}
/** TimesheetRejected, schema version 1. */
export interface TimesheetRejectedData {
  readonly timesheetId: string;
  readonly employmentId: string;
  readonly reason: string;
  readonly rejectedOn: string;
}

export type TimesheetSubmitted = DomainEvent<'TimesheetSubmitted', TimesheetSubmittedData>;
export type TimesheetApproved = DomainEvent<'TimesheetApproved', TimesheetApprovedData>;
export type TimesheetRejected = DomainEvent<'TimesheetRejected', TimesheetRejectedData>;
export type TimesheetEvent = TimesheetSubmitted | TimesheetApproved | TimesheetRejected;

export interface Timesheet extends TimesheetSubmittedData {
  readonly status: 'submitted' | 'approved' | 'rejected';
  readonly approval?: TimesheetApprovedData;
  readonly rejection?: TimesheetRejectedData;
}

export interface PeriodTimesheets {
  readonly timesheets: readonly Timesheet[];
}

export const timesheetStream = defineStream<TimesheetEvent, PeriodTimesheets>({
  name: 'timesheets',
  streamId: (key) => `timesheets-${key}`,
  initialState: { timesheets: [] },
  evolve(state, event) {
    const update = (id: string, change: (sheet: Timesheet) => Timesheet): PeriodTimesheets => ({
      timesheets: state.timesheets.map((sheet) => (sheet.timesheetId === id ? change(sheet) : sheet)),
    });
    switch (event.type) {
      case 'TimesheetSubmitted':
        return { timesheets: [...state.timesheets, { ...event.data, status: 'submitted' }] };
      case 'TimesheetApproved':
        return update(event.data.timesheetId, (sheet) => ({ ...sheet, status: 'approved', approval: event.data }));
      case 'TimesheetRejected':
        return update(event.data.timesheetId, (sheet) => ({ ...sheet, status: 'rejected', rejection: event.data }));
      default:
        return state;
    }
  },
});

/** The stream key of an employment's pay period: the employment id and the period's first day. */
export const periodKey = (employmentId: string, periodStart: string): string => `${employmentId}-${periodStart}`;

/** A timesheet id names its period: "2026-04-06-2" is the second timesheet of the period starting 6 April 2026. */
export function periodStartOf(timesheetId: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})-[1-9]\d{0,2}$/.exec(timesheetId);
  return match?.[1];
}

/** The approved timesheets of a period, as a pay run takes them. */
export const approvedTimesheets = (state: PeriodTimesheets): readonly Timesheet[] =>
  state.timesheets.filter((sheet) => sheet.status === 'approved');
