import { DateTime } from 'luxon';
import type { Principal } from '@dpe/access';
import { registerCouncil } from '@dpe/councils';
import { executeCommand, type AnyCommandDeclaration } from '@dpe/decider';
import { hirePa } from '@dpe/employment';
import { createInMemoryEventStore, type EventStore } from '@dpe/event-store';
import { runPayDay } from '@dpe/pay-runs';
import { enrolRecipient, registerAsEmployer } from '@dpe/recipients';
import { approveTimesheet, submitTimesheet } from '@dpe/timesheets';

// The bureau's pay day end to end on a store: every registered employer with a PA paid on the date is run, each as
// its own command, and running the pay day again with the same id resumes it (what was run replays).
const now = DateTime.fromISO('2026-04-10T09:00:00', { zone: 'Europe/London' });
const admin: Principal = { actor: 'key:admin', kind: 'key', roles: ['bureau-admin'], councils: 'all' };
let store: EventStore;
let sequence = 0;
const run = (declaration: AnyCommandDeclaration, input: unknown) =>
  executeCommand(store, declaration, input, { principal: admin, now, commandId: `cmd-${(sequence += 1)}` });

const hire = (employmentId: string, schedule: object) => ({
  employmentId,
  pa: {
    forename: 'Ann',
    surname: 'Example',
    dateOfBirth: '1990-05-01',
    gender: 'F',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2026-04-04',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  schedule,
  rates: { standard: '13.00' },
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'opted-out',
  bank: { accountName: 'Ann Example', sortCode: '200000', accountNumber: '55779911' },
});

async function employer(recipientId: string, payeReference: string): Promise<void> {
  await run(enrolRecipient, {
    recipientId,
    councilId: 'kent',
    recipientType: 'adult',
    name: 'Dana Employer',
    accountType: 'managed-account',
    enrolledOn: '2026-03-01',
  });
  await run(registerAsEmployer, {
    recipientId,
    payeReference,
    accountsOfficeReference: '123PW12345678',
    bureauActsAsAgent: true,
  });
}

beforeEach(async () => {
  store = createInMemoryEventStore();
  await run(registerCouncil, { councilId: 'kent', name: 'Kent County Council' });
  // r-weekly pays on Fridays from 10 April; r-monthly on the last working day; r-idle has a weekly PA with no hours.
  await employer('r-weekly', '123/AA001');
  await employer('r-monthly', '123/AA002');
  await employer('r-idle', '123/AA003');
  const weekly = { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 };
  await run(hirePa, { recipientId: 'r-weekly', ...hire('e-weekly', weekly) });
  await run(hirePa, { recipientId: 'r-idle', ...hire('e-idle', weekly) });
  await run(hirePa, {
    recipientId: 'r-monthly',
    ...hire('e-monthly', {
      frequency: 'monthly',
      payDay: 'last-working-day',
      firstPayDate: '2026-04-30',
      daysInArrears: 0,
    }),
  });
  const shifts = [{ date: '2026-04-06', start: '09:00', hours: '7.5', rateKind: 'standard' }];
  const submitted = await run(submitTimesheet, {
    recipientId: 'r-weekly',
    employmentId: 'e-weekly',
    periodStart: '2026-04-04',
    periodEnd: '2026-04-10',
    shifts,
    channel: 'portal',
    submittedBy: 'pa',
  });
  await run(approveTimesheet, {
    recipientId: 'r-weekly',
    employmentId: 'e-weekly',
    timesheetId: (submitted.reply as { timesheetId: string }).timesheetId,
    approvedBy: 'employer',
  });
});

const payDay = (partition?: { index: number; count: number }) =>
  runPayDay({
    ...(partition ? { partition } : {}),
    store,
    execute: (declaration, input, envelope) => executeCommand(store, declaration, input, envelope),
    payDate: '2026-04-10',
    commandId: 'pay-day-2026-04-10',
    principal: admin,
    now,
    concurrency: 4,
  });

describe('the bureau pay day', () => {
  it('runs every employer with a PA paid on the date, skips those with nothing approved, and leaves the others', async () => {
    const result = await payDay();
    // r-monthly is not paid on a Friday in April; r-idle is due but has no approved timesheet.
    expect(result).toMatchObject({ employers: 2, done: 2, payslips: 1, held: 0, skipped: 1, replayed: 0, failed: [] });
    const [run] = (await store.readStream('payroll-r-weekly-2026-27')).filter((e) => e.type === 'PayRunCompleted');
    expect(run!.metadata.commandId).toBe('pay-day-2026-04-10:r-weekly');
    expect(await store.readStream('payroll-r-monthly-2026-27')).toEqual([]);
  });

  it('resumes: the same pay day again replays what was run and stores nothing new', async () => {
    await payDay();
    const head = await store.headPosition();
    const again = await payDay();
    expect(again).toMatchObject({ employers: 2, payslips: 1, replayed: 1, skipped: 1, failed: [] });
    expect(await store.headPosition()).toBe(head);
  });

  it('splits the employers between processes that run one pay day together, each once', async () => {
    const [a, b] = [await payDay({ index: 0, count: 2 }), await payDay({ index: 1, count: 2 })];
    expect(a.employers + b.employers).toBe(2);
    expect(a.payslips + b.payslips).toBe(1);
    expect(a.skipped + b.skipped).toBe(1);
  });
});
