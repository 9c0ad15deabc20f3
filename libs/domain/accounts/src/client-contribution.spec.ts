import { commandSpec } from '@dpe/testing';
import { recordClientContribution, type ClientContributionReceivedData } from '@dpe/accounts';
import type { RecipientState } from '@dpe/recipients';

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
const input = {
  recipientId: 'r-1001',
  amount: '48.20',
  receivedOn: '2026-04-10',
  periodFrom: '2026-04-06',
  periodTo: '2026-05-03',
  method: 'standing-order',
  reference: 'A MORGAN DP CONTRIB 04',
};
const received: ClientContributionReceivedData = {
  recipientId: 'r-1001',
  amount: '48.20',
  receivedOn: '2026-04-10',
  periodFrom: '2026-04-06',
  periodTo: '2026-05-03',
  method: 'standing-order',
  reference: 'A MORGAN DP CONTRIB 04',
};

// prepare finds the recipient (enrolled, of kent) unless a spec says otherwise.
const spec = commandSpec(recordClientContribution, { prepared: { recipient } });

/** `then` rethrows a refusal, so its message can be asserted beside its code. */
const refusal = (given: Parameters<typeof spec.given>[0], when: unknown) => () => spec.given(given).when(when).then([]);

describe('record client contribution', () => {
  it('given an enrolled recipient, when the client pays in, then ClientContributionReceived records it', () => {
    spec
      .given([])
      .when(input)
      .then([{ type: 'ClientContributionReceived', data: received }]);
  });

  it('records a contribution without a period as a null period (a payer does not always say)', () => {
    const { periodFrom: _from, periodTo: _to, ...withoutPeriod } = input;
    spec
      .given([])
      .when({ ...withoutPeriod, method: 'cash', reference: 'RECEIPT-0091' })
      .then([
        {
          type: 'ClientContributionReceived',
          data: { ...received, periodFrom: null, periodTo: null, method: 'cash', reference: 'RECEIPT-0091' },
        },
      ]);
  });

  it("is recorded beside the council's funding, not as funding: a funding remittance with the same reference is no duplicate", () => {
    spec
      .given([
        {
          type: 'FundingReceived',
          data: {
            recipientId: 'r-1001',
            amount: '1650.00',
            periodFrom: '2026-04-06',
            periodTo: '2026-05-03',
            remittanceReference: input.reference,
            receivedOn: '2026-04-03',
          },
        },
      ])
      .when(input)
      .then([{ type: 'ClientContributionReceived', data: received }]);
  });

  it('given the payment was recorded, when it is recorded again under a new command, then it is a duplicate', () => {
    const given = [{ type: 'ClientContributionReceived', data: received }];
    spec
      .given(given)
      .when({ ...input, amount: '50.00' })
      .thenError('contribution.duplicate-reference', 'conflict');
    expect(refusal(given, input)).toThrow(
      'a contribution with reference A MORGAN DP CONTRIB 04 was already recorded (received 2026-04-10)',
    );
  });

  it('refuses a period that ends before it starts', () => {
    const early = { ...input, periodTo: '2026-04-05' };
    spec.given([]).when(early).thenError('contribution.period', 'rule');
    expect(refusal([], early)).toThrow('periodTo 2026-04-05 is before periodFrom 2026-04-06');
  });

  it('refuses half a period', () => {
    const { periodTo: _to, ...onlyFrom } = input;
    const { periodFrom: _from, ...onlyTo } = input;
    spec.given([]).when(onlyFrom).thenError('contribution.period', 'rule');
    spec.given([]).when(onlyTo).thenError('contribution.period', 'rule');
    expect(refusal([], onlyFrom)).toThrow(
      'periodFrom and periodTo go together: give both or neither (only periodFrom was given)',
    );
    expect(refusal([], onlyTo)).toThrow('(only periodTo was given)');
  });

  it('refuses a recipient who is not enrolled as not found', () => {
    spec
      .given([])
      .when(input, { prepared: { recipient: { status: 'not-enrolled' } } })
      .thenError('recipient.not-found', 'not-found');
  });

  it('names every bad field at once', () => {
    const issues = spec
      .given([])
      .when({
        ...input,
        amount: 48.2,
        receivedOn: '2026-02-30',
        periodFrom: '2014-04-01',
        method: 'direct-debit',
        reference: '',
      })
      .thenInvalid(['amount', 'receivedOn', 'periodFrom', 'method', 'reference']);
    expect(issues.find((issue) => issue.path === 'method')?.rule).toBe(
      'must be one of bank-transfer, standing-order, card, cash, cheque',
    );
    expect(issues.find((issue) => issue.path === 'periodFrom')?.rule).toBe('must be between 2015-04-01 and 2099-12-31');
  });

  it('refuses a zero amount and unknown fields', () => {
    spec
      .given([])
      .when({ ...input, amount: '0.00', source: 'council' })
      .thenInvalid(['amount', 'source']);
  });
});
