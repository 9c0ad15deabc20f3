import { changeStudentLoans, type StudentLoansChangedData } from '@dpe/employment';
import { commandSpec } from '@dpe/testing';
import { hire, ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

const input = { ...ids, notice: 'SL1', plan: '2', effectiveFrom: '2026-05-01' };
const started: StudentLoansChangedData = { ...ids, notice: 'SL1', plan: '2', effectiveFrom: '2026-05-01' };
const startedEvent = { type: 'StudentLoansChanged', data: started } as const;

const spec = commandSpec(changeStudentLoans, { prepared });
const givenNothing = spec.given([]);
const withPlan1AndPgl = { recipient: recipientWith({ ...hire, studentLoanPlans: ['1'], postgraduateLoan: true }) };

describe('change student loans', () => {
  it('given an employment, when an SL1 arrives, then StudentLoansChanged starts the plan', () => {
    givenNothing.when(input).then([startedEvent]);
  });

  it('stops a plan in force with an SL2, whether the hire or an SL1 started it', () => {
    spec
      .given([startedEvent])
      .when({ ...input, notice: 'SL2', effectiveFrom: '2026-07-01' })
      .then([{ type: 'StudentLoansChanged', data: { ...started, notice: 'SL2', effectiveFrom: '2026-07-01' } }]);
    givenNothing
      .when({ ...input, notice: 'SL2', plan: '1' }, { prepared: withPlan1AndPgl })
      .then([{ type: 'StudentLoansChanged', data: { ...started, notice: 'SL2', plan: '1' } }]);
  });

  it('starts and stops the Postgraduate Loan with PGL1 and PGL2, which name no plan', () => {
    givenNothing
      .when({ ...ids, notice: 'PGL1', effectiveFrom: '2026-05-01' })
      .then([{ type: 'StudentLoansChanged', data: { ...started, notice: 'PGL1', plan: null } }]);
    givenNothing
      .when({ ...ids, notice: 'PGL2', effectiveFrom: '2026-05-01' }, { prepared: withPlan1AndPgl })
      .then([{ type: 'StudentLoansChanged', data: { ...started, notice: 'PGL2', plan: null } }]);
  });

  it('refuses to start a plan or the Postgraduate Loan already in force', () => {
    spec
      .given([startedEvent])
      .when({ ...input, effectiveFrom: '2026-06-01' })
      .thenError('student-loan.already-in-force', 'conflict');
    givenNothing
      .when({ ...ids, notice: 'PGL1', effectiveFrom: '2026-05-01' }, { prepared: withPlan1AndPgl })
      .thenError('student-loan.already-in-force', 'conflict');
  });

  it('refuses to stop a plan or the Postgraduate Loan not in force', () => {
    spec
      .given([startedEvent])
      .when({ ...input, notice: 'SL2', plan: '1', effectiveFrom: '2026-06-01' })
      .thenError('student-loan.not-in-force', 'conflict');
    givenNothing
      .when({ ...ids, notice: 'PGL2', effectiveFrom: '2026-05-01' })
      .thenError('student-loan.not-in-force', 'conflict');
  });

  it('refuses a notice taking effect before the last one', () => {
    spec
      .given([startedEvent])
      .when({ ...ids, notice: 'PGL1', effectiveFrom: '2026-04-30' })
      .thenError('student-loan.effective-order', 'rule');
  });

  it('refuses a plan that is not collected through payroll in the tax year (Plan 5 before 6 April 2026)', () => {
    const fromOctober2025 = { recipient: recipientWith({ ...hire, startDate: '2025-10-06' }) };
    givenNothing
      .when({ ...input, plan: '5', effectiveFrom: '2026-04-05' }, { prepared: fromOctober2025 })
      .thenError('student-loan.plan-not-collected', 'rule');
    givenNothing
      .when({ ...input, plan: '5', effectiveFrom: '2026-04-06' }, { prepared: fromOctober2025 })
      .then([{ type: 'StudentLoansChanged', data: { ...started, plan: '5', effectiveFrom: '2026-04-06' } }]);
  });

  it('refuses a notice before the employment started or after the PA left', () => {
    givenNothing.when({ ...input, effectiveFrom: '2026-04-05' }).thenError('student-loan.before-start', 'rule');
    spec
      .given([leftOn31August])
      .when({ ...input, effectiveFrom: '2026-09-01' })
      .thenError('student-loan.after-leaving', 'rule');
  });

  it('refuses an employment that is not on the recipient roster as not found', () => {
    givenNothing
      .when(input, { prepared: { recipient: recipientWith() } })
      .thenError('employment.not-found', 'not-found');
  });

  it('needs the plan of an SL1 or SL2, and no plan for a PGL notice', () => {
    givenNothing.when({ ...ids, notice: 'SL2', effectiveFrom: '2026-05-01' }).thenInvalid(['plan']);
    givenNothing.when({ ...input, notice: 'PGL1' }).thenInvalid(['plan']);
  });

  it('names every bad field at once', () => {
    givenNothing
      .when({ ...ids, notice: 'SL3', plan: '3', effectiveFrom: '2026-13-01' })
      .thenInvalid(['notice', 'plan', 'effectiveFrom']);
  });
});
