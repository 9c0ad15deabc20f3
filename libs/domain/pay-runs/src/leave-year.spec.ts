import { DateTime } from 'luxon';
import { leaveYearStart } from './compute-payslip';

/**
 * The leave year of an accrual (the employment's anniversary year, WTR 1998 reg 13(3)(b)) is now worked out on day
 * numbers. Held here to the luxon Europe/London arithmetic it replaced, kept as the reference, for start dates around
 * 29 February, 5/6 April and the clock changes, on every day from 1 April 2024 to 10 April 2030.
 */
const ZONE = 'Europe/London';
function refLeaveYearStart(startDate: string, on: string): string {
  const start = DateTime.fromISO(startDate, { zone: ZONE });
  const day = DateTime.fromISO(on, { zone: ZONE });
  let anniversary = start.set({ year: day.year });
  if (anniversary > day) anniversary = anniversary.minus({ years: 1 });
  return anniversary < start ? startDate : anniversary.toISODate()!;
}

describe('leave year start, against the luxon arithmetic it replaced', () => {
  it('agrees for every day 2024-04-01 to 2030-04-10 and start dates on 29 February, 5/6 April and clock changes', () => {
    const starts = ['2024-02-29', '2024-03-01', '2024-04-05', '2024-04-06', '2025-03-30', '2025-10-26', '2028-02-29'];
    const differences: string[] = [];
    for (
      let d = DateTime.fromISO('2024-04-01', { zone: 'utc' });
      d.toISODate()! <= '2030-04-10';
      d = d.plus({ days: 1 })
    ) {
      const on = d.toISODate()!;
      for (const start of starts) {
        if (start > on) continue;
        const found = leaveYearStart(start, on);
        const expected = refLeaveYearStart(start, on);
        if (found !== expected) differences.push(`${start} on ${on}: ${found} (luxon: ${expected})`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('keeps luxon’s reading of a 29 February start: 28 February in a common year, and a year back from there', () => {
    expect(leaveYearStart('2024-02-29', '2025-03-10')).toBe('2025-02-28');
    expect(leaveYearStart('2024-02-29', '2029-01-10')).toBe('2028-02-28');
    expect(leaveYearStart('2024-02-29', '2025-02-10')).toBe('2024-02-29');
  });
});
