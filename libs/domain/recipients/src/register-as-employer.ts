import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { businessDate, oneOf, text, z } from '@dpe/schema';
import { RecipientId } from './enrol-recipient';
import type { EmployerRegistered, Warning } from './employer-types';
import { AccountsOfficeReference, EmployerPayeReference } from './hmrc-reference';
import { EmployerAddressInput } from './postal-address';
import { recipientStream } from './recipient-stream';
import { recipientNotFound } from './show-recipient';

// No Direct Payment employer existed before Direct Payments began (1 April 1997, see enrol-recipient).
const DATES = { from: '1997-04-01', to: '2099-12-31' };

export const PENSION_TAX_RELIEF = ['relief-at-source', 'net-pay-arrangement'] as const;

/** Ten-thousandths in a fraction written with at most 4 decimal places ("0.03" → 300). */
const FRACTION = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;
const basisPoints = (fraction: string): number => Math.round(Number(fraction) * 10_000);

const contributionRate = (who: string) =>
  z
    .string()
    .regex(FRACTION, 'must be a decimal fraction from 0 to 1 with at most 4 decimal places, e.g. "0.05" for 5%')
    .describe(
      `The ${who}'s contribution on qualifying earnings as a decimal fraction; the statutory minimum if absent`,
    );

// Automatic enrolment minimums on qualifying earnings, in force since 6 April 2019: the employer at least 3%, and 8% in
// all including the employee's contribution and its tax relief (uk-payroll-rules.md §7,
// https://thepayrollsite.co.uk/help/faq/528.htm). An absent rate is the statutory minimum: employer 3%, employee 5%.
const MINIMUM_EMPLOYER = 300;
const MINIMUM_EMPLOYEE = 500;
const MINIMUM_TOTAL = 800;

const PensionSchemeInput = z
  .strictObject({
    provider: text(200, 'The workplace pension provider, e.g. NEST'),
    dutiesStartDate: businessDate(
      DATES,
      "The employer's automatic enrolment duties start date (the day it first employed a worker, for a new employer)",
    ),
    taxRelief: oneOf(PENSION_TAX_RELIEF, 'How the scheme gives tax relief on the employee contribution'),
    employerRate: contributionRate('employer').optional(),
    employeeRate: contributionRate('employee').optional(),
  })
  .superRefine((scheme, context) => {
    const valid = (rate: string | undefined) => rate === undefined || FRACTION.test(rate);
    if (!valid(scheme.employerRate) || !valid(scheme.employeeRate)) return;
    const employer = scheme.employerRate === undefined ? MINIMUM_EMPLOYER : basisPoints(scheme.employerRate);
    const employee = scheme.employeeRate === undefined ? MINIMUM_EMPLOYEE : basisPoints(scheme.employeeRate);
    if (employer < MINIMUM_EMPLOYER) {
      context.addIssue({
        code: 'custom',
        path: ['employerRate'],
        message: 'must be at least 0.03: the employer pays at least 3% of qualifying earnings (automatic enrolment)',
      });
    } else if (employer + employee < MINIMUM_TOTAL) {
      context.addIssue({
        code: 'custom',
        path: [scheme.employeeRate === undefined ? 'employerRate' : 'employeeRate'],
        message:
          'with the employer rate must make at least 0.08: 8% of qualifying earnings in all (automatic enrolment)',
      });
    }
  });

export const RegisterAsEmployerInput = z.strictObject({
  recipientId: RecipientId,
  payeReference: EmployerPayeReference,
  accountsOfficeReference: AccountsOfficeReference,
  // Care and support employers qualify: an individual employing a care or support worker with a Direct Payment may
  // claim the Employment Allowance, although household employers otherwise may not (uk-payroll-rules.md §4; NIM06520,
  // https://gov.uk/hmrc-internal-manuals/national-insurance-manual/nim06520). So it is claimed unless told otherwise.
  employmentAllowance: z
    .boolean()
    .default(true)
    .describe(
      'Whether to claim the Employment Allowance each tax year; default true (care and support employers qualify)',
    ),
  pensionScheme: PensionSchemeInput.optional(),
  employersLiabilityInsurance: z
    .strictObject({
      insurer: text(200, "The employers' liability insurer"),
      renewalDate: businessDate(DATES, 'When the policy is next renewed'),
    })
    .optional(),
  bureauActsAsAgent: z
    .boolean()
    .describe("Whether the bureau files and pays as the employer's agent (a 64-8 or online authorisation)"),
  address: EmployerAddressInput.optional(),
  registeredOn: businessDate(DATES, 'Business date of the registration; defaults to today (Europe/London)').optional(),
});

export type RegisterAsEmployer = z.output<typeof RegisterAsEmployerInput>;

/** The store's claim on a PAYE scheme: one PAYE reference belongs to one employer (docs/domain-model.md). */
export const payeSchemeClaim = (payeReference: string): string => `paye-scheme/${payeReference}`;

/**
 * A warning when the Accounts Office reference's office number is not the PAYE reference's tax office number. They
 * should be the same (identifiers.md §6.1 and §6.2, https://github.com/stirfry1/docs), but that they always are is
 * unconfirmed there, so a difference is shown to the operator, not refused.
 */
function officeMismatch(payeReference: string, accountsOfficeReference: string): Warning | undefined {
  const taxOffice = payeReference.slice(0, 3);
  const accountsOffice = accountsOfficeReference.slice(0, 3);
  if (taxOffice === accountsOffice) return undefined;
  return {
    code: 'employer.accounts-office-mismatch',
    message: `accountsOfficeReference: its office number ${accountsOffice} differs from tax office ${taxOffice} of payeReference ${payeReference}; HMRC issues both with the same office number, so check both against HMRC's letter`,
  };
}

export const registerAsEmployer = defineCommand({
  name: 'register-as-employer',
  summary: "Register a recipient as a PAYE employer with the employer's HMRC references (records EmployerRegistered)",
  input: RegisterAsEmployerInput,
  complete: (input): RegisterAsEmployer => input,
  stream: recipientStream,
  streamKey: (command) => command.recipientId,
  decide(command, state, now): EmployerRegistered[] {
    if (state.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    if (state.termination) {
      throw new DomainError(
        'rule',
        'direct-payment.terminated',
        `recipient ${command.recipientId}: the Direct Payment was terminated on ${state.termination.on}; a terminated Direct Payment takes on no employer`,
      );
    }
    if (state.employer) {
      throw new DomainError(
        'conflict',
        'employer.already-registered',
        `recipient ${command.recipientId} is already registered as employer ${state.employer.payeReference} (on ${state.employer.registeredOn}); an employer is registered once`,
      );
    }
    const mismatch = officeMismatch(command.payeReference, command.accountsOfficeReference);
    const scheme = command.pensionScheme;
    return [
      {
        type: 'EmployerRegistered',
        data: {
          recipientId: command.recipientId,
          payeReference: command.payeReference,
          accountsOfficeReference: command.accountsOfficeReference,
          employmentAllowance: command.employmentAllowance,
          pensionScheme: scheme
            ? {
                provider: scheme.provider,
                dutiesStartDate: scheme.dutiesStartDate,
                taxRelief: scheme.taxRelief,
                employerRate: scheme.employerRate ?? null,
                employeeRate: scheme.employeeRate ?? null,
              }
            : null,
          employersLiabilityInsurance: command.employersLiabilityInsurance ?? null,
          bureauActsAsAgent: command.bureauActsAsAgent,
          // Left out when not given, so the event reads as those written before the field existed.
          ...(command.address ? { address: { lines: command.address.lines, postcode: command.address.postcode } } : {}),
          registeredOn: command.registeredOn ?? now.toISODate()!,
          warnings: mismatch ? [mismatch] : [],
        },
      },
    ];
  },
  // The store takes the claim atomically with the event: a second employer naming the same PAYE scheme is refused.
  claims: (command) => [payeSchemeClaim(command.payeReference)],
  claimTaken: (_key, holderStreamId, command) => {
    const holderId = holderStreamId.replace(/^recipient-/, '');
    return new DomainError(
      'conflict',
      'employer.paye-reference-taken',
      `payeReference: ${command.payeReference} is already registered to employer ${holderId}; one PAYE scheme belongs to one employer`,
    );
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employer', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfState: (state) => (state.status === 'enrolled' ? state.councilId : undefined),
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({
      recipientId: z.string(),
      warnings: z
        .array(z.object({ code: z.string(), message: z.string() }))
        .describe('Accepted with these warnings for the operator, e.g. employer.accounts-office-mismatch'),
    }),
    of: (command, _prepared, events) => ({
      recipientId: command.recipientId,
      warnings: events.flatMap((event) => (event.type === 'EmployerRegistered' ? event.data.warnings : [])),
    }),
  },
});
