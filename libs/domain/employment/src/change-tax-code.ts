import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { InvalidTaxCode, parseTaxCode, type TaxCode } from '@dpe/income-tax';
import { RecipientId } from '@dpe/recipients';
import { businessDate, oneOf, z } from '@dpe/schema';
import { knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { taxYearOf } from '@dpe/tax-calendar';
import {
  EMPLOYMENT_POLICY,
  EmploymentId,
  TAX_CODE_NOTICES,
  assertWithinEmployment,
  employmentStream,
  hiredEmployment,
  prepareEmployment,
  type TaxCodeChanged,
} from './employment-stream';

const DATES = { from: '2015-04-01', to: '2099-12-31' };

/** The form of a tax code (uk-payroll-rules.md §1.4), checked by the income-tax library's own parser. */
const TaxCodeText = z
  .string()
  .max(16, 'must be at most 16 characters')
  .superRefine((value, context) => {
    try {
      parseTaxCode(value);
    } catch (error) {
      if (!(error instanceof InvalidTaxCode)) throw error;
      context.addIssue({ code: 'custom', message: error.rule });
    }
  })
  .describe('The code on the notice, e.g. "1257L", "S1257L", "K475", "BR", "1257L W1"');

/** The code as stored: HMRC's normalised text without its W1/M1/X marker (the basis is held apart). */
const withoutMarker = (code: TaxCode): string => code.text.replace(/ (W1\/M1|W1|M1|X)$/, '');

/** The 6 April on or after a date: the first day a P9 issued on it can be for. */
function nextSixthOfApril(date: string): string {
  const year = taxYearOf(date);
  return date === year.firstDay ? date : `${year.startYear + 1}-04-06`;
}

export const changeTaxCode = defineCommand({
  name: 'change-tax-code',
  summary: "Operate an HMRC tax code notice (P6, P6B, P9) for a PA's employment (records TaxCodeChanged)",
  input: z.strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId,
    notice: oneOf(TAX_CODE_NOTICES, 'P6 (or P6B) during the tax year; P9 for the next tax year'),
    taxCode: TaxCodeText,
    week1Month1: z
      .boolean()
      .optional()
      .describe('Whether the notice puts the code on a week 1/month 1 basis; default: as the code says (W1, M1 or X)'),
    issuedOn: businessDate(DATES, "The notice's date of issue"),
    effectiveFrom: businessDate(
      DATES,
      'First day it applies; default the issue date (a P9: the next 6 April)',
    ).optional(),
  }),
  complete: (input) => ({
    ...input,
    // A P9 is for the next tax year, applied from its first day (uk-payroll-rules.md §1.4; HMRC P9X); a P6 applies
    // from the first pay day after it is received.
    effectiveFrom: input.effectiveFrom ?? (input.notice === 'P9' ? nextSixthOfApril(input.issuedOn) : input.issuedOn),
  }),
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: prepareEmployment,
  decide(command, state, _now, prepared): TaxCodeChanged[] {
    const hire = hiredEmployment(command, state, prepared);
    const { effectiveFrom, issuedOn } = command;
    if (effectiveFrom < issuedOn) {
      // A notice cannot reach back before HMRC issued it: it is operated from the next pay day after it is received
      // (uk-payroll-rules.md §1.4; HMRC's instructions on the P6).
      throw new DomainError(
        'rule',
        'tax-code.effective-before-issued',
        `effectiveFrom ${effectiveFrom} is before the notice was issued on ${issuedOn}`,
      );
    }
    if (command.notice === 'P9' && !effectiveFrom.endsWith('-04-06')) {
      throw new DomainError(
        'rule',
        'tax-code.p9-start-of-year',
        `effectiveFrom of a P9 must be 6 April, the first day of the tax year it is for (got ${effectiveFrom})`,
      );
    }
    assertWithinEmployment('tax-code', 'effectiveFrom', effectiveFrom, hire, state);

    // Checked against the tables of the tax year it takes effect in (a D code needs a band above basic that year);
    // a year whose tables are not published yet (a P9 received in January) is checked for its form only.
    const year = taxYearOf(effectiveFrom).id;
    const tables = knownTaxYears().includes(year) ? taxYearTables(year) : undefined;
    let code: TaxCode;
    try {
      code = parseTaxCode(command.taxCode, tables?.incomeTax);
    } catch (error) {
      if (!(error instanceof InvalidTaxCode)) throw error;
      throw new DomainError(
        'rule',
        'tax-code.not-valid-in-year',
        `taxCode ${command.taxCode} is not a valid code in ${year}: ${error.rule}`,
      );
    }
    if (command.week1Month1 === false && code.nonCumulative) {
      throw new DomainError(
        'rule',
        'tax-code.basis-conflict',
        `taxCode ${code.text} is marked ${code.nonCumulativeMarker} (week 1/month 1), but week1Month1 is false`,
      );
    }
    return [
      {
        type: 'TaxCodeChanged',
        data: {
          recipientId: command.recipientId,
          employmentId: command.employmentId,
          notice: command.notice,
          taxCode: withoutMarker(code),
          week1Month1: command.week1Month1 ?? code.nonCumulative,
          issuedOn,
          effectiveFrom,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/tax-code', status: 201 },
  policy: EMPLOYMENT_POLICY,
  reply: {
    schema: z.object({ recipientId: z.string(), employmentId: z.string() }),
    of: (command) => ({ recipientId: command.recipientId, employmentId: command.employmentId }),
  },
});
