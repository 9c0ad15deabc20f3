import { DomainError, InvalidCommand } from '@dpe/decider';
import { parseEnrolRecipient, recipientDecider, type RecipientEvent, type RecipientState } from '@dpe/recipients';

const validInput = {
  recipientId: 'r-1001',
  council: 'Kent County Council',
  recipientType: 'adult',
  name: 'Alex Morgan',
  accountType: 'managed-account',
  employerPayeReference: '123/ab456',
  accountsOfficeReference: '123pw12345678',
  enrolledOn: '2026-04-06',
};

function given(events: RecipientEvent[]): RecipientState {
  return events.reduce(recipientDecider.evolve, recipientDecider.initialState);
}

describe('Enrol recipient', () => {
  it('given no history, when enrolled, then RecipientEnrolled records the case with normalised HMRC references', () => {
    const command = parseEnrolRecipient(validInput, '2026-11-22');
    expect(recipientDecider.decide(command, given([]))).toEqual([
      {
        type: 'RecipientEnrolled',
        schemaVersion: 1,
        data: {
          recipientId: 'r-1001',
          council: 'Kent County Council',
          recipientType: 'adult',
          name: 'Alex Morgan',
          representative: null,
          accountType: 'managed-account',
          employer: { payeReference: '123/AB456', accountsOfficeReference: '123PW12345678' },
          enrolledOn: '2026-04-06',
        },
      },
    ]);
  });

  it('given the recipient is enrolled, when enrolled again, then it is refused as a conflict', () => {
    const command = parseEnrolRecipient(validInput, '2026-11-22');
    const history = recipientDecider.decide(command, given([]));
    expect(() => recipientDecider.decide(command, given([...history]))).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'recipient.already-enrolled' }) as DomainError,
    );
  });

  it('folds RecipientEnrolled into the enrolled recipient', () => {
    const command = parseEnrolRecipient({ ...validInput, recipientType: 'carer' }, '2026-11-22');
    const state = given([...recipientDecider.decide(command, given([]))]);
    expect(state).toMatchObject({ status: 'enrolled', recipientType: 'carer', council: 'Kent County Council' });
  });
});

describe('Enrol recipient input', () => {
  function errorsOf(input: unknown): InvalidCommand['errors'] {
    try {
      parseEnrolRecipient(input, '2026-11-22');
    } catch (error) {
      if (error instanceof InvalidCommand) return error.errors;
      throw error;
    }
    throw new Error('expected InvalidCommand');
  }

  it('defaults the enrolment date to today in Europe/London', () => {
    const { enrolledOn: _omit, ...rest } = validInput;
    expect(parseEnrolRecipient(rest, '2026-11-22').enrolledOn).toBe('2026-11-22');
  });

  it('names a bad employer PAYE reference', () => {
    expect(errorsOf({ ...validInput, employerPayeReference: '12/AB456' })).toEqual([
      { field: 'employerPayeReference', rule: expect.stringContaining('3-digit tax office number') },
    ]);
  });

  it('names an Accounts Office reference whose check character fails', () => {
    expect(errorsOf({ ...validInput, accountsOfficeReference: '123PA12345678' })).toEqual([
      { field: 'accountsOfficeReference', rule: 'check character (5th) does not match the modulus-23 check' },
    ]);
  });

  it('names an unknown account type with the accepted values', () => {
    expect(errorsOf({ ...validInput, accountType: 'cash' })).toEqual([
      { field: 'accountType', rule: 'must be one of managed-account, bank-account, prepaid-card (got "cash")' },
    ]);
  });

  it('names every bad field at once: missing council, bad type, bad date', () => {
    const { council: _c, ...rest } = validInput;
    expect(errorsOf({ ...rest, recipientType: 'friend', enrolledOn: '2026-02-30' }).map((e) => e.field)).toEqual([
      'council',
      'recipientType',
      'enrolledOn',
    ]);
  });

  it('requires the parent to be named for a parent of a disabled child, and validates the representative', () => {
    expect(errorsOf({ ...validInput, recipientType: 'parent-of-disabled-child' })).toEqual([
      { field: 'representative', rule: expect.stringContaining('is required for a parent') },
    ]);
    expect(errorsOf({ ...validInput, representative: { name: '', role: 'friend' } }).map((e) => e.field)).toEqual([
      'representative.name',
      'representative.role',
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(errorsOf([1, 2])).toEqual([{ field: '(body)', rule: 'must be a JSON object' }]);
  });
});
