import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId } from '@dpe/recipients';
import { businessDate, oneOf, poundsAmount, z } from '@dpe/schema';
import { DateTime } from 'luxon';
import {
  EMPLOYMENT_POLICY,
  EmploymentId,
  LEAVING_REASONS,
  employmentStream,
  hiredEmployment,
  prepareEmployment,
  type LeaverRecorded,
  type LeavingReason,
} from './employment-stream';

const DATES = { from: '2015-04-01', to: '2099-12-31' };

// A PA's final pay above £50,000 is far beyond any DP package; more is a typing error.
const amount = (description: string) => poundsAmount({ max: '50000.00', description });

/** Reasons for which statutory redundancy pay can be due: a dismissal for redundancy (ERA 1996 s.135), and the
 * employer's death, which ends the contract as a dismissal by the employer (ERA 1996 s.136(5); dp-domain.md §1.10). */
const REDUNDANCY_REASONS: readonly LeavingReason[] = ['redundancy', 'employer-died'];

/** The years of continuous employment statutory redundancy pay needs (ERA 1996 s.155; dp-domain.md §1.10). */
const REDUNDANCY_QUALIFYING_YEARS = 2;

const FinalPayInput = z.strictObject({
  noticePay: amount('Pay in lieu of notice, or for notice not worked'),
  // Holiday owed is never negative here: recovering holiday taken beyond the accrued entitlement is a deduction only
  // a relevant agreement allows (Working Time Regulations 1998 reg 14(4)), recorded as such, not as negative pay.
  holidayOwed: z.strictObject({
    hours: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,2})?$/, 'must be a number of hours written as text, e.g. "22.5" (at most 2 decimals)')
      .describe('Hours of holiday accrued and not taken'),
    amount: amount('Pay for the holiday owed'),
  }),
  // Statutory redundancy pay is exempt from income tax (ITEPA 2003 s.309) and is not earnings for NICs, so it is
  // paid outside the gross-to-net calculation.
  statutoryRedundancyPay: amount('Statutory redundancy pay (no tax or NI)'),
});

export const recordLeaver = defineCommand({
  name: 'record-leaver',
  summary: "Record that a PA's employment ends, with the final pay due (records LeaverRecorded)",
  input: z.strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId,
    leavingDate: businessDate(DATES, 'The last day of employment'),
    reason: oneOf(LEAVING_REASONS, 'Why the employment ends'),
    finalPay: FinalPayInput.partial().optional().describe('What is due on top of pay for hours worked'),
  }),
  complete: (input) => input,
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: prepareEmployment,
  decide(command, state, _now, prepared): LeaverRecorded[] {
    const hire = hiredEmployment(command, state, prepared);
    if (state.leaver) {
      throw new DomainError(
        'conflict',
        'leaver.already-recorded',
        `the PA already left this employment on ${state.leaver.leavingDate} (${state.leaver.reason})`,
      );
    }
    if (command.leavingDate < hire.startDate) {
      throw new DomainError(
        'rule',
        'leaver.before-start',
        `leavingDate ${command.leavingDate} is before the employment started on ${hire.startDate}`,
      );
    }
    const finalPay = command.finalPay ?? {};
    if (finalPay.statutoryRedundancyPay !== undefined) {
      if (!REDUNDANCY_REASONS.includes(command.reason)) {
        throw new DomainError(
          'rule',
          'leaver.redundancy-pay-reason',
          `statutoryRedundancyPay is due only for ${REDUNDANCY_REASONS.join(' or ')}, not ${command.reason}`,
        );
      }
      // Two years of continuous employment ending with the leaving date (ERA 1996 s.155): from a start on 6 April
      // 2024, the first qualifying leaving date is 5 April 2026. Not modelled: the extension of that date by unworked
      // statutory notice (s.145(5)).
      const qualifiesFrom = DateTime.fromISO(hire.startDate, { zone: 'Europe/London' })
        .plus({ years: REDUNDANCY_QUALIFYING_YEARS })
        .minus({ days: 1 })
        .toISODate()!;
      if (command.leavingDate < qualifiesFrom) {
        throw new DomainError(
          'rule',
          'leaver.redundancy-pay-service',
          `statutoryRedundancyPay needs ${REDUNDANCY_QUALIFYING_YEARS} years' continuous employment: from the start on ${hire.startDate}, the leaving date must be ${qualifiesFrom} or later`,
        );
      }
    }
    return [
      {
        type: 'LeaverRecorded',
        data: {
          recipientId: command.recipientId,
          employmentId: command.employmentId,
          leavingDate: command.leavingDate,
          reason: command.reason,
          finalPay: {
            noticePay: finalPay.noticePay ?? null,
            holidayOwed: finalPay.holidayOwed ?? null,
            statutoryRedundancyPay: finalPay.statutoryRedundancyPay ?? null,
          },
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/leaver', status: 201 },
  policy: EMPLOYMENT_POLICY,
  reply: {
    schema: z.object({ recipientId: z.string(), employmentId: z.string() }),
    of: (command) => ({ recipientId: command.recipientId, employmentId: command.employmentId }),
  },
});
