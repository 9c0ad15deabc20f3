import { READERS } from '@dpe/access';
import { defineQuery, loadStream } from '@dpe/decider';
import { RecipientId, recipientNotFound, recipientStream, RATE_KINDS } from '@dpe/recipients';
import { z } from '@dpe/schema';

const WarningView = z.object({ code: z.string(), message: z.string() });

const ScheduleView = z.union([
  z.object({
    frequency: z.enum(['weekly', 'fortnightly', 'four-weekly']),
    firstPayDate: z.string(),
    daysInArrears: z.number().int(),
  }),
  z.object({
    frequency: z.literal('monthly'),
    payDay: z.union([z.number().int(), z.literal('last-working-day')]),
    firstPayDate: z.string(),
    daysInArrears: z.number().int(),
  }),
]);

/**
 * The employer and its roster, as an operator or auditor sees them. The roster leaves out what only the payroll needs
 * (National Insurance number, date of birth, gender, address, bank details): they are personal data, declared so on
 * PaHired, and nobody reading the roster needs them.
 */
export const EmployerView = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable().describe("The recipient's council"),
  employer: z
    .object({
      payeReference: z.string(),
      accountsOfficeReference: z.string(),
      employmentAllowance: z.boolean(),
      pensionScheme: z
        .object({
          provider: z.string(),
          dutiesStartDate: z.string(),
          taxRelief: z.enum(['relief-at-source', 'net-pay-arrangement']),
          employerRate: z.string().nullable(),
          employeeRate: z.string().nullable(),
        })
        .nullable(),
      employersLiabilityInsurance: z.object({ insurer: z.string(), renewalDate: z.string() }).nullable(),
      bureauActsAsAgent: z.boolean(),
      registeredOn: z.string(),
      warnings: z.array(WarningView),
    })
    .nullable()
    .describe('The PAYE registration; null until the recipient registers as employer'),
  roster: z
    .array(
      z.object({
        employmentId: z.string(),
        payrollId: z.string(),
        forename: z.string().describe("The PA's forename (personal data)"),
        surname: z.string().describe("The PA's surname (personal data)"),
        startDate: z.string(),
        schedule: ScheduleView,
        rates: z
          .object(Object.fromEntries(RATE_KINDS.map((kind) => [kind, z.string().optional()])))
          .describe('Pay rates at the hire, pounds as decimal text (sleep-in: per night)'),
      }),
    )
    .describe('Every PA hired, in the order hired'),
  /** The revision of the stream's last event, for an auditor's "as it stood". */
  revision: z.string(),
});
export type EmployerView = z.output<typeof EmployerView>;

export const showEmployer = defineQuery({
  name: 'show-employer',
  summary: "Show a recipient's employer registration and roster of PAs",
  params: z.strictObject({ recipientId: RecipientId }),
  response: EmployerView,
  http: { path: '/recipients/:recipientId/employer' },
  policy: {
    roles: READERS,
    councilOfResult: {
      of: (view) => view.councilId,
      notFound: ({ recipientId }) => recipientNotFound(recipientId),
    },
  },
  async run({ recipientId }, { store }) {
    const { state, revision } = await loadStream(store, recipientStream, recipientId);
    if (state.status !== 'enrolled' || revision === undefined) throw recipientNotFound(recipientId);
    const { employer } = state;
    // Built field by field, and parsed, so that nothing the view does not name can reach the response.
    return EmployerView.parse({
      recipientId: state.recipientId,
      councilId: state.councilId,
      employer: employer
        ? {
            payeReference: employer.payeReference,
            accountsOfficeReference: employer.accountsOfficeReference,
            employmentAllowance: employer.employmentAllowance,
            pensionScheme: employer.pensionScheme,
            employersLiabilityInsurance: employer.employersLiabilityInsurance,
            bureauActsAsAgent: employer.bureauActsAsAgent,
            registeredOn: employer.registeredOn,
            warnings: employer.warnings,
          }
        : null,
      roster: state.roster.map((hire) => ({
        employmentId: hire.employmentId,
        payrollId: hire.payrollId,
        forename: hire.pa.forename,
        surname: hire.pa.surname,
        startDate: hire.startDate,
        schedule: hire.schedule,
        rates: hire.rates,
      })),
      revision: revision.toString(),
    });
  },
});
