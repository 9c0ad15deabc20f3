import { DateTime } from 'luxon';
import type { Principal } from '@dpe/access';
import {
  recordClientContribution,
  recordFunding,
  recordOtherSpend,
  showAccount,
  type OtherSpendRecordedData,
} from '@dpe/accounts';
import { recordCouncilPolicy, registerCouncil } from '@dpe/councils';
import { executeCommand, runQuery, type AnyCommandDeclaration } from '@dpe/decider';
import { createInMemoryEventStore, type EventStore } from '@dpe/event-store';
import { enrolRecipient } from '@dpe/recipients';

// The account commands and query end to end on a store: prepare reads the recipient and its council's policy, the
// reply survives a replay, and another council's account answers as a missing one.
const now = DateTime.fromISO('2026-06-01T09:00:00', { zone: 'Europe/London' });
const admin: Principal = { actor: 'key:admin', kind: 'key', roles: ['bureau-admin'], councils: 'all' };
const operator: Principal = { actor: 'key:op', kind: 'key', roles: ['payroll-operator'], councils: ['kent'] };
const leedsOperator: Principal = { actor: 'key:leeds', kind: 'key', roles: ['payroll-operator'], councils: ['leeds'] };
const kentFinance: Principal = { actor: 'key:fin', kind: 'key', roles: ['council-finance'], councils: ['kent'] };
const leedsAuditor: Principal = { actor: 'key:aud', kind: 'key', roles: ['auditor'], councils: ['leeds'] };

let store: EventStore;
let sequence = 0;
const run = (declaration: AnyCommandDeclaration, input: unknown, principal = admin, commandId?: string) =>
  executeCommand(store, declaration, input, { principal, now, commandId: commandId ?? `cmd-${(sequence += 1)}` });

const gamblingInvoice = {
  category: 'gambling',
  payee: 'Bookmaker',
  amount: '20.00',
  invoiceReference: 'SLIP-1',
  invoiceDate: '2026-05-02',
  description: 'Found on the April statement',
};

beforeEach(async () => {
  store = createInMemoryEventStore();
  await run(registerCouncil, { councilId: 'kent', name: 'Kent County Council' });
  await run(registerCouncil, { councilId: 'leeds', name: 'Leeds City Council' });
  await run(recordCouncilPolicy, {
    councilId: 'kent',
    effectiveFrom: '2026-04-01',
    contingencyWeeks: 6,
    ringFences: ['unpaid-wages'],
    recoveryMethods: ['invoice'],
    recoveryNoticeDays: 28,
    auditCadenceMonths: 12,
    disallowedCategories: ['gambling'],
  });
  await run(enrolRecipient, {
    recipientId: 'r-kent',
    councilId: 'kent',
    recipientType: 'adult',
    name: 'Alex Morgan',
    accountType: 'managed-account',
    enrolledOn: '2026-04-06',
  });
});

describe('record other spend on a store', () => {
  it("flags spend by the recipient's council's policy, and replies with the warning on the first handling and a replay", async () => {
    const first = await run(recordOtherSpend, { recipientId: 'r-kent', ...gamblingInvoice }, operator, 'spend-1');
    const again = await run(recordOtherSpend, { recipientId: 'r-kent', ...gamblingInvoice }, operator, 'spend-1');
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    const warning = {
      code: 'council.disallowed-category',
      message:
        "category gambling is not allowed from a Direct Payment by kent's policy version 1 (in force from 2026-04-01); " +
        'recorded and flagged for audit',
    };
    expect(first.reply).toEqual({ recipientId: 'r-kent', spendId: expect.any(String), warnings: [warning] });
    expect(again.reply).toEqual(first.reply);
    expect(first.events[0]).toMatchObject({
      type: 'OtherSpendRecorded',
      data: { policyVersion: 1, flag: { rule: 'council.disallowed-category', policyVersion: 1 } },
    });
  });

  it("refuses another council's operator as if the recipient did not exist", async () => {
    await expect(
      run(recordOtherSpend, { recipientId: 'r-kent', ...gamblingInvoice }, leedsOperator),
    ).rejects.toMatchObject({ code: 'recipient.not-found', kind: 'not-found' });
    await expect(
      run(
        recordClientContribution,
        { recipientId: 'r-kent', amount: '48.20', receivedOn: '2026-04-10', method: 'card', reference: 'C-1' },
        leedsOperator,
      ),
    ).rejects.toMatchObject({ code: 'recipient.not-found', kind: 'not-found' });
  });
});

describe('show account', () => {
  it('answers the raw records: funding, contributions, and spend with its flags', async () => {
    expect(await runQuery(store, showAccount, { recipientId: 'R-Kent' }, kentFinance, now)).toEqual({
      recipientId: 'r-kent',
      councilId: 'kent',
      funding: [],
      contributions: [],
      spend: [],
      revision: null,
    });
    await run(recordFunding, {
      recipientId: 'r-kent',
      amount: '1650.00',
      periodFrom: '2026-04-06',
      periodTo: '2026-05-03',
      remittanceReference: 'KCC-REM-1',
      receivedOn: '2026-04-03',
    });
    await run(recordClientContribution, {
      recipientId: 'r-kent',
      amount: '48.20',
      receivedOn: '2026-04-10',
      method: 'standing-order',
      reference: 'A MORGAN CONTRIB',
    });
    const spend = await run(recordOtherSpend, { recipientId: 'r-kent', ...gamblingInvoice }, operator);
    const account = await runQuery(store, showAccount, { recipientId: 'r-kent' }, kentFinance, now);
    expect(account).toEqual({
      recipientId: 'r-kent',
      councilId: 'kent',
      funding: [expect.objectContaining({ remittanceReference: 'KCC-REM-1', amount: '1650.00' })],
      contributions: [
        {
          recipientId: 'r-kent',
          amount: '48.20',
          receivedOn: '2026-04-10',
          periodFrom: null,
          periodTo: null,
          method: 'standing-order',
          reference: 'A MORGAN CONTRIB',
        },
      ],
      spend: [
        {
          recipientId: 'r-kent',
          spendId: spend.reply['spendId'],
          ...gamblingInvoice,
          dueDate: null,
          policyVersion: 1,
          flag: expect.objectContaining({ rule: 'council.disallowed-category', policyVersion: 1 }),
        } satisfies Record<keyof OtherSpendRecordedData, unknown>,
      ],
      revision: '2',
    });
    expect(showAccount.response.safeParse(account).success).toBe(true);
  });

  it("answers another council's account, and one of no enrolled recipient, as not found", async () => {
    await expect(runQuery(store, showAccount, { recipientId: 'r-kent' }, leedsAuditor, now)).rejects.toMatchObject({
      code: 'recipient.not-found',
      kind: 'not-found',
      message: 'recipient r-kent is not enrolled',
    });
    await expect(runQuery(store, showAccount, { recipientId: 'r-nobody' }, admin, now)).rejects.toMatchObject({
      code: 'recipient.not-found',
    });
  });

  it('is for readers only', async () => {
    const pa: Principal = { actor: 'key:pa', kind: 'key', roles: ['pa'], councils: ['kent'] };
    await expect(runQuery(store, showAccount, { recipientId: 'r-kent' }, pa, now)).rejects.toMatchObject({
      code: 'access.role',
    });
  });
});
