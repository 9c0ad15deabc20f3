import { BUREAU_WRITERS } from '@dpe/access';
import { defineQuery } from '@dpe/decider';
import { DomainError, EdgeError } from '@dpe/errors';
import { payrollKey, payrollStream, type PayslipIssuedData } from '@dpe/pay-runs';
import {
  nestContributionCsv,
  papdisCsv,
  type PensionAssessment,
  type PensionContributionRow,
  type PensionFileResult,
} from '@dpe/pension-files';
import { RecipientId, recipientNotFound, recipientStream, type PaHiredData } from '@dpe/recipients';
import { businessDate, z } from '@dpe/schema';
import { taxYearOfDate } from './fps-of-pay-run';

const ASSESSMENT: Record<string, PensionAssessment> = {
  'eligible-jobholder': 'eligible-jobholder',
  'non-eligible-jobholder': 'non-eligible-jobholder',
  'entitled-worker': 'entitled-worker',
};

/**
 * One row per payslip of the pay date: the worker, the pay reference period and the contributions the payslip took.
 * ASSUMPTION: pensionable earnings are the payslip's taxable pay (the earnings the run assessed); the contributions
 * themselves are the payslip's, worked on qualifying earnings by @dpe/pensions.
 */
function rowOf(slip: PayslipIssuedData, hire: PaHiredData, employerId: string): PensionContributionRow {
  return {
    employerId,
    payrollId: slip.payrollId,
    forename: hire.pa.forename,
    surname: hire.pa.surname,
    nationalInsuranceNumber: hire.pa.nationalInsuranceNumber,
    dateOfBirth: hire.pa.dateOfBirth,
    gender: hire.pa.gender,
    address: hire.pa.address,
    employmentStartDate: hire.startDate,
    leavingDate: null,
    periodStart: slip.periodStart,
    periodEnd: slip.periodEnd,
    payDate: slip.payDate,
    frequency: slip.frequency as PensionContributionRow['frequency'],
    taxPeriod: slip.taxPeriod,
    // Outside the age range, or not assessed (opted in or out at hire): outside the automatic duties.
    assessment: ASSESSMENT[slip.pension.assessment] ?? 'excluded',
    enrolmentEvent: hire.pension === 'opted-in' ? 'opt-in' : slip.pension.enrolled ? 'automatic-enrolment' : null,
    enrolled: slip.pension.enrolled,
    pensionableEarnings: slip.taxablePay,
    employerContribution: slip.employer.pensionEmployer,
    employeeContribution: slip.deductions.pensionEmployee,
  };
}

export const PensionFileView = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable(),
  payDate: z.string(),
  layout: z.enum(['papdis', 'nest']),
  totals: z.object({
    rows: z.number(),
    pensionableEarnings: z.string(),
    employerContributions: z.string(),
    employeeContributions: z.string(),
    totalContributions: z.string(),
  }),
  text: z.string().describe("The file: every worker's name, NI number and address (personal data)"),
});
export type PensionFileView = z.output<typeof PensionFileView>;

export const showPensionFile = defineQuery({
  name: 'show-pension-file',
  summary:
    "An employer's pension contribution file for a pay date: PAPDIS CSV, or NEST's contribution schedule (format=file for the file itself)",
  params: z.strictObject({
    recipientId: RecipientId,
    payDate: businessDate({ from: '2024-04-06', to: '2099-12-31' }, 'The pay date whose contributions are reported'),
    layout: z.enum(['papdis', 'nest']).describe('papdis: the industry standard CSV; nest: NEST’s own CSV'),
    schemeEmployerId: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe('The scheme’s reference for the employer (NEST: EMP and nine digits); by default the PAYE reference'),
    paymentSource: z
      .string()
      .min(1)
      .max(40)
      .optional()
      .describe('NEST: the payment source the contributions come from'),
  }),
  response: PensionFileView,
  http: { path: '/recipients/:recipientId/pension-files/:payDate' },
  cli: 'pension-file',
  policy: {
    roles: BUREAU_WRITERS,
    councilOfResult: { of: (view) => view.councilId, notFound: ({ recipientId }) => recipientNotFound(recipientId) },
  },
  representations: {
    file: {
      contentType: 'text/csv; charset=utf-8',
      fileName: (view) => `${view.layout}-${view.recipientId}-${view.payDate}.csv`,
      render: (view) => view.text,
    },
  },
  async run(params, { load }) {
    const recipient = await load(recipientStream, params.recipientId);
    if (recipient.status !== 'enrolled' || !recipient.employer) throw recipientNotFound(params.recipientId);
    const payroll = await load(payrollStream, payrollKey(params.recipientId, taxYearOfDate(params.payDate)));
    const slips = payroll.payslips.filter((slip) => slip.payDate === params.payDate && !slip.correction);
    if (slips.length === 0)
      throw new EdgeError('not-found', 'pension-file.no-pay', `payDate: nothing was paid on ${params.payDate}`);
    const employerId = params.schemeEmployerId ?? recipient.employer.payeReference;
    const rows = slips.map((slip) =>
      rowOf(
        slip,
        recipient.roster.find((hire) => hire.employmentId === slip.employmentId)!,
        employerId,
      ),
    );
    const result: PensionFileResult =
      params.layout === 'papdis'
        ? papdisCsv({ rows })
        : nestContributionCsv({
            employerReference: employerId,
            paymentSource: params.paymentSource ?? '',
            earningsPeriodStart: slips[0]!.periodStart,
            earningsPeriodEnd: slips[0]!.periodEnd,
            paymentDueDate: params.payDate,
            frequency: slips[0]!.frequency as PensionContributionRow['frequency'],
            rows,
          });
    if (result.text === null) {
      throw new DomainError(
        'rule',
        'pension-file.invalid',
        `the ${params.layout} file cannot be written: ${result.problems.map((each) => `${each.path}: ${each.message}`).join('; ')}`,
      );
    }
    return {
      recipientId: params.recipientId,
      councilId: recipient.councilId,
      payDate: params.payDate,
      layout: params.layout,
      totals: result.totals,
      text: result.text,
    };
  },
});
