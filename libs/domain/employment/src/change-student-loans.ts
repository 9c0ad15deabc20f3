import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId } from '@dpe/recipients';
import { businessDate, oneOf, z } from '@dpe/schema';
import { knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { UNDERGRADUATE_LOAN_PLANS } from '@dpe/student-loans';
import { taxYearOf } from '@dpe/tax-calendar';
import {
  EMPLOYMENT_POLICY,
  EmploymentId,
  STUDENT_LOAN_NOTICES,
  assertWithinEmployment,
  employmentStream,
  employmentTermsOn,
  hiredEmployment,
  prepareEmployment,
  type StudentLoansChanged,
} from './employment-stream';

const DATES = { from: '2015-04-01', to: '2099-12-31' };

export const changeStudentLoans = defineCommand({
  name: 'change-student-loans',
  summary: "Operate an HMRC loan notice (SL1, SL2, PGL1, PGL2) for a PA's employment (records StudentLoansChanged)",
  input: z
    .strictObject({
      recipientId: RecipientId,
      employmentId: EmploymentId,
      notice: oneOf(
        STUDENT_LOAN_NOTICES,
        'SL1 starts and SL2 stops an undergraduate plan; PGL1 starts and PGL2 stops the Postgraduate Loan',
      ),
      plan: oneOf(UNDERGRADUATE_LOAN_PLANS, 'The undergraduate plan an SL1 or SL2 names (1, 2, 4 or 5)').optional(),
      effectiveFrom: businessDate(
        DATES,
        'The start or stop date on the notice: deductions change from the next pay day',
      ),
    })
    .superRefine((input, context) => {
      // An SL1/SL2 names one undergraduate plan; the Postgraduate Loan (Plan 3) has its own notices and no plan
      // (uk-payroll-rules.md §8).
      const undergraduate = input.notice === 'SL1' || input.notice === 'SL2';
      if (undergraduate && input.plan === undefined)
        context.addIssue({ code: 'custom', path: ['plan'], message: `is required for an ${input.notice}` });
      if (!undergraduate && input.plan !== undefined)
        context.addIssue({
          code: 'custom',
          path: ['plan'],
          message: `must be left out of a ${input.notice}: the Postgraduate Loan has no plan`,
        });
    }),
  complete: (input) => ({ ...input, plan: input.plan ?? null }),
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: prepareEmployment,
  decide(command, state, _now, prepared): StudentLoansChanged[] {
    const hire = hiredEmployment(command, state, prepared);
    const { effectiveFrom, notice, plan } = command;
    const latest = state.studentLoans[state.studentLoans.length - 1];
    if (latest && effectiveFrom < latest.effectiveFrom) {
      // Notices take effect in the order HMRC issues them, so the plans in force on a pay date have one answer.
      throw new DomainError(
        'rule',
        'student-loan.effective-order',
        `effectiveFrom must not be before ${latest.effectiveFrom}, when the last loan notice (${latest.notice}) took effect`,
      );
    }
    assertWithinEmployment('student-loan', 'effectiveFrom', effectiveFrom, hire, state);

    const terms = employmentTermsOn(hire, state, effectiveFrom);
    if (notice === 'SL1' && plan) {
      if (terms.studentLoanPlans.includes(plan))
        throw new DomainError(
          'conflict',
          'student-loan.already-in-force',
          `plan ${plan} is already deducted on ${effectiveFrom}`,
        );
      // A plan missing from a year's tables is not collected through payroll that year: Plan 5 deductions start on
      // 6 April 2026 (uk-payroll-rules.md §8). A year whose tables are not published yet is not checked.
      const year = taxYearOf(effectiveFrom).id;
      if (knownTaxYears().includes(year) && !taxYearTables(year).studentLoans.plans[plan])
        throw new DomainError(
          'rule',
          'student-loan.plan-not-collected',
          `plan ${plan} is not collected through payroll in ${year}`,
        );
    }
    if (notice === 'SL2' && plan && !terms.studentLoanPlans.includes(plan))
      throw new DomainError(
        'conflict',
        'student-loan.not-in-force',
        `plan ${plan} is not deducted on ${effectiveFrom}, so it cannot be stopped${terms.studentLoanPlans.length > 0 ? ` (in force: plan ${terms.studentLoanPlans.join(', ')})` : ''}`,
      );
    if (notice === 'PGL1' && terms.postgraduateLoan)
      throw new DomainError(
        'conflict',
        'student-loan.already-in-force',
        `the Postgraduate Loan is already deducted on ${effectiveFrom}`,
      );
    if (notice === 'PGL2' && !terms.postgraduateLoan)
      throw new DomainError(
        'conflict',
        'student-loan.not-in-force',
        `the Postgraduate Loan is not deducted on ${effectiveFrom}, so it cannot be stopped`,
      );
    return [
      {
        type: 'StudentLoansChanged',
        data: { recipientId: command.recipientId, employmentId: command.employmentId, notice, plan, effectiveFrom },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/student-loans', status: 201 },
  policy: EMPLOYMENT_POLICY,
  reply: {
    schema: z.object({ recipientId: z.string(), employmentId: z.string() }),
    of: (command) => ({ recipientId: command.recipientId, employmentId: command.employmentId }),
  },
});
