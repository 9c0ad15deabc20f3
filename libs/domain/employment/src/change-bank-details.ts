import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId } from '@dpe/recipients';
import { businessDate, text, z } from '@dpe/schema';
import {
  EMPLOYMENT_POLICY,
  EmploymentId,
  employmentStream,
  hiredEmployment,
  prepareEmployment,
  type BankDetailsChanged,
} from './employment-stream';

const DATES = { from: '2015-04-01', to: '2099-12-31' };

/** A UK sort code: six digits, optionally written in pairs with "-" or spaces ("12-34-56"); kept as six digits. */
const SortCode = z
  .string()
  .max(8, 'must be at most 8 characters')
  .regex(/^\d{2}([- ]?)\d{2}\1\d{2}$/, 'must be six digits, e.g. "123456" or "12-34-56"')
  .transform((value) => value.replace(/[- ]/g, ''))
  .describe('Sort code (personal data), six digits: "123456" or "12-34-56"');

/** UK account numbers are eight digits as payments carry them (BACS). */
const AccountNumber = z
  .string()
  .regex(/^\d{8}$/, 'must be eight digits')
  .describe('Account number (personal data), eight digits');

export const changeBankDetails = defineCommand({
  name: 'change-bank-details',
  summary: "Change the account a PA's net pay is paid into (records BankDetailsChanged)",
  input: z.strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId,
    // Kept as the PA gives it; a payment file shortens it to what its format carries.
    accountName: text(70, 'Name on the account (personal data)'),
    sortCode: SortCode,
    accountNumber: AccountNumber,
    effectiveFrom: businessDate(DATES, 'First pay date paid into the new account'),
  }),
  complete: (input) => input,
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: prepareEmployment,
  decide(command, state, _now, prepared): BankDetailsChanged[] {
    const hire = hiredEmployment(command, state, prepared);
    if (command.effectiveFrom < hire.startDate) {
      throw new DomainError(
        'rule',
        'bank-details.before-start',
        `effectiveFrom ${command.effectiveFrom} is before the employment started on ${hire.startDate}`,
      );
    }
    // No "after leaving" rule: final pay (notice, holiday owed) is often paid after the leaving date, into the account
    // the PA names then.
    const latest = state.bankDetails[state.bankDetails.length - 1];
    if (latest && command.effectiveFrom < latest.effectiveFrom) {
      // Changes take effect in order (the same day again corrects it), so the account paid on a date has one answer.
      throw new DomainError(
        'rule',
        'bank-details.effective-order',
        `effectiveFrom must not be before ${latest.effectiveFrom}, when the last change of bank details took effect`,
      );
    }
    return [
      {
        type: 'BankDetailsChanged',
        data: {
          recipientId: command.recipientId,
          employmentId: command.employmentId,
          accountName: command.accountName,
          sortCode: command.sortCode,
          accountNumber: command.accountNumber,
          effectiveFrom: command.effectiveFrom,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/bank-details', status: 201 },
  policy: EMPLOYMENT_POLICY,
  reply: {
    schema: z.object({ recipientId: z.string(), employmentId: z.string() }),
    of: (command) => ({ recipientId: command.recipientId, employmentId: command.employmentId }),
  },
});
