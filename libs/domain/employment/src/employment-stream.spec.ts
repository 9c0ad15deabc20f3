import {
  absencePeriod,
  absencesIn,
  employmentStream,
  employmentTermsOn,
  hiredEmployment,
  type EmploymentEvent,
  type EmploymentState,
} from '@dpe/employment';
import { hire, ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

const fold = (events: readonly EmploymentEvent[]): EmploymentState =>
  events.reduce(employmentStream.evolve, employmentStream.initialState);

const taxCode = (
  notice: 'P6' | 'P6B' | 'P9',
  code: string,
  effectiveFrom: string,
  week1Month1 = false,
): EmploymentEvent => ({
  type: 'TaxCodeChanged',
  data: { ...ids, notice, taxCode: code, week1Month1, issuedOn: effectiveFrom, effectiveFrom },
});
const loan = (notice: 'SL1' | 'SL2' | 'PGL1' | 'PGL2', effectiveFrom: string, plan: '1' | '2' | null = null) =>
  ({ type: 'StudentLoansChanged', data: { ...ids, notice, plan, effectiveFrom } }) as const;

describe('the employment stream', () => {
  it('is employment-{employmentId}, and declares the bank details of BankDetailsChanged as personal data', () => {
    expect(employmentStream.streamId('e-2001')).toBe('employment-e-2001');
    expect(employmentStream.personalData).toEqual({
      BankDetailsChanged: ['accountName', 'sortCode', 'accountNumber'],
    });
  });

  it('remembers whose employment it is from the first event, and ignores events it does not know', () => {
    const state = fold([taxCode('P6', '1100L', '2026-05-01')]);
    expect(state.recipientId).toBe('r-1001');
    expect(employmentStream.evolve(state, { type: 'FromTheFuture', data: {} } as never)).toBe(state);
  });

  it('replaces an absence recorded again under its id, in its place', () => {
    const open = {
      ...ids,
      absenceId: 'a-1',
      kind: 'sickness',
      firstDay: '2026-05-04',
      lastDay: null,
      qualifyingDays: ['monday'],
      fitNote: false,
    } as const;
    const holiday = {
      ...ids,
      absenceId: 'a-2',
      kind: 'holiday',
      from: '2026-07-01',
      to: '2026-07-03',
      hours: null,
      days: '3',
    } as const;
    const closed = { ...open, lastDay: '2026-05-08' };
    const state = fold([
      { type: 'AbsenceRecorded', data: open },
      { type: 'AbsenceRecorded', data: holiday },
      { type: 'AbsenceRecorded', data: closed },
    ]);
    expect(state.absences).toEqual([closed, holiday]);
  });
});

describe('hiredEmployment', () => {
  it("finds the hire on the recipient's roster", () => {
    expect(hiredEmployment(ids, employmentStream.initialState, prepared)).toBe(hire);
  });

  it.each([
    ['the recipient is not enrolled', { recipient: { status: 'not-enrolled' } } as const, fold([])],
    ['the employment is not on the roster', { recipient: recipientWith() }, fold([])],
    [
      'the stream belongs to another recipient',
      prepared,
      fold([
        {
          type: 'TaxCodeChanged',
          data: {
            ...ids,
            recipientId: 'r-9',
            notice: 'P6',
            taxCode: 'BR',
            week1Month1: false,
            issuedOn: '2026-05-01',
            effectiveFrom: '2026-05-01',
          },
        },
      ]),
    ],
  ])('refuses as employment.not-found when %s', (_why, given, state) => {
    expect(() => hiredEmployment(ids, state, given)).toThrow(
      expect.objectContaining({ code: 'employment.not-found', kind: 'not-found' }),
    );
  });
});

describe('employmentTermsOn: the terms in force for a pay date', () => {
  it('are the hire terms while nothing has changed', () => {
    expect(employmentTermsOn(hire, fold([]), '2026-04-10')).toEqual({
      taxCode: '1257L',
      week1Month1: false,
      taxCodeSource: 'hire',
      studentLoanPlans: [],
      postgraduateLoan: false,
      rates: { standard: '13.50' },
      bank: hire.bank,
      leaver: null,
      hasLeft: false,
    });
  });

  it('operate a P6 from the first pay date on or after its effectiveFrom', () => {
    const state = fold([taxCode('P6', '1100L', '2026-05-06')]);
    expect(employmentTermsOn(hire, state, '2026-05-05').taxCode).toBe('1257L');
    expect(employmentTermsOn(hire, state, '2026-05-06')).toMatchObject({ taxCode: '1100L', taxCodeSource: 'P6' });
  });

  it('operate a P9 from 6 April, even when a P6 for the current year arrives after it', () => {
    const state = fold([taxCode('P9', '1300L', '2027-04-06'), taxCode('P6', 'BR', '2027-02-01')]);
    expect(employmentTermsOn(hire, state, '2027-03-05').taxCode).toBe('BR');
    expect(employmentTermsOn(hire, state, '2027-04-09')).toMatchObject({ taxCode: '1300L', taxCodeSource: 'P9' });
  });

  it('take the later-recorded of two notices effective the same day', () => {
    const state = fold([taxCode('P6', '1100L', '2026-05-06'), taxCode('P6B', '1150L', '2026-05-06')]);
    expect(employmentTermsOn(hire, state, '2026-05-08')).toMatchObject({ taxCode: '1150L', taxCodeSource: 'P6B' });
  });

  it('keep the W1/M1 basis a notice gives, and end it with a cumulative notice', () => {
    const state = fold([taxCode('P6', '1257L', '2026-05-06', true), taxCode('P6', '1257L', '2026-07-01')]);
    expect(employmentTermsOn(hire, state, '2026-06-05').week1Month1).toBe(true);
    expect(employmentTermsOn(hire, state, '2026-07-03').week1Month1).toBe(false);
  });

  it('do not carry a W1/M1 basis into a later tax year (HMRC P9X)', () => {
    const onW1 = { ...hire, week1Month1: true };
    expect(employmentTermsOn(onW1, fold([]), '2027-04-02').week1Month1).toBe(true);
    expect(employmentTermsOn(onW1, fold([]), '2027-04-09')).toMatchObject({ taxCode: '1257L', week1Month1: false });
    const state = fold([taxCode('P6', 'BR', '2026-06-01', true)]);
    expect(employmentTermsOn(hire, state, '2027-04-09')).toMatchObject({ taxCode: 'BR', week1Month1: false });
  });

  it('apply loan notices in the order they take effect, from the hire plans', () => {
    const withPlan1 = { ...hire, studentLoanPlans: ['1'] as const };
    const state = fold([
      loan('SL1', '2026-05-01', '2'),
      loan('PGL1', '2026-05-01'),
      loan('SL2', '2026-06-01', '1'),
      loan('PGL2', '2026-07-01'),
    ]);
    expect(employmentTermsOn(withPlan1, state, '2026-04-30')).toMatchObject({
      studentLoanPlans: ['1'],
      postgraduateLoan: false,
    });
    expect(employmentTermsOn(withPlan1, state, '2026-05-01')).toMatchObject({
      studentLoanPlans: ['1', '2'],
      postgraduateLoan: true,
    });
    expect(employmentTermsOn(withPlan1, state, '2026-06-05')).toMatchObject({
      studentLoanPlans: ['2'],
      postgraduateLoan: true,
    });
    expect(employmentTermsOn(withPlan1, state, '2026-07-03')).toMatchObject({
      studentLoanPlans: ['2'],
      postgraduateLoan: false,
    });
  });

  it('use the latest rate change in force, else the hire rates', () => {
    const state = fold([
      { type: 'PayRateChanged', data: { ...ids, effectiveFrom: '2026-06-01', rates: { standard: '14.00' } } },
      {
        type: 'PayRateChanged',
        data: { ...ids, effectiveFrom: '2026-09-01', rates: { standard: '14.50', night: '16.00' } },
      },
    ]);
    expect(employmentTermsOn(hire, state, '2026-05-29').rates).toEqual({ standard: '13.50' });
    expect(employmentTermsOn(hire, state, '2026-06-05').rates).toEqual({ standard: '14.00' });
    expect(employmentTermsOn(hire, state, '2026-09-04').rates).toEqual({ standard: '14.50', night: '16.00' });
  });

  it('pay into the bank account in force', () => {
    const newAccount = { accountName: 'Jamie Clarke', sortCode: '654321', accountNumber: '87654321' };
    const state = fold([{ type: 'BankDetailsChanged', data: { ...ids, ...newAccount, effectiveFrom: '2026-06-01' } }]);
    expect(employmentTermsOn(hire, state, '2026-05-29').bank).toEqual(hire.bank);
    expect(employmentTermsOn(hire, state, '2026-06-05').bank).toEqual(newAccount);
  });

  it('say whether the PA has left: after the leaving date, with the leaver record for the final pay', () => {
    const state = fold([leftOn31August]);
    expect(employmentTermsOn(hire, state, '2026-08-31')).toMatchObject({ hasLeft: false, leaver: leftOn31August.data });
    expect(employmentTermsOn(hire, state, '2026-09-04')).toMatchObject({ hasLeft: true, leaver: leftOn31August.data });
  });
});

describe('absences', () => {
  const holiday = {
    ...ids,
    absenceId: 'a-h',
    kind: 'holiday',
    from: '2026-07-06',
    to: '2026-07-10',
    hours: '20',
    days: null,
  } as const;
  const openSickness = {
    ...ids,
    absenceId: 'a-s',
    kind: 'sickness',
    firstDay: '2026-09-07',
    lastDay: null,
    qualifyingDays: ['monday', 'tuesday'],
    fitNote: false,
  } as const;
  const maternity = {
    ...ids,
    absenceId: 'a-m',
    kind: 'maternity',
    expectedWeekOfChildbirth: '2026-11-01',
    startDate: '2026-10-18',
    averageWeeklyEarnings: '270.00',
  } as const;
  const paternity = {
    ...ids,
    absenceId: 'a-p',
    kind: 'paternity',
    startDate: '2026-05-04',
    weeks: 2,
    averageWeeklyEarnings: '270.00',
  } as const;
  const state = fold([holiday, openSickness, maternity, paternity].map((data) => ({ type: 'AbsenceRecorded', data })));

  it('cover their days: 39 weeks of maternity pay, 1 or 2 weeks of paternity pay, an open sickness without end', () => {
    expect(absencePeriod(holiday)).toEqual({ first: '2026-07-06', last: '2026-07-10' });
    expect(absencePeriod(openSickness)).toEqual({ first: '2026-09-07', last: null });
    expect(absencePeriod(maternity)).toEqual({ first: '2026-10-18', last: '2027-07-17' });
    expect(absencePeriod(paternity)).toEqual({ first: '2026-05-04', last: '2026-05-17' });
  });

  it('are found for a pay period they touch, first and last days included', () => {
    expect(absencesIn(state, '2026-07-10', '2026-07-16').map((a) => a.absenceId)).toEqual(['a-h']);
    expect(absencesIn(state, '2026-07-11', '2026-07-17')).toEqual([]);
    expect(absencesIn(state, '2026-05-11', '2026-05-17').map((a) => a.absenceId)).toEqual(['a-p']);
    expect(absencesIn(state, '2027-01-04', '2027-01-10').map((a) => a.absenceId)).toEqual(['a-s', 'a-m']);
    expect(absencesIn(state, '2026-04-06', '2026-04-30')).toEqual([]);
  });
});
