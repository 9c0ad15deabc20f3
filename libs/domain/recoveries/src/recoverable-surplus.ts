import type { AccountState } from '@dpe/accounts';
import type { CouncilPolicyRecordedData } from '@dpe/councils';
import { addDays, employmentTermsOn, type EmploymentState } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { DecimalOf, Money, type DecimalValue } from '@dpe/money';
import { owed, type PayrollYear, type PayslipIssuedData } from '@dpe/pay-runs';
import type { BudgetAgreedData, PaHiredData } from '@dpe/recipients';
import { DateTime } from 'luxon';

/**
 * What a council may recover from a Direct Payment account, as at a date, under one version of its policy
 * (dp-domain.md §1.6, the generic surplus formula [inference, built from the councils' published methods]):
 *
 *   surplus = max(0, cash − outstanding liabilities − ring-fences − contingency)
 *
 * split into the council's share, which it may recover, and the client's share, which is refunded to the client, not
 * recovered (§0.3, §5.4: Gateshead refunds an overpaid client contribution and recoups only the council's share).
 * Every component is returned as money text, and every calculation records the policy version it used (§0.1).
 *
 * The inputs are the streams as folded: to compute as at a past date, fold them as at that date. `on` fixes what
 * depends on the date itself: the rate, the budget and the policy in force, service and age, the statutory cap.
 */

/** An allocation set aside from the surplus: respite not yet used, a one-off item, planned accumulation. */
export interface Earmark {
  /** What it is for, as the support plan says (a short label). */
  readonly purpose: string;
  readonly amount: string;
}

/** One PA's hire and the employment's stream (its rate changes and its leaver). */
export interface SurplusEmployment {
  readonly hire: PaHiredData;
  readonly employment: EmploymentState;
}

export interface SurplusInputs {
  /** The DP account: council funding, client contributions, other spend. */
  readonly account: AccountState;
  /** Every tax year's payroll of the employer since enrolment (payslips, runs, payments). */
  readonly payroll: readonly PayrollYear[];
  readonly budgets: readonly BudgetAgreedData[];
  /** Every PA on the roster. */
  readonly employments: readonly SurplusEmployment[];
  /**
   * Earmarks: neither the council policy nor any event records them yet (dp-domain.md §5.1 `SupportPlanEarmarkAdded`
   * is not built), so they are an input, listed by whoever asks (a recovery's proposer).
   */
  readonly earmarks: readonly Earmark[];
  /** Amounts already paid back to the council from the account (recovery payments received). */
  readonly returnedToCouncil: readonly string[];
}

/** The parts of a council policy version the surplus uses. */
export type SurplusPolicy = Pick<
  CouncilPolicyRecordedData,
  'councilId' | 'version' | 'contingencyWeeks' | 'ringFences'
>;

export interface HolidayRingFence {
  readonly employmentId: string;
  /** Hours accrued and taken on every payslip of the employment, exact. */
  readonly accruedHours: string;
  readonly takenHours: string;
  /** accrued − taken, never below 0. */
  readonly owedHours: string;
  /** The PA's standard hourly rate in force on the date. */
  readonly rate: string;
  readonly amount: string;
}

export interface NoticeAndRedundancyRingFence {
  readonly employmentId: string;
  /** Complete years of continuous service on the date, from the hire's start date. */
  readonly completeYears: number;
  readonly weeklyPay: string;
  /** contracted-hours: contracted hours × standard rate; twelve-week-average: average gross of the last 12 weeks. */
  readonly weeklyPayBasis: 'contracted-hours' | 'twelve-week-average';
  readonly noticeWeeks: number;
  readonly noticePay: string;
  /** Weeks' pay by the age bands, for at most 20 years: "4.5". */
  readonly redundancyWeeks: string;
  /** The statutory cap on a week's pay for a dismissal on the date. */
  readonly weeklyPayCap: string;
  readonly redundancyPay: string;
  readonly amount: string;
}

export interface RecoverableSurplus {
  readonly on: string;
  readonly councilId: string;
  readonly policyVersion: number;
  readonly cash: {
    readonly fundingReceived: string;
    readonly contributionsReceived: string;
    readonly netPayPaid: string;
    readonly payePaid: string;
    readonly pensionPaid: string;
    readonly otherSpend: string;
    readonly returnedToCouncil: string;
    /** funding + contributions − net pay paid − PAYE paid − pension paid − other spend − returned to the council. */
    readonly balance: string;
  };
  readonly liabilities: {
    /** Net pay of issued payslips not yet paid to the PAs. */
    readonly netPay: string;
    /** PAYE of completed runs (tax, NICs, loans) not yet paid to HMRC. */
    readonly paye: string;
    /** Pension contributions of completed runs not yet paid to the provider. */
    readonly pension: string;
    /** Final pay recorded for a leaver (notice, holiday owed, redundancy) that no payslip has issued yet. */
    readonly finalPay: string;
    readonly total: string;
  };
  readonly ringFences: {
    readonly accruedHoliday: {
      readonly applied: boolean;
      readonly amount: string;
      readonly employments: readonly HolidayRingFence[];
    };
    readonly noticeAndRedundancy: {
      readonly applied: boolean;
      readonly notice: string;
      readonly redundancy: string;
      readonly amount: string;
      readonly employments: readonly NoticeAndRedundancyRingFence[];
    };
    readonly earmarks: { readonly applied: boolean; readonly amount: string };
    /** The ring-fences the policy applies, in all. */
    readonly total: string;
  };
  readonly contingency: { readonly weeks: number; readonly grossWeekly: string | null; readonly amount: string };
  /** cash − liabilities − ring-fences − contingency, before the floor: negative is a shortfall. */
  readonly available: string;
  /** available, floored at 0. */
  readonly surplus: string;
  readonly split: {
    /** The client's money still in the account: contributions received, up to the cash there is. */
    readonly clientMoney: string;
    readonly councilMoney: string;
    /** The part of the surplus that is the client's: refunded to the client, never recovered. */
    readonly clientShare: string;
    /** The part of the surplus that is the council's: what it may recover. */
    readonly councilShare: string;
  };
}

// ---------------------------------------------------------------------------------------------------- statutory figures

/**
 * The statutory cap on a week's pay for redundancy pay (Employment Rights Act 1996 s.227), by the date of dismissal.
 * Not in the shared reference (uk-payroll-rules.md has no redundancy figures; dp-domain.md §1.10 says only that
 * redundancy pay is due after 2 years' service), so each figure names its own source:
 * - £643 from 6 April 2023: https://www.mondaq.com/uk/employee-rights-labour-relations/1314008/revised-employment-rates-and-payment-limits-in-the-uk
 * - £700 from 6 April 2024: https://www.gov.uk/redundant-your-rights/redundancy-pay (maximum £21,000)
 * - £719 from 6 April 2025: the Employment Rights (Increase of Limits) Order 2025 (SI 2025/348), "the maximum amount
 *   of a 'week's pay' (for the purpose of calculating statutory redundancy payments ...) is increasing from £700 to
 *   £719" (https://www.mondaq.com/unitedstates/employee-benefits-compensation/1602500/employment-law-update-new-compensation-limits-and-statutory-payment-rates;
 *   also https://weightmans.com/media-centre/news/redundancy-pay-and-other-statutory-limits-to-rise-again; maximum
 *   £21,570 = 20 × 1.5 × £719)
 * - £751 from 6 April 2026: the Employment Rights (Increase of Limits) Order 2026 (SI 2026/310, made 16 March 2026, in
 *   force 6 April 2026: https://www.legislation.gov.uk/uksi/2026/310/note/made), which takes the Employment Rights Act
 *   1996's week's-pay limits from £719 to £751 (the consolidated Act as from 6 April 2026, s.186:
 *   https://legalize.dev/uk/law/ukpga-1996-18/history); maximum £22,530 = 20 × 1.5 × £751, as
 *   http://fairworkhub.uk/blog/statutory-redundancy-pay-weekly-cap quotes GOV.UK. The s.227(1) line of the Order's
 *   schedule itself was not read (only its explanatory note and the s.186 change), nor the gov.uk "Redundancy pay" page.
 * Later years must be added here when their order is made.
 */
export const REDUNDANCY_WEEKLY_PAY_CAPS: readonly { readonly from: string; readonly cap: string }[] = [
  { from: '2023-04-06', cap: '643.00' },
  { from: '2024-04-06', cap: '700.00' },
  { from: '2025-04-06', cap: '719.00' },
  { from: '2026-04-06', cap: '751.00' },
];

/** The cap on a week's pay for a dismissal on the date; refused for a date before the table starts. */
export function redundancyWeeklyPayCapOn(on: string): string {
  const cap = [...REDUNDANCY_WEEKLY_PAY_CAPS].reverse().find((entry) => entry.from <= on);
  if (!cap) {
    throw new DomainError(
      'rule',
      'recovery.redundancy-cap-unknown',
      `on: no statutory cap on a week's pay is held for a dismissal on ${on} (the table starts ${REDUNDANCY_WEEKLY_PAY_CAPS[0]!.from})`,
    );
  }
  return cap.cap;
}

/** Redundancy pay and notice exposure start at 2 years' continuous service (dp-domain.md §1.10; ERA 1996 s.155). */
export const QUALIFYING_YEARS = 2;
/** Statutory notice from the employer: 1 week per complete year, up to 12 (dp-domain.md §1.10; ERA 1996 s.86(1)). */
export const MAX_NOTICE_WEEKS = 12;
/** Redundancy pay counts at most the last 20 years of service (ERA 1996 s.162(3); gov.uk redundancy-pay page). */
export const MAX_REDUNDANCY_YEARS = 20;
/** A week's pay averaged over the 12 weeks before the date (gov.uk redundancy-pay page; ERA 1996 s.224). */
const AVERAGE_DAYS = 12 * 7;

/**
 * Weeks' pay for one year of service, by the age the PA was throughout it (ERA 1996 s.162(2); gov.uk
 * redundancy-pay page): half a week under 22, one week from 22 to 40, one and a half from 41.
 */
function weeksForYearAged(age: number): string {
  if (age >= 41) return '1.5';
  if (age >= 22) return '1';
  return '0.5';
}

// -------------------------------------------------------------------------------------------------------------- helpers

const ZERO = new DecimalOf(0);
const sum = (values: readonly (string | Money)[]): Money => Money.sum(values.map((value) => Money.of(value)));
const hours = (values: readonly string[]): DecimalValue => values.reduce((total, h) => total.plus(h), ZERO);

/** Complete years from one date to another (0 when `to` is before `from`); an anniversary completes a year. */
export function completeYears(from: string, to: string): number {
  if (to < from) return 0;
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

const yearsBefore = (on: string, years: number): string =>
  DateTime.fromISO(on, { zone: 'Europe/London' }).minus({ years }).toISODate()!;

/** The gross budget in force on the date: the latest version whose effectiveFrom is on or before it. */
export function budgetInForce(budgets: readonly BudgetAgreedData[], on: string): BudgetAgreedData | undefined {
  return [...budgets].reverse().find((budget) => budget.effectiveFrom <= on);
}

/** Distinct values of a key, in first-seen order. */
function distinct<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}

/** What each tax year's payroll still owes, as the pay-runs library counts it (`owed`), never below 0. */
function payrollLiabilities(years: readonly PayrollYear[]) {
  let netPay = Money.zero;
  let paye = Money.zero;
  let pension = Money.zero;
  const positive = (amount: Money) => (amount.isPositive() ? amount : Money.zero);
  for (const year of years) {
    for (const slip of distinct(year.payslips, (s) => `${s.employmentId} ${s.payDate}`)) {
      netPay = netPay.plus(
        positive(owed(year, { kind: 'net-pay', employmentId: slip.employmentId, payDate: slip.payDate })),
      );
    }
    for (const run of distinct(year.runs, (r) => `${r.taxYear} ${r.taxMonth}`)) {
      paye = paye.plus(positive(owed(year, { kind: 'paye', taxYear: run.taxYear, taxMonth: run.taxMonth })));
    }
    for (const run of distinct(year.runs, (r) => r.payDate)) {
      pension = pension.plus(positive(owed(year, { kind: 'pension', payDate: run.payDate })));
    }
  }
  return { netPay, paye, pension };
}

/**
 * A week's pay for notice and redundancy: for a PA with contracted hours, those hours × the standard rate in force
 * (a week's pay of an employee with normal working hours, ERA 1996 s.221); otherwise the average gross pay of the
 * payslips whose periods end in the 12 weeks up to the date, per week of the periods they cover (gov.uk: "the average
 * you earned per week over the 12 weeks"; ERA 1996 s.224). Final-pay lines are excluded (only a leaver has them).
 */
function weeklyPayOf(
  { hire, employment }: SurplusEmployment,
  slips: readonly PayslipIssuedData[],
  on: string,
): { amount: Money; basis: NoticeAndRedundancyRingFence['weeklyPayBasis'] } {
  const rate = employmentTermsOn(hire, employment, on).rates.standard;
  if (hire.contractedHoursPerWeek !== null) {
    return {
      amount: Money.of(hire.contractedHoursPerWeek).times(rate).roundHalfUpToPenny(),
      basis: 'contracted-hours',
    };
  }
  const after = addDays(on, -AVERAGE_DAYS);
  const recent = slips.filter((slip) => slip.periodEnd > after && slip.periodEnd <= on);
  const days = distinct(
    recent.filter((slip) => !slip.correction),
    (slip) => `${slip.periodStart} ${slip.periodEnd}`,
  ).reduce((total, slip) => total + daysInclusive(slip.periodStart, slip.periodEnd), 0);
  const finalPay = new Set(['notice-pay', 'holiday-owed', 'statutory-redundancy-pay']);
  const gross = Money.sum(
    recent.flatMap((slip) =>
      slip.lines.filter((line) => !finalPay.has(line.kind)).map((line) => Money.of(line.amount)),
    ),
  );
  const amount = days === 0 ? Money.zero : gross.times(7).dividedBy(days).roundHalfUpToPenny();
  return { amount, basis: 'twelve-week-average' };
}

const daysInclusive = (first: string, last: string): number =>
  Math.round(DateTime.fromISO(last, { zone: 'UTC' }).diff(DateTime.fromISO(first, { zone: 'UTC' }), 'days').days) + 1;

/**
 * Accrued holiday not yet taken, valued at the PA's standard rate in force on the date: the hours accrued less the
 * hours taken on every payslip of the employment (payroll-stream.ts `holiday`), never below 0. Only PAs on the
 * 12.07% accrual basis accrue on payslips (uk-payroll-rules.md §9; dp-domain.md §2.2). A PA paid rolled-up holiday
 * pay is owed nothing (it was paid with the work); a PA on the 5.6-weeks basis shows no accrual on payslips either, so
 * nothing is ring-fenced for their untaken entitlement [gap: it is not derived from the payslips].
 */
function holidayRingFence(pa: SurplusEmployment, slips: readonly PayslipIssuedData[], on: string): HolidayRingFence {
  const accrued = hours(slips.map((slip) => slip.holiday.accruedHours));
  const taken = hours(slips.map((slip) => slip.holiday.takenHours));
  const owedHours = DecimalOf.max(accrued.minus(taken), ZERO);
  const rate = employmentTermsOn(pa.hire, pa.employment, on).rates.standard;
  return {
    employmentId: pa.hire.employmentId,
    accruedHours: accrued.toString(),
    takenHours: taken.toString(),
    owedHours: owedHours.toString(),
    rate,
    amount: Money.of(owedHours).times(rate).roundHalfUpToPenny().toString(),
  };
}

/**
 * Notice and redundancy exposure of a PA with 2 or more complete years' continuous service, as if dismissed on the
 * date (dp-domain.md §1.10: on the employer's death or a move into care the PA's role usually ends in redundancy;
 * LGO West Berkshire 24 014 783: redundancy left unpaid). Notice: 1 week per complete year, at most 12, at the
 * uncapped week's pay. Redundancy: for each of the last (at most 20) complete years counted back from the date, the
 * weeks for the PA's age at the start of that year (so a year counts at 1.5 only if the PA was 41 throughout it),
 * × the week's pay capped at the statutory cap for the date. Service is counted from the hire's start date; the
 * extension of the relevant date by unworked statutory notice (ERA 1996 s.145(5)) is not modelled (as record-leaver).
 */
function noticeAndRedundancy(
  pa: SurplusEmployment,
  slips: readonly PayslipIssuedData[],
  on: string,
): NoticeAndRedundancyRingFence | null {
  const years = completeYears(pa.hire.startDate, on);
  if (years < QUALIFYING_YEARS) return null;
  const weekly = weeklyPayOf(pa, slips, on);
  const noticeWeeks = Math.min(years, MAX_NOTICE_WEEKS);
  const noticePay = weekly.amount.times(noticeWeeks).roundHalfUpToPenny();
  let weeks = ZERO;
  for (let k = 1; k <= Math.min(years, MAX_REDUNDANCY_YEARS); k++) {
    weeks = weeks.plus(weeksForYearAged(completeYears(pa.hire.pa.dateOfBirth, yearsBefore(on, k))));
  }
  const cap = redundancyWeeklyPayCapOn(on);
  const redundancyPay = Money.min(weekly.amount, Money.of(cap)).times(weeks).roundHalfUpToPenny();
  return {
    employmentId: pa.hire.employmentId,
    completeYears: years,
    weeklyPay: weekly.amount.toString(),
    weeklyPayBasis: weekly.basis,
    noticeWeeks,
    noticePay: noticePay.toString(),
    redundancyWeeks: weeks.toString(),
    weeklyPayCap: cap,
    redundancyPay: redundancyPay.toString(),
    amount: noticePay.plus(redundancyPay).toString(),
  };
}

// -------------------------------------------------------------------------------------------------------- the surplus

/**
 * The recoverable surplus on `on` under `policy` (see the top of this file). Rules, each with its source:
 *
 * - Cash: council funding + client contributions − net pay, PAYE and pension paid − other spend − money already
 *   returned to the council (dp-domain.md §1.6 `cleared_balance`). Other spend is deducted when recorded: the account
 *   does not record whether an invoice is paid yet, and deducting it as spent or as an unpaid invoice (§1.6, Durham)
 *   comes to the same surplus.
 * - Liabilities, always deducted whatever the policy lists (they are debts, not policy: LGO Hillingdon 20 001 443,
 *   HMRC and payroll bills left unpaid; §1.6 `outstanding_liabilities`): net pay, PAYE and pension owed but unpaid,
 *   and a leaver's recorded final pay that no payslip has issued (§5.1 termination: PA final pay must be settled).
 * - Ring-fences, only those the policy version lists (§0.2: "model them as configurable ring-fences"): accrued
 *   holiday, notice and redundancy (PAs without a leaver), earmarks (Trafford: allocated unused funds such as respite
 *   are kept; §5.1 "earmarks are excluded from surplus").
 * - Contingency: the policy's weeks × the gross weekly budget in force (§1.6; Trafford uses gross weekly DP); no
 *   budget in force counts as none.
 * - Split: the client's money is what remains of the contributions received, up to the cash there is, because
 *   spending is drawn from the council's money first; the client's share of the surplus is the client's money up to
 *   the surplus, and is refunded, not recovered (§0.3 and §5.4, Gateshead; §1.6 `client_contribution_adjustment`).
 *   [inference] The order funds are spent in is local policy (§1.7): Gloucestershire spends the client's money first
 *   and keeps any excess as council property; the policy records no order yet, so council-first (the one that never
 *   recovers a client's own money) is used for every council.
 */
export function recoverableSurplus(inputs: SurplusInputs, policy: SurplusPolicy, on: string): RecoverableSurplus {
  const applies = (ringFence: SurplusPolicy['ringFences'][number]) => policy.ringFences.includes(ringFence);
  const payments = inputs.payroll.flatMap((year) => year.payments);
  const paid = (kind: 'net-pay' | 'paye' | 'pension') =>
    sum(payments.filter((p) => p.settles.kind === kind).map((p) => p.amount));

  const fundingReceived = sum(inputs.account.funding.map((f) => f.amount));
  const contributionsReceived = sum(inputs.account.contributions.map((c) => c.amount));
  const netPayPaid = paid('net-pay');
  const payePaid = paid('paye');
  const pensionPaid = paid('pension');
  const otherSpend = sum(inputs.account.spend.map((s) => s.amount));
  const returned = sum(inputs.returnedToCouncil);
  const cash = fundingReceived
    .plus(contributionsReceived)
    .minus(netPayPaid)
    .minus(payePaid)
    .minus(pensionPaid)
    .minus(otherSpend)
    .minus(returned);

  const slips = inputs.payroll.flatMap((year) => year.payslips);
  const slipsOf = (employmentId: string) => slips.filter((slip) => slip.employmentId === employmentId);
  const owedByPayroll = payrollLiabilities(inputs.payroll);
  const finalPayIssued = new Set(slips.filter((slip) => slip.inputs.finalPay).map((slip) => slip.employmentId));
  const finalPay = sum(
    inputs.employments.flatMap(({ hire, employment: { leaver } }) => {
      if (!leaver || finalPayIssued.has(hire.employmentId)) return [];
      const { noticePay, holidayOwed, statutoryRedundancyPay } = leaver.finalPay;
      return [noticePay ?? '0', holidayOwed?.amount ?? '0', statutoryRedundancyPay ?? '0'];
    }),
  );
  const liabilities = owedByPayroll.netPay.plus(owedByPayroll.paye).plus(owedByPayroll.pension).plus(finalPay);

  // Ring-fences are for PAs still employed: a leaver's final pay is a liability above.
  const employed = inputs.employments.filter(({ employment }) => employment.leaver === null);
  const holiday = employed.map((pa) => holidayRingFence(pa, slipsOf(pa.hire.employmentId), on));
  const holidayAmount = sum(holiday.map((h) => h.amount));
  const exposure = employed.flatMap((pa) => noticeAndRedundancy(pa, slipsOf(pa.hire.employmentId), on) ?? []);
  const notice = sum(exposure.map((e) => e.noticePay));
  const redundancy = sum(exposure.map((e) => e.redundancyPay));
  const earmarks = sum(inputs.earmarks.map((e) => e.amount));
  const ringFenced = Money.sum([
    applies('accrued-holiday') ? holidayAmount : Money.zero,
    applies('notice-and-redundancy') ? notice.plus(redundancy) : Money.zero,
    applies('earmarks') ? earmarks : Money.zero,
  ]);

  const budget = budgetInForce(inputs.budgets, on);
  const contingency = budget ? Money.of(budget.grossWeekly).times(policy.contingencyWeeks) : Money.zero;

  const available = cash.minus(liabilities).minus(ringFenced).minus(contingency);
  const surplus = Money.max(available, Money.zero);
  const clientMoney = Money.min(contributionsReceived, Money.max(cash, Money.zero));
  const clientShare = Money.min(clientMoney, surplus);

  return {
    on,
    councilId: policy.councilId,
    policyVersion: policy.version,
    cash: {
      fundingReceived: fundingReceived.toString(),
      contributionsReceived: contributionsReceived.toString(),
      netPayPaid: netPayPaid.toString(),
      payePaid: payePaid.toString(),
      pensionPaid: pensionPaid.toString(),
      otherSpend: otherSpend.toString(),
      returnedToCouncil: returned.toString(),
      balance: cash.toString(),
    },
    liabilities: {
      netPay: owedByPayroll.netPay.toString(),
      paye: owedByPayroll.paye.toString(),
      pension: owedByPayroll.pension.toString(),
      finalPay: finalPay.toString(),
      total: liabilities.toString(),
    },
    ringFences: {
      accruedHoliday: { applied: applies('accrued-holiday'), amount: holidayAmount.toString(), employments: holiday },
      noticeAndRedundancy: {
        applied: applies('notice-and-redundancy'),
        notice: notice.toString(),
        redundancy: redundancy.toString(),
        amount: notice.plus(redundancy).toString(),
        employments: exposure,
      },
      earmarks: { applied: applies('earmarks'), amount: earmarks.toString() },
      total: ringFenced.toString(),
    },
    contingency: {
      weeks: policy.contingencyWeeks,
      grossWeekly: budget?.grossWeekly ?? null,
      amount: contingency.toString(),
    },
    available: available.toString(),
    surplus: surplus.toString(),
    split: {
      clientMoney: clientMoney.toString(),
      councilMoney: Money.max(cash, Money.zero).minus(clientMoney).toString(),
      clientShare: clientShare.toString(),
      councilShare: surplus.minus(clientShare).toString(),
    },
  };
}
