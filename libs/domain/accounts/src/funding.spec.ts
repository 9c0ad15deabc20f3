import { commandSpec } from '@dpe/testing';
import { recordFunding, type FundingReceivedData } from '@dpe/accounts';
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
  amount: '1650.00',
  periodFrom: '2026-04-06',
  periodTo: '2026-05-03',
  remittanceReference: 'KCC-REM-000184',
  receivedOn: '2026-04-03',
};
const received: FundingReceivedData = { ...input };

// prepare finds the recipient (enrolled, of kent) unless a spec says otherwise.
const spec = commandSpec(recordFunding, { prepared: { recipient } });

describe('record funding', () => {
  it('given an enrolled recipient, when a remittance is received, then FundingReceived records it', () => {
    spec
      .given([])
      .when(input)
      .then([{ type: 'FundingReceived', data: received }]);
  });

  it('given the remittance was recorded, when it is recorded again under a new command, then it is a duplicate', () => {
    spec
      .given([{ type: 'FundingReceived', data: received }])
      .when({ ...input, amount: '1650.00' })
      .thenError('funding.duplicate-remittance', 'conflict');
  });

  it('refuses a period that ends before it starts', () => {
    spec
      .given([])
      .when({ ...input, periodTo: '2026-04-05' })
      .thenError('funding.period', 'rule');
  });

  it('refuses a recipient who is not enrolled as not found', () => {
    spec
      .given([])
      .when(input, { prepared: { recipient: { status: 'not-enrolled' } } })
      .thenError('recipient.not-found', 'not-found');
  });

  it('names every bad field at once', () => {
    spec
      .given([])
      .when({ ...input, amount: 1650, periodFrom: '2026-02-30', remittanceReference: '' })
      .thenInvalid(['amount', 'periodFrom', 'remittanceReference']);
  });
});
