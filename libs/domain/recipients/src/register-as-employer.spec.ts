import { DateTime } from 'luxon';
import { derivedIds } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { parseInput } from '@dpe/schema';
import { commandSpec } from '@dpe/testing';
import {
  recipientStream,
  registerAsEmployer,
  type EmployerRegisteredData,
  type RecipientEnrolledData,
  type RecipientEvent,
  type RecipientState,
} from '@dpe/recipients';

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
const input = {
  recipientId: 'r-1001',
  payeReference: '123/ab456',
  accountsOfficeReference: '123pw 1234 5678',
  bureauActsAsAgent: true,
  registeredOn: '2026-05-01',
};
const registered: EmployerRegisteredData = {
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

const spec = commandSpec(registerAsEmployer);
const enrolment = { type: 'RecipientEnrolled', data: enrolled } as const;
const givenEnrolled = spec.given([enrolment]);

/** The message of the refusal, so that each spec reads the words the operator gets. */
function refusal(given: readonly RecipientEvent[], body: unknown): DomainError {
  const command = registerAsEmployer.complete(parseInput(registerAsEmployer.input, body), derivedIds('spec-command'));
  const state = given.reduce(recipientStream.evolve, recipientStream.initialState);
  try {
    registerAsEmployer.decide(
      command,
      state,
      DateTime.fromISO('2026-06-01T09:00', { zone: 'Europe/London' }),
      undefined,
    );
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}

describe('register as employer', () => {
  it('given an enrolled recipient, when registered, then EmployerRegistered records the references as HMRC writes them', () => {
    givenEnrolled.when(input).then([{ type: 'EmployerRegistered', data: registered }]);
  });

  it('claims the Employment Allowance by default: care and support employers qualify', () => {
    givenEnrolled
      .when({ ...input, employmentAllowance: false })
      .then([{ type: 'EmployerRegistered', data: { ...registered, employmentAllowance: false } }]);
  });

  it('given no registration date, then the business date of the decision is recorded (Europe/London)', () => {
    const { registeredOn: _omit, ...rest } = input;
    givenEnrolled
      .when(rest, { now: '2026-06-01T00:30:00' })
      .then([{ type: 'EmployerRegistered', data: { ...registered, registeredOn: '2026-06-01' } }]);
  });

  it('records the pension scheme and the insurance, the rates left out as null (the statutory minimums)', () => {
    const pensionScheme = { provider: 'NEST', dutiesStartDate: '2026-05-01', taxRelief: 'relief-at-source' } as const;
    const insurance = { insurer: 'Fish Insurance', renewalDate: '2027-04-30' };
    givenEnrolled.when({ ...input, pensionScheme, employersLiabilityInsurance: insurance }).then([
      {
        type: 'EmployerRegistered',
        data: {
          ...registered,
          pensionScheme: { ...pensionScheme, employerRate: null, employeeRate: null },
          employersLiabilityInsurance: insurance,
        },
      },
    ]);
  });

  it('given an address, then EmployerRegistered records it with the postcode as HMRC writes it', () => {
    const address = { lines: ['1 High Street', 'Leeds'], postcode: 'ls11aa' };
    givenEnrolled.when({ ...input, address }).then([
      {
        type: 'EmployerRegistered',
        data: { ...registered, address: { lines: ['1 High Street', 'Leeds'], postcode: 'LS1 1AA' } },
      },
    ]);
  });

  it('declares the address personal data, and folds a registration with or without one', () => {
    expect(recipientStream.personalData?.EmployerRegistered).toEqual(['address']);
    const address = { lines: ['1 High Street'], postcode: 'LS1 1AA' };
    const fold = (data: EmployerRegisteredData) =>
      [enrolment, { type: 'EmployerRegistered', data } as const].reduce<RecipientState>(
        recipientStream.evolve,
        recipientStream.initialState,
      );
    const withAddress = fold({ ...registered, address });
    expect(withAddress.status === 'enrolled' && withAddress.employer?.address).toEqual(address);
    // An event written before the field existed has none, and folds as it always did.
    const older = fold(registered);
    expect(older.status === 'enrolled' && older.employer).toEqual(registered);
  });

  it('given an Accounts Office reference of another office, then it is accepted with a warning, returned in the reply', () => {
    const body = { ...input, accountsOfficeReference: '120PY19064375' };
    const warning = {
      code: 'employer.accounts-office-mismatch',
      message:
        "accountsOfficeReference: its office number 120 differs from tax office 123 of payeReference 123/AB456; HMRC issues both with the same office number, so check both against HMRC's letter",
    };
    const data = { ...registered, accountsOfficeReference: '120PY19064375', warnings: [warning] };
    givenEnrolled.when(body).then([{ type: 'EmployerRegistered', data }]);
    const command = registerAsEmployer.complete(parseInput(registerAsEmployer.input, body), derivedIds('c'));
    expect(registerAsEmployer.reply.of(command, undefined, [{ type: 'EmployerRegistered', data }])).toEqual({
      recipientId: 'r-1001',
      warnings: [warning],
    });
    expect(registerAsEmployer.reply.schema.safeParse({ recipientId: 'r-1001', warnings: [warning] }).success).toBe(
      true,
    );
  });

  it('replies with no warnings when the office numbers agree', () => {
    const command = registerAsEmployer.complete(parseInput(registerAsEmployer.input, input), derivedIds('c'));
    expect(registerAsEmployer.reply.of(command, undefined, [{ type: 'EmployerRegistered', data: registered }])).toEqual(
      { recipientId: 'r-1001', warnings: [] },
    );
  });

  it('refuses a recipient who is not enrolled as not found', () => {
    spec.given([]).when(input).thenError('recipient.not-found', 'not-found');
    expect(refusal([], input).message).toBe('recipient r-1001 is not enrolled');
  });

  it('refuses a recipient whose Direct Payment was terminated', () => {
    const terminated: RecipientEvent = {
      type: 'DirectPaymentTerminated',
      data: { recipientId: 'r-1001', on: '2026-05-20', reason: 'moved away', forced: null },
    };
    spec.given([enrolment, terminated]).when(input).thenError('direct-payment.terminated', 'rule');
    expect(refusal([enrolment, terminated], input).message).toBe(
      'recipient r-1001: the Direct Payment was terminated on 2026-05-20; a terminated Direct Payment takes on no employer',
    );
  });

  it('given the recipient is registered, when registered again, then it is refused as a conflict', () => {
    const given: RecipientEvent[] = [enrolment, { type: 'EmployerRegistered', data: registered }];
    spec.given(given).when(input).thenError('employer.already-registered', 'conflict');
    expect(refusal(given, input).message).toBe(
      'recipient r-1001 is already registered as employer 123/AB456 (on 2026-05-01); an employer is registered once',
    );
  });

  it('claims the PAYE scheme, and names the holder when another employer has it', () => {
    const command = registerAsEmployer.complete(parseInput(registerAsEmployer.input, input), derivedIds('c'));
    expect(registerAsEmployer.claims!(command, [])).toEqual(['paye-scheme/123/AB456']);
    const taken = registerAsEmployer.claimTaken!('paye-scheme/123/AB456', 'recipient-r-0042', command);
    expect(taken).toBeInstanceOf(DomainError);
    expect(taken).toMatchObject({
      kind: 'conflict',
      code: 'employer.paye-reference-taken',
      message:
        'payeReference: 123/AB456 is already registered to employer r-0042; one PAYE scheme belongs to one employer',
    });
  });
});

describe('register as employer input', () => {
  const when = (body: unknown) => givenEnrolled.when(body);

  it('names a bad PAYE reference and a failed Accounts Office check character with their rules', () => {
    const issues = when({ ...input, payeReference: '12/AB456', accountsOfficeReference: '123PA12345678' }).thenInvalid([
      'payeReference',
      'accountsOfficeReference',
    ]);
    expect(issues.find((i) => i.path === 'payeReference')!.rule).toContain('3-digit tax office number');
    expect(issues.find((i) => i.path === 'accountsOfficeReference')!.rule).toBe(
      'check character (5th) does not match the modulus-23 check',
    );
  });

  it('refuses a bad postcode and a bad address line, naming each field', () => {
    const address = { lines: ['#1 High Street', 'Leeds'], postcode: 'NOWHERE' };
    const issues = when({ ...input, address }).thenInvalid(['address.lines.0', 'address.postcode']);
    expect(issues.find((i) => i.path === 'address.postcode')!.rule).toBe('must be a UK postcode, e.g. "SW1A 1AA"');
  });

  it('refuses an address without its postcode or with more than four lines', () => {
    when({ ...input, address: { lines: ['1 High Street'] } }).thenInvalid(['address.postcode']);
    when({ ...input, address: { lines: ['1', '2', '3', '4', '5'], postcode: 'LS1 1AA' } }).thenInvalid([
      'address.lines',
    ]);
  });

  it('requires both references and whether the bureau acts as agent', () => {
    when({ recipientId: 'r-1001' }).thenInvalid(['payeReference', 'accountsOfficeReference', 'bureauActsAsAgent']);
  });

  it('refuses an employer rate under the automatic enrolment minimum of 3%', () => {
    const pensionScheme = {
      provider: 'NEST',
      dutiesStartDate: '2026-05-01',
      taxRelief: 'relief-at-source',
      employerRate: '0.02',
    };
    const [issue] = when({ ...input, pensionScheme }).thenInvalid(['pensionScheme.employerRate']);
    expect(issue!.rule).toContain('at least 0.03');
  });

  it('refuses contributions that make less than 8% in all', () => {
    const pensionScheme = {
      provider: 'NEST',
      dutiesStartDate: '2026-05-01',
      taxRelief: 'net-pay-arrangement',
      employerRate: '0.03',
      employeeRate: '0.04',
    };
    const [issue] = when({ ...input, pensionScheme }).thenInvalid(['pensionScheme.employeeRate']);
    expect(issue!.rule).toContain('at least 0.08');
  });

  it.each([
    ['a JSON number', 0.05],
    ['a percentage', '5'],
    ['five decimal places', '0.05001'],
    ['a negative fraction', '-0.05'],
  ])('refuses a contribution rate that is %s', (_what, employeeRate) => {
    const pensionScheme = { provider: 'NEST', dutiesStartDate: '2026-05-01', taxRelief: 'relief-at-source' };
    when({ ...input, pensionScheme: { ...pensionScheme, employeeRate } }).thenInvalid(['pensionScheme.employeeRate']);
  });

  it('names every bad pension and insurance field at once', () => {
    when({
      ...input,
      pensionScheme: { provider: '', dutiesStartDate: '2026-02-30', taxRelief: 'salary-sacrifice' },
      employersLiabilityInsurance: { insurer: 'Fish', renewalDate: 'soon' },
    }).thenInvalid([
      'pensionScheme.provider',
      'pensionScheme.dutiesStartDate',
      'pensionScheme.taxRelief',
      'employersLiabilityInsurance.renewalDate',
    ]);
  });
});
