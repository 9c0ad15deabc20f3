import { commandSpec } from '@dpe/testing';
import { resumeDirectPayment, suspendDirectPayment, type RecipientEnrolledData } from '@dpe/recipients';

const enrolled: RecipientEnrolledData = {
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'prepaid-card',
  employerReferences: null,
  enrolledOn: '2026-04-06',
};
const suspension = { recipientId: 'r-1001', on: '2026-07-01', reason: 'unusual card transactions under review' };
const history = [{ type: 'RecipientEnrolled', data: enrolled }];

describe('suspend and resume a Direct Payment', () => {
  it('given an enrolled recipient, when suspended, then DirectPaymentSuspended records the date and reason', () => {
    commandSpec(suspendDirectPayment)
      .given(history)
      .when(suspension)
      .then([{ type: 'DirectPaymentSuspended', data: suspension }]);
  });

  it('given a suspended DP, when suspended again, then it is refused as a conflict', () => {
    commandSpec(suspendDirectPayment)
      .given([...history, { type: 'DirectPaymentSuspended', data: suspension }])
      .when({ ...suspension, on: '2026-07-02' })
      .thenError('direct-payment.already-suspended', 'conflict');
  });

  it('given a suspended DP, when resumed, then DirectPaymentResumed records it, and it may be suspended again', () => {
    const resumed = { recipientId: 'r-1001', on: '2026-08-01', reason: 'review closed: spending was in the plan' };
    commandSpec(resumeDirectPayment)
      .given([...history, { type: 'DirectPaymentSuspended', data: suspension }])
      .when(resumed)
      .then([{ type: 'DirectPaymentResumed', data: resumed }]);
    commandSpec(suspendDirectPayment)
      .given([
        ...history,
        { type: 'DirectPaymentSuspended', data: suspension },
        { type: 'DirectPaymentResumed', data: resumed },
      ])
      .when({ ...suspension, on: '2026-09-01' })
      .then([{ type: 'DirectPaymentSuspended', data: { ...suspension, on: '2026-09-01' } }]);
  });

  it('refuses to resume a DP that is not suspended, or before its suspension', () => {
    commandSpec(resumeDirectPayment)
      .given(history)
      .when(suspension)
      .thenError('direct-payment.not-suspended', 'conflict');
    commandSpec(resumeDirectPayment)
      .given([...history, { type: 'DirectPaymentSuspended', data: suspension }])
      .when({ ...suspension, on: '2026-06-30' })
      .thenError('direct-payment.resumed-before-suspended', 'rule');
  });

  it('refuses a suspension dated before the enrolment, and one of a recipient not enrolled', () => {
    commandSpec(suspendDirectPayment)
      .given(history)
      .when({ ...suspension, on: '2026-04-05' })
      .thenError('direct-payment.before-enrolment', 'rule');
    commandSpec(suspendDirectPayment).given([]).when(suspension).thenError('recipient.not-found', 'not-found');
  });

  it('needs a reason', () => {
    commandSpec(suspendDirectPayment)
      .given(history)
      .when({ ...suspension, reason: ' ' })
      .thenInvalid(['reason']);
  });
});
