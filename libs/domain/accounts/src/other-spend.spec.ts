import { DateTime } from 'luxon';
import { commandSpec, type GivenEvent } from '@dpe/testing';
import { recordOtherSpend, type OtherSpendPrepared, type OtherSpendRecordedData } from '@dpe/accounts';
import type { CouncilPolicyRecordedData } from '@dpe/councils';
import { derivedIds } from '@dpe/decider';
import type { RecipientState } from '@dpe/recipients';
import { parseInput } from '@dpe/schema';

const recipient: RecipientState = {
  status: 'enrolled',
  budgets: [],
  roster: [],
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-04-06',
};
const version1: CouncilPolicyRecordedData = {
  councilId: 'kent',
  version: 1,
  effectiveFrom: '2026-04-01',
  contingencyWeeks: 6,
  ringFences: ['unpaid-wages'],
  recoveryMethods: ['invoice'],
  recoveryNoticeDays: 28,
  auditCadenceMonths: 12,
  disallowedCategories: ['alcohol-tobacco'],
};
const version2: CouncilPolicyRecordedData = {
  ...version1,
  version: 2,
  effectiveFrom: '2027-04-01',
  disallowedCategories: ['alcohol-tobacco', 'gambling'],
};
const input = {
  recipientId: 'r-1001',
  category: 'agency-care',
  payee: 'Acme Home Care Ltd',
  amount: '320.00',
  invoiceReference: 'INV-2026-0412',
  invoiceDate: '2026-05-01',
  dueDate: '2026-05-31',
  description: 'Agency cover for 16 hours, week of 20 April',
};
const spendId = derivedIds('spec-command').derive('spend');
const recorded: OtherSpendRecordedData = {
  recipientId: 'r-1001',
  spendId,
  category: 'agency-care',
  payee: 'Acme Home Care Ltd',
  amount: '320.00',
  invoiceReference: 'INV-2026-0412',
  invoiceDate: '2026-05-01',
  dueDate: '2026-05-31',
  description: 'Agency cover for 16 hours, week of 20 April',
  policyVersion: 1,
  flag: null,
};

const prepared = (versions: readonly CouncilPolicyRecordedData[], who: RecipientState = recipient) =>
  ({ recipient: who, policies: { versions } }) satisfies OtherSpendPrepared;

// prepare finds the recipient (enrolled, of kent) and kent's policy version 1 unless a spec says otherwise.
const spec = commandSpec(recordOtherSpend, { prepared: prepared([version1]) });

/** `then` rethrows a refusal, so its message can be asserted beside its code. */
const refusal = (given: readonly GivenEvent[], when: unknown) => () => spec.given(given).when(when).then([]);

/** The reply the API and the CLI answer with, read from the events the decision recorded (as on a replay). */
const replyTo = (when: unknown) => {
  const command = recordOtherSpend.complete(parseInput(recordOtherSpend.input, when), derivedIds('spec-command'));
  const now = DateTime.fromISO('2026-06-01T09:00:00', { zone: 'Europe/London' });
  const events = recordOtherSpend.decide(command, recordOtherSpend.stream.initialState, now, prepared([version1]));
  return recordOtherSpend.reply.of(command, undefined, events);
};

describe('record other spend', () => {
  it('given an enrolled recipient, when an invoice is recorded, then OtherSpendRecorded records it with the policy version checked', () => {
    spec
      .given([])
      .when(input)
      .then([{ type: 'OtherSpendRecorded', data: recorded }]);
  });

  it('derives the spend id from the command id: a retry is the same spend, another command another', () => {
    const other = derivedIds('another-command').derive('spend');
    expect(other).not.toBe(spendId);
    spec
      .given([])
      .when({ ...input, invoiceReference: 'INV-2026-0413' }, { commandId: 'another-command' })
      .then([{ type: 'OtherSpendRecorded', data: { ...recorded, spendId: other, invoiceReference: 'INV-2026-0413' } }]);
  });

  it('records an invoice without a due date as a null due date', () => {
    const { dueDate: _due, ...withoutDue } = input;
    spec
      .given([])
      .when(withoutDue)
      .then([{ type: 'OtherSpendRecorded', data: { ...recorded, dueDate: null } }]);
  });

  describe('the council policy in force on the invoice date (dp-domain.md §1.8)', () => {
    const alcohol = { ...input, category: 'alcohol-tobacco', payee: 'Corner Shop', invoiceReference: 'R-77' };
    const flagged: OtherSpendRecordedData = {
      ...recorded,
      category: 'alcohol-tobacco',
      payee: 'Corner Shop',
      invoiceReference: 'R-77',
      policyVersion: 1,
      flag: {
        rule: 'council.disallowed-category',
        policyVersion: 1,
        message:
          "category alcohol-tobacco is not allowed from a Direct Payment by kent's policy version 1 (in force from " +
          '2026-04-01); recorded and flagged for audit',
      },
    };

    it('records spend in a disallowed category, flagged with the rule and the policy version', () => {
      spec
        .given([])
        .when(alcohol)
        .then([{ type: 'OtherSpendRecorded', data: flagged }]);
    });

    it('replies with the flag as a warning; an allowed spend has none', () => {
      expect(replyTo(alcohol)).toEqual({
        recipientId: 'r-1001',
        spendId,
        warnings: [{ code: 'council.disallowed-category', message: flagged.flag!.message }],
      });
      expect(replyTo(input)).toEqual({ recipientId: 'r-1001', spendId, warnings: [] });
    });

    it('judges by the version in force on the invoice date, not a later one', () => {
      const gambling = { ...input, category: 'gambling', payee: 'Bookmaker', invoiceReference: 'B-1' };
      const both = { prepared: prepared([version1, version2]) };
      const base = { ...recorded, category: 'gambling', payee: 'Bookmaker', invoiceReference: 'B-1' } as const;
      // The day before version 2 took effect: version 1 allows gambling.
      spec
        .given([])
        .when({ ...gambling, invoiceDate: '2027-03-31', dueDate: undefined }, both)
        .then([
          { type: 'OtherSpendRecorded', data: { ...base, invoiceDate: '2027-03-31', dueDate: null, policyVersion: 1 } },
        ]);
      // From its first day, version 2 disallows it.
      spec
        .given([])
        .when({ ...gambling, invoiceDate: '2027-04-01', dueDate: undefined }, both)
        .then([
          {
            type: 'OtherSpendRecorded',
            data: {
              ...base,
              invoiceDate: '2027-04-01',
              dueDate: null,
              policyVersion: 2,
              flag: {
                rule: 'council.disallowed-category',
                policyVersion: 2,
                message:
                  "category gambling is not allowed from a Direct Payment by kent's policy version 2 (in force from " +
                  '2027-04-01); recorded and flagged for audit',
              },
            },
          },
        ]);
    });

    it('matches the council’s categories without regard to case or surrounding spaces', () => {
      const written = { ...version1, disallowedCategories: [' Alcohol-Tobacco '] };
      spec
        .given([])
        .when(alcohol, { prepared: prepared([written]) })
        .then([{ type: 'OtherSpendRecorded', data: flagged }]);
    });

    it('with no policy in force on the invoice date, records policyVersion null and no flag', () => {
      spec
        .given([])
        .when(alcohol, { prepared: prepared([]) })
        .then([{ type: 'OtherSpendRecorded', data: { ...flagged, policyVersion: null, flag: null } }]);
      // Version 2 only takes effect after the invoice's date: nothing was in force on it.
      spec
        .given([])
        .when(alcohol, { prepared: prepared([version2]) })
        .then([{ type: 'OtherSpendRecorded', data: { ...flagged, policyVersion: null, flag: null } }]);
    });

    it('with a recipient enrolled before councils were registered (no council), records policyVersion null', () => {
      spec
        .given([])
        .when(alcohol, { prepared: prepared([], { ...recipient, councilId: null }) })
        .then([{ type: 'OtherSpendRecorded', data: { ...flagged, policyVersion: null, flag: null } }]);
    });
  });

  it('given the invoice was recorded, when the same payee’s reference is recorded again, then it is a duplicate', () => {
    const given = [{ type: 'OtherSpendRecorded', data: recorded }];
    spec
      .given(given)
      .when({ ...input, amount: '330.00' }, { commandId: 'another-command' })
      .thenError('spend.duplicate-invoice', 'conflict');
    // Typed again by hand, with other capitals and spaces: the same invoice.
    spec
      .given(given)
      .when({ ...input, payee: 'ACME  Home Care LTD', invoiceReference: 'inv-2026-0412' })
      .thenError('spend.duplicate-invoice', 'conflict');
    expect(refusal(given, input)).toThrow(
      `invoice INV-2026-0412 from Acme Home Care Ltd was already recorded (spend ${spendId}, dated 2026-05-01)`,
    );
  });

  it('records the same invoice reference from another payee', () => {
    spec
      .given([{ type: 'OtherSpendRecorded', data: recorded }])
      .when({ ...input, payee: 'Mobility Aids Direct', category: 'equipment' }, { commandId: 'another-command' })
      .then([
        {
          type: 'OtherSpendRecorded',
          data: {
            ...recorded,
            spendId: derivedIds('another-command').derive('spend'),
            payee: 'Mobility Aids Direct',
            category: 'equipment',
          },
        },
      ]);
  });

  it('refuses a due date before the invoice date', () => {
    const early = { ...input, dueDate: '2026-04-30' };
    spec.given([]).when(early).thenError('spend.due-date', 'rule');
    expect(refusal([], early)).toThrow("dueDate 2026-04-30 is before the invoice's date 2026-05-01");
  });

  it('refuses a recipient who is not enrolled as not found', () => {
    spec
      .given([])
      .when(input, { prepared: prepared([], { status: 'not-enrolled' }) })
      .thenError('recipient.not-found', 'not-found');
    expect(
      recordOtherSpend.policy.councilOfPrepared?.(prepared([], { status: 'not-enrolled' }) as never),
    ).toBeUndefined();
    expect(recordOtherSpend.policy.councilOfPrepared?.(prepared([]) as never)).toBe('kent');
  });

  it('names every bad field at once', () => {
    const issues = spec
      .given([])
      .when({
        ...input,
        category: 'food',
        payee: '',
        amount: '320.001',
        invoiceReference: 'x'.repeat(65),
        invoiceDate: '2026-13-01',
        dueDate: 20260531,
        description: '\u202eevil',
        spendId: 'chosen-by-caller',
      })
      .thenInvalid([
        'category',
        'payee',
        'amount',
        'invoiceReference',
        'invoiceDate',
        'dueDate',
        'description',
        'spendId',
      ]);
    expect(issues.find((issue) => issue.path === 'category')?.rule).toMatch(/^must be one of agency-care, equipment, /);
    expect(issues.find((issue) => issue.path === 'spendId')?.rule).toBe('is not a field of this request');
  });
});
