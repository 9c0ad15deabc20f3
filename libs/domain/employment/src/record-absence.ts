import { defineCommand } from '@dpe/decider';
import { DomainError } from '@dpe/errors';
import { RecipientId } from '@dpe/recipients';
import { businessDate, oneOf, poundsAmount, z } from '@dpe/schema';
import { WEEKDAYS } from '@dpe/statutory-pay';
import { DateTime } from 'luxon';
import {
  EMPLOYMENT_POLICY,
  EmploymentId,
  absencePeriod,
  addDays,
  employmentStream,
  hiredEmployment,
  periodsOverlap,
  prepareEmployment,
  type Absence,
  type AbsenceRecorded,
} from './employment-stream';

const DATES = { from: '2015-04-01', to: '2099-12-31' };
const date = (description: string) => businessDate(DATES, description);

/** A positive quantity as decimal text ("7.5"), at most 2 decimal places. */
const quantity = (max: number, description: string) =>
  z
    .string()
    .regex(/^\d{1,4}(\.\d{1,2})?$/, 'must be a number written as text, e.g. "7.5" (at most 2 decimal places)')
    .refine((value) => Number(value) > 0, 'must be more than 0')
    .refine((value) => Number(value) <= max, `must be at most ${max}`)
    .describe(description);

// Weekly earnings over £10,000 are far beyond any PA's; more is a typing error.
const averageWeeklyEarnings = poundsAmount({
  max: '10000.00',
  description: 'Average weekly earnings over the 8 weeks before the relevant week, for statutory pay',
});

const Holiday = z
  .strictObject({
    kind: z.literal('holiday'),
    from: date('First day of the holiday'),
    to: date('Last day of the holiday'),
    hours: quantity(9999, 'Hours of holiday taken (irregular-hours workers; or give days)').optional(),
    days: quantity(366, 'Days of holiday taken (or give hours)').optional(),
  })
  .superRefine((holiday, context) => {
    if ((holiday.hours === undefined) === (holiday.days === undefined))
      context.addIssue({
        code: 'custom',
        path: [holiday.hours === undefined ? 'hours' : 'days'],
        message: 'give exactly one of hours and days',
      });
  });

const Sickness = z.strictObject({
  kind: z.literal('sickness'),
  firstDay: date('First day of incapacity for work'),
  lastDay: date('Last day of incapacity; leave out while the PA is still off sick').optional(),
  qualifyingDays: z
    .array(oneOf(WEEKDAYS, 'A weekday'))
    .min(1, 'must name at least one weekday')
    .max(7, 'must name at most 7 weekdays')
    .refine((days) => new Set(days).size === days.length, 'must not name a weekday twice')
    .describe('The weekdays the PA normally works (SSP qualifying days, SSCBA 1992 s.154)'),
  fitNote: z.boolean().optional().describe('Whether a fit note covers the spell (needed after 7 days); default false'),
});

const Maternity = z.strictObject({
  kind: z.literal('maternity'),
  expectedWeekOfChildbirth: date('The Sunday that starts the expected week of childbirth (from the MATB1)'),
  startDate: date('First day of the maternity pay period'),
  averageWeeklyEarnings,
});

const Paternity = z.strictObject({
  kind: z.literal('paternity'),
  startDate: date('First day of paternity leave'),
  weeks: z.literal([1, 2], { error: () => 'must be 1 or 2' }).describe('Weeks of Statutory Paternity Pay: 1 or 2'),
  averageWeeklyEarnings,
});

/** Days from first to last inclusive. */
const daysIn = (first: string, last: string): number =>
  Math.round(
    DateTime.fromISO(last, { zone: 'Europe/London' }).diff(DateTime.fromISO(first, { zone: 'Europe/London' }), 'days')
      .days,
  ) + 1;

const describeAbsence = (absence: Absence): string => {
  const { first, last } = absencePeriod(absence);
  return `${absence.kind} from ${first} ${last === null ? '(still open)' : `to ${last}`}`;
};

export const recordAbsence = defineCommand({
  name: 'record-absence',
  summary: "Record a PA's holiday, sickness, maternity or paternity absence (records AbsenceRecorded)",
  input: z.strictObject({
    recipientId: RecipientId,
    employmentId: EmploymentId,
    absence: z.discriminatedUnion('kind', [Holiday, Sickness, Maternity, Paternity]),
  }),
  complete: (input, ids) => {
    const { absence } = input;
    const stored: Absence =
      absence.kind === 'holiday'
        ? { ...absence, hours: absence.hours ?? null, days: absence.days ?? null }
        : absence.kind === 'sickness'
          ? { ...absence, lastDay: absence.lastDay ?? null, fitNote: absence.fitNote ?? false }
          : absence;
    return {
      recipientId: input.recipientId,
      employmentId: input.employmentId,
      absenceId: ids.derive('absence'),
      absence: stored,
    };
  },
  stream: employmentStream,
  streamKey: (command) => command.employmentId,
  prepare: prepareEmployment,
  decide(command, state, _now, prepared): AbsenceRecorded[] {
    const hire = hiredEmployment(command, state, prepared);
    const { absence } = command;
    const period = absencePeriod(absence);

    if (period.last !== null && period.last < period.first) {
      const [firstField, lastField] = absence.kind === 'holiday' ? ['from', 'to'] : ['firstDay', 'lastDay'];
      throw new DomainError(
        'rule',
        'absence.period',
        `${lastField} ${period.last} is before ${firstField} ${period.first}`,
      );
    }
    if (absence.kind === 'holiday') {
      const days = daysIn(absence.from, absence.to);
      if (absence.days !== null && Number(absence.days) > days)
        throw new DomainError(
          'rule',
          'absence.holiday-taken',
          `days ${absence.days} is more than the ${days} calendar days from ${absence.from} to ${absence.to}`,
        );
      if (absence.hours !== null && Number(absence.hours) > days * 24)
        throw new DomainError(
          'rule',
          'absence.holiday-taken',
          `hours ${absence.hours} is more than the ${days * 24} hours from ${absence.from} to ${absence.to}`,
        );
    }
    if (absence.kind === 'maternity') {
      // A week for maternity pay begins on a Sunday (SSCBA 1992 s.171(1)), so the expected week of childbirth does.
      if (DateTime.fromISO(absence.expectedWeekOfChildbirth, { zone: 'Europe/London' }).weekday !== 7)
        throw new DomainError(
          'rule',
          'absence.childbirth-week-not-sunday',
          `expectedWeekOfChildbirth ${absence.expectedWeekOfChildbirth} must be the Sunday that starts the week`,
        );
      // The maternity pay period cannot start before the 11th week before the expected week of childbirth
      // (SSCBA 1992 s.165(2); Statutory Maternity Pay (General) Regulations 1986 reg 2).
      const earliest = addDays(absence.expectedWeekOfChildbirth, -11 * 7);
      if (absence.startDate < earliest)
        throw new DomainError(
          'rule',
          'absence.maternity-too-early',
          `startDate ${absence.startDate} is before ${earliest}, the start of the 11th week before the expected week of childbirth`,
        );
    }

    const firstField = absence.kind === 'holiday' ? 'from' : absence.kind === 'sickness' ? 'firstDay' : 'startDate';
    if (period.first < hire.startDate)
      throw new DomainError(
        'rule',
        'absence.before-start',
        `${firstField} ${period.first} is before the employment started on ${hire.startDate}`,
      );
    const leaver = state.leaver;
    if (leaver) {
      // Holiday and sickness end with the employment. Statutory maternity and paternity pay run on for their whole
      // period once due, even if the PA leaves (gov.uk/employers-maternity-pay-leave), so only their start is checked.
      if (period.first > leaver.leavingDate)
        throw new DomainError(
          'rule',
          'absence.after-leaving',
          `${firstField} ${period.first} is after the PA left on ${leaver.leavingDate}`,
        );
      const endsWithEmployment = absence.kind === 'holiday' || absence.kind === 'sickness';
      if (endsWithEmployment && period.last !== null && period.last > leaver.leavingDate)
        throw new DomainError(
          'rule',
          'absence.after-leaving',
          `the ${absence.kind} runs to ${period.last}, after the PA left on ${leaver.leavingDate}`,
        );
    }

    // An open sickness recorded again from its first day is that spell, closed or corrected: it keeps its id.
    const reopened =
      absence.kind === 'sickness'
        ? state.absences.find(
            (other) => other.kind === 'sickness' && other.lastDay === null && other.firstDay === absence.firstDay,
          )
        : undefined;
    const absenceId = reopened?.absenceId ?? command.absenceId;
    const clash = state.absences.find(
      (other) =>
        other.kind === absence.kind && other.absenceId !== absenceId && periodsOverlap(absencePeriod(other), period),
    );
    if (clash) {
      // One absence of a kind per day, so a day of holiday (or sickness) is never paid twice.
      throw new DomainError(
        'conflict',
        'absence.overlaps',
        `the ${describeAbsence(absence)} overlaps absence ${clash.absenceId}, ${describeAbsence(clash)}`,
      );
    }
    return [
      {
        type: 'AbsenceRecorded',
        data: { recipientId: command.recipientId, employmentId: command.employmentId, absenceId, ...absence },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/employments/:employmentId/absences', status: 201 },
  policy: EMPLOYMENT_POLICY,
  reply: {
    schema: z.object({ recipientId: z.string(), employmentId: z.string(), absenceId: z.string() }),
    // From the events, so a replay answers the same id (an open sickness closed keeps the id it had).
    of: (command, _prepared, events) => ({
      recipientId: command.recipientId,
      employmentId: command.employmentId,
      absenceId: events[0]?.data.absenceId ?? command.absenceId,
    }),
  },
});
