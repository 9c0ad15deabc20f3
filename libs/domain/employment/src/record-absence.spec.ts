import { derivedIds } from '@dpe/decider';
import { recordAbsence, type AbsenceRecordedData } from '@dpe/employment';
import { commandSpec } from '@dpe/testing';
import { ids, leftOn31August, prepared, recipientWith } from '../test/employment-fixtures';

// The absence id derives from the command id ('spec-command' unless a spec gives one).
const absenceId = derivedIds('spec-command').derive('absence');

const holiday = { kind: 'holiday', from: '2026-07-06', to: '2026-07-10', days: '5' };
const holidayData: AbsenceRecordedData = { ...ids, absenceId, ...holiday, kind: 'holiday', hours: null, days: '5' };
const sickness = { kind: 'sickness', firstDay: '2026-05-04', qualifyingDays: ['monday', 'wednesday', 'friday'] };
const openSicknessData: AbsenceRecordedData = {
  ...ids,
  absenceId,
  kind: 'sickness',
  firstDay: '2026-05-04',
  lastDay: null,
  qualifyingDays: ['monday', 'wednesday', 'friday'],
  fitNote: false,
};
const maternity = {
  kind: 'maternity',
  expectedWeekOfChildbirth: '2026-11-01',
  startDate: '2026-10-18',
  averageWeeklyEarnings: '270.00',
};
const paternity = { kind: 'paternity', startDate: '2026-05-04', weeks: 2, averageWeeklyEarnings: '270.00' };

const spec = commandSpec(recordAbsence, { prepared });
const givenNothing = spec.given([]);
const recorded = (data: AbsenceRecordedData) => ({ type: 'AbsenceRecorded', data }) as const;
const other = (data: AbsenceRecordedData) => recorded({ ...data, absenceId: 'a-earlier' });

describe('record absence', () => {
  it('records holiday, in days or hours', () => {
    givenNothing.when({ ...ids, absence: holiday }).then([recorded(holidayData)]);
    givenNothing
      .when({ ...ids, absence: { ...holiday, days: undefined, hours: '37.5' } })
      .then([recorded({ ...holidayData, hours: '37.5', days: null })]);
  });

  it('records sickness with its SSP qualifying days, open until its last day is known', () => {
    givenNothing.when({ ...ids, absence: sickness }).then([recorded(openSicknessData)]);
    givenNothing
      .when({ ...ids, absence: { ...sickness, lastDay: '2026-05-15', fitNote: true } })
      .then([recorded({ ...openSicknessData, lastDay: '2026-05-15', fitNote: true })]);
  });

  it('closes an open sickness when it is recorded again from its first day, keeping its id', () => {
    spec
      .given([other(openSicknessData)])
      .when({ ...ids, absence: { ...sickness, lastDay: '2026-05-15' } })
      .then([recorded({ ...openSicknessData, absenceId: 'a-earlier', lastDay: '2026-05-15' })]);
  });

  it('records maternity and paternity with the earnings their statutory pay needs', () => {
    givenNothing
      .when({ ...ids, absence: maternity })
      .then([recorded({ ...ids, absenceId, ...maternity, kind: 'maternity' })]);
    givenNothing
      .when({ ...ids, absence: paternity })
      .then([recorded({ ...ids, absenceId, ...paternity, kind: 'paternity', weeks: 2 })]);
  });

  it('refuses an absence overlapping another of the same kind, naming it', () => {
    spec
      .given([other(holidayData)])
      .when({ ...ids, absence: { ...holiday, from: '2026-07-10', to: '2026-07-14' } })
      .thenError('absence.overlaps', 'conflict');
    // An open sickness runs on: a later spell overlaps it until it is closed.
    spec
      .given([other(openSicknessData)])
      .when({ ...ids, absence: { ...sickness, firstDay: '2026-06-01', lastDay: '2026-06-02' } })
      .thenError('absence.overlaps', 'conflict');
    // Maternity pay runs 39 weeks.
    spec
      .given([other({ ...ids, absenceId, ...maternity, kind: 'maternity' })])
      .when({ ...ids, absence: { ...maternity, expectedWeekOfChildbirth: '2027-07-25', startDate: '2027-07-17' } })
      .thenError('absence.overlaps', 'conflict');
  });

  it('accepts absences of different kinds on the same days, and of one kind on days next to each other', () => {
    spec
      .given([other(holidayData)])
      .when({ ...ids, absence: { ...sickness, firstDay: '2026-07-08', lastDay: '2026-07-09' } })
      .then([recorded({ ...openSicknessData, firstDay: '2026-07-08', lastDay: '2026-07-09' })]);
    spec
      .given([other(holidayData)])
      .when({ ...ids, absence: { ...holiday, from: '2026-07-11', to: '2026-07-11', days: '1' } })
      .then([recorded({ ...holidayData, from: '2026-07-11', to: '2026-07-11', days: '1' })]);
  });

  it('refuses an absence that ends before it starts', () => {
    givenNothing.when({ ...ids, absence: { ...holiday, to: '2026-07-05' } }).thenError('absence.period', 'rule');
    givenNothing.when({ ...ids, absence: { ...sickness, lastDay: '2026-05-03' } }).thenError('absence.period', 'rule');
  });

  it('refuses more holiday than the days of the period hold', () => {
    givenNothing.when({ ...ids, absence: { ...holiday, days: '6' } }).thenError('absence.holiday-taken', 'rule');
    givenNothing
      .when({ ...ids, absence: { ...holiday, days: undefined, hours: '120.5' } })
      .thenError('absence.holiday-taken', 'rule');
  });

  it('refuses an expected week of childbirth that does not start on a Sunday', () => {
    givenNothing
      .when({ ...ids, absence: { ...maternity, expectedWeekOfChildbirth: '2026-11-02' } })
      .thenError('absence.childbirth-week-not-sunday', 'rule');
  });

  it('refuses maternity pay starting before the 11th week before the expected week of childbirth', () => {
    givenNothing
      .when({ ...ids, absence: { ...maternity, startDate: '2026-08-15' } })
      .thenError('absence.maternity-too-early', 'rule');
    givenNothing
      .when({ ...ids, absence: { ...maternity, startDate: '2026-08-16' } })
      .then([recorded({ ...ids, absenceId, ...maternity, kind: 'maternity', startDate: '2026-08-16' })]);
  });

  it('refuses an absence before the employment started', () => {
    givenNothing
      .when({ ...ids, absence: { ...holiday, from: '2026-04-03', to: '2026-04-07', days: '2' } })
      .thenError('absence.before-start', 'rule');
  });

  it('refuses holiday or sickness after the PA left; maternity pay may run on past it', () => {
    const leftEndOfOctober = {
      ...leftOn31August,
      data: { ...leftOn31August.data, leavingDate: '2026-10-31' },
    } as const;
    spec
      .given([leftOn31August])
      .when({ ...ids, absence: { ...holiday, from: '2026-08-28', to: '2026-09-02', days: '4' } })
      .thenError('absence.after-leaving', 'rule');
    spec
      .given([leftOn31August])
      .when({ ...ids, absence: { ...sickness, firstDay: '2026-09-01' } })
      .thenError('absence.after-leaving', 'rule');
    spec
      .given([leftEndOfOctober])
      .when({ ...ids, absence: maternity })
      .then([recorded({ ...ids, absenceId, ...maternity, kind: 'maternity' })]);
  });

  it('refuses an employment that is not on the recipient roster as not found', () => {
    givenNothing
      .when({ ...ids, absence: holiday }, { prepared: { recipient: recipientWith() } })
      .thenError('employment.not-found', 'not-found');
  });

  it('needs exactly one of hours and days for holiday', () => {
    givenNothing.when({ ...ids, absence: { ...holiday, days: undefined } }).thenInvalid(['absence.hours']);
    givenNothing.when({ ...ids, absence: { ...holiday, hours: '7.5' } }).thenInvalid(['absence.days']);
  });

  it('names every bad field of an absence at once', () => {
    givenNothing
      .when({ ...ids, absence: { kind: 'sickness', firstDay: '2026-05-32', qualifyingDays: ['monday', 'monday'] } })
      .thenInvalid(['absence.firstDay', 'absence.qualifyingDays']);
    givenNothing
      .when({ ...ids, absence: { ...paternity, weeks: 3, averageWeeklyEarnings: 270 } })
      .thenInvalid(['absence.weeks', 'absence.averageWeeklyEarnings']);
    givenNothing.when({ ...ids, absence: { kind: 'jury-service' } }).thenInvalid(['absence.kind']);
    givenNothing.when({ ...ids, absence: { ...sickness, qualifyingDays: [] } }).thenInvalid(['absence.qualifyingDays']);
  });
});
