import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  BankHolidaysNotHeld,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  InvalidTaxCalendarInput,
  businessDay,
  extraPayDateIn,
  isBankHoliday,
  isWeek53PayDate,
  isWorkingDay,
  payPeriod,
  payPeriodOf,
  taxMonth,
  taxMonthOf,
  taxWeek,
  taxWeekOf,
  taxYearOf,
  toCalendarDate,
  week53Days,
  type PayFrequency,
} from '@dpe/tax-calendar';
import { dayNumberOf, dayNumberOfIso, isoOfDayNumber, weekdayOfDayNumber, yearMonthDayOf } from './day-numbers';

/**
 * The tax calendar counts business dates as day numbers (no time zone, no offset lookup). These properties hold it to
 * the luxon Europe/London arithmetic it replaced, kept here as the reference, on every day from 1 April 2024 to
 * 10 April 2030: six 5/6 April boundaries, week 53 of a 365-day year and the two-day week 53 of 2027-28, the BST and GMT
 * change weekends of each year, and 29 February 2028.
 */
const ZONE = 'Europe/London';
const FREQUENCIES: readonly PayFrequency[] = ['weekly', 'fortnightly', 'four-weekly', 'monthly'];
const STEP = { weekly: 1, fortnightly: 2, 'four-weekly': 4 } as const;
const EXTRA = { weekly: 53, fortnightly: 54, 'four-weekly': 56 } as const;

// ------------------------------------------------------------------ the luxon implementation, as it was (reference)
// Memoised only to keep the test quick: a DateTime is immutable, so sharing one changes nothing.
const refDays = new Map<string, DateTime>();
const refDay = (date: string): DateTime => {
  let day = refDays.get(date);
  if (!day) refDays.set(date, (day = DateTime.fromISO(date, { zone: ZONE }).startOf('day')));
  return day;
};
const refIso = (day: DateTime): string => day.toISODate()!;
const refStartYear = (day: DateTime): number =>
  day.month < 4 || (day.month === 4 && day.day < 6) ? day.year - 1 : day.year;
const refYearId = (startYear: number): string => `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;
const refFirstDay = (startYear: number): DateTime => refDay(`${startYear}-04-06`);

function refTaxWeek(startYear: number, week: number) {
  const start = refFirstDay(startYear).plus({ days: (week - 1) * 7 });
  const end = week === 53 ? refDay(`${startYear + 1}-04-05`) : start.plus({ days: 6 });
  return { taxYear: refYearId(startYear), week, firstDay: refIso(start), lastDay: refIso(end) };
}
function refTaxWeekOf(date: string) {
  const day = refDay(date);
  const startYear = refStartYear(day);
  const dayOfYear = Math.round(day.diff(refFirstDay(startYear), 'days').days);
  return refTaxWeek(startYear, Math.floor(dayOfYear / 7) + 1);
}
function refTaxMonth(startYear: number, month: number) {
  const start = refFirstDay(startYear).plus({ months: month - 1 });
  const end = start.plus({ months: 1 }).minus({ days: 1 });
  return { taxYear: refYearId(startYear), month, firstDay: refIso(start), lastDay: refIso(end) };
}
function refTaxMonthOf(date: string) {
  const day = refDay(date);
  const calendarMonthOfStart = day.day >= 6 ? day.month : day.month - 1 === 0 ? 12 : day.month - 1;
  return refTaxMonth(refStartYear(day), ((calendarMonthOfStart - 4 + 12) % 12) + 1);
}
function refPayPeriodOf(f: PayFrequency, date: string) {
  const startYear = refStartYear(refDay(date));
  if (f === 'monthly') {
    const month = refTaxMonthOf(date);
    return {
      taxYear: month.taxYear,
      frequency: f,
      period: month.month,
      payDayNumber: month.month,
      weeks: undefined,
      isExtraPeriod: false,
      firstDay: month.firstDay,
      lastDay: month.lastDay,
    };
  }
  const week = refTaxWeekOf(date).week;
  const step = STEP[f];
  const extra = week === 53;
  const period = extra ? EXTRA[f] : Math.ceil(week / step) * step;
  return {
    taxYear: refYearId(startYear),
    frequency: f,
    period,
    payDayNumber: extra ? 52 / step + 1 : period / step,
    weeks: step,
    isExtraPeriod: extra,
    firstDay: refTaxWeek(startYear, extra ? 53 : period - step + 1).firstDay,
    lastDay: refTaxWeek(startYear, extra ? 53 : period).lastDay,
  };
}
function refExtraPayDateIn(startYear: number, f: Exclude<PayFrequency, 'monthly'>, anyPayDate: string) {
  const intervalDays = STEP[f] * 7;
  const week53 = refTaxWeek(startYear, 53);
  const first = refDay(week53.firstDay);
  const offset = Math.round(first.diff(refDay(anyPayDate), 'days').days);
  const remainder = ((offset % intervalDays) + intervalDays) % intervalDays;
  const candidate = first.plus({ days: remainder === 0 ? 0 : intervalDays - remainder });
  return candidate <= refDay(week53.lastDay) ? refIso(candidate) : undefined;
}

const HOLIDAYS = new Set(Object.values(ENGLAND_AND_WALES_BANK_HOLIDAYS).flat());

// ------------------------------------------------------------------------------------------------------- the days
const FIRST = '2024-04-01';
const LAST = '2030-04-10';
const EVERY_DAY: string[] = [];
for (let d = refDay(FIRST); refIso(d) <= LAST; d = d.plus({ days: 1 })) EVERY_DAY.push(refIso(d));

/** The cases where the two differ, each as [case, new, reference]; compared as JSON so 2,201 days × 4 stay quick. */
function differences(cases: Iterable<readonly [string, unknown, unknown]>): (readonly [string, unknown, unknown])[] {
  const found: (readonly [string, unknown, unknown])[] = [];
  for (const c of cases) if (JSON.stringify(c[1]) !== JSON.stringify(c[2])) found.push(c);
  return found;
}

const outcome = <T>(call: () => T): { value: T } | { error: string } => {
  try {
    return { value: call() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error) };
  }
};

describe('business dates as day numbers, against the luxon Europe/London arithmetic they replaced', () => {
  it('covers every day from 1 April 2024 to 10 April 2030, each once', () => {
    expect(EVERY_DAY).toHaveLength(2201);
    expect(new Set(EVERY_DAY).size).toBe(EVERY_DAY.length);
    expect(EVERY_DAY).toEqual(expect.arrayContaining(['2026-03-29', '2026-10-25', '2028-02-29', '2028-04-04']));
  });

  it('gives every day the same tax year, tax week and tax month', () => {
    function* cases() {
      for (const date of EVERY_DAY) {
        const week = refTaxWeekOf(date);
        yield [date, taxYearOf(date).id, refYearId(refStartYear(refDay(date)))] as const;
        yield [date, taxWeekOf(date), week] as const;
        yield [date, taxMonthOf(date), refTaxMonthOf(date)] as const;
        yield [date, isWeek53PayDate(date), week.week === 53] as const;
      }
    }
    expect(differences(cases())).toEqual([]);
  });

  it('gives every day the same pay period for every frequency, and the period by number agrees', () => {
    function* cases() {
      for (const date of EVERY_DAY) {
        for (const f of FREQUENCIES) {
          const actual = payPeriodOf(f, date);
          yield [`${f} ${date}`, actual, refPayPeriodOf(f, date)] as const;
          yield [
            `${f} ${actual.taxYear} ${actual.period}`,
            payPeriod(actual.taxYear, f, actual.period),
            actual,
          ] as const;
        }
      }
    }
    expect(differences(cases())).toEqual([]);
  });

  it('agrees on every tax week and tax month of the years covered, and on week 53', () => {
    for (let startYear = 2023; startYear <= 2030; startYear++) {
      const id = refYearId(startYear);
      for (let week = 1; week <= 53; week++) expect(taxWeek(id, week)).toEqual(refTaxWeek(startYear, week));
      for (let month = 1; month <= 12; month++) expect(taxMonth(id, month)).toEqual(refTaxMonth(startYear, month));
      const w53 = refTaxWeek(startYear, 53);
      const days: string[] = [];
      for (let d = refDay(w53.firstDay); d <= refDay(w53.lastDay); d = d.plus({ days: 1 })) days.push(refIso(d));
      expect(week53Days(id)).toEqual(days);
    }
    expect(week53Days('2027-28')).toEqual(['2028-04-04', '2028-04-05']);
  });

  it('finds the same week 53/54/56 pay day from any anchor pay date', () => {
    function* cases() {
      for (const anchor of EVERY_DAY) {
        for (const f of ['weekly', 'fortnightly', 'four-weekly'] as const) {
          // The anchor's own tax year, and 2023-24 and 2027-28 (two-day weeks 53) from any anchor.
          for (const startYear of new Set([refStartYear(refDay(anchor)), 2023, 2027])) {
            yield [
              `${f} ${anchor} ${startYear}`,
              extraPayDateIn(refYearId(startYear), f, anchor),
              refExtraPayDateIn(startYear, f, anchor),
            ] as const;
          }
        }
      }
    }
    expect(differences(cases())).toEqual([]);
  });

  it('agrees on working days and bank holidays, refusing the same days the same way', () => {
    function* cases() {
      for (const date of EVERY_DAY) {
        const day = refDay(date);
        const refused = { error: `BankHolidaysNotHeld: ${new BankHolidaysNotHeld('payDate', date).message}` };
        const holiday = outcome(() => isBankHoliday(date, 'payDate'));
        const expectedHoliday = day.year <= 2028 ? { value: HOLIDAYS.has(date) } : refused;
        yield [date, holiday, expectedHoliday] as const;
        yield [
          date,
          outcome(() => isWorkingDay(date, 'payDate')),
          day.year <= 2028 ? { value: day.weekday <= 5 && !HOLIDAYS.has(date) } : refused,
        ] as const;
      }
    }
    expect(differences(cases())).toEqual([]);
  });

  it('reads a Date or DateTime as the instant it is, on its London day, as before', () => {
    for (const date of EVERY_DAY.filter((_, i) => i % 5 === 0)) {
      for (const time of ['00:00', '00:30', '23:30']) {
        const instant = DateTime.fromISO(`${date}T${time}`, { zone: 'utc' });
        const london = refIso(instant.setZone(ZONE));
        expect(toCalendarDate(instant.toJSDate())).toBe(london);
        expect(taxWeekOf(instant)).toEqual(refTaxWeekOf(london));
        expect(payPeriodOf('monthly', instant.toJSDate())).toEqual(refPayPeriodOf('monthly', london));
      }
    }
  });

  it('refuses text that is not a real day with the same error as before', () => {
    for (const bad of ['2027-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-04-00', '1900-02-29']) {
      expect(() => taxYearOf(bad)).toThrow('date: is not a real calendar date');
      expect(() => businessDay(bad)).toThrow('date: is not a real calendar date');
      expect(() => payPeriodOf('weekly', bad)).toThrow('payDate: is not a real calendar date');
    }
    for (const bad of ['5 April 2027', '2027-4-05', ' 2027-04-05', '2027-04-05T00:00']) {
      expect(() => taxWeekOf(bad)).toThrow('date: must be a date written YYYY-MM-DD');
    }
    expect(() => taxYearOf('1899-12-31')).toThrow(InvalidTaxCalendarInput);
  });
});

describe('day numbers', () => {
  it('count days from 1970-01-01 and know the weekday (1 Monday … 7 Sunday)', () => {
    expect(dayNumberOf(1970, 1, 1)).toBe(0);
    expect(dayNumberOfIso('2026-04-06')).toBe(Date.UTC(2026, 3, 6) / 86_400_000);
    expect(isoOfDayNumber(-1)).toBe('1969-12-31');
    expect(weekdayOfDayNumber(0)).toBe(4);
    expect(weekdayOfDayNumber(dayNumberOf(2026, 4, 6))).toBe(1);
    expect(isoOfDayNumber(dayNumberOf(2028, 2, 29) + 1)).toBe('2028-03-01');
    expect(dayNumberOfIso('0099-01-01')).toBe(dayNumberOf(99, 1, 1));
    expect(isoOfDayNumber(dayNumberOf(99, 1, 1))).toBe('0099-01-01');
  });

  it('agree with luxon on any four-digit-year text: valid or not, its day, its weekday, and days between', () => {
    // From year 1000: luxon and the proleptic calendar disagree about early years (29 February 0000 was found), and no
    // business date of the engine is before 1900.
    const text = fc
      .tuple(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(text, text, (a, b) => {
        const la = DateTime.fromISO(a, { zone: 'utc' });
        const lb = DateTime.fromISO(b, { zone: 'utc' });
        const na = dayNumberOfIso(a);
        const nb = dayNumberOfIso(b);
        if (la.isValid !== (na !== undefined) || lb.isValid !== (nb !== undefined)) return false;
        if (na === undefined || nb === undefined) return true;
        const ymd = yearMonthDayOf(na);
        return (
          isoOfDayNumber(na) === a &&
          ymd.year === la.year &&
          ymd.month === la.month &&
          ymd.day === la.day &&
          weekdayOfDayNumber(na) === la.weekday &&
          nb - na === Math.round(lb.diff(la, 'days').days) &&
          DateTime.fromISO(a, { zone: ZONE }).isValid
        );
      }),
      { numRuns: 2000 },
    );
  });
});
