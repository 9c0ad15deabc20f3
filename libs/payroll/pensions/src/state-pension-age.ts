import { isoOfDayNumber, yearMonthDayOf } from '@dpe/tax-calendar';
import { PensionsInputError } from './errors';
import { plusYearsAndMonths, readDate, type Day } from './dates';

/** How the state pension date was found, so a reader can see which statutory rule applied. */
export type StatePensionDateBasis =
  'reached-by-6-september-2020' | 'age-66' | 'age-66-and-months' | 'age-67' | 'age-68';

export interface StatePensionDate {
  /** The day the person reaches State Pension age ("pensionable age", Pensions Act 2008 s3(1)(b)). */
  readonly date: string;
  readonly basis: StatePensionDateBasis;
}

/**
 * State Pension age under current law (Pensions Act 1995 Sch 4 as amended by the Pensions Acts 2007, 2011 and 2014),
 * as tabled in DWP's "State Pension age timetable"
 * (https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file/310231/spa-timetable.pdf):
 *
 * - born before 6 October 1954: SPA (65 for men, between 60 and 66 for women) was reached no later than
 *   6 September 2020, the last date in the Pensions Act 2011 table. The engine starts in 2024-25, so all that
 *   matters is that it has been reached; the date returned is that latest possible day, not the person's own.
 * - born 6 October 1954 to 5 April 1960: 66 (Pensions Act 2011 s1).
 * - born 6 April 1960 to 5 March 1961: 66 and 1 to 11 months, one more month for each later month of birth
 *   starting on the 6th (Pensions Act 2014 s26: 6 April–5 May 1960 → 66y 1m; … 6 February–5 March 1961 → 66y 11m).
 *   Adding months keeps the day of the month, or the month's last day when it has no such day, which is how
 *   DWP dates it: born 31 December 1960 → 30 September 2027.
 * - born 6 March 1961 to 5 April 1977: 67 (Pensions Act 2014 s26; the rise to 67 falls between 2026 and 2028).
 * - born 6 April 1977 to 5 April 1978: a date from the table in Pensions Act 2007 Sch 3 (rise to 68 in 2044–46), not
 *   encoded here: pass the person's state pension date explicitly.
 * - born on or after 6 April 1978: 68 (Pensions Act 2007 s13).
 *
 * The law may change (the 2023 SPA review deferred a decision on bringing 68 forward); callers that know a
 * worker's state pension date may pass it instead.
 */
export function statePensionDate(dateOfBirth: string): StatePensionDate {
  return statePensionDateFor(readDate(dateOfBirth, 'dateOfBirth'));
}

export function statePensionDateFor(dob: Day): StatePensionDate {
  const iso = dob.iso;
  if (iso < '1954-10-06') return { date: '2020-09-06', basis: 'reached-by-6-september-2020' };
  if (iso < '1960-04-06') return { date: plus(dob, 66, 0), basis: 'age-66' };
  if (iso < '1961-03-06') {
    // The cohort month runs from the 6th to the 5th: shifting the birth date back 5 days lands every member of a
    // cohort in the same calendar month, counted from April 1960 (1 month) to February 1961 (11 months).
    const cohort = yearMonthDayOf(dob.n - 5);
    const months = (cohort.year - 1960) * 12 + (cohort.month - 4) + 1;
    return { date: plus(dob, 66, months), basis: 'age-66-and-months' };
  }
  if (iso < '1977-04-06') return { date: plus(dob, 67, 0), basis: 'age-67' };
  if (iso < '1978-04-06') {
    throw new PensionsInputError(
      'statePensionDate',
      'must be given for a worker born 6 April 1977 to 5 April 1978: their state pension date comes from the Pensions Act 2007 Sch 3 table, which is not encoded',
      iso,
    );
  }
  return { date: plus(dob, 68, 0), basis: 'age-68' };
}

function plus(dob: Day, years: number, months: number): string {
  const date = plusYearsAndMonths(dob, years, months);
  // A whole-years birthday of someone born on 29 February falls on 1 March in a common year (see ageOn); calendar
  // addition clamps it to 28 February, a day on which the person has not yet attained the age.
  if (months === 0 && dob.month === 2 && dob.day === 29 && yearMonthDayOf(date).day === 28)
    return isoOfDayNumber(date + 1);
  return isoOfDayNumber(date);
}
