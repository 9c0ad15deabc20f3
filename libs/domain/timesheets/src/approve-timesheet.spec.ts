import { EMPTY_EMPLOYMENT } from '@dpe/employment';
import { EngineError } from '@dpe/errors';
import type { PaHiredData, RecipientState } from '@dpe/recipients';
import { commandSpec } from '@dpe/testing';
import {
  approveTimesheet,
  periodKey,
  rejectTimesheet,
  type EmploymentContext,
  type TimesheetSubmittedData,
} from '@dpe/timesheets';

/** Only what approving reads of the hire: that it is on the roster. */
const hire = { recipientId: 'r-1001', employmentId: 'e-2001', startDate: '2026-04-06' } as PaHiredData;
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
const context = (overrides: Partial<EmploymentContext> = {}): { prepared: EmploymentContext } => ({
  prepared: { recipient, hire, employment: { ...EMPTY_EMPLOYMENT, recipientId: 'r-1001' }, ...overrides },
});

const sheet = (timesheetId: string, date: string): TimesheetSubmittedData => ({
  timesheetId,
  recipientId: 'r-1001',
  employmentId: 'e-2001',
  periodStart: '2026-04-04',
  periodEnd: '2026-04-10',
  payDate: '2026-04-10',
  shifts: [{ date, start: '09:00', hours: '7.5', rateKind: 'standard' }],
  channel: 'paper',
  submittedBy: 'pa',
});
const submitted = [
  { type: 'TimesheetSubmitted', data: sheet('2026-04-04-1', '2026-04-06') },
  { type: 'TimesheetSubmitted', data: sheet('2026-04-04-2', '2026-04-07') },
];
const ids = { recipientId: 'r-1001', employmentId: 'e-2001', timesheetId: '2026-04-04-1' };
const approval = { ...ids, approvedBy: 'employer', approvedOn: '2026-04-10' };
const rejection = { ...ids, reason: 'hours do not match the rota', rejectedOn: '2026-04-10' };
const approved = {
  type: 'TimesheetApproved',
  data: { timesheetId: '2026-04-04-1', employmentId: 'e-2001', approvedBy: 'employer', approvedOn: '2026-04-10' },
};
const rejected = {
  type: 'TimesheetRejected',
  data: {
    timesheetId: '2026-04-04-1',
    employmentId: 'e-2001',
    reason: 'hours do not match the rota',
    rejectedOn: '2026-04-10',
  },
};

const approve = commandSpec(approveTimesheet, context());
const reject = commandSpec(rejectTimesheet, context());

function messageOf(outcome: { events(): unknown }): string {
  try {
    outcome.events();
  } catch (error) {
    if (error instanceof EngineError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('approve a timesheet', () => {
  it('given a submitted timesheet, when the employer approves it, then TimesheetApproved records who and when', () => {
    approve.given(submitted).when(approval).then([approved]);
  });

  it('dates the approval today when no date is given', () => {
    const { approvedOn: _none, ...undated } = approval;
    approve
      .given(submitted)
      .when(undated, { now: '2026-04-11T10:00:00' })
      .then([{ type: 'TimesheetApproved', data: { ...approved.data, approvedOn: '2026-04-11' } }]);
  });

  it('acts on the stream of the period the timesheet id names', () => {
    expect(approveTimesheet.streamKey({ ...approval, timesheetId: '2026-04-04-2' } as never)).toBe(
      periodKey('e-2001', '2026-04-04'),
    );
  });

  it('refuses to approve a timesheet twice, or one that was rejected (conflict)', () => {
    const twice = approve.given([...submitted, approved]).when(approval);
    twice.thenError('timesheet.already-approved', 'conflict');
    expect(messageOf(twice)).toBe('timesheet 2026-04-04-1 was already approved');
    const afterRejection = approve.given([...submitted, rejected]).when(approval);
    afterRejection.thenError('timesheet.already-rejected', 'conflict');
    expect(messageOf(afterRejection)).toBe('timesheet 2026-04-04-1 was already rejected');
  });

  it('approves the other timesheet of the period after one is decided', () => {
    approve
      .given([...submitted, approved])
      .when({ ...approval, timesheetId: '2026-04-04-2', approvedBy: 'representative' })
      .then([
        {
          type: 'TimesheetApproved',
          data: { ...approved.data, timesheetId: '2026-04-04-2', approvedBy: 'representative' },
        },
      ]);
  });

  it('refuses an unknown timesheet id (not found)', () => {
    const outcome = approve.given(submitted).when({ ...approval, timesheetId: '2026-04-04-3' });
    outcome.thenError('timesheet.not-found', 'not-found');
    expect(messageOf(outcome)).toBe('timesheet 2026-04-04-3 of employment e-2001 was not found');
  });

  it('refuses an employment not on the roster, or of a recipient not enrolled (not found)', () => {
    const outcome = approve.given(submitted).when(approval, context({ hire: undefined }));
    outcome.thenError('employment.not-found', 'not-found');
    expect(messageOf(outcome)).toBe('employment e-2001 is not on the roster of recipient r-1001');
    approve
      .given(submitted)
      .when(approval, context({ recipient: { status: 'not-enrolled' } }))
      .thenError('employment.not-found', 'not-found');
  });

  it('refuses a timesheet id that names no period, and an approver who is not the employer or representative', () => {
    approve
      .given(submitted)
      .when({ ...approval, timesheetId: '2026-04-04' })
      .thenInvalid(['timesheetId']);
    approve
      .given(submitted)
      .when({ ...approval, approvedBy: 'pa' })
      .thenInvalid(['approvedBy']);
  });
});

describe('reject a timesheet', () => {
  it('given a submitted timesheet, when rejected, then TimesheetRejected records the reason', () => {
    reject.given(submitted).when(rejection).then([rejected]);
  });

  it('dates the rejection today when no date is given', () => {
    const { rejectedOn: _none, ...undated } = rejection;
    reject
      .given(submitted)
      .when(undated, { now: '2026-04-11T10:00:00' })
      .then([{ type: 'TimesheetRejected', data: { ...rejected.data, rejectedOn: '2026-04-11' } }]);
  });

  it('refuses to reject an approved timesheet, or one already rejected (conflict)', () => {
    const afterApproval = reject.given([...submitted, approved]).when(rejection);
    afterApproval.thenError('timesheet.already-approved', 'conflict');
    expect(messageOf(afterApproval)).toBe('timesheet 2026-04-04-1 was already approved');
    const twice = reject.given([...submitted, rejected]).when(rejection);
    twice.thenError('timesheet.already-rejected', 'conflict');
    expect(messageOf(twice)).toBe('timesheet 2026-04-04-1 was already rejected');
  });

  it('refuses an unknown timesheet id, and an employment not on the roster (not found)', () => {
    const unknown = reject.given([]).when(rejection);
    unknown.thenError('timesheet.not-found', 'not-found');
    expect(messageOf(unknown)).toBe('timesheet 2026-04-04-1 of employment e-2001 was not found');
    reject
      .given(submitted)
      .when(rejection, context({ hire: undefined }))
      .thenError('employment.not-found', 'not-found');
  });

  it('needs a reason', () => {
    reject
      .given(submitted)
      .when({ ...rejection, reason: ' ' })
      .thenInvalid(['reason']);
  });
});
