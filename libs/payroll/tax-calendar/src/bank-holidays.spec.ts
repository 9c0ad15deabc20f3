import { DateTime } from 'luxon';
import {
  BANK_HOLIDAY_YEARS,
  BankHolidaysNotHeld,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  InvalidTaxCalendarInput,
  isBankHoliday,
  isWorkingDay,
} from '@dpe/tax-calendar';

// https://www.gov.uk/bank-holidays, England and Wales.
describe('England and Wales bank holidays', () => {
  it('holds 2026 as GOV.UK lists it, with Boxing Day on its substitute Monday', () => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[2026]).toEqual([
      '2026-01-01',
      '2026-04-03',
      '2026-04-06',
      '2026-05-04',
      '2026-05-25',
      '2026-08-31',
      '2026-12-25',
      '2026-12-28',
    ]);
    expect(isBankHoliday('2026-12-28')).toBe(true);
    expect(isBankHoliday('2026-12-26')).toBe(false);
  });

  it('holds 2024 to 2028, eight days a year, each a weekday, in order', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ first: 2024, last: 2028 });
    for (const [year, days] of Object.entries(ENGLAND_AND_WALES_BANK_HOLIDAYS)) {
      expect(days).toHaveLength(8);
      expect([...days].sort()).toEqual(days);
      for (const day of days) {
        const date = DateTime.fromISO(day, { zone: 'Europe/London' });
        expect(date.isValid && date.year === Number(year) && date.weekday <= 5).toBe(true);
      }
    }
  });

  it('puts Good Friday two days and Easter Monday one day either side of Easter Sunday', () => {
    const easter: Record<number, string> = {
      2024: '2024-03-31',
      2025: '2025-04-20',
      2026: '2026-04-05',
      2027: '2027-03-28',
      2028: '2028-04-16',
    };
    for (const [year, sunday] of Object.entries(easter)) {
      const day = DateTime.fromISO(sunday, { zone: 'Europe/London' });
      expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[Number(year)]).toEqual(
        expect.arrayContaining([day.minus({ days: 2 }).toISODate(), day.plus({ days: 1 }).toISODate()]),
      );
    }
  });

  it('moves a holiday on a weekend to the next weekday (Christmas 2027, New Year 2028)', () => {
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
    expect(isBankHoliday('2028-01-03')).toBe(true);
  });

  it('counts Monday to Friday as working days, except bank holidays', () => {
    expect(isWorkingDay('2026-08-28')).toBe(true); // Friday
    expect(isWorkingDay('2026-08-29')).toBe(false); // Saturday
    expect(isWorkingDay('2026-08-30')).toBe(false); // Sunday
    expect(isWorkingDay('2026-08-31')).toBe(false); // summer bank holiday
    expect(isWorkingDay(DateTime.fromISO('2026-09-01T00:30:00', { zone: 'Europe/London' }))).toBe(true);
  });

  it('refuses a date outside the years held rather than guess, naming the source to add it from', () => {
    expect(() => isBankHoliday('2029-05-07')).toThrow(BankHolidaysNotHeld);
    expect(() => isWorkingDay('2023-12-30', 'payDate')).toThrow(InvalidTaxCalendarInput);
    expect(() => isWorkingDay('2023-12-30', 'payDate')).toThrow(
      /^payDate: England and Wales bank holidays are held for 2024 to 2028 only \(https:\/\/www\.gov\.uk\/bank-holidays\)/,
    );
  });

  it('refuses a date that is not a date', () => {
    expect(() => isBankHoliday('2026-02-30')).toThrow(InvalidTaxCalendarInput);
  });
});
