import { DateTime } from 'luxon';
import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError, InvalidInput } from '@dpe/errors';
import { nationalInsuranceNumberProblem, normaliseNationalInsuranceNumber } from '@dpe/identifiers';
import { InvalidTaxCode, parseTaxCode, type TaxCode } from '@dpe/income-tax';
import {
  RATE_KINDS,
  RecipientId,
  recipientNotFound,
  recipientStream,
  type PaHired,
  type PaHiredData,
  type PaySchedule,
  type StarterDeclaration,
  type Warning,
  AddressLines,
  FPS_LINE,
  UkPostcode,
} from '@dpe/recipients';
import { businessDate, oneOf, poundsAmount, text, z } from '@dpe/schema';
import { knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { UNDERGRADUATE_LOAN_PLANS } from '@dpe/student-loans';
import { taxYearOf } from '@dpe/tax-calendar';
import { EmploymentId } from './employment-stream';
import { minimumRateProblem } from './minimum-rate';
import { isPayDate, payPeriodFor } from './pay-schedule';

const ZONE = 'Europe/London';
const DATES = { from: '2015-04-01', to: '2099-12-31' };

// ------------------------------------------------------------------------------------------------ HMRC's FPS formats

// The FPS carries the PA's name and address in restricted character sets, each part at most 35 characters (HMRC RTI
// schema 2026-27, FullPaymentSubmission-2027-v1-0.xsd: Fore and Sur are CharsetD starting with a letter, address Line
// is CharsetG starting with a letter or digit, at most 4 lines (@dpe/recipients postal-address.ts); shared/reference/rti/README.md,
// https://www.gov.uk/government/publications/real-time-information-internet-submissions-2026-to-2027-technical-specifications).
// A name HMRC would refuse is refused here, at the hire, where the person who can fix it is present.
const FPS_NAME = /^[A-Za-z][A-Za-z '-]*$/;
const fpsName = (description: string) =>
  text(35, description).refine(
    (value) => FPS_NAME.test(value),
    'must start with a letter and hold only letters A-Z, spaces, hyphens and apostrophes (the FPS name character set); write an accented letter without its accent',
  );

// The address rules (FPS CharsetG lines, the UK postcode pattern) are shared with the employer's address.
const AddressInput = z.strictObject({
  lines: AddressLines.describe('Address lines, 1 to 4, each at most 35 characters (personal data)'),
  postcode: UkPostcode.describe('UK postcode (personal data); leave out for an address abroad').optional(),
});

// National Insurance numbers (identifiers.md §6.3, HMRC NIM39110
// http://www.gov.uk/hmrc-internal-manuals/national-insurance-manual/nim39110): a temporary number (TN, the date of birth
// ddmmyy, M or F) is no longer used and must not be sent to HMRC; nor an HMRC Temporary Reference Number (two digits,
// a letter, five digits); the administrative prefixes OO, CR, FY, MW and NC are not NINOs. The rule names what to do.
const TEMPORARY_NUMBER = /^TN\d{6}[MF]$/;
const TEMPORARY_REFERENCE = /^\d{2}[A-Z]\d{5}$/;
const ADMINISTRATIVE_PREFIXES = ['OO', 'CR', 'FY', 'MW', 'NC'];
const WITHOUT_NUMBER =
  'leave it out: the FPS then carries the date of birth, gender and address, and HMRC traces the number';

function ninoProblem(value: string): string | undefined {
  const nino = normaliseNationalInsuranceNumber(value);
  if (TEMPORARY_NUMBER.test(nino))
    return `is a temporary number (TN, date of birth, M or F): HMRC no longer uses them and they must not be sent to HMRC; ${WITHOUT_NUMBER}`;
  if (TEMPORARY_REFERENCE.test(nino))
    return `is an HMRC Temporary Reference Number, not a National Insurance number; ${WITHOUT_NUMBER}`;
  if (ADMINISTRATIVE_PREFIXES.includes(nino.slice(0, 2)))
    return `has the administrative prefix ${nino.slice(0, 2)}, which HMRC never allocates as a National Insurance number; ${WITHOUT_NUMBER}`;
  return nationalInsuranceNumberProblem(nino);
}

const NationalInsuranceNumber = z
  .string()
  .max(13, 'must be at most 13 characters')
  .superRefine((value, context) => {
    const rule = ninoProblem(value);
    if (rule) context.addIssue({ code: 'custom', message: rule });
  })
  .transform(normaliseNationalInsuranceNumber)
  .describe('National Insurance number, e.g. AB123456C (personal data); leave out when the PA has none yet');

// ---------------------------------------------------------------------------------------------------------- the terms

/** The form of a tax code (uk-payroll-rules.md §1.4), checked by the income-tax library; the year's check is later. */
const TaxCodeText = (description: string) =>
  z
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
    .describe(description);

// £200 an hour (or a night's sleep-in) is far beyond any PA's rate; more is a typing error (as change-pay-rate).
const rate = (description: string) => poundsAmount({ max: '200.00', allowZero: false, description });

/** PayRates (employer-types.ts): `standard` required, the other kinds optional; `sleep-in` is a flat amount a night. */
export const PayRatesInput = z.strictObject({
  standard: rate('Hourly rate for ordinary hours, e.g. "13.50"'),
  night: rate('Hourly rate for night hours').optional(),
  weekend: rate('Hourly rate for weekend hours').optional(),
  'bank-holiday': rate('Hourly rate for bank holiday hours').optional(),
  'sleep-in': rate('Flat amount per sleep-in night (not hourly)').optional(),
} satisfies Record<(typeof RATE_KINDS)[number], unknown>);

// Paying more than a month after the period ends would leave two periods unpaid at once: an engine bound, not a law.
const daysInArrears = z
  .number()
  .int('must be a whole number of days')
  .min(0, 'must be 0 or more')
  .max(31, 'must be at most 31')
  .describe('Days between the end of the period paid and the pay date (0: paid on its last day)');
const firstPayDate = businessDate(
  DATES,
  'The first pay date; fixes the weekday of weekly, fortnightly and four-weekly pay',
);

export const PayScheduleInput = z.discriminatedUnion('frequency', [
  z.strictObject({
    frequency: z.enum(['weekly', 'fortnightly', 'four-weekly'], {
      error: () => 'must be one of weekly, fortnightly, four-weekly, monthly',
    }),
    firstPayDate,
    daysInArrears,
  }),
  z.strictObject({
    frequency: z.literal('monthly'),
    payDay: z
      .union([z.number().int().min(1).max(31), z.literal('last-working-day')], {
        error: () => 'must be a day of the month 1-31 or "last-working-day"',
      })
      .describe('Day of the month 1-31 (a short month pays on its last day), or the last working day'),
    firstPayDate,
    daysInArrears,
  }),
]);

const StarterInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('statement'),
    statement: oneOf(
      ['A', 'B', 'C'],
      "The starter checklist statement the PA chose (A, B or C: HMRC's starter checklist)",
    ),
  }),
  z.strictObject({
    kind: z.literal('p45'),
    previousPayToDate: poundsAmount({
      max: '1000000.00',
      description: 'Pay to date in this tax year from the P45',
    }),
    previousTaxToDate: poundsAmount({ max: '1000000.00', description: 'Tax to date in this tax year from the P45' }),
    taxCode: TaxCodeText('The tax code on the P45, e.g. "1257L"'),
    week1Month1: z.boolean().describe('Whether the P45 marks the code week 1/month 1'),
    leavingDate: businessDate(DATES, 'The leaving date on the P45'),
  }),
]);

// Statutory holiday for workers with regular hours is 5.6 weeks (uk-payroll-rules.md §9,
// https://derby-community-accountancy.org.uk/tag/politics); a contract may give more, and 10 weeks is a typing guard.
const WeeksPerYear = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,2})?$/, 'must be weeks as decimal text, e.g. "5.6"')
  .refine((value) => Number(value) >= 5.6, 'must be at least 5.6 weeks (the statutory minimum)')
  .refine((value) => Number(value) <= 10, 'must be at most 10 weeks')
  .describe('Weeks of paid holiday a year; default "5.6", the statutory minimum');

const HolidayInput = z.discriminatedUnion('basis', [
  z.strictObject({
    basis: z.literal('accrual'),
    rolledUp: z
      .boolean()
      .default(false)
      .describe('Pay 12.07% holiday pay with each pay instead of when leave is taken (irregular-hours workers only)'),
  }),
  z.strictObject({ basis: z.literal('weeks'), weeksPerYear: WeeksPerYear.default('5.6') }),
]);

const BankInput = z.strictObject({
  accountName: text(100, 'Name on the account (personal data)'),
  sortCode: z
    .string()
    .regex(/^\d{2}[- ]?\d{2}[- ]?\d{2}$/, 'must be 6 digits, e.g. "12-34-56" or "123456"')
    .transform((value) => value.replace(/[- ]/g, ''))
    .describe('Sort code, 6 digits; "12-34-56" is accepted (personal data)'),
  accountNumber: z
    .string()
    .regex(/^\d{8}$/, 'must be 8 digits')
    .describe('Account number, 8 digits (personal data)'),
});

export const HirePaInput = z
  .strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId.optional().describe(
      'Employment id (case does not matter); defaults to an id derived from the command id',
    ),
    payrollId: z
      .string()
      .min(1, 'is required')
      .max(35, 'must be at most 35 characters (the FPS PayId)')
      .regex(FPS_LINE, 'must start with a letter or digit and use the FPS character set')
      .describe("The employer's payroll id for the PA (FPS PayId); defaults to the employment id")
      .optional(),
    pa: z.strictObject({
      forename: fpsName("The PA's forename as HMRC will have it (personal data)"),
      surname: fpsName("The PA's surname (personal data)"),
      nationalInsuranceNumber: NationalInsuranceNumber.optional(),
      dateOfBirth: businessDate({ from: '1900-01-01', to: '2099-12-31' }, 'Date of birth (personal data)'),
      gender: oneOf(['F', 'M'], 'Gender as HMRC records it: the FPS takes F or M (personal data)'),
      address: AddressInput,
    }),
    startDate: businessDate(DATES, 'First day of the employment'),
    starter: StarterInput,
    taxCode: TaxCodeText(
      'The tax code to operate from the start, e.g. "1257L"; a P45 code or the starter checklist\'s',
    ),
    week1Month1: z
      .boolean()
      .optional()
      .describe('Whether the code is operated week 1/month 1; default: as the code says (W1, M1 or X), else false'),
    niCategory: z
      .string()
      .regex(/^[A-Za-z]$/, 'must be a single category letter, e.g. A')
      .transform((value) => value.toUpperCase())
      .default('A')
      .describe('National Insurance category letter; default A'),
    studentLoanPlans: z
      .array(oneOf(UNDERGRADUATE_LOAN_PLANS, 'An undergraduate loan plan'))
      .max(UNDERGRADUATE_LOAN_PLANS.length)
      .refine((plans) => new Set(plans).size === plans.length, 'must not name a plan twice')
      .default([])
      .describe('Undergraduate student loan plans to deduct (1, 2, 4, 5); default none'),
    postgraduateLoan: z.boolean().default(false).describe('Whether to deduct the Postgraduate Loan; default false'),
    schedule: PayScheduleInput,
    rates: PayRatesInput,
    contractedHoursPerWeek: z
      .string()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be hours as decimal text, e.g. "37.5"')
      .refine((value) => Number(value) > 0, 'must be more than 0')
      // A week has 168 hours; more is not a week's contract.
      .refine((value) => Number(value) <= 168, 'must be at most 168 (the hours in a week)')
      .describe('Contracted hours a week, for a PA with regular hours; leave out for irregular hours')
      .optional(),
    holiday: HolidayInput,
    pension: oneOf(['assess', 'opted-in', 'opted-out'], 'Automatic enrolment: assess each pay (default)').default(
      'assess',
    ),
    bank: BankInput,
  })
  .superRefine((input, context) => {
    const valid = (date: unknown): date is string =>
      typeof date === 'string' && DateTime.fromISO(date, { zone: ZONE }).isValid && /^\d{4}-\d{2}-\d{2}$/.test(date);
    const { startDate } = input;
    if (!valid(startDate)) return;
    // An engine rule, not one taken from the reference files: no PA is younger than 13 on the start date, so a later
    // date of birth is taken as a typing error.
    const youngest = DateTime.fromISO(startDate, { zone: ZONE }).minus({ years: 13 }).toISODate()!;
    if (valid(input.pa?.dateOfBirth) && input.pa.dateOfBirth > youngest) {
      context.addIssue({
        code: 'custom',
        path: ['pa', 'dateOfBirth'],
        message: `must be on or before ${youngest}: a PA is at least 13 on the start date ${startDate}`,
      });
    }
    const schedule = input.schedule as PaySchedule | undefined;
    if (!schedule || !valid(schedule.firstPayDate)) return;
    if (schedule.firstPayDate < startDate) {
      context.addIssue({
        code: 'custom',
        path: ['schedule', 'firstPayDate'],
        message: `must be on or after the start date ${startDate}`,
      });
    } else if (schedule.frequency === 'monthly') {
      const rule = firstPayDateProblem(schedule);
      if (rule) context.addIssue({ code: 'custom', path: ['schedule', 'firstPayDate'], message: rule });
    }
  });

/** Why a monthly first pay date is not on its own pay day, or undefined. */
function firstPayDateProblem(schedule: PaySchedule & { frequency: 'monthly' }): string | undefined {
  try {
    if (isPayDate(schedule, schedule.firstPayDate)) return undefined;
  } catch (error) {
    if (error instanceof InvalidInput) return error.rule;
    throw error;
  }
  return schedule.payDay === 'last-working-day'
    ? 'must be the last working day of its month (Monday to Friday, not a bank holiday in England and Wales)'
    : `must fall on the pay day ${schedule.payDay} (or the last day of a shorter month)`;
}

export type HirePa = z.output<typeof HirePaInput> & { readonly employmentId: string };

// -------------------------------------------------------------------------------------------------------- the decision

/** The code as stored: HMRC's normalised text without its W1/M1/X marker (the basis is held apart, as change-tax-code). */
const withoutMarker = (code: TaxCode): string => code.text.replace(/ (W1\/M1|W1|M1|X)$/, '');

/** The store's claim on an employment id: its stream, employment-{id}, belongs to one recipient's employment. */
export const employmentClaim = (employmentId: string): string => `employment/${employmentId}`;

/**
 * The FPS PayId of a new employment. An employment id longer than the FPS allows (a derived id is a 36-character
 * uuid) is used without its hyphens.
 */
function defaultPayrollId(employmentId: string): string | undefined {
  if (employmentId.length <= 35) return employmentId;
  const compact = employmentId.replace(/-/g, '');
  return compact.length <= 35 ? compact : undefined;
}

function rule(code: string, message: string): DomainError {
  return new DomainError('rule', code, message);
}

export const hirePa = defineCommand({
  name: 'hire-pa',
  summary: "Hire a Personal Assistant onto the employer's roster (records PaHired)",
  input: HirePaInput,
  complete: (input, ids): HirePa => ({
    ...input,
    employmentId: input.employmentId ?? ids.derive('employment').toLowerCase(),
  }),
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  decide(command, state, now): PaHired[] {
    if (state.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    if (state.termination) {
      throw rule(
        'direct-payment.terminated',
        `recipient ${command.recipientId}: the Direct Payment was terminated on ${state.termination.on}; a terminated Direct Payment hires no PA`,
      );
    }
    if (!state.employer) {
      throw rule(
        'employment.employer-not-registered',
        `recipient ${command.recipientId} is not registered as an employer: register as employer first (register-as-employer, with the PAYE and Accounts Office references)`,
      );
    }
    const { employmentId, startDate } = command;
    if (state.roster.some((hire) => hire.employmentId === employmentId)) {
      throw new DomainError(
        'conflict',
        'employment.already-hired',
        `employmentId: ${employmentId} is already on the roster of recipient ${command.recipientId}; a PA is hired once per employment`,
      );
    }
    const payrollId = command.payrollId ?? defaultPayrollId(employmentId);
    if (payrollId === undefined) {
      throw rule(
        'employment.payroll-id-required',
        `payrollId is required when employmentId is longer than the 35 characters of the FPS PayId (${employmentId})`,
      );
    }
    const sharing = state.roster.find((hire) => hire.payrollId === payrollId);
    if (sharing) {
      // The payroll id tells HMRC one employment from another in the same PAYE scheme (the FPS PayId and its
      // PayIdChgd indicator, HMRC RTI schema 2026-27, shared/reference/rti/README.md).
      throw new DomainError(
        'conflict',
        'employment.payroll-id-taken',
        `payrollId: ${payrollId} is already the payroll id of employment ${sharing.employmentId}; each employment of an employer has its own`,
      );
    }
    // A date has a plausible range for its meaning, as an enrolment has (docs/architecture.md, the edge): a start more
    // than a year ahead is a typing error, not a hire to record.
    const latest = now.plus({ years: 1 }).toISODate()!;
    if (startDate > latest) {
      throw rule(
        'employment.start-too-far-ahead',
        `startDate ${startDate} is more than a year after today (${now.toISODate()})`,
      );
    }

    // The tax code and NI category are checked against the statutory tables of the tax year the employment starts in.
    const year = taxYearOf(startDate).id;
    if (!knownTaxYears().includes(year)) {
      throw rule(
        'employment.tax-year-not-held',
        `startDate ${startDate} is in tax year ${year}, whose statutory tables are not held yet (held: ${knownTaxYears().join(', ')}); hire once they are added`,
      );
    }
    const tables = taxYearTables(year);
    const code = codeInYear('taxCode', command.taxCode, year, tables.incomeTax);
    if (command.week1Month1 === false && code.nonCumulative) {
      throw rule(
        'employment.tax-code-basis-conflict',
        `taxCode ${code.text} is marked ${code.nonCumulativeMarker} (week 1/month 1), but week1Month1 is false`,
      );
    }
    if (!(command.niCategory in tables.nationalInsurance.categories)) {
      throw rule(
        'employment.ni-category-unknown',
        `niCategory ${command.niCategory} is not a National Insurance category in ${year}; the categories are ${Object.keys(tables.nationalInsurance.categories).join(', ')}`,
      );
    }
    let starter: StarterDeclaration = command.starter;
    if (starter.kind === 'p45') {
      const p45Code = codeInYear('starter.taxCode', starter.taxCode, year, tables.incomeTax);
      starter = {
        ...starter,
        taxCode: withoutMarker(p45Code),
        week1Month1: starter.week1Month1 || p45Code.nonCumulative,
      };
    }

    const belowMinimum = minimumRateProblem(command.rates, command.pa.dateOfBirth, startDate);
    if (belowMinimum) throw belowMinimum;

    if (command.holiday.basis === 'accrual' && command.holiday.rolledUp) rolledUpHolidayProblem(command);
    firstPeriodProblem(command.schedule, startDate);

    const warnings: Warning[] = [];
    if (command.pa.nationalInsuranceNumber === undefined) {
      // HMRC: an unknown number is left blank, never a temporary one, and the FPS carries the PA's date of birth,
      // gender and address for HMRC to trace it (identifiers.md §6.3, https://payadvice.uk/2021/05/23/new-format-ninos-no-theyre-temporary-reference-numbers-trns-do-not-use/).
      warnings.push({
        code: 'employment.no-national-insurance-number',
        message:
          'pa.nationalInsuranceNumber: none given; the FPS will report the PA without one, carrying the date of birth, gender and address instead, until HMRC traces it: record it when the PA or HMRC gives it',
      });
    }
    const { pa, holiday } = command;
    const data: PaHiredData = {
      recipientId: command.recipientId,
      employmentId,
      payrollId,
      pa: {
        forename: pa.forename,
        surname: pa.surname,
        nationalInsuranceNumber: pa.nationalInsuranceNumber ?? null,
        dateOfBirth: pa.dateOfBirth,
        gender: pa.gender,
        address: { lines: pa.address.lines, postcode: pa.address.postcode ?? null },
      },
      startDate,
      starter,
      taxCode: withoutMarker(code),
      week1Month1: command.week1Month1 ?? code.nonCumulative,
      niCategory: command.niCategory,
      studentLoanPlans: UNDERGRADUATE_LOAN_PLANS.filter((plan) => command.studentLoanPlans.includes(plan)),
      postgraduateLoan: command.postgraduateLoan,
      schedule: command.schedule,
      rates: command.rates,
      contractedHoursPerWeek: command.contractedHoursPerWeek ?? null,
      holiday:
        holiday.basis === 'accrual'
          ? { basis: 'accrual', rolledUp: holiday.rolledUp }
          : { basis: 'weeks', weeksPerYear: holiday.weeksPerYear },
      pension: command.pension,
      bank: command.bank,
      warnings,
    };
    return [{ type: 'PaHired', data }];
  },
  // The employment's own stream (employment-{id}) is global: the id is claimed with the hire, so no two recipients'
  // employments share one.
  claims: (command) => [employmentClaim(command.employmentId)],
  claimTaken: (_key, holderStreamId, command) =>
    new DomainError(
      'conflict',
      'employment.id-taken',
      `employmentId: ${command.employmentId} is already an employment of recipient ${holderStreamId.replace(/^recipient-/, '')}; employment ids are unique across the bureau`,
    ),
  http: { method: 'POST', path: '/recipients/:recipientId/employments', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfState: (state) => (state.status === 'enrolled' ? state.councilId : undefined),
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({
      recipientId: z.string(),
      employmentId: z.string(),
      warnings: z
        .array(z.object({ code: z.string(), message: z.string() }))
        .describe('Accepted with these warnings, e.g. employment.no-national-insurance-number'),
    }),
    of: (command, _prepared, events) => ({
      recipientId: command.recipientId,
      employmentId: command.employmentId,
      warnings: events.flatMap((event) => (event.type === 'PaHired' ? event.data.warnings : [])),
    }),
  },
});

/** A tax code checked against one tax year's tables (a D code needs a band above basic that year). */
function codeInYear(
  field: string,
  text: string,
  year: string,
  incomeTax: ReturnType<typeof taxYearTables>['incomeTax'],
): TaxCode {
  try {
    return parseTaxCode(text, incomeTax);
  } catch (error) {
    if (!(error instanceof InvalidTaxCode)) throw error;
    throw rule(
      'employment.tax-code-not-valid-in-year',
      `${field} ${text} is not a valid code in ${year}: ${error.rule}`,
    );
  }
}

// Rolled-up holiday pay (12.07% paid with each pay) is lawful only for irregular-hours and part-year workers, in leave
// years starting on or after 1 April 2024 (Employment Rights (Amendment, Revocation and Transitional Provision)
// Regulations 2023; uk-payroll-rules.md §9, https://acas.org.uk/irregular-hours-and-part-year-workers). A PA with
// contracted weekly hours has regular hours; a hire's first leave year starts no earlier than its start date.
const ROLLED_UP_FROM = '2024-04-01';

function rolledUpHolidayProblem(command: HirePa): void {
  if (command.contractedHoursPerWeek !== undefined) {
    throw rule(
      'employment.rolled-up-holiday-not-lawful',
      `holiday.rolledUp: rolled-up holiday pay is lawful only for irregular-hours and part-year workers, and this PA has regular hours (contractedHoursPerWeek ${command.contractedHoursPerWeek}); accrue the holiday and pay it when taken`,
    );
  }
  if (command.startDate < ROLLED_UP_FROM) {
    throw rule(
      'employment.rolled-up-holiday-not-lawful',
      `holiday.rolledUp: rolled-up holiday pay is lawful only in leave years starting on or after ${ROLLED_UP_FROM}, and this employment starts on ${command.startDate}`,
    );
  }
}

/**
 * The first pay date must pay the period the employment starts in: otherwise the days between the start and the first
 * period paid belong to no pay period, and no timesheet can be submitted for them.
 */
function firstPeriodProblem(schedule: PaySchedule, startDate: string): void {
  let period: { start: string; end: string };
  try {
    period = payPeriodFor(schedule, schedule.firstPayDate);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    throw rule('employment.first-pay-date', `schedule.firstPayDate ${schedule.firstPayDate}: ${error.rule}`);
  }
  if (period.start <= startDate && startDate <= period.end) return;
  throw rule(
    'employment.first-pay-date',
    `schedule.firstPayDate ${schedule.firstPayDate} pays ${period.start} to ${period.end}, which does not include the start date ${startDate}: the first pay date must pay the period the employment starts in`,
  );
}
