import { DateTime } from 'luxon';
import {
  absencesIn,
  employmentTermsLookup,
  type EmploymentTerms,
  type EmploymentState,
  type PayPeriodDates,
} from '@dpe/employment';
import { calculatePeriod, type PensionTerms } from '@dpe/gross-to-net';
import { accrueIrregularHoursLeave, rolledUpHolidayPay } from '@dpe/holiday-pay';
import { checkMinimumWage } from '@dpe/minimum-wage';
import { Money } from '@dpe/money';
import { employmentAllowanceEntitlement, offsetEmploymentAllowance } from '@dpe/national-insurance';
import { assessWorker } from '@dpe/pensions';
import type { EmployerRegisteredData, PaHiredData, RateKind } from '@dpe/recipients';
import { taxYearTables } from '@dpe/statutory-data';
import { calculateSmp, calculateSsp } from '@dpe/statutory-pay';
import {
  dayNumberOf,
  dayNumberOfIso,
  daysInMonth,
  isoOfDayNumber,
  payPeriodOf,
  taxYearOf,
  yearMonthDayOf,
  type YearMonthDay,
} from '@dpe/tax-calendar';
import type { Timesheet } from '@dpe/timesheets';
import type { PayLine, PayslipHeldData, PayslipIssuedData, PayrollYear, YearToDate } from './payroll-stream';
import { yearToDate } from './payroll-stream';
import { amendmentsDue } from './adjustments';

const ZONE = 'Europe/London';
const money = (value: Money): string => value.toString();

/** Everything one employment's pay on one pay date is computed from. */
export interface PayslipInputs {
  readonly payRunId: string;
  readonly payslipId: string;
  readonly employer: EmployerRegisteredData;
  readonly hire: PaHiredData;
  readonly employment: EmploymentState;
  readonly payDate: string;
  readonly period: PayPeriodDates;
  /** Approved timesheets of the period not yet paid. */
  readonly timesheets: readonly Timesheet[];
  /** The payroll year so far, including payslips already issued earlier in this run. */
  readonly year: PayrollYear;
  /** Employment allowance left for the year before this payslip. */
  readonly allowanceRemaining: Money;
  readonly correction: boolean;
}

export type PayslipOutcome =
  | { readonly issued: PayslipIssuedData; readonly allowanceRemaining: Money }
  | { readonly held: PayslipHeldData }
  | { readonly nothingToPay: true };

/** A business date (ISO text, no time zone) as numbers; every date here was validated when it was recorded. */
const calendarDay = (date: string): YearMonthDay => yearMonthDayOf(dayNumberOfIso(date)!);
const isoDay = ({ year, month, day }: YearMonthDay): string => isoOfDayNumber(dayNumberOf(year, month, day));
/** The same day and month in another year; 29 February becomes 28 February in a common year (as luxon sets a year). */
const inYear = ({ month, day }: YearMonthDay, year: number): YearMonthDay => ({
  year,
  month,
  day: Math.min(day, daysInMonth(year, month)),
});

/** The leave year an accrual falls in: the employment's anniversary year (WTR 1998 reg 13(3)(b): absent agreement). */
export function leaveYearStart(startDate: string, on: string): string {
  const day = calendarDay(on);
  let anniversary = inYear(calendarDay(startDate), day.year);
  if (isoDay(anniversary) > on) anniversary = inYear(anniversary, day.year - 1);
  const text = isoDay(anniversary);
  return text < startDate ? startDate : text;
}

/**
 * Hours as whole hundredths: a shift's hours are decimal text with at most two places (submit-timesheet's schema), so
 * summing hundredths as integers is exact, and the shifts of a period (twenty or more) cost no Decimal each.
 */
const SHIFT_HOURS = /^(\d{1,2})(?:\.(\d{1,2}))?$/;
function hundredthsOf(hours: string): number {
  const parts = SHIFT_HOURS.exec(hours);
  if (!parts) throw new RangeError(`shift hours ${JSON.stringify(hours)} are not decimal text with at most 2 places`);
  return Number(parts[1]) * 100 + Number((parts[2] ?? '').padEnd(2, '0'));
}

/** Hundredths of an hour as the payslip shows them: "22.50", or "22" for whole hours. */
function hoursText(hundredths: number): string {
  const whole = Math.trunc(hundredths / 100);
  const part = hundredths % 100;
  return part === 0 ? String(whole) : `${whole}.${String(part).padStart(2, '0')}`;
}

function hoursLine(termsOn: (date: string) => EmploymentTerms, sheet: Timesheet) {
  const lines: PayLine[] = [];
  // Shifts group by rate kind and rate, so the payslip shows "22.5 h standard at 12.50" once, not per shift.
  const groups = new Map<string, { kind: RateKind; rate: string; hundredths: number }>();
  // Hours by (rate paid, standard rate on the day), for the pay that counts towards the minimum wage.
  const basicGroups = new Map<string, { rate: string; standard: string | undefined; hundredths: number }>();
  let worked = 0;
  for (const shift of sheet.shifts) {
    // A sleep-in is paid as one flat amount a night, however long the night; and its hours while permitted to sleep are
    // not working time for the minimum wage (Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8).
    const sleepIn = shift.rateKind === 'sleep-in';
    const quantity = sleepIn ? 100 : hundredthsOf(shift.hours);
    const rates = termsOn(shift.date).rates;
    const rate = rates[shift.rateKind];
    if (!sleepIn) {
      worked += quantity;
      if (rate !== undefined) {
        const basicKey = `${rate}|${rates.standard ?? ''}`;
        const basic = basicGroups.get(basicKey);
        if (basic) basic.hundredths += quantity;
        else basicGroups.set(basicKey, { rate, standard: rates.standard, hundredths: quantity });
      }
    }
    if (rate === undefined) continue;
    const key = `${shift.rateKind}@${rate}`;
    const group = groups.get(key);
    if (group) group.hundredths += quantity;
    else groups.set(key, { kind: shift.rateKind, rate, hundredths: quantity });
  }
  for (const group of groups.values()) {
    const sleepIn = group.kind === 'sleep-in';
    const quantity = hoursText(group.hundredths);
    lines.push({
      kind: sleepIn ? 'sleep-in' : 'hours',
      description: sleepIn
        ? `Sleep-in nights (timesheet ${sheet.timesheetId})`
        : `${group.kind} hours (timesheet ${sheet.timesheetId})`,
      quantity,
      rate: group.rate,
      // Hours × rate to the nearest penny: no HMRC rule rounds gross pay; half-up is the payroll convention.
      amount: money(Money.of(quantity).times(group.rate).roundHalfUpToPenny()),
      taxable: true,
      source: sheet.timesheetId,
    });
  }
  // A premium for working at particular times (night, weekend, bank holiday) does not count towards the minimum wage:
  // only the lowest rate for the job does (NMW Regulations 2015 reg 10(j); HMRC National Minimum Wage Manual NMWM09270
  // for time work, and NMWM09280's example: paid £10.00 a pot, £15.00 at a weekend fair, the £5.00 premium is removed).
  let minimumWagePay = Money.zero;
  for (const group of basicGroups.values()) {
    const paid = Money.of(group.rate);
    const basic = group.standard === undefined ? paid : Money.min(paid, Money.of(group.standard));
    minimumWagePay = minimumWagePay.plus(basic.times(hoursText(group.hundredths)).roundHalfUpToPenny());
  }
  return { lines, workedHours: Money.of(hoursText(worked)), minimumWagePay };
}

/** Days from `from` to `to` inclusive. */
function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = dayNumberOfIso(from)!, day = from; day <= to; d += 1, day = isoOfDayNumber(d)) days.push(day);
  return days;
}

/**
 * Average weekly earnings for SSP: the gross paid in the 8 weeks before the sickness began, over the weeks the PA was
 * employed in them (HMRC SPM: the relevant period; for a new employee with no pay day yet, the contractual weekly
 * earnings, here contracted hours at the standard rate).
 */
function averageWeeklyEarnings(year: PayrollYear, hire: PaHiredData, firstDay: string): Money {
  const sick = DateTime.fromISO(firstDay, { zone: ZONE });
  const from = sick.minus({ weeks: 8 }).toISODate()!;
  const slips = year.payslips.filter(
    (slip) => slip.employmentId === hire.employmentId && slip.payDate >= from && slip.payDate < firstDay,
  );
  if (slips.length === 0) {
    return Money.of(hire.contractedHoursPerWeek ?? '0').times(hire.rates.standard);
  }
  const weeksEmployed = Math.ceil(sick.diff(DateTime.fromISO(hire.startDate, { zone: ZONE }), 'weeks').weeks);
  return Money.sum(slips.map((slip) => Money.of(slip.gross))).dividedBy(Math.max(1, Math.min(8, weeksEmployed)));
}

/**
 * One PA's pay for one pay date: the gross lines from the approved timesheets, absences and final pay; the minimum
 * wage check on the pay reference period; then the statutory calculators on year-to-date figures folded from the
 * payslips already issued (never from a read model).
 */
export function computePayslip(input: PayslipInputs): PayslipOutcome {
  const { hire, employment, payDate, period, year } = input;
  // The terms of each distinct date, worked out once for this payslip (a timesheet names each day in many shifts).
  const termsOn = employmentTermsLookup(hire, employment);
  const terms = termsOn(payDate);
  const taxYear = taxYearOf(payDate).id;
  const tables = taxYearTables(taxYear);
  const frequency = hire.schedule.frequency;
  const lines: PayLine[] = [];
  let workedHours = Money.zero;
  let minimumWagePay = Money.zero;
  // Corrections of approved timesheets: this period's replace their shifts before they are paid; an earlier period's,
  // already paid, are paid as the difference (never an edit of what was paid).
  const amendments = amendmentsDue(hire, employment, year, period.start);
  for (const sheet of input.timesheets) {
    const corrected = amendments.replacedShifts.get(sheet.timesheetId);
    const worked = hoursLine(termsOn, corrected ? { ...sheet, shifts: corrected.shifts } : sheet);
    lines.push(...worked.lines);
    workedHours = workedHours.plus(worked.workedHours);
    minimumWagePay = minimumWagePay.plus(worked.minimumWagePay);
  }
  lines.push(...amendments.adjustments);
  const workPay = Money.sum(lines.map((line) => Money.of(line.amount)));

  const leaveYear = leaveYearStart(hire.startDate, period.end);
  const rolledUp = hire.holiday.basis === 'accrual' && hire.holiday.rolledUp;
  if (rolledUp && workPay.isPositive()) {
    lines.push({
      kind: 'rolled-up-holiday-pay',
      description: 'Rolled-up holiday pay (12.07% of pay for work done)',
      quantity: null,
      rate: null,
      amount: money(rolledUpHolidayPay({ tables, leaveYearStart: leaveYear, payForWorkDone: workPay })),
      taxable: true,
      source: input.timesheets.map((sheet) => sheet.timesheetId).join(','),
    });
  }

  const absences = absencesIn(employment, period.start, period.end);
  let takenHours = Money.zero;
  for (const absence of absences) {
    if (absence.kind === 'holiday') {
      const hours = absence.hours
        ? Money.of(absence.hours)
        : Money.of(absence.days ?? '0').times(
            Money.of(hire.contractedHoursPerWeek ?? '0')
              .dividedBy(5)
              .toString(),
          );
      takenHours = takenHours.plus(hours);
      // Rolled-up holiday pay was paid with the work; other holiday is paid when taken, at the standard rate.
      if (!rolledUp && hours.isPositive()) {
        lines.push({
          kind: 'holiday-pay',
          description: `Holiday taken ${absence.from} to ${absence.to}`,
          quantity: hours.toString(),
          rate: terms.rates.standard,
          amount: money(hours.times(terms.rates.standard).roundHalfUpToPenny()),
          taxable: true,
          source: absence.absenceId,
        });
      }
    }
    if (absence.kind === 'sickness') {
      const last = absence.lastDay && absence.lastDay < period.end ? absence.lastDay : period.end;
      const first = absence.firstDay > period.start ? absence.firstDay : period.start;
      const ssp = calculateSsp({
        tables,
        sicknessDays: daysOf(first, last),
        qualifyingDays: absence.qualifyingDays,
        averageWeeklyEarnings: averageWeeklyEarnings(year, hire, absence.firstDay),
      });
      if (ssp.amount.isPositive()) {
        lines.push({
          kind: 'ssp',
          description: `Statutory Sick Pay, ${ssp.payableDays.length} day(s) at ${ssp.weeklyRate.toString()} a week`,
          quantity: String(ssp.payableDays.length),
          rate: null,
          amount: money(ssp.amount),
          taxable: true,
          source: absence.absenceId,
        });
      }
    }
    if (absence.kind === 'maternity' || absence.kind === 'paternity') {
      lines.push(...familyPayLines(absence, tables, period));
    }
  }

  const alreadyFinal = year.payslips.some((slip) => slip.employmentId === hire.employmentId && slip.inputs.finalPay);
  const leaver = terms.leaver;
  const finalPay = leaver !== null && leaver.leavingDate <= period.end && !alreadyFinal;
  if (finalPay) {
    const { noticePay, holidayOwed, statutoryRedundancyPay } = leaver.finalPay;
    if (noticePay) {
      lines.push({
        kind: 'notice-pay',
        description: 'Notice pay',
        quantity: null,
        rate: null,
        amount: noticePay,
        taxable: true,
        source: 'leaver',
      });
    }
    if (holidayOwed) {
      lines.push({
        kind: 'holiday-owed',
        description: `Holiday owed on leaving (${holidayOwed.hours} h)`,
        quantity: holidayOwed.hours,
        rate: null,
        amount: holidayOwed.amount,
        taxable: true,
        source: 'leaver',
      });
    }
    if (statutoryRedundancyPay) {
      lines.push({
        kind: 'statutory-redundancy-pay',
        description: 'Statutory redundancy pay (no tax or NI: ITEPA 2003 s.309)',
        quantity: null,
        rate: null,
        amount: statutoryRedundancyPay,
        taxable: false,
        source: 'leaver',
      });
    }
  }
  if (lines.length === 0) return { nothingToPay: true };

  // The minimum wage is judged on the pay reference period: pay for the hours worked against the rate for the PA's age
  // on its first day (NMW Regulations 2015 regs 7 and 4B). Holiday pay, SSP and final pay are not pay for work done.
  const minimumWage = workedHours.isPositive()
    ? checkMinimumWage({
        dateOfBirth: hire.pa.dateOfBirth,
        periodStart: period.start,
        periodEnd: period.end,
        hoursWorked: workedHours.toString(),
        pay: minimumWagePay,
      })
    : undefined;
  const timesheetIds = input.timesheets.map((sheet) => sheet.timesheetId);
  if (minimumWage && !minimumWage.compliant) {
    return {
      held: {
        payRunId: input.payRunId,
        employmentId: hire.employmentId,
        payDate,
        periodStart: period.start,
        periodEnd: period.end,
        reason: 'minimum-wage-shortfall',
        hours: workedHours.toString(),
        pay: money(minimumWagePay),
        requiredRate: money(minimumWage.requiredRate),
        shortfall: money(minimumWage.shortfall),
        timesheetIds,
      },
    };
  }

  const gross = Money.sum(lines.map((line) => Money.of(line.amount)));
  const taxableGross = Money.sum(lines.filter((line) => line.taxable).map((line) => Money.of(line.amount)));
  const ytd = yearToDate(year, hire.employmentId);
  // A P45 from earlier in the same tax year carries its pay and tax into the cumulative calculation; the FPS still
  // reports this employment's own year to date (HMRC: "P45 from a previous job", uk-payroll-rules.md §1.4).
  const p45 =
    hire.starter.kind === 'p45' && taxYearOf(hire.starter.leavingDate).id === taxYear && !terms.week1Month1
      ? hire.starter
      : undefined;
  const previousPay = p45 ? Money.of(p45.previousPayToDate) : Money.zero;
  const previousTax = p45 ? Money.of(p45.previousTaxToDate) : Money.zero;

  const scheme = input.employer.pensionScheme;
  const assessment =
    scheme && hire.pension === 'assess'
      ? assessWorker({
          tables,
          frequency,
          payDate,
          dateOfBirth: hire.pa.dateOfBirth,
          earnings: taxableGross,
          ...statePensionDateBound(hire.pa.dateOfBirth, payDate),
        })
      : undefined;
  const enrolled = scheme !== null && (hire.pension === 'opted-in' || assessment?.category === 'eligible-jobholder');
  const pension: PensionTerms | undefined =
    enrolled && scheme
      ? {
          taxRelief: scheme.taxRelief,
          ...(scheme.employerRate ? { employerRate: scheme.employerRate } : {}),
          ...(scheme.employeeRate ? { employeeRate: scheme.employeeRate } : {}),
        }
      : undefined;

  const taxPeriod = payPeriodOf(frequency, payDate).period;
  const calculation = calculatePeriod({
    taxYear: tables.taxYear,
    frequency,
    period: taxPeriod,
    taxCode: terms.taxCode,
    week1Month1: terms.week1Month1,
    gross: taxableGross,
    payToDate: Money.of(ytd.taxablePay).plus(taxableGross).plus(previousPay),
    taxPaidToDate: Money.of(ytd.tax).plus(previousTax),
    niCategory: hire.niCategory,
    studentLoanPlans: terms.studentLoanPlans,
    postgraduateLoan: terms.postgraduateLoan,
    ...(pension ? { pension } : {}),
  });
  const allowance = input.employer.employmentAllowance
    ? offsetEmploymentAllowance({
        remainingAllowance: input.allowanceRemaining,
        employerNiThisPeriod: calculation.employerNic,
      })
    : { offset: Money.zero, remainingAllowance: input.allowanceRemaining };
  const nonTaxable = gross.minus(taxableGross);
  const netPay = calculation.netPay.plus(nonTaxable);
  const ssp = Money.sum(lines.filter((line) => line.kind === 'ssp').map((line) => Money.of(line.amount)));
  const taxablePay = taxableGross.minus(calculation.pension?.deductedBeforeTax ?? Money.zero);
  const add = (a: string, b: Money) => money(Money.of(a).plus(b));
  const accrued =
    hire.holiday.basis === 'accrual' && !rolledUp && workedHours.isPositive()
      ? accrueIrregularHoursLeave({ tables, leaveYearStart: leaveYear, hoursWorked: workedHours.toString() })
          .accruedHours
      : '0';

  return {
    allowanceRemaining: allowance.remainingAllowance,
    issued: {
      payslipId: input.payslipId,
      payRunId: input.payRunId,
      recipientId: hire.recipientId,
      employmentId: hire.employmentId,
      payrollId: hire.payrollId,
      payDate,
      taxYear,
      frequency,
      taxPeriod,
      periodStart: period.start,
      periodEnd: period.end,
      correction: input.correction,
      lines,
      gross: money(gross),
      taxablePay: money(taxablePay),
      niablePay: money(taxableGross),
      taxCode: terms.taxCode,
      week1Month1: terms.week1Month1,
      niCategory: hire.niCategory,
      deductions: {
        incomeTax: money(calculation.incomeTax),
        employeeNic: money(calculation.employeeNic),
        studentLoan: money(calculation.studentLoan),
        postgraduateLoan: money(calculation.postgraduateLoan),
        pensionEmployee: money(calculation.pensionEmployee),
      },
      employer: {
        employerNic: money(calculation.employerNic),
        employmentAllowance: money(allowance.offset),
        pensionEmployer: money(calculation.pensionEmployer),
      },
      niBands: {
        atLel: money(calculation.nic.bands.atLel),
        lelToPt: money(calculation.nic.bands.lelToPt),
        ptToUel: money(calculation.nic.bands.ptToUel),
      },
      netPay: money(netPay),
      ytd: {
        gross: add(ytd.gross, gross),
        taxablePay: add(ytd.taxablePay, taxablePay),
        tax: add(ytd.tax, calculation.incomeTax),
        employeeNic: add(ytd.employeeNic, calculation.employeeNic),
        employerNic: add(ytd.employerNic, calculation.employerNic),
        studentLoan: add(ytd.studentLoan, calculation.studentLoan),
        postgraduateLoan: add(ytd.postgraduateLoan, calculation.postgraduateLoan),
        pensionEmployee: add(ytd.pensionEmployee, calculation.pensionEmployee),
        pensionEmployer: add(ytd.pensionEmployer, calculation.pensionEmployer),
        ssp: add(ytd.ssp, ssp),
      } satisfies YearToDate,
      pension: { assessment: assessment?.category ?? hire.pension, enrolled },
      holiday: { accruedHours: accrued, takenHours: takenHours.toString() },
      minimumWage: {
        requiredRate: minimumWage ? money(minimumWage.requiredRate) : '0.00',
        hours: workedHours.toString(),
        pay: money(minimumWagePay),
      },
      inputs: {
        timesheetIds,
        amendmentIds: amendments.amendmentIds,
        absenceIds: absences.map((absence) => absence.absenceId),
        taxCodeSource: terms.taxCodeSource,
        finalPay,
      },
      paidTo: { sortCode: terms.bank.sortCode, accountEnding: terms.bank.accountNumber.slice(-4) },
    },
  };
}

/**
 * Workers born 6 April 1977 to 5 April 1978 reach state pension age on a date from the Pensions Act 2007 Sch 3 table,
 * between their 67th and 68th birthdays, which @dpe/pensions does not hold. Before the 67th birthday every date in
 * that range gives the same assessment (state pension age not reached), so the 68th birthday stands in; from the 67th
 * the pensions library asks for the real date, as it should.
 */
function statePensionDateBound(dateOfBirth: string, payDate: string): { statePensionDate?: string } {
  if (dateOfBirth < '1977-04-06' || dateOfBirth > '1978-04-05') return {};
  const [year, rest] = [Number(dateOfBirth.slice(0, 4)), dateOfBirth.slice(4)];
  if (payDate >= `${year + 67}${rest}`) return {};
  return { statePensionDate: `${year + 68}${rest}` };
}

/**
 * Statutory Maternity and Paternity Pay for the weeks of the pay period (SSCBA 1992 s.166 and s.171ZE; HMRC SPM):
 * SMP is 90% of average weekly earnings for the first 6 weeks of the 39-week maternity pay period, then the lower of
 * the standard rate and 90%; SPP is the lower of the standard rate and 90% for its 1 or 2 weeks (the same amount as
 * SMP's later weeks, so it is read from there). Each week is paid in the pay period in which it starts, so every week
 * is paid once across consecutive periods; a week is not split between periods (not modelled: daily apportionment).
 */
function familyPayLines(
  absence: Extract<ReturnType<typeof absencesIn>[number], { kind: 'maternity' | 'paternity' }>,
  tables: ReturnType<typeof taxYearTables>,
  period: PayPeriodDates,
): PayLine[] {
  const smp = calculateSmp({ tables, averageWeeklyEarnings: absence.averageWeeklyEarnings });
  if (!smp.entitled) return [];
  const weekly =
    absence.kind === 'maternity'
      ? smp.weeks
      : Array.from({ length: absence.weeks }, () => smp.weeks[smp.weeks.length - 1]!);
  // Dates recorded by the engine's own commands are valid calendar dates.
  const start = dayNumberOfIso(absence.startDate)!;
  const [first, last] = [dayNumberOfIso(period.start)!, dayNumberOfIso(period.end)!];
  const due = weekly
    .map((amount, week) => ({ amount, week: week + 1, starts: start + week * 7 }))
    .filter((week) => week.starts >= first && week.starts <= last);
  if (due.length === 0) return [];
  const kind = absence.kind === 'maternity' ? ('smp' as const) : ('spp' as const);
  return [
    {
      kind,
      description: `${kind === 'smp' ? 'Statutory Maternity Pay' : 'Statutory Paternity Pay'}, week${due.length > 1 ? 's' : ''} ${due[0]!.week}${due.length > 1 ? `–${due[due.length - 1]!.week}` : ''}`,
      quantity: String(due.length),
      rate: null,
      amount: Money.sum(due.map((week) => week.amount)).toString(),
      taxable: true,
      source: absence.absenceId,
    },
  ];
}

/** The year's employment allowance for a care and support employer (uk-payroll-rules.md §4). */
export function annualEmploymentAllowance(employer: EmployerRegisteredData, taxYear: string): Money {
  if (!employer.employmentAllowance) return Money.zero;
  const entitlement = employmentAllowanceEntitlement({
    tables: taxYearTables(taxYear),
    employerKind: 'care-and-support',
  });
  return entitlement.eligible ? entitlement.annualAmount : Money.zero;
}
