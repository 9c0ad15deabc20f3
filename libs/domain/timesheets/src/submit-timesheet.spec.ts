import { EMPTY_EMPLOYMENT, type EmploymentState } from '@dpe/employment';
import { EngineError } from '@dpe/errors';
import type { PaHiredData, RecipientState } from '@dpe/recipients';
import { commandSpec } from '@dpe/testing';
import { submitTimesheet, type EmploymentContext, type TimesheetSubmittedData } from '@dpe/timesheets';

/** A PA of recipient r-1001 (kent) from Monday 6 April 2026, paid weekly on Fridays for the week Saturday to Friday. */
const hire: PaHiredData = {
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  payrollId: 'e-2001',
  pa: {
    forename: 'Jamie',
    surname: 'Clarke',
    nationalInsuranceNumber: 'QQ123456C',
    dateOfBirth: '1990-03-14',
    gender: 'F',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2026-04-06',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
  rates: { standard: '13.50', night: '15.00' },
  contractedHoursPerWeek: null,
  holiday: { basis: 'accrual', rolledUp: false },
  pension: 'assess',
  bank: { accountName: 'J Clarke', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
};
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
const employment: EmploymentState = { ...EMPTY_EMPLOYMENT, recipientId: 'r-1001' };
const context = (overrides: Partial<EmploymentContext> = {}): { prepared: EmploymentContext } => ({
  prepared: { recipient, hire, employment, ...overrides },
});

/** The first pay period: Saturday 4 to Friday 10 April 2026, paid on the 10th. */
const week = { periodStart: '2026-04-04', periodEnd: '2026-04-10' };
const shift = (date: string, start: string, hours: string, rateKind = 'standard') => ({ date, start, hours, rateKind });
const input = (...shifts: ReturnType<typeof shift>[]) => ({
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  ...week,
  shifts,
  channel: 'portal',
  submittedBy: 'pa',
});
const submitted = (timesheetId: string, ...shifts: ReturnType<typeof shift>[]) => ({
  type: 'TimesheetSubmitted',
  data: { timesheetId, ...input(...shifts), payDate: '2026-04-10' } as TimesheetSubmittedData,
});

const spec = commandSpec(submitTimesheet, context());

function messageOf(outcome: { events(): unknown }): string {
  try {
    outcome.events();
  } catch (error) {
    if (error instanceof EngineError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('submit a timesheet', () => {
  it('given an employment on the roster, when a week is submitted, then TimesheetSubmitted names its pay date', () => {
    const monday = shift('2026-04-06', '09:00', '7.5');
    spec
      .given([])
      .when(input(monday))
      .then([
        {
          type: 'TimesheetSubmitted',
          data: {
            timesheetId: '2026-04-04-1',
            recipientId: 'r-1001',
            employmentId: 'e-2001',
            periodStart: '2026-04-04',
            periodEnd: '2026-04-10',
            payDate: '2026-04-10',
            shifts: [monday],
            channel: 'portal',
            submittedBy: 'pa',
          },
        },
      ]);
  });

  it('numbers timesheets within their period: the next one of the period is -2, counting rejected ones', () => {
    const first = submitted('2026-04-04-1', shift('2026-04-06', '09:00', '4'));
    const [second] = spec
      .given([first])
      .when(input(shift('2026-04-07', '09:00', '4')))
      .events();
    expect(second!.data).toMatchObject({ timesheetId: '2026-04-04-2' });
    const rejected = {
      type: 'TimesheetRejected',
      data: { timesheetId: '2026-04-04-2', employmentId: 'e-2001', reason: 'wrong week', rejectedOn: '2026-04-08' },
    };
    const [third] = spec
      .given([first, { type: 'TimesheetSubmitted', data: second!.data }, rejected])
      .when(input(shift('2026-04-08', '09:00', '4')))
      .events();
    expect(third!.data).toMatchObject({ timesheetId: '2026-04-04-3' });
  });

  it('refuses a period that is not one of the schedule, naming the pay period that contains its start', () => {
    // LGO West Northamptonshire: a timesheet for a period that did not match the payroll schedule went unpaid.
    const outcome = spec
      .given([])
      .when({ ...input(shift('2026-04-07', '09:00', '4')), periodStart: '2026-04-06', periodEnd: '2026-04-12' });
    outcome.thenError('timesheet.period-not-on-schedule', 'rule');
    expect(messageOf(outcome)).toBe(
      'periodStart/periodEnd: 2026-04-06 to 2026-04-12 is not a pay period of employment e-2001 (paid weekly); ' +
        'the pay period containing 2026-04-06 is 2026-04-04 to 2026-04-10',
    );
    // Right start, wrong end.
    spec
      .given([])
      .when({ ...input(shift('2026-04-07', '09:00', '4')), periodEnd: '2026-04-11' })
      .thenError('timesheet.period-not-on-schedule', 'rule');
  });

  it('refuses a period that ends before it starts', () => {
    const [issue] = spec
      .given([])
      .when({ ...input(shift('2026-04-07', '09:00', '4')), periodStart: '2026-04-10', periodEnd: '2026-04-04' })
      .thenInvalid(['periodEnd']);
    expect(issue!.rule).toBe('must not be before periodStart 2026-04-10');
  });

  it('refuses a shift outside the pay period', () => {
    const [issue] = spec
      .given([])
      .when(input(shift('2026-04-11', '09:00', '4')))
      .thenInvalid(['shifts.0.date']);
    expect(issue!.rule).toBe('must be inside the pay period 2026-04-04 to 2026-04-10');
  });

  it('refuses a shift before the employment started, and one after the PA left', () => {
    const [before] = spec
      .given([])
      .when(input(shift('2026-04-05', '09:00', '4')))
      .thenInvalid(['shifts.0.date']);
    expect(before!.rule).toBe('must not be before the employment started on 2026-04-06');
    const left: EmploymentState = {
      ...employment,
      leaver: {
        recipientId: 'r-1001',
        employmentId: 'e-2001',
        leavingDate: '2026-04-08',
        reason: 'resignation',
        finalPay: { noticePay: null, holidayOwed: null, statutoryRedundancyPay: null },
      },
    };
    const [after] = spec
      .given([])
      .when(input(shift('2026-04-08', '09:00', '4'), shift('2026-04-09', '09:00', '4')), context({ employment: left }))
      .thenInvalid(['shifts.1.date']);
    expect(after!.rule).toBe('must not be after the PA left on 2026-04-08');
  });

  it('refuses a rate kind the employment does not pay on the day, and accepts it once a pay rate change adds it', () => {
    const [issue] = spec
      .given([])
      .when(input(shift('2026-04-07', '22:00', '9', 'sleep-in')))
      .thenInvalid(['shifts.0.rateKind']);
    expect(issue!.rule).toBe('the employment has no sleep-in rate on 2026-04-07 (it pays: standard, night)');
    const sleepInFrom8th: EmploymentState = {
      ...employment,
      payRates: [
        {
          recipientId: 'r-1001',
          employmentId: 'e-2001',
          effectiveFrom: '2026-04-08',
          rates: { standard: '13.50', night: '15.00', 'sleep-in': '90.00' },
        },
      ],
    };
    const withChange = context({ employment: sleepInFrom8th });
    spec
      .given([])
      .when(input(shift('2026-04-07', '22:00', '9', 'sleep-in')), withChange)
      .thenInvalid(['shifts.0.rateKind']);
    expect(
      spec
        .given([])
        .when(input(shift('2026-04-08', '22:00', '9', 'sleep-in')), withChange)
        .events(),
    ).toHaveLength(1);
  });

  it('refuses shifts that overlap within the timesheet, naming the shift overlapped', () => {
    const [issue] = spec
      .given([])
      .when(input(shift('2026-04-07', '09:00', '8'), shift('2026-04-07', '16:00', '2')))
      .thenInvalid(['shifts.1']);
    expect(issue!.rule).toBe('overlaps the shift 2026-04-07 09:00 (8 h standard)');
    // Back to back is not an overlap.
    expect(
      spec
        .given([])
        .when(input(shift('2026-04-07', '09:00', '8'), shift('2026-04-07', '17:00', '2')))
        .events(),
    ).toHaveLength(1);
  });

  it('refuses a shift that overlaps one of another timesheet of the period, submitted or approved', () => {
    const other = submitted('2026-04-04-1', shift('2026-04-07', '09:00', '8'));
    const [issue] = spec
      .given([other])
      .when(input(shift('2026-04-07', '12:00', '4')))
      .thenInvalid(['shifts.0']);
    expect(issue!.rule).toBe('overlaps the shift 2026-04-07 09:00 (8 h standard)');
    const approved = {
      type: 'TimesheetApproved',
      data: { timesheetId: '2026-04-04-1', employmentId: 'e-2001', approvedBy: 'employer', approvedOn: '2026-04-08' },
    };
    spec
      .given([other, approved])
      .when(input(shift('2026-04-07', '12:00', '4')))
      .thenInvalid(['shifts.0']);
  });

  it('ignores the shifts of a rejected timesheet: its corrected resubmission may cover the same hours', () => {
    const rejected = [
      submitted('2026-04-04-1', shift('2026-04-07', '09:00', '8')),
      {
        type: 'TimesheetRejected',
        data: { timesheetId: '2026-04-04-1', employmentId: 'e-2001', reason: 'hours', rejectedOn: '2026-04-08' },
      },
    ];
    const [resubmitted] = spec
      .given(rejected)
      .when(input(shift('2026-04-07', '09:00', '7')))
      .events();
    expect(resubmitted!.data).toMatchObject({
      timesheetId: '2026-04-04-2',
      shifts: [shift('2026-04-07', '09:00', '7')],
    });
  });

  it('refuses more than 24 hours starting on one day, counting the other timesheets of the period', () => {
    // 09:00 for 12 h ends at 21:00; 21:00 for 12.5 h does not overlap it, but makes 24.5 h starting on the 7th.
    const [issue] = spec
      .given([])
      .when(input(shift('2026-04-07', '09:00', '12'), shift('2026-04-07', '21:00', '12.5')))
      .thenInvalid(['shifts.1.hours']);
    expect(issue!.rule).toBe('makes 24.50 hours on 2026-04-07: at most 24 in a day');
    const [other] = spec
      .given([submitted('2026-04-04-1', shift('2026-04-07', '00:00', '20'))])
      .when(input(shift('2026-04-07', '20:00', '4.25')))
      .thenInvalid(['shifts.0.hours']);
    expect(other!.rule).toBe('makes 24.25 hours on 2026-04-07: at most 24 in a day');
    // Exactly 24 is allowed.
    expect(
      spec
        .given([])
        .when(input(shift('2026-04-07', '00:00', '24')))
        .events(),
    ).toHaveLength(1);
  });

  it('counts a night shift crossing midnight to the day it starts, and overlaps it into the next morning', () => {
    const night = shift('2026-04-07', '22:00', '10', 'night');
    // 22:00 for 10 h runs to 08:00 on the 8th: a shift from 07:00 overlaps it, one from 08:00 does not.
    const [issue] = spec
      .given([])
      .when(input(night, shift('2026-04-08', '07:00', '8')))
      .thenInvalid(['shifts.1']);
    expect(issue!.rule).toBe('overlaps the shift 2026-04-07 22:00 (10 h night)');
    expect(
      spec
        .given([])
        .when(input(night, shift('2026-04-08', '08:00', '8')))
        .events(),
    ).toHaveLength(1);
    // The night's 10 h count to the 7th, so 16 h more starting on the 8th is within the day's 24.
    expect(
      spec
        .given([])
        .when(input(night, shift('2026-04-08', '08:00', '16')))
        .events(),
    ).toHaveLength(1);
  });

  it('measures a night across the clock change in real hours: 25 October 2026 has a 25-hour day', () => {
    // British Summer Time ends at 02:00 on Sunday 25 October 2026 (clocks go back to 01:00). A night from 22:00 on
    // Saturday for 9 hours ends at 06:00 GMT, not 07:00: a shift from 06:00 follows it, one from 05:30 overlaps it.
    const period = { periodStart: '2026-10-24', periodEnd: '2026-10-30' };
    const night = shift('2026-10-24', '22:00', '9', 'night');
    const [event] = spec
      .given([])
      .when({ ...input(night, shift('2026-10-25', '06:00', '8')), ...period })
      .events();
    expect(event!.data).toMatchObject({ timesheetId: '2026-10-24-1', payDate: '2026-10-30' });
    const [issue] = spec
      .given([])
      .when({ ...input(night, shift('2026-10-25', '05:30', '8')), ...period })
      .thenInvalid(['shifts.1']);
    expect(issue!.rule).toBe('overlaps the shift 2026-10-24 22:00 (9 h night)');
  });

  it('names every bad shift at once', () => {
    spec
      .given([])
      .when(
        input(
          shift('2026-04-03', '09:00', '4'),
          shift('2026-04-05', '09:00', '4'),
          shift('2026-04-07', '09:00', '4', 'weekend'),
          shift('2026-04-07', '10:00', '4'),
        ),
      )
      .thenInvalid(['shifts.0.date', 'shifts.1.date', 'shifts.2.rateKind', 'shifts.3']);
  });

  it('refuses an employment not on the roster, or of a recipient not enrolled, as not found', () => {
    const outcome = spec
      .given([])
      .when({ ...input(shift('2026-04-07', '09:00', '4')), employmentId: 'e-9999' }, context({ hire: undefined }));
    outcome.thenError('employment.not-found', 'not-found');
    expect(messageOf(outcome)).toBe('employment e-9999 is not on the roster of recipient r-1001');
    spec
      .given([])
      .when(input(shift('2026-04-07', '09:00', '4')), context({ recipient: { status: 'not-enrolled' } }))
      .thenError('employment.not-found', 'not-found');
  });

  it('refuses a shift of no hours, more than 24, or not in hh:mm', () => {
    spec
      .given([])
      .when(
        input(shift('2026-04-07', '09:00', '0'), shift('2026-04-07', '9:00', '4'), shift('2026-04-08', '09:00', '25')),
      )
      .thenInvalid(['shifts.0.hours', 'shifts.1.start', 'shifts.2.hours']);
  });
});
