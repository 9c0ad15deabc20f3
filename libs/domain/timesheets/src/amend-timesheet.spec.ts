import type { PaHiredData, RecipientState } from '@dpe/recipients';
import { commandSpec } from '@dpe/testing';
import { amendTimesheet, timesheetStream, type PeriodTimesheets, type TimesheetSubmittedData } from '@dpe/timesheets';

const hire = {
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  startDate: '2026-04-06',
  schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
  rates: { standard: '13.00' },
  pa: { dateOfBirth: '1990-01-01' },
} as PaHiredData;
const recipient: RecipientState = {
  status: 'enrolled',
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-01-05',
  budgets: [],
  roster: [hire],
};
const shift = { date: '2026-04-06', start: '09:00', hours: '7.5', rateKind: 'standard' as const };
const sheet: TimesheetSubmittedData = {
  timesheetId: '2026-04-04-1',
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  periodStart: '2026-04-04',
  periodEnd: '2026-04-10',
  payDate: '2026-04-10',
  shifts: [shift],
  channel: 'paper',
  submittedBy: 'pa',
};
const periodOf = (...events: { type: string; data: unknown }[]): PeriodTimesheets =>
  events.reduce((state, event) => timesheetStream.evolve(state, event as never), timesheetStream.initialState);
const submitted = { type: 'TimesheetSubmitted', data: sheet };
const approved = {
  type: 'TimesheetApproved',
  data: { timesheetId: sheet.timesheetId, employmentId: 'e-2001', approvedBy: 'employer', approvedOn: '2026-04-10' },
};
const spec = commandSpec(amendTimesheet, { prepared: { recipient, period: periodOf(submitted, approved) } });
const input = {
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  timesheetId: '2026-04-04-1',
  shifts: [{ ...shift, hours: '6' }],
  reason: 'left at 15:00',
};
const amendment = (amendmentId: string, shifts: object[], replaces: object[]) => ({
  type: 'TimesheetAmended',
  data: {
    recipientId: 'r-1001',
    employmentId: 'e-2001',
    amendmentId,
    timesheetId: '2026-04-04-1',
    periodStart: '2026-04-04',
    periodEnd: '2026-04-10',
    shifts,
    replaces,
    reason: 'left at 15:00',
  },
});

describe('amend a timesheet', () => {
  it('given an approved timesheet, when its shifts are corrected, then TimesheetAmended keeps what they replace', () => {
    const [event] = spec.given([]).when(input, { commandId: 'c-amend' }).events();
    expect(event).toMatchObject(amendment(expect.any(String) as never, [input.shifts[0]!], [shift]));
  });

  it('given an earlier correction, when corrected again, then it replaces the earlier correction, not the timesheet', () => {
    const first = amendment('a-1', [{ ...shift, hours: '6' }], [shift]);
    const [event] = spec
      .given([first])
      .when({ ...input, shifts: [{ ...shift, hours: '5' }] })
      .events();
    expect(event).toMatchObject({ data: { shifts: [{ ...shift, hours: '5' }], replaces: [{ ...shift, hours: '6' }] } });
  });

  it('refuses a timesheet not yet approved: it is rejected and submitted again instead', () => {
    spec
      .given([])
      .when(input, { prepared: { recipient, period: periodOf(submitted) } })
      .thenError('timesheet.amend-not-approved', 'rule');
  });

  it('refuses a correction that changes nothing', () => {
    spec
      .given([])
      .when({ ...input, shifts: [shift] })
      .thenError('timesheet.amend-unchanged', 'rule');
  });

  it('refuses corrected shifts that break a timesheet rule, naming each', () => {
    spec
      .given([])
      .when({
        ...input,
        shifts: [
          { ...shift, hours: '6' },
          { ...shift, hours: '2', start: '10:00' },
          { ...shift, date: '2026-04-12' },
        ],
      })
      .thenInvalid(['shifts.1', 'shifts.2.date']);
  });

  it('refuses an unknown timesheet and an employment not on the roster as not found', () => {
    spec
      .given([])
      .when({ ...input, timesheetId: '2026-04-04-9' })
      .thenError('timesheet.not-found', 'not-found');
    spec
      .given([])
      .when({ ...input, employmentId: 'e-nobody' })
      .thenError('employment.not-found', 'not-found');
  });
});
