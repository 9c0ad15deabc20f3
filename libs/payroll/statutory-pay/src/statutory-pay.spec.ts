import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import { calculateSmp, calculateSsp, StatutoryPayInputError, type Weekday } from '@dpe/statutory-pay';

const y2526 = taxYearTables('2025-26');
const y2627 = taxYearTables('2026-27');
const MON_FRI: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const EVERY_DAY: Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** Consecutive ISO dates from `from`, `count` days long. */
function days(from: string, count: number): string[] {
  const start = DateTime.fromISO(from);
  return Array.from({ length: count }, (_, i) => start.plus({ days: i }).toISODate() ?? '');
}

describe('SSP 2025-26: waiting days, lower earnings limit, £118.75 a week (HMRC SPM220400)', () => {
  it('sick Monday to Friday with 5 qualifying days: 3 waiting days, then 2 days at £23.75 = £47.50', () => {
    // Cintra's worked example of the gov.uk rule ("Jenny is sick for 5 days ... 2 days SSP at £23.75 each, £47.50").
    const r = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-02', 5),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
    });
    expect(r.waitingDays).toEqual(['2025-06-02', '2025-06-03', '2025-06-04']);
    expect(r.payableDays).toEqual(['2025-06-05', '2025-06-06']);
    expect(r.amount.toString()).toBe('47.50');
    expect(r.weeklyRate.toString()).toBe('118.75');
  });

  it('HMRC SSP daily rates table 2025-26, 7 qualifying days, 3 days to pay: £50.90', () => {
    // Sunday 1 June to Friday 6 June: Sunday–Tuesday are waiting days, Wednesday–Friday are paid, all one SSP week.
    const r = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-01', 6),
      qualifyingDays: EVERY_DAY,
      averageWeeklyEarnings: '400',
    });
    expect(r.payableDays).toHaveLength(3);
    expect(r.amount.toString()).toBe('50.90');
  });

  it('HMRC SSP daily rates table 2025-26, 6 qualifying days, 5 days to pay: £98.96 (waiting days served in a linked period)', () => {
    const r = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-02', 5),
      qualifyingDays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
      averageWeeklyEarnings: '400',
      priorLinkedPeriod: { lastSicknessDay: '2025-05-01', waitingDaysServed: 3, qualifyingDaysPaid: 10 },
    });
    expect(r.waitingDays).toEqual([]);
    expect(r.amount.toString()).toBe('98.96');
  });

  it('average weekly earnings below the £125 lower earnings limit: no SSP; at £125.00 exactly: SSP due', () => {
    const below = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-02', 7),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '124.99',
    });
    expect(below.entitled).toBe(false);
    expect(below.reason).toBe('average weekly earnings £124.99 are below the lower earnings limit £125.00');
    expect(below.amount.toString()).toBe('0.00');
    const at = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-02', 7),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '125',
    });
    expect(at.entitled).toBe(true);
    expect(at.amount.toString()).toBe('47.50');
  });

  it('three days off is not a period of incapacity for work (at least 4 consecutive days): nothing payable', () => {
    const r = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-02', 3),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
    });
    expect(r.entitled).toBe(false);
    expect(r.reason).toBe('no period of incapacity for work: no spell of at least 4 consecutive days of sickness');
    expect(r.daysNotInPeriodOfIncapacity).toHaveLength(3);
  });

  it('linked periods (56 days or less apart) serve waiting days once; 57 days apart they start again', () => {
    // First PIW Mon 2 – Thu 5 June: waiting Mon–Wed, Thursday paid. Second PIW Mon–Thu.
    const linked = calculateSsp({
      tables: y2526,
      sicknessDays: [...days('2025-06-02', 4), ...days('2025-07-28', 4)], // 52 days between 5 June and 28 July
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
    });
    expect(linked.waitingDays).toHaveLength(3);
    expect(linked.payableDays).toHaveLength(5);
    expect(linked.amount.toString()).toBe('118.75'); // 1 day (£23.75) + 4 days (£95.00)
    const apart = calculateSsp({
      tables: y2526,
      sicknessDays: [...days('2025-06-02', 4), ...days('2025-08-04', 4)], // 59 days between
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
    });
    expect(apart.waitingDays).toHaveLength(6);
    expect(apart.amount.toString()).toBe('47.50');
  });

  it('linking is exactly 56 days: a gap of 56 days links, 57 does not', () => {
    const gap = (between: number) =>
      calculateSsp({
        tables: y2526,
        sicknessDays: [
          ...days('2025-06-02', 4),
          ...days(
            DateTime.fromISO('2025-06-05')
              .plus({ days: between + 1 })
              .toISODate() ?? '',
            4,
          ),
        ],
        qualifyingDays: EVERY_DAY,
        averageWeeklyEarnings: '400',
      }).waitingDays.length;
    expect(gap(56)).toBe(3);
    expect(gap(57)).toBe(6);
  });

  it('stops at 28 weeks in a period of entitlement', () => {
    const r = calculateSsp({
      tables: y2526,
      sicknessDays: days('2025-06-02', 5),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
      priorLinkedPeriod: { lastSicknessDay: '2025-05-30', waitingDaysServed: 3, qualifyingDaysPaid: 28 * 5 - 2 },
    });
    expect(r.payableDays).toEqual(['2025-06-02', '2025-06-03']);
    expect(r.daysBeyondMaximum).toHaveLength(3);
    expect(r.amount.toString()).toBe('47.50');
    expect(r.periodOfEntitlement?.qualifyingDaysPaid).toBe(140);
  });

  it('counts a run across the March clock change as consecutive days', () => {
    const r = calculateSsp({
      tables: y2526,
      sicknessDays: days('2026-03-28', 4),
      qualifyingDays: EVERY_DAY,
      averageWeeklyEarnings: '400',
    });
    expect(r.waitingDays).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
    expect(r.payableDays).toEqual(['2026-03-31']);
  });
});

describe('SSP 2026-27: from the first day, no lower earnings limit, lower of £123.25 and 80% of earnings (Employment Rights Act 2025)', () => {
  it('sick Monday to Wednesday, 5 qualifying days, earning £400 a week: no waiting days, 3 × £24.65 = £73.95', () => {
    const r = calculateSsp({
      tables: y2627,
      sicknessDays: days('2026-06-01', 3),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
    });
    expect(r.waitingDays).toEqual([]);
    expect(r.payableDays).toHaveLength(3);
    expect(r.weeklyRate.toString()).toBe('123.25');
    expect(r.amount.toString()).toBe('73.95');
  });

  it('a single day of sickness is paid: £24.65', () => {
    const r = calculateSsp({
      tables: y2627,
      sicknessDays: ['2026-06-02'],
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
    });
    expect(r.entitled).toBe(true);
    expect(r.amount.toString()).toBe('24.65');
  });

  it('earning £120 a week: 80% is £96.00, lower than £123.25 (moonworkers 2026-27 worked figures); a full week pays £96.00', () => {
    const r = calculateSsp({
      tables: y2627,
      sicknessDays: days('2026-06-01', 5),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '120',
    });
    expect(r.weeklyRate.toString()).toBe('96.00');
    expect(r.amount.toString()).toBe('96.00');
  });

  it('earnings below the old lower earnings limit now qualify: £50 a week → £40 a week, £8.00 a day', () => {
    const r = calculateSsp({
      tables: y2627,
      sicknessDays: ['2026-06-03'],
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '50',
    });
    expect(r.entitled).toBe(true);
    expect(r.amount.toString()).toBe('8.00');
  });

  it('at £154.06 a week, 80% (£123.248) pays a full week as £123.25 — where the flat rate takes over', () => {
    const r = calculateSsp({
      tables: y2627,
      sicknessDays: days('2026-06-01', 5),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '154.06',
    });
    expect(r.amount.toString()).toBe('123.25');
  });

  it("refuses days outside the tables' tax year (rules changed on 6 April 2026)", () => {
    expect(() =>
      calculateSsp({
        tables: y2627,
        sicknessDays: ['2026-04-05', '2026-04-06'],
        qualifyingDays: MON_FRI,
        averageWeeklyEarnings: '400',
      }),
    ).toThrow(/^sicknessDays: every day must fall in tax year 2026-27/);
  });
});

describe('SMP: 90% for 6 weeks, then the lower of the standard rate and 90% for 33 weeks (SSCBA 1992 s166; SPM220400)', () => {
  it('2025-26, £400 a week: 6 × £360.00 then 33 × £187.18 = £8,336.94', () => {
    const r = calculateSmp({ tables: y2526, averageWeeklyEarnings: '400' });
    expect(r.weeks).toHaveLength(39);
    expect(r.weeks[0]?.toString()).toBe('360.00');
    expect(r.weeks[5]?.toString()).toBe('360.00');
    expect(r.weeks[6]?.toString()).toBe('187.18');
    expect(r.weeks[38]?.toString()).toBe('187.18');
    expect(r.total.toString()).toBe('8336.94');
  });

  it('2026-27, £150.55 a week: 90% is £135.495, rounded up to £135.50 (SMP Regs 1986 reg 28), lower than £194.32 all 39 weeks', () => {
    const r = calculateSmp({ tables: y2627, averageWeeklyEarnings: '150.55' });
    expect(r.earningsRelatedRate.toString()).toBe('135.50');
    expect(r.weeks.every((w) => w.toString() === '135.50')).toBe(true);
    expect(r.total.toString()).toBe('5284.50');
  });

  it('2026-27 lower earnings limit £129: £128.99 is not entitled', () => {
    const r = calculateSmp({ tables: y2627, averageWeeklyEarnings: '128.99' });
    expect(r.entitled).toBe(false);
    expect(r.reason).toBe('average weekly earnings £128.99 are below the lower earnings limit £129.00');
  });
});

describe('properties', () => {
  it('SSP is never negative and never more than the weekly rate for each week of payable days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 100_000 }),
        (offset, length, pence) => {
          const from = DateTime.fromISO('2026-04-06').plus({ days: offset }).toISODate() ?? '';
          const sick = days(from, length).filter((d) => d <= '2027-04-05');
          const awe = Money.of(pence).dividedBy(100);
          const r = calculateSsp({
            tables: y2627,
            sicknessDays: sick,
            qualifyingDays: MON_FRI,
            averageWeeklyEarnings: awe,
          });
          expect(r.amount.isNegative()).toBe(false);
          const weeks = Math.ceil(length / 7) + 1;
          expect(r.amount.lessThanOrEqual(r.weeklyRate.plus('0.01').times(weeks))).toBe(true);
        },
      ),
    );
  });

  it('a bad input throws only StatutoryPayInputError, naming the field and the rule', () => {
    const check = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(StatutoryPayInputError);
        const e = error as StatutoryPayInputError;
        expect(e.message).toBe(`${e.field}: ${e.rule}`);
      }
    };
    const ssp = {
      tables: y2526,
      sicknessDays: days('2025-06-02', 5),
      qualifyingDays: MON_FRI,
      averageWeeklyEarnings: '400',
      priorLinkedPeriod: { lastSicknessDay: '2025-05-01', waitingDaysServed: 3, qualifyingDaysPaid: 10 },
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(ssp)), fc.anything(), (f, v) =>
        check(() => calculateSsp({ ...ssp, [f]: v } as never)),
      ),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('lastSicknessDay', 'waitingDaysServed', 'qualifyingDaysPaid'),
        fc.anything(),
        (f, v) =>
          check(() => calculateSsp({ ...ssp, priorLinkedPeriod: { ...ssp.priorLinkedPeriod, [f]: v } } as never)),
      ),
    );
    const smp = { tables: y2627, averageWeeklyEarnings: '300' };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(smp)), fc.anything(), (f, v) =>
        check(() => calculateSmp({ ...smp, [f]: v } as never)),
      ),
    );
    expect(() => calculateSsp(null as never)).toThrow(StatutoryPayInputError);
  });
});
