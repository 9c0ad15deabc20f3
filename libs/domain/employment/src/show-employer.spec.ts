import { DateTime } from 'luxon';
import type { Principal } from '@dpe/access';
import { registerCouncil } from '@dpe/councils';
import { executeCommand, runQuery, type AnyCommandDeclaration } from '@dpe/decider';
import { hirePa, showEmployer } from '@dpe/employment';
import { createInMemoryEventStore, type EventStore } from '@dpe/event-store';
import { enrolRecipient, registerAsEmployer } from '@dpe/recipients';

// Register as employer, hire and show the employer end to end on a store: the replies survive a replay, the PAYE
// scheme is claimed for one employer, and the roster shows no more personal data than an operator needs.
const now = DateTime.fromISO('2026-06-01T09:00:00', { zone: 'Europe/London' });
const admin: Principal = { actor: 'key:admin', kind: 'key', roles: ['bureau-admin'], councils: 'all' };
const kentAuditor: Principal = { actor: 'key:aud', kind: 'key', roles: ['auditor'], councils: ['kent'] };
const leedsOperator: Principal = { actor: 'key:leeds', kind: 'key', roles: ['payroll-operator'], councils: ['leeds'] };

let store: EventStore;
let sequence = 0;
const run = (declaration: AnyCommandDeclaration, input: unknown, principal = admin, commandId?: string) =>
  executeCommand(store, declaration, input, { principal, now, commandId: commandId ?? `cmd-${(sequence += 1)}` });
const enrol = (recipientId: string, councilId = 'kent') =>
  run(enrolRecipient, {
    recipientId,
    councilId,
    recipientType: 'adult',
    name: 'Alex Morgan',
    accountType: 'bank-account',
  });

const registration = {
  payeReference: '123/AB456',
  accountsOfficeReference: '120PY19064375',
  bureauActsAsAgent: true,
  registeredOn: '2026-05-01',
};
const hire = {
  employmentId: 'e-1',
  pa: {
    forename: 'Sam',
    surname: 'Patel',
    nationalInsuranceNumber: 'AB123456C',
    dateOfBirth: '1990-03-14',
    gender: 'M',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2026-06-08',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  schedule: { frequency: 'weekly', firstPayDate: '2026-06-12', daysInArrears: 0 },
  rates: { standard: '13.50' },
  holiday: { basis: 'weeks' },
  bank: { accountName: 'S PATEL', sortCode: '12-34-56', accountNumber: '12345678' },
};

beforeEach(async () => {
  store = createInMemoryEventStore();
  await run(registerCouncil, { councilId: 'kent', name: 'Kent County Council' });
  await run(registerCouncil, { councilId: 'leeds', name: 'Leeds City Council' });
  await enrol('r-kent');
});

describe('register as employer and hire on a store', () => {
  it('replies with the warning on the first handling and on a replay', async () => {
    const first = await run(registerAsEmployer, { recipientId: 'r-kent', ...registration }, admin, 'register-1');
    const again = await run(registerAsEmployer, { recipientId: 'r-kent', ...registration }, admin, 'register-1');
    expect(again.replayed).toBe(true);
    for (const outcome of [first, again]) {
      expect(outcome.reply).toEqual({
        recipientId: 'r-kent',
        warnings: [expect.objectContaining({ code: 'employer.accounts-office-mismatch' })],
      });
    }
  });

  it('refuses a second employer claiming the same PAYE scheme, naming the employer holding it', async () => {
    await run(registerAsEmployer, { recipientId: 'r-kent', ...registration });
    await enrol('r-other');
    await expect(run(registerAsEmployer, { recipientId: 'r-other', ...registration })).rejects.toMatchObject({
      code: 'employer.paye-reference-taken',
      message:
        'payeReference: 123/AB456 is already registered to employer r-kent; one PAYE scheme belongs to one employer',
    });
  });

  it('hires onto the roster, with the employment id in the reply', async () => {
    await run(registerAsEmployer, { recipientId: 'r-kent', ...registration });
    const outcome = await run(hirePa, { recipientId: 'r-kent', ...hire }, admin, 'hire-1');
    expect(outcome.reply).toEqual({ recipientId: 'r-kent', employmentId: 'e-1', warnings: [] });
    expect(outcome.streamId).toBe('recipient-r-kent');
  });
});

describe('show employer', () => {
  it('shows the registration and the roster, without the National Insurance number, date of birth or bank details', async () => {
    await run(registerAsEmployer, { recipientId: 'r-kent', ...registration });
    await run(hirePa, { recipientId: 'r-kent', ...hire });
    const view = await runQuery(store, showEmployer, { recipientId: 'R-KENT' }, kentAuditor, now);
    expect(view).toEqual({
      recipientId: 'r-kent',
      councilId: 'kent',
      employer: {
        payeReference: '123/AB456',
        accountsOfficeReference: '120PY19064375',
        employmentAllowance: true,
        pensionScheme: null,
        employersLiabilityInsurance: null,
        bureauActsAsAgent: true,
        registeredOn: '2026-05-01',
        warnings: [expect.objectContaining({ code: 'employer.accounts-office-mismatch' })],
      },
      roster: [
        {
          employmentId: 'e-1',
          payrollId: 'e-1',
          forename: 'Sam',
          surname: 'Patel',
          startDate: '2026-06-08',
          schedule: hire.schedule,
          rates: { standard: '13.50' },
        },
      ],
      revision: '2',
    });
    const text = JSON.stringify(view);
    for (const secret of ['AB123456C', '1990-03-14', '12345678', '123456', 'ME14', 'High Street']) {
      expect(text).not.toContain(secret);
    }
  });

  it('shows a recipient who is not an employer with no registration and an empty roster', async () => {
    await expect(runQuery(store, showEmployer, { recipientId: 'r-kent' }, kentAuditor, now)).resolves.toMatchObject({
      employer: null,
      roster: [],
    });
  });

  it("answers another council's recipient, and a missing one, as not found", async () => {
    await run(registerAsEmployer, { recipientId: 'r-kent', ...registration });
    for (const recipientId of ['r-kent', 'r-missing']) {
      await expect(runQuery(store, showEmployer, { recipientId }, leedsOperator, now)).rejects.toMatchObject({
        code: 'recipient.not-found',
      });
    }
  });
});
