import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  InvalidTaxCalendarInput,
  annualPeriodBasis,
  assertValidPeriod,
  extraPayDateIn,
  isExtraPeriod,
  isTaxYearId,
  isValidPeriod,
  isWeek53PayDate,
  nextTaxYear,
  parseTaxYearId,
  payPeriod,
  payPeriodOf,
  periodNumbers,
  periodsPerYear,
  previousTaxYear,
  taxMonth,
  taxMonthOf,
  taxWeek,
  taxWeekOf,
  taxYear,
  taxYearOf,
  toCalendarDate,
  week53Days,
  weeksInPeriod,
} from '@dpe/tax-calendar';

// Income Tax Act 2007 s.4(2): a tax year begins on 6 April and ends on the following 5 April.
describe('tax years', () => {
  it('names 6 April 2026 to 5 April 2027 as "2026-27"', () => {
    expect(taxYear('2026-27')).toEqual({
      id: '2026-27',
      startYear: 2026,
      firstDay: '2026-04-06',
      lastDay: '2027-04-05',
      days: 365,
    });
  });

  it('finds the tax year containing a date: 5 April is the last day, 6 April the first', () => {
    expect(taxYearOf('2027-04-05').id).toBe('2026-27');
    expect(taxYearOf('2027-04-06').id).toBe('2027-28');
    expect(taxYearOf('2026-12-31').id).toBe('2026-27');
    expect(taxYearOf('2027-01-01').id).toBe('2026-27');
  });

  it('takes a JS Date as an instant and uses its London day (BST): 23:30 UTC on 5 April is 6 April in London', () => {
    expect(taxYearOf(new Date('2027-04-05T23:30:00Z')).id).toBe('2027-28');
    expect(taxYearOf(DateTime.fromISO('2027-04-05T22:59:00Z', { zone: 'utc' })).id).toBe('2026-27');
    expect(toCalendarDate(new Date('2026-10-25T23:30:00Z'))).toBe('2026-10-25'); // GMT again after 25 Oct 2026
  });

  it('has 366 days when it contains 29 February (2027-28 contains 29 Feb 2028)', () => {
    expect(taxYear('2027-28').days).toBe(366);
    expect(taxYear('2023-24').days).toBe(366);
    expect(taxYear('2024-25').days).toBe(365);
  });

  it('steps to the next and previous tax years, across the century', () => {
    expect(nextTaxYear('2026-27').id).toBe('2027-28');
    expect(previousTaxYear('2026-27').id).toBe('2025-26');
    expect(nextTaxYear('2099-00').id).toBe('2100-01');
  });

  it('validates tax year ids and says why a bad one is bad', () => {
    expect(parseTaxYearId('2026-27')).toBe('2026-27');
    expect(isTaxYearId('1999-00')).toBe(true);
    expect(isTaxYearId('2026-28')).toBe(false);
    expect(() => parseTaxYearId('2026/27')).toThrow(
      'taxYear: must be a tax year written like "2026-27" (got "2026/27")',
    );
    expect(() => parseTaxYearId('2026-28')).toThrow(
      'taxYear: the second part must be the last two digits of the year after the first',
    );
    expect(() => taxYear('2026')).toThrow(InvalidTaxCalendarInput);
  });

  it('rejects dates that are not real calendar days', () => {
    expect(() => taxYearOf('2027-02-29')).toThrow('date: is not a real calendar date');
    expect(() => taxYearOf('5 April 2027')).toThrow('date: must be a date written YYYY-MM-DD');
  });
});

describe('tax weeks', () => {
  // HMRC employer's calendar (reference §2.4): week 1 is 6–12 April, week 2 13–19 April, week 52 ends 4 April.
  it('numbers week 1 as 6–12 April and week 2 as 13–19 April', () => {
    expect(taxWeek('2026-27', 1)).toEqual({
      taxYear: '2026-27',
      week: 1,
      firstDay: '2026-04-06',
      lastDay: '2026-04-12',
    });
    expect(taxWeekOf('2026-04-12').week).toBe(1);
    expect(taxWeekOf('2026-04-13').week).toBe(2);
    expect(taxWeekOf('2026-04-19').week).toBe(2);
  });

  it('ends week 52 on 4 April and makes 5 April alone week 53 in a 365-day tax year', () => {
    expect(taxWeek('2026-27', 52).lastDay).toBe('2027-04-04');
    expect(taxWeekOf('2027-04-05').week).toBe(53);
    expect(week53Days('2026-27')).toEqual(['2027-04-05']);
  });

  // Duncan & Toplis, "Don't forget about 'Week 53' payments" (18 March 2024): "For the 2023/24 tax year, there are
  // two tax days in tax week 53, Thursday 4 April and Friday 5 April."
  it('makes 4 and 5 April week 53 when the tax year contains 29 February (2023-24)', () => {
    expect(week53Days('2023-24')).toEqual(['2024-04-04', '2024-04-05']);
    expect(taxWeekOf('2024-04-04').week).toBe(53);
    expect(taxWeekOf('2024-04-03').week).toBe(52);
  });

  it('counts across the October BST change without losing a day', () => {
    // 6 April 2026 + 29 weeks = 26 October 2026, so 25 October is the last day of week 29.
    expect(taxWeekOf('2026-10-25').week).toBe(29);
    expect(taxWeekOf('2026-10-26').week).toBe(30);
    expect(taxWeekOf('2027-03-28').week).toBe(51);
  });

  it('rejects week 0 and week 54', () => {
    expect(() => taxWeek('2026-27', 0)).toThrow('week: a tax week is a whole number from 1 to 53');
    expect(() => taxWeek('2026-27', 54)).toThrow(InvalidTaxCalendarInput);
  });
});

describe('tax months', () => {
  // HMRC DMBM520055 tax-month table: month 1 is 6 April to 5 May … month 12 is 6 March to 5 April.
  it('runs from the 6th to the 5th', () => {
    expect(taxMonth('2026-27', 1)).toEqual({
      taxYear: '2026-27',
      month: 1,
      firstDay: '2026-04-06',
      lastDay: '2026-05-05',
    });
    expect(taxMonth('2026-27', 12)).toEqual({
      taxYear: '2026-27',
      month: 12,
      firstDay: '2027-03-06',
      lastDay: '2027-04-05',
    });
    expect(taxMonth('2027-28', 11).lastDay).toBe('2028-03-05');
  });

  it('finds the month of a date', () => {
    expect(taxMonthOf('2026-05-05').month).toBe(1);
    expect(taxMonthOf('2026-05-06').month).toBe(2);
    expect(taxMonthOf('2027-01-05').month).toBe(9);
    expect(taxMonthOf('2027-01-06').month).toBe(10);
    expect(taxMonthOf('2027-04-05').month).toBe(12);
    expect(taxMonthOf('2026-12-25').month).toBe(9);
  });
});

describe('pay frequencies and periods', () => {
  it('has 52 weekly, 26 fortnightly, 13 four-weekly and 12 monthly regular pay days', () => {
    expect(periodsPerYear('weekly')).toBe(52);
    expect(periodsPerYear('fortnightly')).toBe(26);
    expect(periodsPerYear('four-weekly')).toBe(13);
    expect(periodsPerYear('monthly')).toBe(12);
    expect(weeksInPeriod('four-weekly')).toBe(4);
    expect(weeksInPeriod('monthly')).toBeUndefined();
    expect(annualPeriodBasis('fortnightly')).toBe(52);
    expect(annualPeriodBasis('monthly')).toBe(12);
  });

  it("numbers fortnightly periods by the tax week of the fortnight's last week: 2, 4, …, 52, then 54", () => {
    const numbers = periodNumbers('fortnightly');
    expect(numbers).toHaveLength(27);
    expect(numbers.slice(0, 3)).toEqual([2, 4, 6]);
    expect(numbers.slice(-2)).toEqual([52, 54]);
    expect(periodNumbers('four-weekly').slice(-3)).toEqual([48, 52, 56]);
    expect(periodNumbers('weekly')).toHaveLength(53);
    expect(periodNumbers('monthly')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  // Sage KB (reference §2.4): fortnight 1 covers weeks 1–2 (6–19 April); four-week period 1 covers weeks 1–4 (6 April–3 May).
  it('puts a pay date in week 1 or 2 into fortnightly period 2, and weeks 1–4 into four-weekly period 4', () => {
    expect(payPeriodOf('fortnightly', '2026-04-10').period).toBe(2);
    expect(payPeriodOf('fortnightly', '2026-04-17').period).toBe(2);
    expect(payPeriodOf('fortnightly', '2026-04-24').period).toBe(4);
    expect(payPeriod('2026-27', 'fortnightly', 2)).toMatchObject({
      firstDay: '2026-04-06',
      lastDay: '2026-04-19',
      payDayNumber: 1,
    });
    expect(payPeriod('2026-27', 'four-weekly', 4)).toMatchObject({
      firstDay: '2026-04-06',
      lastDay: '2026-05-03',
      payDayNumber: 1,
    });
    expect(payPeriodOf('four-weekly', '2026-05-03').period).toBe(4);
    expect(payPeriodOf('four-weekly', '2026-05-04').period).toBe(8);
  });

  it('takes the period from the pay date: monthly pay on 5 May is month 1, on 6 May month 2', () => {
    expect(payPeriodOf('monthly', '2026-05-05')).toMatchObject({ taxYear: '2026-27', period: 1, isExtraPeriod: false });
    expect(payPeriodOf('monthly', '2026-05-06').period).toBe(2);
    expect(payPeriodOf('weekly', '2026-04-06')).toMatchObject({ taxYear: '2026-27', period: 1, payDayNumber: 1 });
  });

  // HMRC PAYE70015: the extra pay day is week 53 (weekly), week 54 (fortnightly), week 56 (four-weekly);
  // Pegasus (reference §2.4): it arises because the last pay day falls on 5 April, or 4 or 5 April in a leap year.
  it('makes a pay date in week 53 the extra period 53 / 54 / 56, never for monthly pay', () => {
    expect(payPeriodOf('weekly', '2027-04-05')).toMatchObject({ period: 53, payDayNumber: 53, isExtraPeriod: true });
    expect(payPeriodOf('fortnightly', '2027-04-05')).toMatchObject({
      period: 54,
      payDayNumber: 27,
      isExtraPeriod: true,
    });
    expect(payPeriodOf('four-weekly', '2027-04-05')).toMatchObject({
      period: 56,
      payDayNumber: 14,
      isExtraPeriod: true,
    });
    expect(payPeriodOf('monthly', '2027-04-05')).toMatchObject({ period: 12, isExtraPeriod: false });
    expect(payPeriod('2026-27', 'four-weekly', 56)).toMatchObject({ firstDay: '2027-04-05', lastDay: '2027-04-05' });
    expect(isWeek53PayDate('2027-04-05')).toBe(true);
    expect(isWeek53PayDate('2027-04-04')).toBe(false);
    expect(isExtraPeriod('fortnightly', 54)).toBe(true);
    expect(isExtraPeriod('weekly', 52)).toBe(false);
  });

  // Duncan & Toplis (18 March 2024), for 2023-24 (week 53 = Thu 4 and Fri 5 April 2024): a week 53 payment is due if
  // weekly staff were last paid on 28 or 29 March, fortnightly on 21 or 22 March, four-weekly on 7 or 8 March.
  it('finds the week 53/54/56 pay day of a regular schedule (published 2023-24 example)', () => {
    expect(extraPayDateIn('2023-24', 'weekly', '2024-03-28')).toBe('2024-04-04');
    expect(extraPayDateIn('2023-24', 'weekly', '2024-03-29')).toBe('2024-04-05');
    expect(extraPayDateIn('2023-24', 'weekly', '2024-03-27')).toBeUndefined();
    expect(extraPayDateIn('2023-24', 'fortnightly', '2024-03-21')).toBe('2024-04-04');
    expect(extraPayDateIn('2023-24', 'fortnightly', '2024-03-22')).toBe('2024-04-05');
    expect(extraPayDateIn('2023-24', 'fortnightly', '2024-03-28')).toBeUndefined();
    expect(extraPayDateIn('2023-24', 'four-weekly', '2024-03-07')).toBe('2024-04-04');
    expect(extraPayDateIn('2023-24', 'four-weekly', '2024-03-08')).toBe('2024-04-05');
    expect(extraPayDateIn('2023-24', 'four-weekly', '2024-03-14')).toBeUndefined();
    expect(extraPayDateIn('2023-24', 'monthly', '2024-03-28')).toBeUndefined();
  });

  it('rejects periods that cannot occur for the frequency, saying which can', () => {
    expect(isValidPeriod('fortnightly', 3)).toBe(false);
    expect(isValidPeriod('four-weekly', 54)).toBe(false);
    expect(() => assertValidPeriod('fortnightly', 3)).toThrow(
      "period: a fortnightly period is the tax week of the fortnight's last week: 2, 4, …, 52, or 54 for a pay day in week 53 (got 3)",
    );
    expect(() => assertValidPeriod('monthly', 13)).toThrow('period: a monthly period is a tax month from 1 to 12');
    expect(() => payPeriod('2026-27', 'weekly', 1.5)).toThrow(InvalidTaxCalendarInput);
    expect(() => periodsPerYear('daily' as never)).toThrow(
      'frequency: must be one of weekly, fortnightly, four-weekly, monthly (got "daily")',
    );
  });
});

describe('calendar properties', () => {
  const dates = fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('every date lies inside its tax year, tax week and tax month', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const year = taxYearOf(date);
        const week = taxWeekOf(date);
        const month = taxMonthOf(date);
        return (
          year.firstDay <= date &&
          date <= year.lastDay &&
          week.firstDay <= date &&
          date <= week.lastDay &&
          month.firstDay <= date &&
          date <= month.lastDay &&
          week.taxYear === year.id &&
          month.taxYear === year.id
        );
      }),
    );
  });

  it('a pay date lies inside the pay period it is assigned to, for every frequency', () => {
    fc.assert(
      fc.property(
        dates,
        fc.constantFrom('weekly', 'fortnightly', 'four-weekly', 'monthly' as const),
        (date, frequency) => {
          const p = payPeriodOf(frequency, date);
          return p.firstDay <= date && date <= p.lastDay && isValidPeriod(frequency, p.period);
        },
      ),
    );
  });

  it('bad input only ever throws InvalidTaxCalendarInput', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (a, b) => {
        for (const call of [
          () => taxYear(a as string),
          () => taxYearOf(a as string),
          () => payPeriodOf(a as never, b as string),
          () => assertValidPeriod('fortnightly', a),
          () => payPeriod('2026-27', 'weekly', a as number),
        ]) {
          try {
            call();
          } catch (e) {
            if (!(e instanceof InvalidTaxCalendarInput)) return false;
          }
        }
        return true;
      }),
    );
  });
});
