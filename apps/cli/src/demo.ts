import { DateTime } from 'luxon';
import type { Command } from 'commander';
import { CommandBus } from '@nestjs/cqrs';
import { cliPrincipal, type Principal } from '@dpe/access';
import { recordFunding, recordOtherSpend } from '@dpe/accounts';
import { recordCouncilPolicy, registerCouncil } from '@dpe/councils';
import type { AnyCommandDeclaration, CommandOutcome, Envelope } from '@dpe/decider';
import { hirePa, payDatesBetween, payPeriodFor } from '@dpe/employment';
import { DEFAULT_EVENT_STORE_SPEC } from '@dpe/event-store';
import { accountProblem } from '@dpe/bank-payments';
import { producePaymentFile } from '@dpe/filings';
import { accountsOfficeReferenceProblem } from '@dpe/identifiers';
import { Money } from '@dpe/money';
import { ExecuteCommand } from '@dpe/nest-engine';
import { recordPayment, runPayroll, type PayRunCompletedData, type PayslipIssuedData } from '@dpe/pay-runs';
import { agreeBudget, enrolRecipient, registerAsEmployer, type PaySchedule, type RateKind } from '@dpe/recipients';
import { isBankHoliday, taxMonthOf } from '@dpe/tax-calendar';
import { approveTimesheet, rejectTimesheet, submitTimesheet } from '@dpe/timesheets';
import { STORE_FLAG } from './declared';
import { osUser, storeOf, withEngine } from './engine-context';
import { printJson, run } from './output';

/**
 * `dpe demo`: a small, realistic Direct Payment scheme seeded through the engine's own commands (every one through
 * the executor with its real declaration; no event is written directly). Two councils with their DP policies; twenty
 * recipients, four of whom buy agency care only and never become employers; sixteen employers with 35 PAs on weekly,
 * fortnightly, four-weekly and monthly schedules; the first 13 weeks of tax year 2026-27 (from 6 April 2026) of
 * timesheets submitted and approved, every pay date in them run, each pay date's net pay put in the bureau's payment
 * file (produce-payment-file, reconciled), and net pay, PAYE and pension paid.
 *
 * One case is put in on purpose, and listed in the summary's `deliberate`: kcc-1007 (Kevin Moore) pays its PAYE for
 * tax month 2 of 2026-27 two weeks late, on 6 July instead of by 22 June, so the P32 shows it overdue as at any date
 * from 23 June to 5 July. apps/cli/src/demo-views.spec.ts checks the three views of kcc-1007 against figures worked by
 * hand from the inputs below (its surplus over Kent's 6 weeks of contingency, with one PA's accrued holiday
 * ring-fenced, is the funding as the demo sets it, not a case added).
 *
 * Every command id derives from SEED, so running the demo again on the same store replays every command from the
 * ledger and stores nothing new. Each command's business time is the day it would really happen (the pay date for a
 * pay run, the 22nd of the next month for PAYE), in Europe/London.
 */

const ZONE = 'Europe/London';
const SEED = 'demo-2026-27-q1';
/** The quarter: tax weeks 1 to 13 of 2026-27. Pay dates in it are run; timesheets are those of the periods they pay. */
export const DEMO_QUARTER = { from: '2026-04-06', to: '2026-07-05' } as const;

/**
 * PAYE paid late on purpose (an overdue P32 month to show): the employer, the tax month of 2026-27 and the day it is
 * paid instead of the 22nd after the month (PAYE Regulations 2003 reg 69: due 22 days after the tax month ends).
 */
export const LATE_PAYE = { recipientId: 'kcc-1007', taxMonth: 2, paidOn: '2026-07-06' } as const;

export type Execute = (
  declaration: AnyCommandDeclaration,
  input: unknown,
  envelope: Envelope,
) => Promise<CommandOutcome>;

// ------------------------------------------------------------------------------------------------------ the scheme

/** Pay schedules as PAs are paid in practice; every employment below starts on 6 April 2026 unless it says otherwise. */
const SCHEDULES = {
  weeklyFriday: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
  // Monday-to-Sunday weeks, paid the Thursday after.
  weeklyThursdayInArrears: { frequency: 'weekly', firstPayDate: '2026-04-16', daysInArrears: 4 },
  fortnightlyFriday: { frequency: 'fortnightly', firstPayDate: '2026-04-17', daysInArrears: 0 },
  fourWeeklyFriday: { frequency: 'four-weekly', firstPayDate: '2026-05-01', daysInArrears: 0 },
  fourWeeklyInArrears: { frequency: 'four-weekly', firstPayDate: '2026-05-08', daysInArrears: 7 },
  monthlyLastWorkingDay: {
    frequency: 'monthly',
    payDay: 'last-working-day',
    firstPayDate: '2026-04-30',
    daysInArrears: 0,
  },
  monthly29th: { frequency: 'monthly', payDay: 29, firstPayDate: '2026-04-29', daysInArrears: 0 },
} as const satisfies Record<string, PaySchedule>;
type ScheduleName = keyof typeof SCHEDULES;

/** A regular shift: ISO weekday (1 Monday … 7 Sunday), local start, hours, the rate that pays it. */
interface Pattern {
  readonly days: readonly number[];
  readonly start: string;
  readonly hours: string;
  readonly rateKind?: RateKind;
}

interface DemoPa {
  readonly forename: string;
  readonly surname: string;
  readonly dateOfBirth: string;
  readonly gender: 'F' | 'M';
  /** Left out for one PA who has no National Insurance number yet (the hire records a warning). */
  readonly noNino?: boolean;
  readonly taxCode?: string;
  readonly week1Month1?: boolean;
  readonly niCategory?: string;
  readonly studentLoanPlans?: readonly ('1' | '2' | '4' | '5')[];
  readonly postgraduateLoan?: boolean;
  readonly starter?: 'A' | 'B' | 'C' | 'p45';
  readonly schedule: ScheduleName;
  /** A start after 6 April 2026, with its own first pay date. */
  readonly start?: { readonly date: string; readonly firstPayDate: string };
  readonly rates: { readonly standard: string } & Partial<Record<Exclude<RateKind, 'standard'>, string>>;
  readonly pattern: readonly Pattern[];
  /** Irregular hours: holiday accrues, no contracted hours. */
  readonly irregular?: boolean;
  readonly pension?: 'assess' | 'opted-in' | 'opted-out';
  /** Timesheets come in weekly even though the PA is paid over a longer period. */
  readonly weeklySheets?: boolean;
}

interface DemoRecipient {
  readonly id: string;
  readonly council: 'kent' | 'leeds';
  readonly name: string;
  readonly type: 'adult' | 'carer' | 'parent-of-disabled-child';
  readonly representative?: { readonly name: string; readonly role: 'representative' | 'suitable-person' };
  readonly accountType: 'managed-account' | 'bank-account' | 'prepaid-card';
  readonly postcode: string;
  readonly town: string;
  /** Agency care only: hours a week bought from an agency, and the agency. No employer registration. */
  readonly agency?: { readonly name: string; readonly hoursPerWeek: number; readonly hourlyRate: string };
  readonly pas?: readonly DemoPa[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const WEEKEND = [6, 7];

const RECIPIENTS: readonly DemoRecipient[] = [
  // ---------------------------------------------------------------------------------------------------------- Kent
  {
    id: 'kcc-1001',
    council: 'kent',
    name: 'Margaret Hughes',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'ME14 1XX',
    town: 'Maidstone',
    pas: [
      {
        forename: 'Sarah',
        surname: 'Mitchell',
        dateOfBirth: '1984-02-17',
        gender: 'F',
        schedule: 'weeklyFriday',
        rates: { standard: '13.20', weekend: '14.50' },
        pattern: [
          { days: WEEKDAYS, start: '08:00', hours: '4' },
          { days: [6], start: '09:00', hours: '3', rateKind: 'weekend' },
        ],
      },
      {
        forename: 'Tom',
        surname: 'Baker',
        dateOfBirth: '1999-07-03',
        gender: 'M',
        // Full time, above the Plan 2 threshold (£565.09 a week), so the loan is deducted.
        studentLoanPlans: ['2'],
        schedule: 'weeklyFriday',
        rates: { standard: '13.00' },
        pattern: [{ days: WEEKDAYS, start: '08:00', hours: '10' }],
      },
    ],
  },
  {
    id: 'kcc-1002',
    council: 'kent',
    name: 'Oliver Grant',
    type: 'parent-of-disabled-child',
    representative: { name: 'Claire Grant', role: 'representative' },
    accountType: 'bank-account',
    postcode: 'CT1 2EH',
    town: 'Canterbury',
    pas: [
      {
        forename: 'Priya',
        surname: 'Shah',
        dateOfBirth: '1991-11-23',
        gender: 'F',
        schedule: 'fortnightlyFriday',
        rates: { standard: '13.75' },
        pattern: [
          { days: [2, 4], start: '15:30', hours: '4' },
          { days: [6], start: '10:00', hours: '5' },
        ],
      },
      {
        // Under 21: National Insurance category M (no employer NICs up to the upper secondary threshold).
        forename: 'Hannah',
        surname: 'Lewis',
        dateOfBirth: '2005-09-01',
        gender: 'F',
        niCategory: 'M',
        starter: 'A',
        schedule: 'fortnightlyFriday',
        rates: { standard: '12.71' },
        pattern: [{ days: [1, 3], start: '15:30', hours: '3.5' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'kcc-1003',
    council: 'kent',
    name: 'Derek Shaw',
    type: 'adult',
    accountType: 'prepaid-card',
    postcode: 'TN23 1AB',
    town: 'Ashford',
    pas: [
      {
        forename: 'Agnieszka',
        surname: 'Kowalska',
        dateOfBirth: '1979-05-30',
        gender: 'F',
        schedule: 'fourWeeklyFriday',
        rates: { standard: '13.50', night: '14.25' },
        pattern: [
          { days: [1, 2, 3, 4], start: '08:00', hours: '6' },
          { days: [5], start: '21:00', hours: '8', rateKind: 'night' },
        ],
        weeklySheets: true,
      },
      {
        // A K code: the PA owes tax from an earlier year, collected through the code.
        forename: 'James',
        surname: 'Carter',
        dateOfBirth: '1968-01-12',
        gender: 'M',
        taxCode: 'K475',
        starter: 'B',
        schedule: 'fourWeeklyFriday',
        rates: { standard: '13.50', weekend: '15.00' },
        pattern: [{ days: WEEKEND, start: '08:00', hours: '8', rateKind: 'weekend' }],
      },
    ],
  },
  {
    id: 'kcc-1004',
    council: 'kent',
    name: 'Ruth Palmer',
    type: 'adult',
    representative: { name: 'Daniel Palmer', role: 'suitable-person' },
    accountType: 'managed-account',
    postcode: 'CT20 1JR',
    town: 'Folkestone',
    pas: [
      {
        // The sleep-in worker: an evening shift, then a night asleep on call, paid a flat amount.
        forename: 'Grace',
        surname: 'Okafor',
        dateOfBirth: '1988-08-08',
        gender: 'F',
        schedule: 'weeklyThursdayInArrears',
        rates: { standard: '13.40', 'sleep-in': '65.00' },
        pattern: [
          { days: [1, 2, 3, 4], start: '18:00', hours: '4' },
          { days: [1, 2, 3, 4], start: '22:00', hours: '9', rateKind: 'sleep-in' },
        ],
      },
      {
        // Week 1 / month 1: an emergency code operated non-cumulatively until HMRC sends a notice.
        forename: 'Michael',
        surname: 'Reid',
        dateOfBirth: '1975-03-19',
        gender: 'M',
        week1Month1: true,
        starter: 'B',
        schedule: 'weeklyThursdayInArrears',
        rates: { standard: '13.40' },
        pattern: [{ days: WEEKEND, start: '08:00', hours: '10' }],
      },
    ],
  },
  {
    id: 'kcc-1005',
    council: 'kent',
    name: 'Alan Fraser',
    type: 'adult',
    accountType: 'bank-account',
    postcode: 'ME4 4TZ',
    town: 'Chatham',
    pas: [
      {
        // A Scottish taxpayer: she lives across the border, so HMRC codes her S.
        forename: 'Fiona',
        surname: 'MacLeod',
        dateOfBirth: '1982-12-02',
        gender: 'F',
        taxCode: 'S1257L',
        schedule: 'monthlyLastWorkingDay',
        rates: { standard: '14.00' },
        pattern: [{ days: WEEKDAYS, start: '09:00', hours: '6' }],
        weeklySheets: true,
      },
      {
        forename: 'Lucy',
        surname: 'Turner',
        dateOfBirth: '1996-04-14',
        gender: 'F',
        starter: 'p45',
        schedule: 'monthlyLastWorkingDay',
        rates: { standard: '13.80', weekend: '15.00' },
        pattern: [{ days: [6], start: '09:00', hours: '7', rateKind: 'weekend' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'kcc-1006',
    council: 'kent',
    name: 'Patricia Wood',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'TN1 1BT',
    town: 'Tunbridge Wells',
    pas: [
      {
        forename: 'Joseph',
        surname: 'Ellis',
        dateOfBirth: '1990-10-10',
        gender: 'M',
        studentLoanPlans: ['1'],
        schedule: 'monthly29th',
        rates: { standard: '13.60' },
        pattern: [{ days: [1, 2, 3], start: '09:00', hours: '7' }],
      },
      {
        forename: 'Amira',
        surname: 'Hussain',
        dateOfBirth: '1993-06-21',
        gender: 'F',
        postgraduateLoan: true,
        schedule: 'monthly29th',
        rates: { standard: '13.60' },
        pattern: [{ days: WEEKDAYS, start: '08:00', hours: '9' }],
      },
    ],
  },
  {
    id: 'kcc-1007',
    council: 'kent',
    name: 'Kevin Moore',
    type: 'adult',
    accountType: 'prepaid-card',
    postcode: 'DA11 0DQ',
    town: 'Gravesend',
    pas: [
      {
        // A second job: statement C, basic rate on everything.
        forename: 'Daniel',
        surname: 'Evans',
        dateOfBirth: '1986-09-09',
        gender: 'M',
        taxCode: 'BR',
        starter: 'C',
        schedule: 'weeklyFriday',
        rates: { standard: '13.10', weekend: '14.00' },
        pattern: [{ days: WEEKEND, start: '10:00', hours: '6', rateKind: 'weekend' }],
        pension: 'opted-out',
      },
      {
        forename: 'Zofia',
        surname: 'Wisniewska',
        dateOfBirth: '1977-02-28',
        gender: 'F',
        schedule: 'weeklyFriday',
        rates: { standard: '13.10' },
        pattern: [{ days: WEEKDAYS, start: '07:30', hours: '2' }],
      },
      {
        // Hired part way through the quarter.
        forename: 'Liam',
        surname: 'Foster',
        dateOfBirth: '2001-01-15',
        gender: 'M',
        schedule: 'weeklyFriday',
        start: { date: '2026-05-11', firstPayDate: '2026-05-15' },
        rates: { standard: '13.10' },
        pattern: [{ days: [2, 4], start: '12:00', hours: '5' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'kcc-1008',
    council: 'kent',
    name: 'Susan Clarke',
    type: 'carer',
    accountType: 'bank-account',
    postcode: 'CT9 1JD',
    town: 'Margate',
    pas: [
      {
        forename: 'Emma',
        surname: 'Walsh',
        dateOfBirth: '1989-07-07',
        gender: 'F',
        noNino: true,
        schedule: 'fourWeeklyInArrears',
        rates: { standard: '13.30' },
        pattern: [{ days: [3], start: '10:00', hours: '5' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'kcc-1009',
    council: 'kent',
    name: 'Brian Hall',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'ME10 4DE',
    town: 'Sittingbourne',
    pas: [
      {
        forename: 'Sophie',
        surname: 'Green',
        dateOfBirth: '1994-03-03',
        gender: 'F',
        schedule: 'fourWeeklyInArrears',
        rates: { standard: '13.25', 'bank-holiday': '19.88' },
        pattern: [{ days: WEEKDAYS, start: '08:00', hours: '3' }],
      },
      {
        forename: 'Ryan',
        surname: 'Cooper',
        dateOfBirth: '1983-11-30',
        gender: 'M',
        schedule: 'fourWeeklyInArrears',
        rates: { standard: '13.25', 'bank-holiday': '19.88' },
        pattern: [{ days: WEEKDAYS, start: '19:00', hours: '3' }],
      },
      {
        forename: 'Natalie',
        surname: 'Price',
        dateOfBirth: '1972-06-18',
        gender: 'F',
        schedule: 'weeklyFriday',
        rates: { standard: '13.25', weekend: '14.25' },
        pattern: [{ days: [6], start: '08:00', hours: '8', rateKind: 'weekend' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'kcc-1010',
    council: 'kent',
    name: 'Eileen Foster',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'CT14 6AL',
    town: 'Deal',
    agency: { name: 'Kent Homecare Ltd', hoursPerWeek: 10, hourlyRate: '26.40' },
  },
  {
    id: 'kcc-1011',
    council: 'kent',
    name: 'George Patel',
    type: 'adult',
    accountType: 'prepaid-card',
    postcode: 'ME1 1EW',
    town: 'Rochester',
    agency: { name: 'Medway Care Partners', hoursPerWeek: 14, hourlyRate: '25.80' },
  },
  // --------------------------------------------------------------------------------------------------------- Leeds
  {
    id: 'lcc-2001',
    council: 'leeds',
    name: 'Fatima Begum',
    type: 'adult',
    accountType: 'bank-account',
    postcode: 'LS8 2QT',
    town: 'Leeds',
    pas: [
      {
        forename: 'Chloe',
        surname: 'Wright',
        dateOfBirth: '1992-01-25',
        gender: 'F',
        schedule: 'weeklyFriday',
        rates: { standard: '12.95' },
        pattern: [{ days: WEEKDAYS, start: '09:00', hours: '5' }],
      },
      {
        forename: 'Mohammed',
        surname: 'Ali',
        dateOfBirth: '1987-05-05',
        gender: 'M',
        schedule: 'weeklyFriday',
        rates: { standard: '12.95', weekend: '13.95' },
        pattern: [{ days: WEEKEND, start: '09:00', hours: '5', rateKind: 'weekend' }],
      },
    ],
  },
  {
    id: 'lcc-2002',
    council: 'leeds',
    name: 'Peter Lawson',
    type: 'parent-of-disabled-child',
    representative: { name: 'Joanne Lawson', role: 'representative' },
    accountType: 'managed-account',
    postcode: 'LS6 1AN',
    town: 'Leeds',
    pas: [
      {
        forename: 'Rebecca',
        surname: 'Hill',
        dateOfBirth: '1995-10-12',
        gender: 'F',
        schedule: 'fortnightlyFriday',
        rates: { standard: '13.00' },
        pattern: [
          { days: [1, 3, 5], start: '15:30', hours: '3' },
          { days: [6], start: '10:00', hours: '6' },
        ],
      },
      {
        forename: 'Adam',
        surname: 'Scott',
        dateOfBirth: '1998-12-24',
        gender: 'M',
        schedule: 'fortnightlyFriday',
        rates: { standard: '13.00' },
        pattern: [{ days: [7], start: '10:00', hours: '6' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'lcc-2003',
    council: 'leeds',
    name: 'Jean Robinson',
    type: 'adult',
    accountType: 'prepaid-card',
    postcode: 'LS27 8LZ',
    town: 'Morley',
    pas: [
      {
        forename: 'Karen',
        surname: 'Bell',
        dateOfBirth: '1970-04-04',
        gender: 'F',
        schedule: 'monthlyLastWorkingDay',
        rates: { standard: '13.40' },
        pattern: [{ days: WEEKDAYS, start: '08:00', hours: '7' }],
        weeklySheets: true,
      },
      {
        forename: 'Paul',
        surname: 'Ward',
        dateOfBirth: '1980-08-20',
        gender: 'M',
        schedule: 'monthlyLastWorkingDay',
        rates: { standard: '13.40', night: '14.40' },
        pattern: [{ days: [1, 2, 3, 4], start: '22:00', hours: '8', rateKind: 'night' }],
      },
    ],
  },
  {
    id: 'lcc-2004',
    council: 'leeds',
    name: 'Stuart Dixon',
    type: 'adult',
    accountType: 'bank-account',
    postcode: 'LS28 7BE',
    town: 'Pudsey',
    pas: [
      {
        forename: 'Olivia',
        surname: 'Marsh',
        dateOfBirth: '1991-02-14',
        gender: 'F',
        schedule: 'weeklyThursdayInArrears',
        rates: { standard: '13.10', 'sleep-in': '60.00' },
        pattern: [
          { days: [1, 3, 5], start: '19:00', hours: '3' },
          { days: [1, 3, 5], start: '22:00', hours: '9', rateKind: 'sleep-in' },
        ],
      },
      {
        forename: 'Nathan',
        surname: 'Young',
        dateOfBirth: '1997-09-17',
        gender: 'M',
        schedule: 'weeklyThursdayInArrears',
        rates: { standard: '13.10' },
        pattern: [{ days: [2, 4], start: '19:00', hours: '3' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'lcc-2005',
    council: 'leeds',
    name: 'Linda Harris',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'LS25 1HB',
    town: 'Garforth',
    pas: [
      {
        forename: 'Jessica',
        surname: 'Taylor',
        dateOfBirth: '1985-06-06',
        gender: 'F',
        schedule: 'fourWeeklyFriday',
        rates: { standard: '13.20' },
        pattern: [{ days: WEEKDAYS, start: '09:00', hours: '4' }],
      },
      {
        forename: 'Marcus',
        surname: 'Brown',
        dateOfBirth: '1979-03-27',
        gender: 'M',
        schedule: 'fourWeeklyFriday',
        rates: { standard: '13.20', weekend: '14.20' },
        pattern: [{ days: WEEKEND, start: '09:00', hours: '4', rateKind: 'weekend' }],
      },
      {
        forename: 'Ellie',
        surname: 'Roberts',
        dateOfBirth: '2000-11-11',
        gender: 'F',
        schedule: 'fourWeeklyFriday',
        rates: { standard: '13.20' },
        pattern: [{ days: WEEKDAYS, start: '17:00', hours: '2' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'lcc-2006',
    council: 'leeds',
    name: 'Graham Walker',
    type: 'adult',
    accountType: 'bank-account',
    postcode: 'LS29 8AA',
    town: 'Ilkley',
    pas: [
      {
        forename: 'Isabel',
        surname: 'Cruz',
        dateOfBirth: '1983-07-19',
        gender: 'F',
        schedule: 'monthly29th',
        rates: { standard: '13.55' },
        pattern: [{ days: WEEKDAYS, start: '09:00', hours: '5' }],
      },
      {
        forename: 'Tariq',
        surname: 'Mahmood',
        dateOfBirth: '1990-12-05',
        gender: 'M',
        schedule: 'monthly29th',
        rates: { standard: '13.55', weekend: '14.55' },
        pattern: [{ days: WEEKEND, start: '09:00', hours: '6', rateKind: 'weekend' }],
      },
    ],
  },
  {
    id: 'lcc-2007',
    council: 'leeds',
    name: 'Dorothy King',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'LS21 1BZ',
    town: 'Otley',
    pas: [
      {
        forename: 'Helen',
        surname: 'Moss',
        dateOfBirth: '1974-09-29',
        gender: 'F',
        schedule: 'weeklyFriday',
        rates: { standard: '13.00' },
        pattern: [{ days: WEEKDAYS, start: '12:00', hours: '2' }],
      },
      {
        forename: 'Craig',
        surname: 'Nolan',
        dateOfBirth: '1988-04-01',
        gender: 'M',
        schedule: 'monthlyLastWorkingDay',
        rates: { standard: '13.00' },
        pattern: [{ days: [6], start: '12:00', hours: '6' }],
        irregular: true,
      },
      {
        forename: 'Megan',
        surname: 'Hughes',
        dateOfBirth: '2002-05-20',
        gender: 'F',
        studentLoanPlans: ['2'],
        schedule: 'weeklyFriday',
        rates: { standard: '13.00' },
        pattern: [{ days: [7], start: '12:00', hours: '6' }],
        irregular: true,
      },
    ],
  },
  {
    id: 'lcc-2008',
    council: 'leeds',
    name: 'Raymond Cole',
    type: 'adult',
    accountType: 'managed-account',
    postcode: 'LS12 4RH',
    town: 'Armley',
    agency: { name: 'Aire Valley Care Ltd', hoursPerWeek: 12, hourlyRate: '24.90' },
  },
  {
    id: 'lcc-2009',
    council: 'leeds',
    name: 'Sheila Moore',
    type: 'carer',
    accountType: 'prepaid-card',
    postcode: 'LS17 6DF',
    town: 'Moortown',
    agency: { name: 'Aire Valley Care Ltd', hoursPerWeek: 6, hourlyRate: '24.90' },
  },
];

const COUNCILS = [
  {
    councilId: 'kent',
    name: 'Kent County Council',
    taxOffice: '475',
    policy: {
      contingencyWeeks: 6,
      ringFences: ['unpaid-wages', 'paye-due', 'pension-due', 'accrued-holiday', 'notice-and-redundancy'],
      recoveryMethods: ['invoice', 'offset-next-funding'],
      recoveryNoticeDays: 28,
      auditCadenceMonths: 12,
      disallowedCategories: ['gambling', 'alcohol'],
    },
  },
  {
    councilId: 'leeds',
    name: 'Leeds City Council',
    taxOffice: '120',
    policy: {
      contingencyWeeks: 4,
      ringFences: ['unpaid-wages', 'paye-due', 'pension-due', 'accrued-holiday'],
      recoveryMethods: ['offset-next-funding', 'bank-transfer'],
      recoveryNoticeDays: 14,
      auditCadenceMonths: 6,
      disallowedCategories: ['gambling'],
    },
  },
] as const;

// -------------------------------------------------------------------------------------------------- HMRC references

const AOR_CHECK_CHARACTERS = 'ABCDEFGHXJKLMNYPQRSTZVW';

/**
 * A valid Accounts Office reference for a tax office and a 6-digit number: the check character (5th) is the one
 * @dpe/identifiers accepts. Its weight in the modulus-23 sum is 0, so exactly one of the 23 check letters is right.
 */
export function accountsOfficeReference(taxOffice: string, digits: string, tail: string): string {
  for (const check of AOR_CHECK_CHARACTERS) {
    const candidate = `${taxOffice}P${check}${digits}${tail}`;
    if (accountsOfficeReferenceProblem(candidate) === undefined) return candidate;
  }
  throw new Error(`no check character makes ${taxOffice}P?${digits}${tail} a valid Accounts Office reference`);
}

// National Insurance number prefixes that HMRC allocates (none of D F I Q U V, nor BG GB KN NK NT TN ZZ, nor the
// administrative OO CR FY MW NC).
const NINO_PREFIXES = ['AB', 'CE', 'HJ', 'JM', 'KP', 'LR', 'ME', 'NW', 'PA', 'RT', 'SE', 'TB', 'WL', 'YH'];

// ----------------------------------------------------------------------------------------------------- dates

const at = (date: string, time: string): DateTime => DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
const plusDays = (date: string, days: number): string =>
  DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;
const daysFrom = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let d = from; d <= to; d = plusDays(d, 1)) days.push(d);
  return days;
};
const weekday = (date: string): number => DateTime.fromISO(date, { zone: ZONE }).weekday;

// ------------------------------------------------------------------------------------------------ the plan

interface Employment {
  readonly recipient: DemoRecipient;
  readonly pa: DemoPa;
  readonly employmentId: string;
  readonly schedule: PaySchedule;
  readonly startDate: string;
}

const employmentsOf = (recipient: DemoRecipient): Employment[] =>
  (recipient.pas ?? []).map((pa, index) => {
    const base = SCHEDULES[pa.schedule];
    return {
      recipient,
      pa,
      employmentId: `${recipient.id}-pa${index + 1}`,
      schedule: pa.start ? { ...base, firstPayDate: pa.start.firstPayDate } : base,
      startDate: pa.start?.date ?? DEMO_QUARTER.from,
    };
  });

/** Pay for a typical week at the standard and listed rates: what the council's budget is built from. */
function weeklyPay(pa: DemoPa): Money {
  return Money.sum(
    pa.pattern.map((p) => {
      const rate = pa.rates[p.rateKind ?? 'standard'] ?? pa.rates.standard;
      const each = p.rateKind === 'sleep-in' ? Money.of(rate) : Money.of(p.hours).times(rate);
      return each.times(p.days.length);
    }),
  );
}
const contractedHours = (pa: DemoPa): string =>
  Money.sum(pa.pattern.filter((p) => p.rateKind !== 'sleep-in').map((p) => Money.of(p.hours).times(p.days.length)))
    .toString()
    .replace(/\.00$/, '');

/** The personal budget: the PAs' pay with employer costs and a margin, or the agency's hours; whole pounds. */
function grossWeekly(recipient: DemoRecipient): string {
  const base = recipient.agency
    ? Money.of(recipient.agency.hourlyRate).times(recipient.agency.hoursPerWeek)
    : Money.sum((recipient.pas ?? []).map(weeklyPay)).times('1.18');
  return `${Math.ceil(Number(base.plus('20').toString()))}.00`;
}

function shiftsFor(employment: Employment, from: string, to: string) {
  const { pa } = employment;
  const shifts: { date: string; start: string; hours: string; rateKind: RateKind }[] = [];
  for (const date of daysFrom(from < employment.startDate ? employment.startDate : from, to)) {
    for (const p of pa.pattern) {
      if (!p.days.includes(weekday(date))) continue;
      const kind = p.rateKind ?? 'standard';
      // Worked on a bank holiday: the bank-holiday rate, where the PA has one.
      const rateKind = kind === 'standard' && pa.rates['bank-holiday'] && isBankHoliday(date) ? 'bank-holiday' : kind;
      shifts.push({ date, start: p.start, hours: p.hours, rateKind });
    }
  }
  return shifts.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start));
}

/** Shifts grouped by the Monday-to-Sunday week they fall in, in order. */
function byWeek<T extends { date: string }>(shifts: readonly T[]): T[][] {
  const weeks = new Map<string, T[]>();
  for (const shift of shifts) {
    const monday = DateTime.fromISO(shift.date, { zone: ZONE }).startOf('week').toISODate()!;
    weeks.set(monday, [...(weeks.get(monday) ?? []), shift]);
  }
  return [...weeks.values()];
}

/** One thing the bureau does on one day: a command, at its business time. */
interface Step {
  readonly at: DateTime;
  readonly order: number;
  readonly perform: () => Promise<void>;
}

export interface DemoSummary {
  readonly store: string;
  readonly quarter: typeof DEMO_QUARTER;
  readonly commands: { readonly total: number; readonly applied: number; readonly replayed: number };
  readonly commandsByName: Record<string, number>;
  readonly eventsByType: Record<string, number>;
  readonly made: {
    readonly councils: number;
    readonly councilPolicies: number;
    readonly recipients: number;
    readonly employers: number;
    readonly agencyOnly: number;
    readonly employments: number;
    readonly fundingReceipts: number;
    readonly agencyInvoices: number;
    readonly timesheetsSubmitted: number;
    readonly timesheetsApproved: number;
    readonly timesheetsRejected: number;
    readonly payRuns: number;
    readonly payslips: number;
    readonly payslipsHeld: number;
    readonly paymentFiles: number;
    readonly payments: { readonly netPay: number; readonly paye: number; readonly pension: number };
  };
  readonly totals: {
    readonly gross: string;
    readonly netPay: string;
    readonly netPayPaid: string;
    readonly payeDue: string;
    readonly payePaid: string;
    readonly employmentAllowance: string;
    readonly pensionDue: string;
    readonly pensionPaid: string;
    readonly funding: string;
  };
  readonly warnings: readonly string[];
  /** The cases the demo puts in on purpose, so nobody mistakes them for defects (see the top of demo.ts). */
  readonly deliberate: readonly string[];
}

export interface DemoOptions {
  /** The store spec, only to report it. */
  readonly store: string;
  readonly principal: Principal;
  /** Progress lines, and the command that failed before its error is thrown. */
  readonly onProgress?: (line: string) => void;
}

/** Seeds the demo scheme through `execute` (the executor), in business-time order; throws at the first failure. */
/**
 * The n-th PA's account: a sort code and the first account number from a seed that passes VocaLink's modulus check
 * (@dpe/bank-payments), since the bureau's payment file checks every account and refuses a file with one that fails.
 */
function demoAccount(n: number): { sortCode: string; accountNumber: string } {
  const sortCode = `20-${String(10 + (n % 80)).padStart(2, '0')}-${String(30 + n).padStart(2, '0')}`;
  for (let step = 0; step < 1000; step++) {
    const accountNumber = String(40000000 + n * 104729 + step).slice(-8);
    if (accountProblem(sortCode, accountNumber) === null) return { sortCode, accountNumber };
  }
  throw new Error(`no account number from the seed passes the modulus check for sort code ${sortCode}`);
}

/** The bureau's client account the PAs' net pay leaves from (VocaLink's published valid example, table 3.1 case 3). */
const BUREAU_ACCOUNT = { sortCode: '10-79-99', accountNumber: '88837491', accountName: 'DPSS CLIENT A/C' };

export async function seedDemo(execute: Execute, options: DemoOptions): Promise<DemoSummary> {
  const { principal } = options;
  let applied = 0;
  let replayed = 0;
  const commandsByName: Record<string, number> = {};
  const eventsByType: Record<string, number> = {};
  const warnings: string[] = [];

  const send = async (
    declaration: AnyCommandDeclaration,
    key: string,
    input: Record<string, unknown>,
    now: DateTime,
  ): Promise<CommandOutcome> => {
    const commandId = `${SEED}:${declaration.name}:${key}`;
    let outcome: CommandOutcome;
    try {
      outcome = await execute(declaration, input, { commandId, principal, now });
    } catch (error) {
      options.onProgress?.(`dpe demo: ${declaration.name} (command id ${commandId}) failed:`);
      throw error;
    }
    if (outcome.replayed) replayed++;
    else applied++;
    commandsByName[declaration.name] = (commandsByName[declaration.name] ?? 0) + 1;
    for (const event of outcome.events) eventsByType[event.type] = (eventsByType[event.type] ?? 0) + 1;
    const replyWarnings = outcome.reply['warnings'];
    if (Array.isArray(replyWarnings)) {
      for (const w of replyWarnings as { code: string }[]) warnings.push(`${key}: ${w.code}`);
    }
    return outcome;
  };

  const steps: Step[] = [];
  let order = 0;
  const plan = (when: DateTime, perform: () => Promise<void>) => steps.push({ at: when, order: order++, perform });

  const totals = {
    gross: Money.zero,
    netPay: Money.zero,
    netPayPaid: Money.zero,
    payeDue: Money.zero,
    payePaid: Money.zero,
    employmentAllowance: Money.zero,
    pensionDue: Money.zero,
    pensionPaid: Money.zero,
    funding: Money.zero,
  };
  let payslips = 0;
  let payslipsHeld = 0;
  let agencyInvoices = 0;
  let fundingReceipts = 0;
  const payments = { netPay: 0, paye: 0, pension: 0 };
  const sheets = { submitted: 0, approved: 0, rejected: 0 };

  // ---- councils and their policies (March 2026, before the tax year)
  for (const council of COUNCILS) {
    plan(at('2026-03-02', '09:00'), async () => {
      await send(
        registerCouncil,
        council.councilId,
        { councilId: council.councilId, name: council.name },
        at('2026-03-02', '09:00'),
      );
    });
    plan(at('2026-03-02', '10:00'), async () => {
      await send(
        recordCouncilPolicy,
        `${council.councilId}-2026-04-01`,
        { councilId: council.councilId, effectiveFrom: '2026-04-01', ...council.policy },
        at('2026-03-02', '10:00'),
      );
    });
  }

  // ---- recipients: enrolment, employer registration, budget, funding, hires
  const employments: Employment[] = [];
  RECIPIENTS.forEach((recipient, index) => {
    const council = COUNCILS.find((c) => c.councilId === recipient.council)!;
    const enrolledOn = plusDays('2026-03-09', index % 10);
    plan(at(enrolledOn, '10:00'), async () => {
      await send(
        enrolRecipient,
        recipient.id,
        {
          recipientId: recipient.id,
          councilId: recipient.council,
          recipientType: recipient.type,
          name: recipient.name,
          ...(recipient.representative ? { representative: recipient.representative } : {}),
          accountType: recipient.accountType,
          enrolledOn,
        },
        at(enrolledOn, '10:00'),
      );
    });
    const weekly = grossWeekly(recipient);
    plan(at(plusDays(enrolledOn, 3), '11:00'), async () => {
      await send(
        agreeBudget,
        `${recipient.id}-v1`,
        { recipientId: recipient.id, grossWeekly: weekly, effectiveFrom: DEMO_QUARTER.from },
        at(plusDays(enrolledOn, 3), '11:00'),
      );
    });
    // Four-weekly funding in advance: the councils pay each period on the Friday before it starts.
    for (let n = 0; n < 4; n++) {
      const periodFrom = plusDays(DEMO_QUARTER.from, 28 * n);
      const receivedOn = plusDays(periodFrom, -3);
      const amount = Money.of(weekly).times(4).toString();
      plan(at(receivedOn, '08:00'), async () => {
        await send(
          recordFunding,
          `${recipient.id}-${periodFrom}`,
          {
            recipientId: recipient.id,
            amount,
            periodFrom,
            periodTo: plusDays(periodFrom, 27),
            remittanceReference: `${council.councilId.toUpperCase()}-DP-${recipient.id.toUpperCase()}-${String(n + 1).padStart(2, '0')}`,
            receivedOn,
          },
          at(receivedOn, '08:00'),
        );
        fundingReceipts++;
        totals.funding = totals.funding.plus(amount);
      });
    }
    if (recipient.agency) {
      // The agency invoices every four weeks in arrears; paid from the DP account like any other spend.
      const agency = recipient.agency;
      for (let n = 1; n <= 3; n++) {
        const invoiceDate = plusDays(DEMO_QUARTER.from, 28 * n);
        plan(at(invoiceDate, '09:30'), async () => {
          await send(
            recordOtherSpend,
            `${recipient.id}-${invoiceDate}`,
            {
              recipientId: recipient.id,
              category: 'agency-care',
              payee: agency.name,
              amount: Money.of(agency.hourlyRate)
                .times(agency.hoursPerWeek * 4)
                .toString(),
              invoiceReference: `INV-${recipient.id.toUpperCase()}-${String(n).padStart(3, '0')}`,
              invoiceDate,
              dueDate: plusDays(invoiceDate, 14),
              description: `${agency.hoursPerWeek * 4} hours of home care, four weeks to ${plusDays(invoiceDate, -1)}`,
            },
            at(invoiceDate, '09:30'),
          );
          agencyInvoices++;
        });
      }
      return;
    }
    const registeredOn = plusDays(enrolledOn, 4);
    const number = String(100000 + index * 173).slice(-6);
    plan(at(registeredOn, '14:00'), async () => {
      await send(
        registerAsEmployer,
        recipient.id,
        {
          recipientId: recipient.id,
          payeReference: `${council.taxOffice}/DP${recipient.id.slice(-4)}`,
          accountsOfficeReference: accountsOfficeReference(
            council.taxOffice,
            number,
            // Digits only: HMRC's RTI schemas take an Accounts Office reference as [0-9]{3}P[A-Z][0-9]{7}[0-9X].
            recipient.council === 'kent' ? '04' : '07',
          ),
          employmentAllowance: true,
          pensionScheme: {
            provider: 'NEST',
            dutiesStartDate: DEMO_QUARTER.from,
            taxRelief: 'relief-at-source',
          },
          employersLiabilityInsurance: { insurer: 'Fish Insurance', renewalDate: '2027-03-31' },
          bureauActsAsAgent: true,
          // Where the P45s and P60s the employer hands out say it is.
          address: { lines: [`${index + 2} Church Lane`, recipient.town], postcode: recipient.postcode },
          registeredOn,
        },
        at(registeredOn, '14:00'),
      );
    });
    for (const employment of employmentsOf(recipient)) {
      employments.push(employment);
      const { pa } = employment;
      const hiredAt = at(plusDays(employment.startDate, -7), '15:00');
      const n = employments.length;
      const starter =
        pa.starter === 'p45'
          ? {
              kind: 'p45',
              previousPayToDate: '14210.00',
              previousTaxToDate: '327.80',
              taxCode: '1257L',
              week1Month1: false,
              // The P45 is from a job that ended in 2025-26, so its figures do not carry into this year.
              leavingDate: '2026-03-27',
            }
          : { kind: 'statement', statement: pa.starter ?? 'A' };
      plan(hiredAt, async () => {
        await send(
          hirePa,
          employment.employmentId,
          {
            recipientId: recipient.id,
            employmentId: employment.employmentId,
            pa: {
              forename: pa.forename,
              surname: pa.surname,
              ...(pa.noNino
                ? {}
                : {
                    nationalInsuranceNumber: `${NINO_PREFIXES[n % NINO_PREFIXES.length]}${String(314159 + n * 7919).slice(-6)}${'ABCD'[n % 4]}`,
                  }),
              dateOfBirth: pa.dateOfBirth,
              gender: pa.gender,
              address: { lines: [`${10 + n} Station Road`, recipient.town], postcode: recipient.postcode },
            },
            startDate: employment.startDate,
            starter,
            taxCode: pa.taxCode ?? '1257L',
            ...(pa.week1Month1 ? { week1Month1: true } : {}),
            ...(pa.niCategory ? { niCategory: pa.niCategory } : {}),
            ...(pa.studentLoanPlans ? { studentLoanPlans: pa.studentLoanPlans } : {}),
            ...(pa.postgraduateLoan ? { postgraduateLoan: true } : {}),
            schedule: employment.schedule,
            rates: pa.rates,
            ...(pa.irregular ? {} : { contractedHoursPerWeek: contractedHours(pa) }),
            holiday: pa.irregular ? { basis: 'accrual', rolledUp: false } : { basis: 'weeks', weeksPerYear: '5.6' },
            pension: pa.pension ?? 'assess',
            bank: { accountName: `${pa.forename[0]} ${pa.surname}`, ...demoAccount(n) },
          },
          hiredAt,
        );
      });
    }
  });

  // ---- timesheets of every period paid in the quarter, then the pay runs and the payments
  const payDatesOf = new Map<string, Set<string>>();
  for (const employment of employments) {
    const { recipient, pa, schedule } = employment;
    const dates = payDatesBetween(schedule, DEMO_QUARTER.from, DEMO_QUARTER.to);
    const recipientDates = payDatesOf.get(recipient.id) ?? new Set<string>();
    for (const payDate of dates) {
      const period = payPeriodFor(schedule, payDate);
      const all = shiftsFor(employment, period.start, period.end);
      // Nothing worked in the period (a weekend-only PA in a first period of weekdays): nothing to submit or pay.
      if (all.length === 0) continue;
      recipientDates.add(payDate);
      // Weekly sheets for PAs who fill one in each week; otherwise one sheet for the period.
      const groups = pa.weeklySheets ? byWeek(all) : [all];
      // Sheets come in the day after the period ends, or on the morning of the pay date when it is paid first.
      const submitDay = period.end < payDate ? plusDays(period.end, 1) : payDate;
      const submittedAt = at(submitDay, '08:00');
      const approvedBy = recipient.representative ? 'representative' : 'employer';
      groups.forEach((shifts, sheet) => {
        const key = `${employment.employmentId}-${period.start}-${sheet + 1}`;
        const body = {
          recipientId: recipient.id,
          employmentId: employment.employmentId,
          periodStart: period.start,
          periodEnd: period.end,
          channel: sheet % 2 === 0 ? 'portal' : 'paper',
          submittedBy: sheet % 2 === 0 ? 'pa' : 'bureau',
        };
        // One PA keys a wrong week in, which the employer rejects; the corrected sheet is then submitted and approved.
        const wrongFirst = employment.employmentId === 'kcc-1001-pa1' && payDate === '2026-04-24';
        plan(submittedAt.plus({ minutes: sheet }), async () => {
          if (wrongFirst) {
            const wrong = await send(
              submitTimesheet,
              `${key}-keyed-wrong`,
              { ...body, shifts: shifts.map((s) => ({ ...s, hours: s.hours === '4' ? '14' : s.hours })) },
              submittedAt,
            );
            sheets.submitted++;
            await send(
              rejectTimesheet,
              `${key}-keyed-wrong`,
              {
                recipientId: recipient.id,
                employmentId: employment.employmentId,
                timesheetId: wrong.reply['timesheetId'],
                reason: 'Weekday mornings are 4 hours, not 14: please correct and resubmit',
                rejectedOn: submitDay,
              },
              submittedAt.plus({ minutes: 30 }),
            );
            sheets.rejected++;
          }
          const submitted = await send(submitTimesheet, key, { ...body, shifts }, submittedAt.plus({ minutes: 45 }));
          sheets.submitted++;
          await send(
            approveTimesheet,
            key,
            {
              recipientId: recipient.id,
              employmentId: employment.employmentId,
              timesheetId: submitted.reply['timesheetId'],
              approvedBy,
              approvedOn: submittedAt.toISODate()!,
            },
            submittedAt.plus({ hours: 2 }),
          );
          sheets.approved++;
        });
      });
    }
    payDatesOf.set(recipient.id, recipientDates);
  }

  // PAYE of each employer and tax month, accumulated from its runs and paid on the 22nd of the next month (by
  // electronic payment, HMRC's deadline), when every run of the month is done.
  const payeByMonth = new Map<string, { recipientId: string; taxMonth: number; due: Money; aor: string }>();
  let payRuns = 0;
  // The bureau's payment file of each pay date, once every employer's run of the date is done (12:00): one bulk CSV
  // across both councils, refused unless Σ net pay = the runs' totals = the ledger's wages payable = the file.
  const payDatesToPay = new Set<string>();
  let paymentFiles = 0;
  for (const payDate of new Set([...payDatesOf.values()].flatMap((dates) => [...dates]))) {
    plan(at(payDate, '13:00'), async () => {
      if (!payDatesToPay.has(payDate)) return;
      await send(
        producePaymentFile,
        `payment-file-${payDate}`,
        { payDate, format: 'bulk-csv', originator: BUREAU_ACCOUNT },
        at(payDate, '13:00'),
      );
      paymentFiles++;
    });
  }
  for (const [recipientId, dates] of payDatesOf) {
    const index = RECIPIENTS.findIndex((r) => r.id === recipientId);
    const recipient = RECIPIENTS[index]!;
    const council = COUNCILS.find((c) => c.councilId === recipient.council)!;
    const aor = accountsOfficeReference(
      council.taxOffice,
      String(100000 + index * 173).slice(-6),
      // Digits only: HMRC's RTI schemas take an Accounts Office reference as [0-9]{3}P[A-Z][0-9]{7}[0-9X].
      recipient.council === 'kent' ? '04' : '07',
    );
    for (const payDate of [...dates].sort()) {
      plan(at(payDate, '12:00'), async () => {
        const outcome = await send(
          runPayroll,
          `${recipientId}-${payDate}`,
          { recipientId, payDate },
          at(payDate, '12:00'),
        );
        payRuns++;
        const data = (type: string) => outcome.events.filter((e) => e.type === type).map((e) => e.data);
        const completed = data('PayRunCompleted')[0] as PayRunCompletedData;
        payslipsHeld += completed.held.length;
        for (const held of completed.held)
          warnings.push(`${held.employmentId} ${payDate}: payslip held (${held.shortfall} short)`);
        totals.gross = totals.gross.plus(completed.totals.gross);
        totals.netPay = totals.netPay.plus(completed.totals.netPay);
        totals.payeDue = totals.payeDue.plus(completed.totals.payeDue);
        totals.employmentAllowance = totals.employmentAllowance.plus(completed.totals.employmentAllowance);
        totals.pensionDue = totals.pensionDue.plus(completed.totals.pensionDue);

        // Net pay goes in the bureau's payment file for the date (13:00, below); once the bank has paid it, each PA's
        // payment is recorded (14:00).
        const issued = data('PayslipIssued') as PayslipIssuedData[];
        payslips += issued.length;
        if (issued.some((slip) => Money.of(slip.netPay).isPositive())) payDatesToPay.add(payDate);
        plan(at(payDate, '14:00'), async () => {
          for (const slip of issued) {
            if (!Money.of(slip.netPay).isPositive()) continue;
            await send(
              recordPayment,
              `net-pay-${slip.employmentId}-${payDate}`,
              {
                recipientId,
                settles: { kind: 'net-pay', employmentId: slip.employmentId, payDate },
                amount: slip.netPay,
                paidOn: payDate,
                reference: `PAY ${slip.payrollId} ${payDate}`,
              },
              at(payDate, '14:00'),
            );
            payments.netPay++;
            totals.netPayPaid = totals.netPayPaid.plus(slip.netPay);
          }
        });
        // Pension contributions go to NEST by the 22nd of the month after the pay date.
        if (Money.of(completed.totals.pensionDue).isPositive()) {
          const paidOn = DateTime.fromISO(payDate, { zone: ZONE }).plus({ months: 1 }).set({ day: 22 }).toISODate()!;
          plan(at(paidOn, '09:00'), async () => {
            await send(
              recordPayment,
              `pension-${recipientId}-${payDate}`,
              {
                recipientId,
                settles: { kind: 'pension', payDate },
                amount: completed.totals.pensionDue,
                paidOn,
                reference: `NEST ${recipientId.toUpperCase()} ${payDate}`,
              },
              at(paidOn, '09:00'),
            );
            payments.pension++;
            totals.pensionPaid = totals.pensionPaid.plus(completed.totals.pensionDue);
          });
        }
        // PAYE: the tax month's runs add up; the payment is planned once, on the 22nd of the next calendar month.
        const month = taxMonthOf(payDate);
        const monthKey = `${recipientId}-${completed.taxYear}-${month.month}`;
        const known = payeByMonth.get(monthKey);
        if (known) {
          known.due = known.due.plus(completed.totals.payeDue);
          return;
        }
        const entry = { recipientId, taxMonth: month.month, due: Money.of(completed.totals.payeDue), aor };
        payeByMonth.set(monthKey, entry);
        const late = recipientId === LATE_PAYE.recipientId && month.month === LATE_PAYE.taxMonth;
        const paidOn = late
          ? LATE_PAYE.paidOn
          : DateTime.fromISO(month.lastDay, { zone: ZONE }).set({ day: 22 }).toISODate()!;
        plan(at(paidOn, '10:00'), async () => {
          if (!entry.due.isPositive()) return;
          const amount = entry.due.toString();
          await send(
            recordPayment,
            `paye-${monthKey}`,
            {
              recipientId,
              settles: { kind: 'paye', taxYear: completed.taxYear, taxMonth: entry.taxMonth },
              amount,
              paidOn,
              // HMRC's payment reference for PAYE: the Accounts Office reference, the tax year's end and the month.
              reference: `${entry.aor}${completed.taxYear.slice(-2)}${String(entry.taxMonth).padStart(2, '0')}`,
            },
            at(paidOn, '10:00'),
          );
          payments.paye++;
          totals.payePaid = totals.payePaid.plus(amount);
        });
      });
    }
  }

  // ---- run the plan in business-time order; steps planned while running (payments) join it in their place
  const done = new Set<Step>();
  let lastMonth = '';
  for (;;) {
    const next = steps
      .filter((step) => !done.has(step))
      .reduce<Step | undefined>((first, step) => {
        if (!first) return step;
        const diff = step.at.toMillis() - first.at.toMillis();
        return diff < 0 || (diff === 0 && step.order < first.order) ? step : first;
      }, undefined);
    if (!next) break;
    done.add(next);
    const month = next.at.toFormat('yyyy-MM');
    if (month !== lastMonth) {
      options.onProgress?.(`dpe demo: ${month} (${applied + replayed} commands so far)`);
      lastMonth = month;
    }
    await next.perform();
  }

  const money = (value: Money): string => value.toString();
  return {
    store: options.store,
    quarter: DEMO_QUARTER,
    commands: { total: applied + replayed, applied, replayed },
    commandsByName,
    eventsByType,
    made: {
      councils: COUNCILS.length,
      councilPolicies: COUNCILS.length,
      recipients: RECIPIENTS.length,
      employers: RECIPIENTS.filter((r) => !r.agency).length,
      agencyOnly: RECIPIENTS.filter((r) => r.agency).length,
      employments: employments.length,
      fundingReceipts,
      agencyInvoices,
      timesheetsSubmitted: sheets.submitted,
      timesheetsApproved: sheets.approved,
      timesheetsRejected: sheets.rejected,
      payRuns,
      payslips,
      payslipsHeld,
      paymentFiles,
      payments,
    },
    totals: {
      gross: money(totals.gross),
      netPay: money(totals.netPay),
      netPayPaid: money(totals.netPayPaid),
      payeDue: money(totals.payeDue),
      payePaid: money(totals.payePaid),
      employmentAllowance: money(totals.employmentAllowance),
      pensionDue: money(totals.pensionDue),
      pensionPaid: money(totals.pensionPaid),
      funding: money(totals.funding),
    },
    warnings,
    deliberate: [
      `${LATE_PAYE.recipientId}: PAYE for tax month ${LATE_PAYE.taxMonth} of 2026-27 paid late, on ${LATE_PAYE.paidOn} ` +
        '(due by 22 June 2026): overdue on the P32 as at 23 June to 5 July',
    ],
  };
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Seed a small realistic scheme through the engine: 2 councils, 20 recipients (4 agency-only), 16 employers, ' +
        `35 PAs, and ${DEMO_QUARTER.from} to ${DEMO_QUARTER.to} of timesheets, pay runs and payments. ` +
        'Running it again on the same store replays every command (nothing new is stored).',
    )
    .option(STORE_FLAG, 'event store (default: $DPE_STORE or sqlite:./data/dpe.db)')
    .option('--quiet', 'no progress lines on stderr; only the summary on stdout')
    .action((options: { store?: string; quiet?: boolean }) =>
      run(async () => {
        const store = storeOf(options.store);
        const summary = await withEngine(store, 'write', (app) => {
          const bus = app.get(CommandBus);
          return seedDemo(
            (declaration, input, envelope) =>
              bus.execute<ExecuteCommand, CommandOutcome>(new ExecuteCommand(declaration, input, envelope)),
            {
              store: store ?? DEFAULT_EVENT_STORE_SPEC,
              principal: cliPrincipal(osUser()),
              ...(options.quiet ? {} : { onProgress: (line: string) => process.stderr.write(`${line}\n`) }),
            },
          );
        });
        printJson(summary);
        if (!options.quiet) {
          process.stderr.write(
            `dpe demo: ${summary.commands.total} commands (${summary.commands.applied} applied, ${summary.commands.replayed} replayed) ` +
              `on ${summary.store}: ${summary.made.payslips} payslips, net pay ${summary.totals.netPay}, PAYE ${summary.totals.payeDue}\n`,
          );
          for (const line of summary.deliberate) process.stderr.write(`dpe demo: on purpose: ${line}\n`);
        }
      }),
    );
}
