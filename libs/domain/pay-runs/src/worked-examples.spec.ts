import { EMPTY_EMPLOYMENT, type EmploymentState } from '@dpe/employment';
import {
  leaveYearStart,
  runPayroll,
  type PayRunPrepared,
  type PayslipHeldData,
  type PayslipIssuedData,
} from '@dpe/pay-runs';
import type { EmployerRegisteredData, PaHiredData, RateKind, RecipientState } from '@dpe/recipients';
import { taxYearTables } from '@dpe/statutory-data';
import { commandSpec } from '@dpe/testing';
import type { Timesheet } from '@dpe/timesheets';

/**
 * Worked examples published in official guidance (gov.uk, HMRC manuals, ACAS, nibusinessinfo), run through the pay-run
 * decider. The figures asserted are the published ones; what the guidance leaves open (a rate of pay, hours, dates) is
 * an input chosen to fit it, and every statutory rate is the one the engine's own tax-year tables hold.
 */

const employer: EmployerRegisteredData = {
  recipientId: 'r-1',
  payeReference: '123/AB456',
  accountsOfficeReference: '123PW12345678',
  employmentAllowance: true,
  pensionScheme: null,
  employersLiabilityInsurance: null,
  bureauActsAsAgent: true,
  registeredOn: '2024-04-06',
  warnings: [],
};
const recipient: RecipientState = {
  status: 'enrolled',
  recipientId: 'r-1',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Dana Employer',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2024-04-06',
  budgets: [],
  roster: [],
  employer,
};
const hire = (overrides: Partial<PaHiredData>): PaHiredData => ({
  recipientId: 'r-1',
  employmentId: 'e-1',
  payrollId: 'e-1',
  pa: {
    forename: 'Ann',
    surname: 'Example',
    nationalInsuranceNumber: 'AB123456C',
    dateOfBirth: '1990-05-01',
    gender: 'F',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2024-04-06',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule: { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2024-04-30', daysInArrears: 0 },
  rates: { standard: '13.00' },
  contractedHoursPerWeek: null,
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'opted-out',
  bank: { accountName: 'Ann Example', sortCode: '200000', accountNumber: '55779911' },
  warnings: [],
  ...overrides,
});
/** Monday to Friday from `from` to `to` inclusive, at most `count` of them. */
const weekdays = (from: string, to: string, count = Infinity): string[] => {
  const days: string[] = [];
  for (let day = new Date(`${from}T00:00:00Z`); days.length < count; day.setUTCDate(day.getUTCDate() + 1)) {
    const iso = day.toISOString().slice(0, 10);
    if (iso > to) break;
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) days.push(iso);
  }
  return days;
};
/** An approved timesheet of one pay period: the same hours on each of `days`, at one rate kind. */
const sheet = (
  period: { start: string; end: string },
  days: readonly string[],
  hours: string,
  rateKind: RateKind = 'standard',
): Timesheet => ({
  timesheetId: `${period.start}-${rateKind}`,
  recipientId: 'r-1',
  employmentId: 'e-1',
  periodStart: period.start,
  periodEnd: period.end,
  payDate: period.end,
  shifts: days.map((date) => ({ date, start: '09:00', hours, rateKind })),
  channel: 'portal',
  submittedBy: 'pa',
  status: 'approved',
});
const due = (
  pa: PaHiredData,
  period: { start: string; end: string },
  timesheets: Timesheet[],
  employment?: EmploymentState,
): { prepared: PayRunPrepared } => ({
  prepared: {
    recipient,
    due: [{ hire: pa, employment: employment ?? { ...EMPTY_EMPLOYMENT, recipientId: 'r-1' }, period, timesheets }],
  },
});
const spec = commandSpec(runPayroll);
const slipsOf = (events: readonly { type: string; data: unknown }[]) =>
  events.filter((e) => e.type === 'PayslipIssued').map((e) => e.data as PayslipIssuedData);
const heldOf = (events: readonly { type: string; data: unknown }[]) =>
  events.filter((e) => e.type === 'PayslipHeld').map((e) => e.data as PayslipHeldData);

describe('published worked examples, through the pay-run decider', () => {
  describe('an NMW shortfall held (gov.uk "Paid by the hour": Alan, 140 h, at least £1,400)', () => {
    // gov.uk "Minimum wage for different types of work: Paid by the hour"
    // (https://www.gov.uk/minimum-wage-different-types-work/paid-by-the-hour, read via a copy of the page at
    // sasastunts.com/minimum-wage-different-types-work/paid-by-the-hour). The example: Alan, 20, works in a call centre
    // paid for the hours he works each month; he is eligible for the National Minimum Wage rate of £10.00 (the 18-20
    // rate from April 2025) and works 140 hours in January, so he "must be paid at least £1,400" (£10.00 × 140).
    // Alan's date of birth, his hourly rate and the January he works are inputs: January 2026, a monthly pay
    // reference period of 1-31 January (NMW Regulations 2015 reg 6), and the rate is the engine's own 2025-26 table.
    const january = { start: '2026-01-01', end: '2026-01-31' };
    const alan = (rate: string) =>
      hire({ pa: { ...hire({}).pa, forename: 'Alan', dateOfBirth: '2005-06-15' }, rates: { standard: rate } });
    const hours140 = sheet(january, weekdays(january.start, january.end, 20), '7');

    it('given 140 h at £9.50 in January, when January is run, then the payslip is held £70.00 short', () => {
      // 140 h × £9.50 = £1,330.00 paid against the published minimum of £1,400: £1,400 − £1,330 = £70.00 short.
      const events = spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2026-01-30' }, due(alan('9.50'), january, [hours140]))
        .events();
      expect(slipsOf(events)).toEqual([]);
      expect(heldOf(events)).toEqual([
        expect.objectContaining({
          reason: 'minimum-wage-shortfall',
          hours: '140.00',
          pay: '1330.00',
          requiredRate: '10.00',
          shortfall: '70.00',
        }),
      ]);
    });

    it('given the published £1,400 for the 140 h, when January is run, then the payslip is issued', () => {
      // "At least £1,400": £10.00 × 140 h is the minimum itself, so it is paid, not held.
      const events = spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2026-01-30' }, due(alan('10.00'), january, [hours140]))
        .events();
      expect(heldOf(events)).toEqual([]);
      expect(slipsOf(events).map((slip) => [slip.gross, slip.minimumWage])).toEqual([
        ['1400.00', { requiredRate: '10.00', hours: '140.00', pay: '1400.00' }],
      ]);
    });
  });

  describe('premium rates do not count towards the minimum wage (NMW Regulations 2015 reg 10(j))', () => {
    // HMRC National Minimum Wage Manual NMWM09270 (premium rates of pay, time work) and NMWM09280, whose example is a
    // worker paid £10.00 a pot and £15.00 a pot at a weekend fair: "the premium element of the rate is £15.00 - £10.00
    // = £5.00", and "national minimum wage pay will be reduced by the amount paid over and above the lowest rate for
    // the job" (https://www.gov.uk/hmrc-internal-manuals/national-minimum-wage-manual/nmwm09280). The rates and hours
    // here are inputs: a PA of 30 paid £12.00 an hour on weekdays and £15.00 at weekends, in a week of 2025-26, when
    // the National Living Wage is £12.21 (gov.uk "National Minimum Wage and National Living Wage rates", April 2025).
    const week = { start: '2025-06-02', end: '2025-06-08' };
    const pa = hire({
      schedule: { frequency: 'weekly', firstPayDate: '2024-04-12', daysInArrears: 0 },
      rates: { standard: '12.00', weekend: '15.00' },
    });
    const weekdayHours = sheet(week, ['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05'], '5');
    const weekendHours = sheet(week, ['2025-06-07', '2025-06-08'], '7.5', 'weekend');

    it('given 20 h at £12.00 and 15 h at £15.00, when the week is run, then it is held £7.35 short', () => {
      // Paid: 20 × £12.00 + 15 × £15.00 = £240.00 + £225.00 = £465.00, £13.29 an hour on average, above £12.21.
      // Counted: the £3.00 weekend premium is removed, so 35 h × £12.00 = £420.00 against 35 × £12.21 = £427.35:
      // £427.35 − £420.00 = £7.35 short.
      const events = spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2025-06-06' }, due(pa, week, [weekdayHours, weekendHours]))
        .events();
      expect(slipsOf(events)).toEqual([]);
      expect(heldOf(events)).toEqual([
        expect.objectContaining({ hours: '35.00', pay: '420.00', requiredRate: '12.21', shortfall: '7.35' }),
      ]);
    });

    it('given the same hours at the £12.21 minimum and a weekend premium, then the payslip is issued', () => {
      // 35 h × £12.21 = £427.35 counts; the weekend hours' premium (15 × (£15.00 − £12.21) = £41.85) is paid on top.
      const atMinimum = { ...pa, rates: { standard: '12.21', weekend: '15.00' } };
      const events = spec
        .given([])
        .when({ recipientId: 'r-1', payDate: '2025-06-06' }, due(atMinimum, week, [weekdayHours, weekendHours]))
        .events();
      expect(heldOf(events)).toEqual([]);
      expect(slipsOf(events).map((slip) => [slip.gross, slip.minimumWage])).toEqual([
        ['469.20', { requiredRate: '12.21', hours: '35.00', pay: '427.35' }],
      ]);
    });
  });

  describe('rolled-up holiday pay (ACAS: Jian, £1,000 in June, £500 in July)', () => {
    it('given June and July, when each is run, then £120.70 and £60.35 are paid as their own line', () => {
      // ACAS "Rolled-up holiday pay", in its guide "Irregular hours and part-year workers"
      // (https://www.acas.org.uk/irregular-hours-and-part-year-workers). The ACAS page itself could not be read here:
      // its text was read via a copy at invertirmejor.net/rolled-up-holiday-pay.html. The example: Jian is an
      // irregular-hours worker whose employer uses rolled-up holiday pay; in June Jian earns £1,000 and "should receive
      // £120.70 rolled-up holiday pay in addition", shown as a separate payment on the payslip; in July Jian works 2
      // weeks, takes 2 weeks' holiday and earns £500, so receives £60.35, and "will not receive any pay for their 2
      // weeks' holiday". The rule: WTR 1998 reg 16A, at least 12.07% of the pay for the pay period (DBT "Simplifying
      // holiday entitlement and holiday pay calculations", https://www.gov.uk/government/publications/
      // simplifying-holiday-entitlement-and-holiday-pay-calculations;
      // legislation.gov.uk/uksi/1998/1833/regulation/16A). Jian's £20.00 an hour, 50 h in June and 25 h in July (2026)
      // are inputs that give the published earnings.
      const jian = hire({ pa: { ...hire({}).pa, forename: 'Jian' }, rates: { standard: '20.00' } });
      const rolledUp = { ...jian, holiday: { basis: 'accrual' as const, rolledUp: true } };
      const june = { start: '2026-06-01', end: '2026-06-30' };
      const july = { start: '2026-07-01', end: '2026-07-31' };
      const juneRun = spec
        .given([])
        .when(
          { recipientId: 'r-1', payDate: '2026-06-30' },
          due(rolledUp, june, [sheet(june, weekdays(june.start, june.end, 10), '5')]),
        )
        .events();
      const twoWeeksOff: EmploymentState = {
        ...EMPTY_EMPLOYMENT,
        recipientId: 'r-1',
        absences: [
          {
            recipientId: 'r-1',
            employmentId: 'e-1',
            absenceId: 'h-1',
            kind: 'holiday',
            from: '2026-07-13',
            to: '2026-07-24',
            hours: '25',
            days: null,
          },
        ],
      };
      const julyRun = spec
        .given(juneRun)
        .when(
          { recipientId: 'r-1', payDate: '2026-07-31' },
          due(rolledUp, july, [sheet(july, weekdays('2026-07-06', '2026-07-10'), '5')], twoWeeksOff),
        )
        .events();
      const lines = (slip: PayslipIssuedData) => slip.lines.map((line) => [line.kind, line.amount]);
      const [juneSlip] = slipsOf(juneRun);
      const [julySlip] = slipsOf(julyRun);
      expect(lines(juneSlip!)).toEqual([
        ['hours', '1000.00'],
        ['rolled-up-holiday-pay', '120.70'],
      ]);
      expect(juneSlip!.gross).toBe('1120.70');
      expect(lines(julySlip!)).toEqual([
        ['hours', '500.00'],
        ['rolled-up-holiday-pay', '60.35'],
      ]);
      expect(julySlip!.gross).toBe('560.35');
      expect(julySlip!.inputs.absenceIds).toEqual(['h-1']);
    });
  });

  describe("a leaver's final pay (nibusinessinfo: 28 × (3 ÷ 12) − 4 = 3 days in lieu)", () => {
    it('given the 3 days owed, when the final pay date is run, then they are paid once, as taxable pay', () => {
      // nibusinessinfo.co.uk "Holiday pay on termination of employment"
      // (http://www.nibusinessinfo.co.uk/content/holiday-pay-termination-employment). The formula is (A × B) − C: A the
      // year's entitlement, B the fraction of the leave year to the leaving date, C the leave already taken (WTR 1998
      // reg 14). The full-time example: a worker on five days a week is entitled to 28 days (5.6 × 5), leaves three
      // months into the year having taken four days: 28 × (3 ÷ 12) − 4 = 3 days' leave to be paid in lieu. The engine
      // does not work out leave owed on leaving: holidayOwed is an input of record-leaver (hours and amount). So the
      // published 3 days go in as 3 × 7.5 h = 22.5 h at the PA's £13.00 (£292.50, both inputs), and what is tested is
      // what the decider does with them: one taxable 'holiday-owed' line on the final payslip, in gross, taxable and
      // NIable pay beside the hours worked, and never paid a second time.
      const fullTime = hire({ startDate: '2025-07-01', contractedHoursPerWeek: '37.5' });
      const leaving: EmploymentState = {
        ...EMPTY_EMPLOYMENT,
        recipientId: 'r-1',
        leaver: {
          recipientId: 'r-1',
          employmentId: 'e-1',
          leavingDate: '2026-09-30',
          reason: 'resignation',
          finalPay: { noticePay: null, holidayOwed: { hours: '22.5', amount: '292.50' }, statutoryRedundancyPay: null },
        },
      };
      // B = 3/12: the PA's leave year runs from the anniversary of the start (WTR 1998 reg 13(3)(b)), 1 July 2026, so
      // leaving on 30 September is three months into it.
      expect(leaveYearStart(fullTime.startDate, leaving.leaver!.leavingDate)).toBe('2026-07-01');
      const september = { start: '2026-09-01', end: '2026-09-30' };
      const finalRun = spec
        .given([])
        .when(
          { recipientId: 'r-1', payDate: '2026-09-30' },
          due(fullTime, september, [sheet(september, weekdays(september.start, september.end, 20), '7.5')], leaving),
        )
        .events();
      const [slip] = slipsOf(finalRun);
      expect(slip!.lines.map((line) => [line.kind, line.quantity, line.amount, line.taxable])).toEqual([
        ['hours', '150', '1950.00', true],
        ['holiday-owed', '22.5', '292.50', true],
      ]);
      expect({ gross: slip!.gross, taxable: slip!.taxablePay, niable: slip!.niablePay }).toEqual({
        gross: '2242.50',
        taxable: '2242.50',
        niable: '2242.50',
      });
      expect(slip!.inputs.finalPay).toBe(true);
      // The next pay date finds nothing left to pay: the holiday owed is not paid again.
      spec
        .given(finalRun)
        .when(
          { recipientId: 'r-1', payDate: '2026-10-30' },
          due(fullTime, { start: '2026-10-01', end: '2026-10-31' }, [], leaving),
        )
        .thenError('payroll.nothing-to-pay', 'rule');
    });
  });

  describe('SSP for a sick week (HMRC SPM110600, 2025-26 rules: unfit Saturday to Thursday)', () => {
    it('given Monday to Friday as qualifying days, when the week is run, then SSP is paid for Thursday only', () => {
      // HMRC Statutory Payments Manual SPM110600, "SSP: general information - qualifying days (QDs)"
      // (https://www.gov.uk/hmrc-internal-manuals/statutory-payments-manual/spm110600), as published for the rules
      // before 6 April 2026. The example: an employee works Monday to Friday and is unfit for work from Saturday to
      // Thursday; the qualifying days are Monday to Friday, the period of incapacity is the six days Saturday to
      // Thursday, the waiting days are Monday, Tuesday and Wednesday, and "SSP would be payable for one day, the
      // Thursday". No published worked example under the 2026-27 rules (no waiting days; the lower of £123.25 and 80%
      // of average weekly earnings) was found on gov.uk, so this runs a pay date in 2025-26, which the engine holds.
      // The week (Saturday 10 to Friday 16 May 2025) and the PA's earnings (30 h × £13.00 = £390, over the £125 lower
      // earnings limit) are inputs; the day's SSP is one fifth of the 2025-26 weekly rate in the engine's table (SSCBA
      // 1992 s.157(3): the weekly rate over the qualifying days in the week).
      const regular = hire({
        contractedHoursPerWeek: '30',
        schedule: { frequency: 'weekly', firstPayDate: '2024-04-12', daysInArrears: 0 },
      });
      const week = { start: '2025-05-10', end: '2025-05-16' };
      const sick: EmploymentState = {
        ...EMPTY_EMPLOYMENT,
        recipientId: 'r-1',
        absences: [
          {
            recipientId: 'r-1',
            employmentId: 'e-1',
            absenceId: 's-1',
            kind: 'sickness',
            firstDay: '2025-05-10',
            lastDay: '2025-05-15',
            qualifyingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
            fitNote: false,
          },
        ],
      };
      const [slip] = slipsOf(
        spec
          .given([])
          .when({ recipientId: 'r-1', payDate: '2025-05-16' }, due(regular, week, [], sick))
          .events(),
      );
      // SSP from 6 April 2025 is £118.75 a week (gov.uk "Statutory Sick Pay (SSP)": "Rates and thresholds for
      // employers 2025 to 2026"); one of five qualifying days is £118.75 ÷ 5 = £23.75.
      expect(taxYearTables('2025-26').statutoryPay.ssp.flatWeeklyRate).toBe('118.75');
      expect(slip!.lines).toEqual([
        expect.objectContaining({ kind: 'ssp', quantity: '1', amount: '23.75', source: 's-1' }),
      ]);
      expect(slip!.ytd.ssp).toBe('23.75');
    });
  });
});
