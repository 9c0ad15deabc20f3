import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId, type PayRates } from '@dpe/recipients';
import { businessDate, z } from '@dpe/schema';
import {
  EMPLOYMENT_POLICY,
  EmploymentId,
  assertWithinEmployment,
  employmentStream,
  hiredEmployment,
  prepareEmployment,
  type PayRateChanged,
} from './employment-stream';
// The same shape as the hire's rates (PayRates in employer-types.ts): standard required, the other kinds optional.
import { PayRatesInput } from './hire-pa';
import { minimumRateProblem } from './minimum-rate';

const DATES = { from: '2015-04-01', to: '2099-12-31' };

export const changePayRate = defineCommand({
  name: 'change-pay-rate',
  summary: "Change a PA's pay rates from a date (records PayRateChanged)",
  input: z.strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId,
    effectiveFrom: businessDate(DATES, 'First day the new rates apply'),
    rates: PayRatesInput,
  }),
  complete: (input) => input,
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: prepareEmployment,
  decide(command, state, _now, prepared): PayRateChanged[] {
    const hire = hiredEmployment(command, state, prepared);
    const latest = state.payRates[state.payRates.length - 1];
    if (latest && command.effectiveFrom <= latest.effectiveFrom) {
      // Rates take effect in order, so the rates on a date have one answer; a correction is a later change.
      throw new DomainError(
        'rule',
        'pay-rate.effective-order',
        `effectiveFrom must be after ${latest.effectiveFrom}, when the last rate change took effect`,
      );
    }
    assertWithinEmployment('pay-rate', 'effectiveFrom', command.effectiveFrom, hire, state);
    const rates: PayRates = command.rates;
    // No rate below the National Minimum Wage / National Living Wage for the PA's age on the day it takes effect
    // (National Minimum Wage Regulations 2015 regs 4, 4A; uk-payroll-rules.md §6; dp-domain.md §5.3).
    const problem = minimumRateProblem(rates, hire.pa.dateOfBirth, command.effectiveFrom);
    if (problem) throw problem;
    return [
      {
        type: 'PayRateChanged',
        data: {
          recipientId: command.recipientId,
          employmentId: command.employmentId,
          effectiveFrom: command.effectiveFrom,
          rates,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/pay-rate', status: 201 },
  policy: EMPLOYMENT_POLICY,
  reply: {
    schema: z.object({ recipientId: z.string(), employmentId: z.string() }),
    of: (command) => ({ recipientId: command.recipientId, employmentId: command.employmentId }),
  },
});
