import { DateTime } from 'luxon';
import { derivedIds } from '@dpe/decider';
import { hirePa } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import {
  recipientStream,
  type EmployerRegisteredData,
  type PaHiredData,
  type RecipientEnrolledData,
  type RecipientEvent,
} from '@dpe/recipients';
import { parseInput } from '@dpe/schema';
import { commandSpec } from '@dpe/testing';

const enrolled: RecipientEnrolledData = {
  recipientId: 'r-1001',
  councilId: 'kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  representative: null,
  accountType: 'managed-account',
  employerReferences: null,
  enrolledOn: '2026-04-06',
};
const employer: EmployerRegisteredData = {
  recipientId: 'r-1001',
  payeReference: '123/AB456',
  accountsOfficeReference: '123PW12345678',
  employmentAllowance: true,
  pensionScheme: null,
  employersLiabilityInsurance: null,
  bureauActsAsAgent: true,
  registeredOn: '2026-05-01',
  warnings: [],
};
const enrolment: RecipientEvent = { type: 'RecipientEnrolled', data: enrolled };
const registration: RecipientEvent = { type: 'EmployerRegistered', data: employer };

const input = {
  recipientId: 'r-1001',
  employmentId: 'E-1',
  pa: {
    forename: 'Sam',
    surname: "O'Neill",
    nationalInsuranceNumber: 'ab 12 34 56 c',
    dateOfBirth: '1990-03-14',
    gender: 'F',
    address: { lines: ['1 High Street', 'Maidstone'], postcode: 'me141xx' },
  },
  // A Monday; the first Friday pay date pays the week it falls in.
  startDate: '2026-06-08',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257l',
  schedule: { frequency: 'weekly', firstPayDate: '2026-06-12', daysInArrears: 0 },
  rates: { standard: '13.50', 'sleep-in': '60.00' },
  contractedHoursPerWeek: '20',
  holiday: { basis: 'weeks' },
  bank: { accountName: 'S ONEILL', sortCode: '12-34-56', accountNumber: '12345678' },
};

const hired: PaHiredData = {
  recipientId: 'r-1001',
  employmentId: 'e-1',
  payrollId: 'e-1',
  pa: {
    forename: 'Sam',
    surname: "O'Neill",
    nationalInsuranceNumber: 'AB123456C',
    dateOfBirth: '1990-03-14',
    gender: 'F',
    address: { lines: ['1 High Street', 'Maidstone'], postcode: 'ME14 1XX' },
  },
  startDate: '2026-06-08',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  week1Month1: false,
  niCategory: 'A',
  studentLoanPlans: [],
  postgraduateLoan: false,
  schedule: { frequency: 'weekly', firstPayDate: '2026-06-12', daysInArrears: 0 },
  rates: { standard: '13.50', 'sleep-in': '60.00' },
  contractedHoursPerWeek: '20',
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'assess',
  bank: { accountName: 'S ONEILL', sortCode: '123456', accountNumber: '12345678' },
  warnings: [],
};

const spec = commandSpec(hirePa);
const givenEmployer = spec.given([enrolment, registration]);
const NOW = '2026-06-01T09:00:00';

/** The refusal, so that each spec reads the words the operator gets. */
function refusal(given: readonly RecipientEvent[], body: unknown): DomainError {
  const command = hirePa.complete(parseInput(hirePa.input, body), derivedIds('spec-command'));
  const state = given.reduce(recipientStream.evolve, recipientStream.initialState);
  try {
    hirePa.decide(command, state, DateTime.fromISO(NOW, { zone: 'Europe/London' }), undefined);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}
const refused = (body: unknown) => refusal([enrolment, registration], body);
const withPa = (pa: Record<string, unknown>) => ({ ...input, pa: { ...input.pa, ...pa } });

describe('hire PA', () => {
  it('given a registered employer, when a PA is hired, then PaHired records everything needed to pay from the first run', () => {
    givenEmployer.when(input).then([{ type: 'PaHired', data: hired }]);
  });

  it('given no employment id, then one is derived from the command id, the same on every retry, and is the payroll id', () => {
    const { employmentId: _omit, ...rest } = input;
    const idFor = (commandId: string) =>
      hirePa.complete(parseInput(hirePa.input, rest), derivedIds(commandId)).employmentId;
    expect(idFor('hire-42')).toBe(idFor('hire-42'));
    expect(idFor('hire-42')).not.toBe(idFor('hire-43'));
    const employmentId = idFor('spec-command');
    expect(employmentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The FPS PayId holds 35 characters; a derived id is a 36-character uuid, so its hyphens are left out.
    givenEmployer
      .when(rest)
      .then([{ type: 'PaHired', data: { ...hired, employmentId, payrollId: employmentId.replace(/-/g, '') } }]);
  });

  it('takes the payroll id, loans, category and pension given, and the code on a week 1/month 1 basis from its marker', () => {
    givenEmployer
      .when({
        ...input,
        payrollId: 'PA-007',
        taxCode: '1257L M1',
        niCategory: 'h',
        studentLoanPlans: ['5', '2'],
        postgraduateLoan: true,
        pension: 'opted-in',
      })
      .then([
        {
          type: 'PaHired',
          data: {
            ...hired,
            payrollId: 'PA-007',
            taxCode: '1257L',
            week1Month1: true,
            niCategory: 'H',
            studentLoanPlans: ['2', '5'],
            postgraduateLoan: true,
            pension: 'opted-in',
          },
        },
      ]);
  });

  it('records a P45 with its code normalised', () => {
    const p45 = {
      kind: 'p45',
      previousPayToDate: '4200.00',
      previousTaxToDate: '310.40',
      taxCode: '1257l x',
      week1Month1: false,
      leavingDate: '2026-05-29',
    };
    givenEmployer
      .when({ ...input, starter: p45 })
      .then([{ type: 'PaHired', data: { ...hired, starter: { ...p45, taxCode: '1257L', week1Month1: true } } }]);
  });

  it('records a monthly schedule paid on the last working day, and accrued holiday paid rolled up for irregular hours', () => {
    const { contractedHoursPerWeek: _irregular, ...rest } = input;
    const schedule = { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2026-06-30', daysInArrears: 0 };
    givenEmployer.when({ ...rest, schedule, holiday: { basis: 'accrual', rolledUp: true } }).then([
      {
        type: 'PaHired',
        data: {
          ...hired,
          schedule,
          contractedHoursPerWeek: null,
          holiday: { basis: 'accrual', rolledUp: true },
        },
      },
    ]);
  });

  it('given no National Insurance number, then the hire is recorded with a warning, returned in the reply', () => {
    const body = withPa({ nationalInsuranceNumber: undefined });
    const warning = {
      code: 'employment.no-national-insurance-number',
      message:
        'pa.nationalInsuranceNumber: none given; the FPS will report the PA without one, carrying the date of birth, gender and address instead, until HMRC traces it: record it when the PA or HMRC gives it',
    };
    const data = { ...hired, pa: { ...hired.pa, nationalInsuranceNumber: null }, warnings: [warning] };
    givenEmployer.when(body).then([{ type: 'PaHired', data }]);
    const command = hirePa.complete(parseInput(hirePa.input, body), derivedIds('c'));
    expect(hirePa.reply.of(command, undefined, [{ type: 'PaHired', data }])).toEqual({
      recipientId: 'r-1001',
      employmentId: 'e-1',
      warnings: [warning],
    });
  });

  it('does not hold a sleep-in to the hourly minimum wage: it is a flat amount a night', () => {
    givenEmployer
      .when({ ...input, rates: { standard: '12.71', 'sleep-in': '45.00' } })
      .then([{ type: 'PaHired', data: { ...hired, rates: { standard: '12.71', 'sleep-in': '45.00' } } }]);
  });

  it('claims the employment id, and names the recipient holding it', () => {
    const command = hirePa.complete(parseInput(hirePa.input, input), derivedIds('c'));
    expect(hirePa.claims!(command, [])).toEqual(['employment/e-1']);
    expect(hirePa.claimTaken!('employment/e-1', 'recipient-r-0042', command)).toMatchObject({
      kind: 'conflict',
      code: 'employment.id-taken',
      message:
        'employmentId: e-1 is already an employment of recipient r-0042; employment ids are unique across the bureau',
    });
  });
});

describe('hire PA rules', () => {
  it('refuses a recipient who is not enrolled (or of another council) as not found', () => {
    spec.given([]).when(input).thenError('recipient.not-found', 'not-found');
    expect(refusal([], input).message).toBe('recipient r-1001 is not enrolled');
  });

  it('refuses a recipient not registered as employer: register as employer first', () => {
    spec.given([enrolment]).when(input).thenError('employment.employer-not-registered', 'rule');
    expect(refusal([enrolment], input).message).toBe(
      'recipient r-1001 is not registered as an employer: register as employer first (register-as-employer, with the PAYE and Accounts Office references)',
    );
  });

  it('refuses a hire once the Direct Payment is terminated', () => {
    const terminated: RecipientEvent = {
      type: 'DirectPaymentTerminated',
      data: { recipientId: 'r-1001', on: '2026-05-20', reason: 'moved away', forced: null },
    };
    spec.given([enrolment, registration, terminated]).when(input).thenError('direct-payment.terminated', 'rule');
    expect(refusal([enrolment, registration, terminated], input).message).toBe(
      'recipient r-1001: the Direct Payment was terminated on 2026-05-20; a terminated Direct Payment hires no PA',
    );
  });

  it('given the employment is on the roster, when hired again, then it is a conflict', () => {
    const given = [enrolment, registration, { type: 'PaHired', data: hired } as const];
    spec.given(given).when(input).thenError('employment.already-hired', 'conflict');
    expect(refusal(given, input).message).toBe(
      'employmentId: e-1 is already on the roster of recipient r-1001; a PA is hired once per employment',
    );
  });

  it('refuses a payroll id another employment of the employer has', () => {
    const given = [enrolment, registration, { type: 'PaHired', data: hired } as const];
    const body = { ...input, employmentId: 'e-2', payrollId: 'e-1' };
    spec.given(given).when(body).thenError('employment.payroll-id-taken', 'conflict');
    expect(refusal(given, body).message).toBe(
      'payrollId: e-1 is already the payroll id of employment e-1; each employment of an employer has its own',
    );
  });

  it('refuses a start more than a year ahead', () => {
    const body = { ...input, startDate: '2027-06-02', schedule: { ...input.schedule, firstPayDate: '2027-06-04' } };
    givenEmployer.when(body).thenError('employment.start-too-far-ahead', 'rule');
    expect(refused(body).message).toBe('startDate 2027-06-02 is more than a year after today (2026-06-01)');
  });

  it('refuses a start in a tax year whose statutory tables are not held', () => {
    const body = { ...input, startDate: '2023-06-05', schedule: { ...input.schedule, firstPayDate: '2023-06-09' } };
    givenEmployer.when(body).thenError('employment.tax-year-not-held', 'rule');
    expect(refused(body).message).toMatch(
      /^startDate 2023-06-05 is in tax year 2023-24, whose statutory tables are not held yet \(held: 2024-25, /,
    );
  });

  it("refuses a tax code that does not exist in the start date's tax year", () => {
    // Scotland has six bands in 2026-27: SD0 to SD3 exist, SD4 does not.
    const body = { ...input, taxCode: 'SD4' };
    givenEmployer.when(body).thenError('employment.tax-code-not-valid-in-year', 'rule');
    expect(refused(body).message).toMatch(/^taxCode SD4 is not a valid code in 2026-27: /);
  });

  it('refuses a code marked week 1/month 1 with week1Month1 false', () => {
    const body = { ...input, taxCode: '1257L W1', week1Month1: false };
    givenEmployer.when(body).thenError('employment.tax-code-basis-conflict', 'rule');
    expect(refused(body).message).toBe('taxCode 1257L W1 is marked W1 (week 1/month 1), but week1Month1 is false');
  });

  it("refuses a National Insurance category that the start date's tax year does not have", () => {
    const body = { ...input, niCategory: 'Q' };
    givenEmployer.when(body).thenError('employment.ni-category-unknown', 'rule');
    expect(refused(body).message).toMatch(
      /^niCategory Q is not a National Insurance category in 2026-27; the categories are A, B, /,
    );
  });

  it("refuses a standard rate below the National Living Wage for the PA's age on the start date", () => {
    const body = { ...input, rates: { standard: '12.70' } };
    givenEmployer.when(body).thenError('employment.rate-below-minimum-wage', 'rule');
    expect(refused(body).message).toBe(
      'rates.standard: £12.70 an hour is below the National Living Wage (21 and over) of £12.71 an hour in force from 2026-04-01, for a PA aged 36 on 2026-06-08',
    );
  });

  it('checks every hourly kind, at the rate of the age band: a night rate for a PA of 19', () => {
    const body = { ...withPa({ dateOfBirth: '2007-01-10' }), rates: { standard: '12.00', night: '10.84' } };
    givenEmployer.when(body).thenError('employment.rate-below-minimum-wage', 'rule');
    expect(refused(body).message).toBe(
      'rates.night: £10.84 an hour is below the National Minimum Wage for 18 to 20 of £10.85 an hour in force from 2026-04-01, for a PA aged 19 on 2026-06-08',
    );
  });

  it('refuses rolled-up holiday pay for a PA with regular hours', () => {
    const body = { ...input, holiday: { basis: 'accrual', rolledUp: true } };
    givenEmployer.when(body).thenError('employment.rolled-up-holiday-not-lawful', 'rule');
    expect(refused(body).message).toBe(
      'holiday.rolledUp: rolled-up holiday pay is lawful only for irregular-hours and part-year workers, and this PA has regular hours (contractedHoursPerWeek 20); accrue the holiday and pay it when taken',
    );
  });

  it('refuses a first pay date whose period does not include the start date', () => {
    // Friday 19 June pays 13 to 19 June: the first week of the employment would belong to no pay period.
    const body = { ...input, schedule: { ...input.schedule, firstPayDate: '2026-06-19' } };
    givenEmployer.when(body).thenError('employment.first-pay-date', 'rule');
    expect(refused(body).message).toBe(
      'schedule.firstPayDate 2026-06-19 pays 2026-06-13 to 2026-06-19, which does not include the start date 2026-06-08: the first pay date must pay the period the employment starts in',
    );
  });
});

describe('hire PA input', () => {
  const when = (body: unknown) => givenEmployer.when(body);

  it('refuses a temporary National Insurance number with HMRC’s rule', () => {
    const [issue] = when(withPa({ nationalInsuranceNumber: 'TN 14 03 90 F' })).thenInvalid([
      'pa.nationalInsuranceNumber',
    ]);
    expect(issue!.rule).toBe(
      'is a temporary number (TN, date of birth, M or F): HMRC no longer uses them and they must not be sent to HMRC; leave it out: the FPS then carries the date of birth, gender and address, and HMRC traces the number',
    );
  });

  it.each([
    ['a Temporary Reference Number', '12 A1 23 45', 'Temporary Reference Number'],
    ['an administrative prefix', 'CR123456A', 'administrative prefix CR'],
    ['an unallocated prefix', 'GB123456A', 'allocated prefix'],
    ['a suffix other than A-D', 'AB123456E', 'A, B, C or D'],
  ])('refuses %s', (_what, nationalInsuranceNumber, rule) => {
    const [issue] = when(withPa({ nationalInsuranceNumber })).thenInvalid(['pa.nationalInsuranceNumber']);
    expect(issue!.rule).toContain(rule);
  });

  it('refuses a date of birth less than 13 years before the start', () => {
    const [issue] = when(withPa({ dateOfBirth: '2013-06-09' })).thenInvalid(['pa.dateOfBirth']);
    expect(issue!.rule).toBe('must be on or before 2013-06-08: a PA is at least 13 on the start date 2026-06-08');
  });

  it('refuses a name or an address line HMRC’s FPS cannot carry', () => {
    const issues = when(
      withPa({ forename: 'Zoë', surname: 'x'.repeat(36), address: { lines: ['#1 High St'], postcode: 'NOWHERE' } }),
    ).thenInvalid(['pa.forename', 'pa.surname', 'pa.address.lines.0', 'pa.address.postcode']);
    expect(issues.find((i) => i.path === 'pa.forename')!.rule).toContain('write an accented letter without its accent');
    expect(issues.find((i) => i.path === 'pa.address.postcode')!.rule).toBe('must be a UK postcode, e.g. "SW1A 1AA"');
  });

  it('refuses a first pay date before the start, and a monthly one off its pay day', () => {
    const [before] = when({ ...input, schedule: { ...input.schedule, firstPayDate: '2026-06-05' } }).thenInvalid([
      'schedule.firstPayDate',
    ]);
    expect(before!.rule).toBe('must be on or after the start date 2026-06-08');
    const monthly = { frequency: 'monthly', payDay: 'last-working-day', firstPayDate: '2026-08-31', daysInArrears: 0 };
    const [offDay] = when({ ...input, schedule: monthly }).thenInvalid(['schedule.firstPayDate']);
    expect(offDay!.rule).toBe(
      'must be the last working day of its month (Monday to Friday, not a bank holiday in England and Wales)',
    );
    const [day15] = when({ ...input, schedule: { ...monthly, payDay: 15, firstPayDate: '2026-06-16' } }).thenInvalid([
      'schedule.firstPayDate',
    ]);
    expect(day15!.rule).toBe('must fall on the pay day 15 (or the last day of a shorter month)');
  });

  it('names every bad schedule field', () => {
    when({
      ...input,
      schedule: { frequency: 'monthly', payDay: 32, firstPayDate: '2026-06-31', daysInArrears: -1 },
    }).thenInvalid(['schedule.payDay', 'schedule.firstPayDate', 'schedule.daysInArrears']);
    when({ ...input, schedule: { frequency: 'yearly', firstPayDate: '2026-06-12', daysInArrears: 0 } }).thenInvalid([
      'schedule.frequency',
    ]);
  });

  it('accepts a sort code with or without separators, and names a bad account number', () => {
    when({ ...input, bank: { ...input.bank, sortCode: '123456' } }).then([{ type: 'PaHired', data: hired }]);
    when({ ...input, bank: { ...input.bank, sortCode: '12-34-5', accountNumber: '1234567' } }).thenInvalid([
      'bank.sortCode',
      'bank.accountNumber',
    ]);
  });

  it('names bad rates, hours and holiday weeks', () => {
    when({
      ...input,
      rates: { standard: 13.5, night: '0.00', 'sleep-in': '250.00' },
      contractedHoursPerWeek: '169',
      holiday: { basis: 'weeks', weeksPerYear: '5.5' },
    }).thenInvalid([
      'rates.standard',
      'rates.night',
      'rates.sleep-in',
      'contractedHoursPerWeek',
      'holiday.weeksPerYear',
    ]);
  });

  it('names a bad starter declaration and a tax code that is not a code', () => {
    when({ ...input, starter: { kind: 'statement', statement: 'D' }, taxCode: '1257Q' }).thenInvalid([
      'starter.statement',
      'taxCode',
    ]);
  });
});
