import fc from 'fast-check';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import {
  accrueIrregularHoursLeave,
  HolidayPayInputError,
  regularHoursEntitlementDays,
  rolledUpHolidayPay,
} from '@dpe/holiday-pay';

const y2627 = taxYearTables('2026-27');
const y2425 = taxYearTables('2024-25');

describe('irregular-hours and part-year workers accrue 12.07% of hours worked (gov.uk "Holiday entitlement"; WTR 1998 reg 15B)', () => {
  it('100 hours worked in the pay period accrue 12.07 hours of leave', () => {
    expect(accrueIrregularHoursLeave({ tables: y2627, leaveYearStart: '2026-04-01', hoursWorked: '100' })).toEqual({
      accruedHours: '12.07',
      capped: false,
    });
  });

  it('is exact, without rounding: 37.5 hours accrue 4.52625 hours', () => {
    expect(
      accrueIrregularHoursLeave({ tables: y2627, leaveYearStart: '2026-04-01', hoursWorked: '37.5' }).accruedHours,
    ).toBe('4.52625');
  });

  it('applies to leave years starting on or after 1 April 2024, not before', () => {
    expect(
      accrueIrregularHoursLeave({ tables: y2425, leaveYearStart: '2024-04-01', hoursWorked: 10 }).accruedHours,
    ).toBe('1.207');
    expect(() => accrueIrregularHoursLeave({ tables: y2425, leaveYearStart: '2024-01-01', hoursWorked: 10 })).toThrow(
      /^leaveYearStart: the 12.07% accrual and rolled-up holiday pay apply only to leave years starting on or after 2024-04-01/,
    );
  });

  it('stops at the leave-year cap when the employer gives one (5.6 weeks = 5.6 × 30 = 168 hours, 160 accrued so far)', () => {
    const r = accrueIrregularHoursLeave({
      tables: y2627,
      leaveYearStart: '2026-04-01',
      hoursWorked: '100',
      leaveYearCapHours: '168',
      accruedSoFarThisLeaveYear: '160',
    });
    expect(r).toEqual({ accruedHours: '8', capped: true });
  });
});

describe('rolled-up holiday pay: 12.07% of pay for work done in the period, as its own payslip line (DBT guidance; WTR reg 16A)', () => {
  it('£1,000 of pay carries £120.70 rolled-up holiday pay', () => {
    expect(
      rolledUpHolidayPay({ tables: y2627, leaveYearStart: '2026-04-01', payForWorkDone: '1000.00' }).toString(),
    ).toBe('120.70');
  });

  it('rounds up so the line is never below 12.07%: £333.33 × 12.07% = £40.232931 → £40.24', () => {
    expect(
      rolledUpHolidayPay({ tables: y2627, leaveYearStart: '2026-04-01', payForWorkDone: '333.33' }).toString(),
    ).toBe('40.24');
  });

  it('is not available for leave years starting before 1 April 2024', () => {
    expect(() => rolledUpHolidayPay({ tables: y2425, leaveYearStart: '2023-10-01', payForWorkDone: '100' })).toThrow(
      HolidayPayInputError,
    );
  });
});

describe('regular-hours workers: 5.6 weeks, pro-rated by days a week, capped at 28 days (gov.uk "Holiday entitlement")', () => {
  const cases: Array<[string | number, string]> = [
    [5, '28'], // "Most workers who work a 5-day week must receive at least 28 days"
    [3, '16.8'], // "if they work 3 days a week, they must get at least 16.8 days' leave a year (3 × 5.6)"
    [6, '28'], // "staff working 6 days a week are only entitled to 28 days' paid holiday"
    ['2.5', '14'],
  ];
  it.each(cases)('%s days a week → %s days', (daysPerWeek, days) => {
    expect(regularHoursEntitlementDays({ tables: y2627, daysPerWeek })).toBe(days);
  });
});

describe('properties', () => {
  it('accrual is 12.07% of hours and never negative; rolled-up pay never below 12.07% of pay nor a penny above', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (centiHours, pence) => {
          const hours = Money.of(centiHours).dividedBy(100).amount.toString();
          const accrued = accrueIrregularHoursLeave({
            tables: y2627,
            leaveYearStart: '2026-04-01',
            hoursWorked: hours,
          });
          expect(Money.of(accrued.accruedHours).equals(Money.of(hours).times('0.1207'))).toBe(true);
          const pay = Money.of(pence).dividedBy(100);
          const rolled = rolledUpHolidayPay({ tables: y2627, leaveYearStart: '2026-04-01', payForWorkDone: pay });
          const exact = pay.times('0.1207');
          expect(rolled.greaterThanOrEqual(exact)).toBe(true);
          expect(rolled.minus(exact).lessThan('0.01')).toBe(true);
        },
      ),
    );
  });

  it('a bad input throws only HolidayPayInputError, naming the field and the rule', () => {
    const check = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(HolidayPayInputError);
        const e = error as HolidayPayInputError;
        expect(e.message).toBe(`${e.field}: ${e.rule}`);
      }
    };
    const accrual = {
      tables: y2627,
      leaveYearStart: '2026-04-01',
      hoursWorked: '10',
      leaveYearCapHours: '100',
      accruedSoFarThisLeaveYear: '5',
    };
    const rolled = { tables: y2627, leaveYearStart: '2026-04-01', payForWorkDone: '100.00' };
    const regular = { tables: y2627, daysPerWeek: '4' };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(accrual)), fc.anything(), (f, v) =>
        check(() => accrueIrregularHoursLeave({ ...accrual, [f]: v } as never)),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(rolled)), fc.anything(), (f, v) =>
        check(() => rolledUpHolidayPay({ ...rolled, [f]: v } as never)),
      ),
    );
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(regular)), fc.anything(), (f, v) =>
        check(() => regularHoursEntitlementDays({ ...regular, [f]: v } as never)),
      ),
    );
    expect(() => regularHoursEntitlementDays(null as never)).toThrow(HolidayPayInputError);
  });
});
