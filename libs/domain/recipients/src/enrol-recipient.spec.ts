import { commandSpec } from '@dpe/testing';
import { derivedIds, fold } from '@dpe/decider';
import type { RecordedEvent } from '@dpe/event-store';
import { parseInput } from '@dpe/schema';
import { enrolRecipient, recipientStream, type RecipientEnrolledData } from '@dpe/recipients';

const input = {
  recipientId: 'r-1001',
  councilId: 'Kent',
  recipientType: 'adult',
  name: 'Alex Morgan',
  accountType: 'managed-account',
  enrolledOn: '2026-04-06',
};

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

// The council is registered unless a spec says otherwise (prepare reads the council register).
const spec = commandSpec(enrolRecipient, { prepared: { councilRegistered: true } });

describe('enrol recipient', () => {
  it('given no history, when enrolled, then RecipientEnrolled records the case', () => {
    spec
      .given([])
      .when(input)
      .then([{ type: 'RecipientEnrolled', data: enrolled }]);
  });

  it('given no enrolment date, then the business date of the decision is recorded (Europe/London)', () => {
    const { enrolledOn: _omit, ...rest } = input;
    // 23:30 UTC on 31 May 2026 is 00:30 on 1 June in London (BST).
    spec
      .given([])
      .when(rest, { now: '2026-06-01T00:30:00' })
      .then([{ type: 'RecipientEnrolled', data: { ...enrolled, enrolledOn: '2026-06-01' } }]);
  });

  it('given no recipient id, then the id is derived from the command id, the same on every retry', () => {
    const { recipientId: _omit, ...rest } = input;
    const idFor = (commandId: string) =>
      enrolRecipient.complete(parseInput(enrolRecipient.input, rest), derivedIds(commandId)).recipientId;
    expect(idFor('enrol-42')).toBe(idFor('enrol-42'));
    expect(idFor('enrol-42')).not.toBe(idFor('enrol-43'));
    expect(idFor('enrol-42')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('takes no HMRC employer references: register-as-employer records them, claiming the PAYE scheme', () => {
    spec
      .given([])
      .when({ ...input, employerPayeReference: '123/AB456', accountsOfficeReference: '123PW12345678' })
      .thenInvalid(['employerPayeReference', 'accountsOfficeReference']);
  });

  it('given the council is not registered, then it is refused naming councilId', () => {
    spec
      .given([])
      .when(input, { prepared: { councilRegistered: false } })
      .thenError('council.unknown', 'rule');
  });

  it('given r-1001 is enrolled, when R-1001 is enrolled, then it is the same recipient and refused as a conflict', () => {
    spec
      .given([{ type: 'RecipientEnrolled', data: enrolled }])
      .when({ ...input, recipientId: 'R-1001' })
      .thenError('recipient.already-enrolled', 'conflict');
    expect(
      enrolRecipient.streamKey(
        enrolRecipient.complete(parseInput(enrolRecipient.input, { ...input, recipientId: 'R-1001' }), derivedIds('c')),
      ),
    ).toBe('r-1001');
  });

  it('given the recipient is enrolled, when enrolled again, then it is refused as a conflict', () => {
    spec
      .given([{ type: 'RecipientEnrolled', data: enrolled }])
      .when(input)
      .thenError('recipient.already-enrolled', 'conflict');
  });

  it('given a RecipientEnrolled written at version 1 by an older build, then it is upcast and still counts', () => {
    // Version 1 required the references (enrolment took them before register-as-employer existed).
    const employerReferences = { payeReference: '123/AB456', accountsOfficeReference: '123PW12345678' };
    const { employerReferences: _none, councilId: _id, ...rest } = enrolled;
    const v1 = { ...rest, council: 'Kent County Council', employer: employerReferences };
    spec
      .given([{ type: 'RecipientEnrolled', schemaVersion: 1, data: v1 }])
      .when(input)
      .thenError('recipient.already-enrolled');
    const stored = { type: 'RecipientEnrolled', schemaVersion: 1, data: v1 } as unknown as RecordedEvent;
    // Free-text councils cannot be matched to a registered one: the text is kept, the council id is null.
    expect(fold(recipientStream, [stored])).toEqual({
      status: 'enrolled',
      budgets: [],
      roster: [],
      ...enrolled,
      employerReferences,
      councilId: null,
      legacyCouncilName: 'Kent County Council',
    });
  });

  it('refuses an enrolment dated more than a year ahead of the decision', () => {
    spec
      .given([])
      .when({ ...input, enrolledOn: '2027-06-02' }, { now: '2026-06-01T09:00:00' })
      .thenError('recipient.enrolment-too-far-ahead', 'rule');
  });
});

describe('enrol recipient input', () => {
  const when = (body: unknown) => spec.given([]).when(body);

  it('names an unknown account type with the accepted values', () => {
    const [issue] = when({ ...input, accountType: 'cash' }).thenInvalid(['accountType']);
    expect(issue!.rule).toBe('must be one of managed-account, bank-account, prepaid-card');
  });

  it('names every bad field at once: missing council, bad type, impossible date', () => {
    const { councilId: _c, ...rest } = input;
    when({ ...rest, recipientType: 'friend', enrolledOn: '2026-02-30' }).thenInvalid([
      'councilId',
      'recipientType',
      'enrolledOn',
    ]);
  });

  it('refuses an enrolment before Direct Payments existed (1 April 1997)', () => {
    const [issue] = when({ ...input, enrolledOn: '1996-12-31' }).thenInvalid(['enrolledOn']);
    expect(issue!.rule).toBe('must be between 1997-04-01 and 2099-12-31');
  });

  it('requires the parent to be named for a parent of a disabled child, and validates the representative', () => {
    const [issue] = when({ ...input, recipientType: 'parent-of-disabled-child' }).thenInvalid(['representative']);
    expect(issue!.rule).toContain('is required for a parent');
    when({ ...input, representative: { name: '', role: 'friend' } }).thenInvalid([
      'representative.name',
      'representative.role',
    ]);
  });

  it('names a field the command does not have (a typo is not silently dropped)', () => {
    const [issue] = when({ ...input, recipientTyp: 'adult' }).thenInvalid(['recipientTyp']);
    expect(issue!.rule).toBe('is not a field of this request');
  });

  it.each([
    ['a NUL', 'Alex\u0000Morgan'],
    ['a newline', 'Alex\nMorgan'],
    ['a right-to-left override', 'Alex \u202eMorgan'],
    ['a lone surrogate', 'Alex \ud800Morgan'],
  ])('refuses a name with %s', (_what, name) => {
    const [issue] = when({ ...input, name }).thenInvalid(['name']);
    expect(issue!.rule).toBe('must not contain control characters, bidirectional overrides or unpaired surrogates');
  });

  it.each([
    ['a zero-width space', '\u200b'],
    ['a word joiner and a left-to-right mark', '\u2060\u200e'],
  ])('refuses a name made only of %s', (_what, name) => {
    when({ ...input, name }).thenInvalid(['name']);
  });

  it('refuses a body that is not an object', () => {
    when([1, 2]).thenInvalid(['(body)']);
  });
});
