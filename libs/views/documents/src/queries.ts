import { READERS, type Role } from '@dpe/access';
import { defineQuery, type QueryContext } from '@dpe/decider';
import { EdgeError } from '@dpe/errors';
import { Money } from '@dpe/money';
import { employmentStream } from '@dpe/employment';
import { payrollKey, payrollStream, type PayslipIssuedData } from '@dpe/pay-runs';
import {
  RecipientId,
  recipientNotFound,
  recipientStream,
  type PaHiredData,
  type RecipientState,
} from '@dpe/recipients';
import { z } from '@dpe/schema';
import { taxYearOf } from '@dpe/tax-calendar';
import { p45Pdf, type P45Document } from './p45';
import { p60Pdf, type P60Document } from './p60';
import { p11Html, type P11Document } from './p11';
import { payslipHtml, payslipPdf, type PayslipDocument } from './payslip';

/**
 * The documents a PA is given: a payslip for every pay, a P45 on leaving, a P60 after the year. Each is written from
 * the events (the payslip's own figures, the hire), never stored. The issue: "a PA's payslips are downloadable by the
 * PA and their employer only": the PA (the pa role, bound to its own employments) and its employer (the employer role,
 * bound to its own recipients), besides the bureau's staff who run the payroll and auditors in scope; not council
 * finance, who audit the DP account and need no PA's pay details.
 */
const DOCUMENT_READERS: readonly Role[] = [...READERS.filter((role) => role !== 'council-finance'), 'employer', 'pa'];
const TaxYear = z.string().regex(/^\d{4}-\d{2}$/, 'must be a tax year such as "2026-27"');

type Enrolled = Extract<RecipientState, { status: 'enrolled' }>;

async function employerOf(recipientId: string, load: QueryContext['load']): Promise<Enrolled> {
  const recipient = await load(recipientStream, recipientId);
  if (recipient.status !== 'enrolled') throw recipientNotFound(recipientId);
  return recipient;
}

/** The PAYE reference: from the registration, or from enrolment on records written before registration existed. */
const payeReferenceOf = (recipient: Enrolled): string =>
  recipient.employer?.payeReference ?? recipient.employerReferences?.payeReference ?? 'not registered';

const hireOf = (recipient: Enrolled, employmentId: string): PaHiredData => {
  const hire = recipient.roster.find((each) => each.employmentId === employmentId);
  if (!hire) throw new EdgeError('not-found', 'employment.not-found', `employmentId: no employment ${employmentId}`);
  return hire;
};

/** Whose a document is, for the self roles' check, and its council for everyone else's. */
const owned = { recipientId: z.string(), employmentId: z.string(), councilId: z.string().nullable() };
const selfOf = (view: { recipientId: string; employmentId: string }) => view;
const scope = (notFound: (params: { recipientId: string }) => Error) => ({
  roles: DOCUMENT_READERS,
  councilOfResult: { of: (view: { councilId: string | null }) => view.councilId, notFound },
  selfOfResult: selfOf,
});

const PayslipView = z.object({ ...owned, document: z.custom<PayslipDocument>() });

const PayslipSummary = z.object({
  payslipId: z.string(),
  payDate: z.string(),
  taxPeriod: z.number().int(),
  frequency: z.string(),
  gross: z.string(),
  netPay: z.string(),
});

export const listPayslips = defineQuery({
  name: 'list-payslips',
  summary: "List one PA's payslips of a tax year in one employment, each to open with show-payslip",
  params: z.strictObject({
    recipientId: RecipientId,
    employmentId: z.string().min(1).max(128),
    taxYear: TaxYear,
  }),
  response: z.object({ ...owned, taxYear: z.string(), payslips: z.array(PayslipSummary) }),
  http: { path: '/recipients/:recipientId/employments/:employmentId/payslips/:taxYear' },
  cli: 'payslips list',
  policy: scope(({ recipientId }) => recipientNotFound(recipientId)),
  async run({ recipientId, employmentId, taxYear }, { load }) {
    const recipient = await employerOf(recipientId, load);
    const hire = hireOf(recipient, employmentId);
    const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
    return {
      recipientId,
      employmentId: hire.employmentId,
      councilId: recipient.councilId,
      taxYear,
      payslips: payroll.payslips
        .filter((slip) => slip.employmentId === hire.employmentId)
        .map((slip) => ({
          payslipId: slip.payslipId,
          payDate: slip.payDate,
          taxPeriod: slip.taxPeriod,
          frequency: slip.frequency,
          gross: slip.gross,
          netPay: slip.netPay,
        })),
    };
  },
});

export const showPayslip = defineQuery({
  name: 'show-payslip',
  summary: "Show one PA's payslip of a pay run (format=pdf for the one-page A4 payslip, html for the web page)",
  params: z.strictObject({
    recipientId: RecipientId,
    taxYear: TaxYear,
    payslipId: z.string().min(1).max(128).describe('The payslip, as PayslipIssued names it'),
  }),
  response: PayslipView,
  http: { path: '/recipients/:recipientId/payslips/:taxYear/:payslipId' },
  cli: 'payslips show',
  policy: scope(({ recipientId }) => recipientNotFound(recipientId)),
  representations: {
    pdf: {
      contentType: 'application/pdf',
      fileName: (v) => `payslip-${v.document.payslip.payslipId}.pdf`,
      render: (v) => payslipPdf(v.document),
    },
    html: {
      contentType: 'text/html; charset=utf-8',
      fileName: (v) => `payslip-${v.document.payslip.payslipId}.html`,
      render: (v) => payslipHtml(v.document),
    },
  },
  async run({ recipientId, taxYear, payslipId }, { load }) {
    const recipient = await employerOf(recipientId, load);
    const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
    const payslip = payroll.payslips.find((slip) => slip.payslipId === payslipId);
    if (!payslip)
      throw new EdgeError('not-found', 'payslip.not-found', `payslipId: no payslip ${payslipId} in ${taxYear}`);
    const hire = hireOf(recipient, payslip.employmentId);
    return {
      recipientId,
      employmentId: payslip.employmentId,
      councilId: recipient.councilId,
      document: {
        employer: { name: recipient.name, payeReference: payeReferenceOf(recipient) },
        pa: { name: `${hire.pa.forename} ${hire.pa.surname}`, niNumber: hire.pa.nationalInsuranceNumber },
        payslip,
      },
    };
  },
});

const sum = (slips: readonly PayslipIssuedData[], of: (slip: PayslipIssuedData) => string): string =>
  Money.sum(slips.map((slip) => Money.of(of(slip)))).toString();

const previousEmploymentOf = (hire: PaHiredData, taxYear: string) =>
  // The P45 the PA started with counts in this year only if its leaving date is in this year (on or after 6 April).
  hire.starter.kind === 'p45' && hire.starter.leavingDate >= `${taxYear.slice(0, 4)}-04-06`
    ? { pay: hire.starter.previousPayToDate, tax: hire.starter.previousTaxToDate }
    : null;

// The employer's address is the one register-as-employer recorded (EmployerRegistered `address`, personal data):
// where its forms and HMRC's letters go. A registration without one (it is optional, and older events have none), or
// a record from before registration existed, leaves the forms' employer address blank for the bureau to complete.
const employerBlock = (recipient: Enrolled) => ({
  name: recipient.name,
  address: [...(recipient.employer?.address?.lines ?? [])],
  postcode: recipient.employer?.address?.postcode ?? '',
  payeReference: payeReferenceOf(recipient),
});

const P45View = z.object({ ...owned, document: z.custom<P45Document>() });

export const showP45 = defineQuery({
  name: 'show-p45',
  summary: "Show a leaver's P45 (Parts 1A, 2 and 3), from the employment's final payslip (format=pdf)",
  params: z.strictObject({ recipientId: RecipientId, employmentId: z.string().min(1).max(128) }),
  response: P45View,
  http: { path: '/recipients/:recipientId/employments/:employmentId/p45' },
  cli: 'p45',
  policy: scope(({ recipientId }) => recipientNotFound(recipientId)),
  representations: {
    pdf: {
      contentType: 'application/pdf',
      fileName: (v) => `p45-${v.employmentId}.pdf`,
      render: (v) => p45Pdf(v.document),
    },
  },
  async run({ recipientId, employmentId }, { load }) {
    const recipient = await employerOf(recipientId, load);
    const hire = hireOf(recipient, employmentId);
    const employment = await load(employmentStream, employmentId);
    const leaver = employment.leaver;
    if (!leaver) throw new EdgeError('not-found', 'p45.not-a-leaver', `employmentId: ${employmentId} has not left`);
    const taxYear = taxYearOf(leaver.leavingDate).id;
    const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
    const slips = payroll.payslips.filter((slip) => slip.employmentId === employmentId);
    const last = slips.find((slip) => slip.inputs.finalPay) ?? slips[slips.length - 1];
    if (!last)
      throw new EdgeError(
        'not-found',
        'p45.no-final-pay',
        `employmentId: ${employmentId} has no payslip in ${taxYear}`,
      );
    const previous = previousEmploymentOf(hire, taxYear);
    return {
      recipientId,
      employmentId,
      councilId: recipient.councilId,
      document: {
        employer: employerBlock(recipient),
        employee: {
          niNumber: hire.pa.nationalInsuranceNumber,
          title: null,
          surname: hire.pa.surname,
          forenames: hire.pa.forename,
          address: hire.pa.address.lines,
          postcode: hire.pa.address.postcode,
          dateOfBirth: hire.pa.dateOfBirth,
          gender: hire.pa.gender === 'F' ? ('female' as const) : ('male' as const),
          worksNumber: last.payrollId,
        },
        leavingDate: leaver.leavingDate,
        studentLoanContinues: hire.studentLoanPlans.length > 0,
        postgraduateLoanContinues: hire.postgraduateLoan,
        taxCode: last.taxCode,
        week1Month1: last.week1Month1,
        frequency: last.frequency,
        taxPeriod: last.taxPeriod,
        // The payslip's year to date is this employment's only; the P45 figures from before are held on the hire.
        thisEmployment: { pay: last.ytd.taxablePay, tax: last.ytd.tax },
        previousEmployment: previous,
        issuedOn: last.payDate,
      },
    };
  },
});

const P60View = z.object({ ...owned, document: z.custom<P60Document>() });

export const showP60 = defineQuery({
  name: 'show-p60',
  summary: "Show a PA's P60 for a tax year, from the year's payslips (format=pdf)",
  params: z.strictObject({ recipientId: RecipientId, employmentId: z.string().min(1).max(128), taxYear: TaxYear }),
  response: P60View,
  http: { path: '/recipients/:recipientId/employments/:employmentId/p60/:taxYear' },
  cli: 'p60',
  policy: scope(({ recipientId }) => recipientNotFound(recipientId)),
  representations: {
    pdf: {
      contentType: 'application/pdf',
      fileName: (v) => `p60-${v.employmentId}-${v.document.taxYear}.pdf`,
      render: (v) => p60Pdf(v.document),
    },
  },
  async run({ recipientId, employmentId, taxYear }, { load }) {
    const recipient = await employerOf(recipientId, load);
    const hire = hireOf(recipient, employmentId);
    const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
    const slips = payroll.payslips.filter((slip) => slip.employmentId === employmentId);
    const last = slips[slips.length - 1];
    if (!last)
      throw new EdgeError('not-found', 'p60.no-pay', `employmentId: ${employmentId} was not paid in ${taxYear}`);
    const letters = [...new Set(slips.map((slip) => slip.niCategory))];
    const lines = (kind: string) =>
      Money.sum(
        slips.flatMap((slip) => slip.lines.filter((line) => line.kind === kind).map((line) => Money.of(line.amount))),
      ).toString();
    return {
      recipientId,
      employmentId,
      councilId: recipient.councilId,
      document: {
        taxYear,
        employee: {
          surname: hire.pa.surname,
          forenames: hire.pa.forename,
          niNumber: hire.pa.nationalInsuranceNumber,
          worksNumber: last.payrollId,
        },
        previousEmployment: previousEmploymentOf(hire, taxYear),
        thisEmployment: { pay: last.ytd.taxablePay, tax: last.ytd.tax },
        finalTaxCode: last.taxCode,
        nationalInsurance: letters.map((letter) => {
          const mine = slips.filter((slip) => slip.niCategory === letter);
          return {
            category: letter,
            atLel: sum(mine, (slip) => slip.niBands.atLel),
            lelToPt: sum(mine, (slip) => slip.niBands.lelToPt),
            ptToUel: sum(mine, (slip) => slip.niBands.ptToUel),
            employeeContributions: sum(mine, (slip) => slip.deductions.employeeNic),
          };
        }),
        statutoryPayments: { smp: lines('smp'), spp: lines('spp') },
        studentLoan: last.ytd.studentLoan,
        postgraduateLoan: last.ytd.postgraduateLoan,
        employer: employerBlock(recipient),
      },
    };
  },
});

const P11View = z.object({ ...owned, document: z.custom<P11Document>() });

export const showP11 = defineQuery({
  name: 'show-p11',
  summary:
    "Show a PA's P11-style record of the year: every payslip with its pay, tax, NI, loans and pension (format=html)",
  params: z.strictObject({ recipientId: RecipientId, employmentId: z.string().min(1).max(128), taxYear: TaxYear }),
  response: P11View,
  http: { path: '/recipients/:recipientId/employments/:employmentId/p11/:taxYear' },
  cli: 'p11',
  policy: scope(({ recipientId }) => recipientNotFound(recipientId)),
  representations: {
    html: {
      contentType: 'text/html; charset=utf-8',
      fileName: (v) => `p11-${v.employmentId}-${v.document.taxYear}.html`,
      render: (v) => p11Html(v.document),
    },
  },
  async run({ recipientId, employmentId, taxYear }, { load }) {
    const recipient = await employerOf(recipientId, load);
    const hire = hireOf(recipient, employmentId);
    const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
    return {
      recipientId,
      employmentId,
      councilId: recipient.councilId,
      document: {
        employer: { name: recipient.name, payeReference: payeReferenceOf(recipient) },
        pa: { name: `${hire.pa.forename} ${hire.pa.surname}`, niNumber: hire.pa.nationalInsuranceNumber },
        taxYear,
        payslips: payroll.payslips.filter((slip) => slip.employmentId === employmentId),
      },
    };
  },
});
