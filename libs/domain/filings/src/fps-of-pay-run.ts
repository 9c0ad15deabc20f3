import { createHash } from 'node:crypto';
import type { PrepareContext } from '@dpe/decider';
import { employmentStream, employmentTermsOn, type EmploymentState } from '@dpe/employment';
import { Money } from '@dpe/money';
import { payrollKey, payrollStream, type PayrollYear, type PayslipIssuedData } from '@dpe/pay-runs';
import { recipientStream, type PaHiredData, type RecipientState } from '@dpe/recipients';
import {
  fullPaymentSubmission,
  rtiEmployer,
  type FpsEmployee,
  type FpsInput,
  type FpsNiLetter,
  type LateReason,
  type PayFrequency,
  type RtiDocument,
  type RtiSender,
  type StudentLoanPlan,
} from '@dpe/rti';
import { taxYearOf } from '@dpe/tax-calendar';

type Enrolled = Extract<RecipientState, { status: 'enrolled' }>;

/** Everything an FPS is written from: the employer's streams as they stand. */
export interface FpsSources {
  readonly recipient: Enrolled;
  readonly payroll: PayrollYear;
  /** The tax year before the run's: a PA paid then has had their starter FPS. */
  readonly previousYear: PayrollYear;
  readonly employments: ReadonlyMap<string, EmploymentState>;
}

export const previousTaxYear = (taxYear: string): string => {
  const start = Number(taxYear.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
};

/** Reads what the FPS of one of an employer's pay runs is written from. */
export async function loadFpsSources(
  load: PrepareContext['load'],
  recipientId: string,
  taxYear: string,
): Promise<FpsSources | { readonly notEnrolled: true }> {
  const recipient = await load(recipientStream, recipientId);
  if (recipient.status !== 'enrolled') return { notEnrolled: true };
  const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
  const previousYear = await load(payrollStream, payrollKey(recipientId, previousTaxYear(taxYear)));
  const employments = new Map<string, EmploymentState>();
  for (const hire of recipient.roster)
    employments.set(hire.employmentId, await load(employmentStream, hire.employmentId));
  return { recipient, payroll, previousYear, employments };
}

/**
 * Who sends an FPS: the bureau as the employer's agent when it is authorised (64-8), else as a bureau (IRheader
 * Sender, FPS 2026-27 schema).
 */
export const senderOf = (recipient: Enrolled): RtiSender =>
  recipient.employer?.bureauActsAsAgent ? 'Agent' : 'Bureau';

const sum = (values: readonly string[]): string => Money.sum(values.map((value) => Money.of(value))).toString();

/**
 * One NIlettersAndValues per category letter the PA has been paid under in the tax year in this employment (FPS
 * 2026-27: the year-to-date figures are per letter; the period's only on the letter of this payment). The band
 * figures are the payslips' own (the LEL, LEL to PT and PT to UEL parts of each period's NI-able pay), summed.
 */
function niLetters(slip: PayslipIssuedData, year: readonly PayslipIssuedData[]): FpsNiLetter[] {
  const letters = [...new Set(year.map((each) => each.niCategory))];
  return letters.map((letter) => {
    const mine = year.filter((each) => each.niCategory === letter);
    const thisPeriod = slip.niCategory === letter;
    return {
      letter,
      grossInPeriod: thisPeriod ? slip.niablePay : '0.00',
      grossYtd: sum(mine.map((each) => each.niablePay)),
      atLelYtd: sum(mine.map((each) => each.niBands.atLel)),
      lelToPtYtd: sum(mine.map((each) => each.niBands.lelToPt)),
      ptToUelYtd: sum(mine.map((each) => each.niBands.ptToUel)),
      employerInPeriod: thisPeriod ? slip.employer.employerNic : '0.00',
      employerYtd: sum(mine.map((each) => each.employer.employerNic)),
      employeeInPeriod: thisPeriod ? slip.deductions.employeeNic : '0.00',
      employeeYtd: sum(mine.map((each) => each.deductions.employeeNic)),
    };
  });
}

/** The statutory pay of a kind paid to date in the year, from the payslips' lines. */
const statutoryYtd = (year: readonly PayslipIssuedData[], kind: 'smp' | 'spp'): string =>
  sum(year.flatMap((each) => each.lines.filter((line) => line.kind === kind).map((line) => line.amount)));

function employeeOf(
  slip: PayslipIssuedData,
  hire: PaHiredData,
  state: EmploymentState,
  sources: FpsSources,
  upTo: readonly PayslipIssuedData[],
): FpsEmployee {
  const year = upTo.filter((each) => each.employmentId === slip.employmentId);
  const earlier =
    year.some((each) => each !== slip) ||
    sources.previousYear.payslips.some((each) => each.employmentId === slip.employmentId);
  const terms = employmentTermsOn(hire, state, slip.payDate);
  const reliefAtSource = sources.recipient.employer?.pensionScheme?.taxRelief === 'relief-at-source';
  const pension = (value: string) => ({
    netPay: reliefAtSource ? '0.00' : value,
    reliefAtSource: reliefAtSource ? value : '0.00',
  });
  const periodPension = pension(slip.deductions.pensionEmployee);
  const ytdPension = pension(slip.ytd.pensionEmployee);
  const plan = terms.studentLoanPlans[0];
  return {
    nationalInsuranceNumber: hire.pa.nationalInsuranceNumber,
    forename: hire.pa.forename,
    surname: hire.pa.surname,
    // The schema's Address ends in a UK postcode or a foreign country; an address the hire holds without a postcode
    // is left out (it is optional beside an NI number).
    address: hire.pa.address.postcode ? { lines: hire.pa.address.lines, postcode: hire.pa.address.postcode } : null,
    birthDate: hire.pa.dateOfBirth,
    gender: hire.pa.gender,
    payrollId: slip.payrollId,
    // The starter section goes on the employment's first FPS only (HMRC: "Starter" details once).
    ...(earlier
      ? {}
      : {
          starter: {
            startDate: hire.startDate,
            declaration: hire.starter.kind === 'statement' ? hire.starter.statement : null,
            studentLoan: hire.studentLoanPlans.length > 0,
            postgraduateLoan: hire.postgraduateLoan,
          },
        }),
    ...(slip.inputs.finalPay && state.leaver ? { leavingDate: state.leaver.leavingDate } : {}),
    hoursPerWeek: hire.contractedHoursPerWeek,
    toDate: {
      taxablePay: slip.ytd.taxablePay,
      tax: slip.ytd.tax,
      studentLoan: slip.ytd.studentLoan,
      postgraduateLoan: slip.ytd.postgraduateLoan,
      pensionNetPay: ytdPension.netPay,
      pensionReliefAtSource: ytdPension.reliefAtSource,
    },
    payment: {
      frequency: slip.frequency as PayFrequency,
      paymentDate: slip.payDate,
      taxPeriod: slip.taxPeriod,
      periodsCovered: 1,
      taxCode: slip.taxCode,
      nonCumulative: slip.week1Month1,
      taxablePay: slip.taxablePay,
      nonTaxablePay: sum(slip.lines.filter((line) => !line.taxable).map((line) => line.amount)),
      pensionNetPay: periodPension.netPay,
      pensionReliefAtSource: periodPension.reliefAtSource,
      // One plan is reported (the schema has one StudentLoanRecovered); a PA with two plans has the first.
      studentLoan: plan ? { plan: plan as StudentLoanPlan, amount: slip.deductions.studentLoan } : null,
      postgraduateLoan: slip.deductions.postgraduateLoan,
      tax: slip.deductions.incomeTax,
      smpYtd: statutoryYtd(year, 'smp'),
      sppYtd: statutoryYtd(year, 'spp'),
    },
    ni: niLetters(slip, year),
  };
}

export class FpsNotPossible extends Error {
  constructor(
    readonly code: 'fps.not-an-employer' | 'fps.no-such-run' | 'fps.employment-unknown' | 'recipient.not-found',
    message: string,
  ) {
    super(message);
  }
}

/**
 * The FPS of one pay run, from the employer's streams: one Employee per payslip the run issued, with the year to date
 * of the payslips issued up to and including the run's (never a later one), so it says what the payslips said.
 */
export function fpsInputOf(
  sources: FpsSources,
  payRunId: string,
  options: { test?: boolean; lateReason?: LateReason | null } = {},
): FpsInput {
  const { recipient, payroll } = sources;
  const employer = recipient.employer;
  if (!employer) {
    throw new FpsNotPossible(
      'fps.not-an-employer',
      `recipient ${recipient.recipientId} is not registered as an employer: an FPS needs the PAYE and Accounts Office references`,
    );
  }
  const slips = payroll.payslips.filter((slip) => slip.payRunId === payRunId);
  if (slips.length === 0) {
    throw new FpsNotPossible(
      'fps.no-such-run',
      `pay run ${payRunId} of recipient ${recipient.recipientId} issued no payslip in this tax year: nothing to report`,
    );
  }
  const last = payroll.payslips.lastIndexOf(slips[slips.length - 1]!);
  const upTo = payroll.payslips.slice(0, last + 1);
  const employees = slips.map((slip) => {
    const hire = recipient.roster.find((each) => each.employmentId === slip.employmentId);
    const state = sources.employments.get(slip.employmentId);
    if (!hire || !state) {
      throw new FpsNotPossible(
        'fps.employment-unknown',
        `payslip ${slip.payslipId} pays employment ${slip.employmentId}, which is not on the employer's roster: the FPS cannot name the PA`,
      );
    }
    const employee = employeeOf(slip, hire, state, sources, upTo);
    return options.lateReason
      ? { ...employee, payment: { ...employee.payment, lateReason: options.lateReason } }
      : employee;
  });
  return {
    taxYear: slips[0]!.taxYear,
    employer: rtiEmployer(employer.payeReference, employer.accountsOfficeReference),
    sender: senderOf(recipient),
    employees,
    ...(options.test ? { test: true } : {}),
  };
}

/** The run's payslips and the totals an FpsPrepared records. */
export function fpsSummaryOf(payroll: PayrollYear, payRunId: string) {
  const slips = payroll.payslips.filter((slip) => slip.payRunId === payRunId);
  return {
    payDate: slips[0]!.payDate,
    payslipIds: slips.map((slip) => slip.payslipId),
    totals: {
      taxablePay: sum(slips.map((slip) => slip.taxablePay)),
      tax: sum(slips.map((slip) => slip.deductions.incomeTax)),
      employeeNic: sum(slips.map((slip) => slip.deductions.employeeNic)),
      employerNic: sum(slips.map((slip) => slip.employer.employerNic)),
    },
  };
}

export const sha256Of = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The FPS document of one pay run. */
export function fpsOfPayRun(sources: FpsSources, payRunId: string, lateReason: LateReason | null = null): RtiDocument {
  return fullPaymentSubmission(fpsInputOf(sources, payRunId, { lateReason }));
}

/** The tax year a pay date falls in ("2026-27"). */
export const taxYearOfDate = (date: string): string => taxYearOf(date).id;
