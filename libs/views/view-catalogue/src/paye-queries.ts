import { p32Html } from '@dpe/documents';
import { READERS } from '@dpe/access';
import { defineQuery } from '@dpe/decider';
import { bureauPayeTotals, listPayeLiabilities, payeLiabilitiesProjection, payeQuarters } from '@dpe/paye-liabilities';
import { RecipientId, recipientNotFound } from '@dpe/recipients';
import { z } from '@dpe/schema';
import { AsAtParams, CouncilFilter, councilsOf, PageParams, readView } from './view-query';

const pounds = z.string().describe('Pounds as decimal text');
const TaxYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'must be a tax year such as 2026-27')
  .describe('The tax year, e.g. 2026-27');

const Liability = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable(),
  payeReference: z.string().nullable(),
  accountsOfficeReference: z.string().nullable(),
  employmentAllowanceClaimed: z.boolean().nullable(),
  taxYear: z.string(),
  taxMonth: z.number().int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string().describe('The 22nd after the tax month ends (electronic payment)'),
  incomeTax: pounds,
  employeeNic: pounds,
  employerNic: pounds,
  studentLoan: pounds,
  postgraduateLoan: pounds,
  employmentAllowance: pounds,
  smp: pounds,
  spp: pounds,
  statutoryPayRecoveryRate: z.string().nullable(),
  statutoryPayRecovered: pounds,
  due: pounds.describe('tax + employee NI + employer NI − employment allowance + loans − statutory pay recovered'),
  paid: pounds,
  outstanding: pounds,
  overdue: z.boolean(),
  payslips: z.number().int(),
  payments: z.number().int(),
  lastPaidOn: z.string().nullable(),
  payRunPayeDue: pounds.describe('What the pay runs recorded as PAYE due, before statutory pay recovered'),
});

const Quarter = z.object({
  quarter: z.number().int(),
  taxMonths: z.tuple([z.number().int(), z.number().int(), z.number().int()]).readonly(),
  periodStart: z.string(),
  periodEnd: z.string(),
  dueDate: z.string(),
  due: pounds,
  paid: pounds,
  outstanding: pounds,
  overdue: z.boolean(),
  months: z.array(Liability).readonly(),
});

const today = (context: { now: { toISODate(): string | null } }) => context.now.toISODate()!;

export const listPayeLiabilitiesQuery = defineQuery({
  name: 'list-paye-liabilities',
  summary: 'PAYE liabilities (P32) per employer per tax month: due by the 22nd, paid, outstanding, overdue',
  params: z.strictObject({
    ...CouncilFilter,
    recipientId: RecipientId.optional().describe('One employer only'),
    taxYear: TaxYear.optional(),
    taxMonth: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 to 12')
      .max(12, 'must be 1 to 12')
      .optional(),
    overdueOnly: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('Only months past their due date with something outstanding'),
    ...AsAtParams,
    ...PageParams,
  }),
  response: z.array(Liability),
  http: { path: '/paye-liabilities' },
  policy: { roles: READERS, councilOfItem: (row) => row.councilId },
  run: (
    { councilId, recipientId, taxYear, taxMonth, overdueOnly, asAt, knownOn, asAtPosition, limit, offset },
    context,
  ) =>
    readView(context, payeLiabilitiesProjection, { asAt, knownOn, asAtPosition }, (rows) =>
      listPayeLiabilities(rows, {
        councils: councilsOf(context, councilId),
        ...(recipientId ? { recipientId } : {}),
        ...(taxYear ? { taxYear } : {}),
        ...(taxMonth ? { taxMonth } : {}),
        asOf: asAt ?? today(context),
        ...(overdueOnly ? { overdueOnly } : {}),
        limit,
        offset,
      }),
    ),
});

export const showPayeQuarters = defineQuery({
  name: 'show-paye-quarters',
  summary: "An employer's PAYE by quarter, and whether it may pay quarterly (average monthly due under £1,500)",
  params: z.strictObject({ recipientId: RecipientId, taxYear: TaxYear, ...AsAtParams }),
  response: z.object({
    recipientId: z.string(),
    councilId: z.string().nullable(),
    taxYear: z.string(),
    asOf: z.string(),
    quarters: z.array(Quarter).readonly(),
    monthsSoFar: z.number().int(),
    dueSoFar: pounds,
    averageMonthlyDue: z.string().nullable(),
    mayPayQuarterly: z.boolean(),
  }),
  http: { path: '/recipients/:recipientId/paye-quarters' },
  // The P32 printed (A4 landscape HTML): the same figures, formatted.
  representations: {
    html: {
      contentType: 'text/html; charset=utf-8',
      fileName: (view) => `p32-${view.recipientId}-${view.taxYear}.html`,
      render: (view) =>
        p32Html({
          // The employer by its id: the recipient's name is personal data and the view does not carry it.
          employer: { name: view.recipientId, payeReference: view.quarters[0]?.months[0]?.payeReference ?? null },
          taxYear: view.taxYear,
          asOf: view.asOf,
          quarters: view.quarters,
        }),
    },
  },
  policy: {
    roles: READERS,
    councilOfResult: {
      of: (result) => result.councilId,
      notFound: ({ recipientId }) => recipientNotFound(recipientId),
    },
  },
  async run({ recipientId, taxYear, asAt, knownOn, asAtPosition }, context) {
    const quarters = await readView(context, payeLiabilitiesProjection, { asAt, knownOn, asAtPosition }, (rows) =>
      payeQuarters(rows, { councils: councilsOf(context), recipientId, taxYear, asOf: asAt ?? today(context) }),
    );
    if (!quarters) throw recipientNotFound(recipientId);
    return quarters;
  },
});

export const listBureauPayeTotals = defineQuery({
  name: 'list-bureau-paye-totals',
  summary: "The bureau's PAYE per tax month over every employer in scope: due, paid, outstanding, overdue",
  params: z.strictObject({ ...CouncilFilter, taxYear: TaxYear, ...AsAtParams }),
  response: z.array(
    z.object({
      taxYear: z.string(),
      taxMonth: z.number().int(),
      dueDate: z.string(),
      employers: z.number().int(),
      incomeTax: pounds,
      employeeNic: pounds,
      employerNic: pounds,
      studentLoan: pounds,
      postgraduateLoan: pounds,
      employmentAllowance: pounds,
      statutoryPayRecovered: pounds,
      due: pounds,
      paid: pounds,
      outstanding: pounds,
      overdue: z.object({ employers: z.number().int(), outstanding: pounds }).nullable(),
    }),
  ),
  http: { path: '/paye-liabilities/totals' },
  // Totals over the councils in the caller's scope only: the sums are made from its councils' rows alone.
  policy: { roles: READERS },
  run: ({ councilId, taxYear, asAt, knownOn, asAtPosition }, context) =>
    readView(context, payeLiabilitiesProjection, { asAt, knownOn, asAtPosition }, (rows) =>
      bureauPayeTotals(rows, { councils: councilsOf(context, councilId), taxYear, asOf: asAt ?? today(context) }),
    ),
});
