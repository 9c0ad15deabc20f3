import { READERS } from '@dpe/access';
import { balancesProjection, listAccountBalances } from '@dpe/balances';
import { defineQuery, type QueryContext } from '@dpe/decider';
import { employmentStream, minimumRateProblem, payDatesBetween, payPeriodFor } from '@dpe/employment';
import { minimumWageRateTimeline } from '@dpe/minimum-wage';
import { Money } from '@dpe/money';
import { payrollKey, payrollStream } from '@dpe/pay-runs';
import { recipientStream } from '@dpe/recipients';
import { businessDate, z } from '@dpe/schema';
import { taxYearOf } from '@dpe/tax-calendar';
import { periodKey, timesheetStream } from '@dpe/timesheets';
import { DateTime } from 'luxon';
import { asAtContext, workedOutOn } from './streams-as-at';
import { AsAtParams, CouncilFilter, councilsOf, readView } from './view-query';

const ZONE = 'Europe/London';
/** How far ahead a payday is looked for: the longest pay period (a month) and a few days. */
const LOOK_AHEAD_DAYS = 35;

const Risk = z.object({
  kind: z.enum(['funds-short', 'timesheet-not-paid', 'rate-below-next-minimum']),
  recipientId: z.string(),
  councilId: z.string().nullable(),
  employmentId: z.string().nullable(),
  detail: z.string(),
});
type PayRisk = z.output<typeof Risk>;

const plusDays = (date: string, days: number) => DateTime.fromISO(date, { zone: ZONE }).plus({ days }).toISODate()!;

/**
 * The risks to a PA being paid on time that nobody else shows: a DP account whose cash, less what it already owes,
 * is below the payroll due in the next pay period; approved timesheets whose pay date has passed without a run (and
 * submitted ones still waiting for approval with their pay date in the coming week); and, from February, PAs whose
 * rate falls below the minimum wage that takes effect on the next 1 April (NMW rates change each 1 April:
 * uk-payroll-rules.md §6), when that year's rates are held.
 */
async function risksOf(recipientId: string, cash: string, committed: string, on: string, context: QueryContext) {
  const risks: PayRisk[] = [];
  const recipient = await context.load(recipientStream, recipientId);
  if (recipient.status !== 'enrolled' || recipient.termination) return risks;
  const councilId = recipient.councilId;
  const year = await context.load(payrollStream, payrollKey(recipientId, taxYearOf(on).id));
  const paid = new Set(year.payslips.flatMap((slip) => slip.inputs.timesheetIds));
  const nextApril = nextFirstOfApril(on);
  const april = Number(on.slice(5, 7)) >= 2 && Number(on.slice(5, 7)) <= 3 && ratesHeldFrom(nextApril);
  let nextPayroll = Money.zero;
  const dueSoon: string[] = [];
  for (const hire of recipient.roster) {
    const employment = await context.load(employmentStream, hire.employmentId);
    if (employment.leaver && employment.leaver.leavingDate < on) continue;
    const [next] = payDatesBetween(hire.schedule, on, plusDays(on, LOOK_AHEAD_DAYS));
    if (next) {
      // The cost of its next pay: its last payslip's gross and employer NI, or its contracted week at the standard rate.
      const last = [...year.payslips].reverse().find((slip) => slip.employmentId === hire.employmentId);
      const cost = last
        ? Money.of(last.gross).plus(last.employer.employerNic).plus(last.employer.pensionEmployer)
        : Money.of(hire.contractedHoursPerWeek ?? '0').times(hire.rates.standard);
      nextPayroll = nextPayroll.plus(cost);
      dueSoon.push(`${hire.employmentId} on ${next}`);
    }
    // The periods of the last pay date and the next: their timesheets.
    const [previous] = payDatesBetween(hire.schedule, plusDays(on, -LOOK_AHEAD_DAYS), plusDays(on, -1)).reverse();
    for (const payDate of [previous, next].filter((d): d is string => d !== undefined)) {
      const period = payPeriodFor(hire.schedule, payDate);
      const sheets = await context.load(timesheetStream, periodKey(hire.employmentId, period.start));
      for (const sheet of sheets.timesheets) {
        if (sheet.status === 'approved' && payDate < on && !paid.has(sheet.timesheetId)) {
          risks.push({
            kind: 'timesheet-not-paid',
            recipientId,
            councilId,
            employmentId: hire.employmentId,
            detail: `timesheet ${sheet.timesheetId} was approved but is in no pay run; its pay date ${payDate} has passed`,
          });
        } else if (sheet.status === 'submitted' && payDate <= plusDays(on, 7)) {
          risks.push({
            kind: 'timesheet-not-paid',
            recipientId,
            councilId,
            employmentId: hire.employmentId,
            detail: `timesheet ${sheet.timesheetId} is not yet approved; it is paid on ${payDate}`,
          });
        }
      }
    }
    if (april) {
      const problem = minimumRateProblem(hire.rates, hire.pa.dateOfBirth, nextApril);
      if (problem) {
        risks.push({
          kind: 'rate-below-next-minimum',
          recipientId,
          councilId,
          employmentId: hire.employmentId,
          detail: `from ${nextApril}: ${problem.message}`,
        });
      }
    }
  }
  const available = Money.of(cash).minus(committed);
  if (nextPayroll.isPositive() && available.lessThan(nextPayroll)) {
    risks.unshift({
      kind: 'funds-short',
      recipientId,
      councilId,
      employmentId: null,
      detail:
        `cash £${cash} less £${committed} already owed leaves £${available.toString()}, below the next payroll of ` +
        `about £${nextPayroll.toString()} (${dueSoon.join(', ')})`,
    });
  }
  return risks;
}

function nextFirstOfApril(on: string): string {
  const year = Number(on.slice(0, 4));
  return on < `${year}-04-01` ? `${year}-04-01` : `${year + 1}-04-01`;
}

/** Whether the minimum wage rates taking effect on that day are held (a year's rates are announced in the autumn). */
function ratesHeldFrom(day: string): boolean {
  return minimumWageRateTimeline().some((change) => change.effectiveFrom === day);
}

export const listPayRisks = defineQuery({
  name: 'list-pay-risks',
  summary:
    'PAs whose next pay is at risk: funds short of the next payroll, timesheets not paid, rates below next April',
  params: z.strictObject({
    ...CouncilFilter,
    on: businessDate(
      { from: '2000-01-01', to: '2099-12-31' },
      'The business date to look from; default asAt when asked as at a date, else today',
    ).optional(),
    ...AsAtParams,
    limit: z.coerce.number().int().min(1, 'must be 1 to 500').max(500, 'must be 1 to 500').default(100),
    offset: z.coerce.number().int().min(0, 'must not be negative').default(0),
  }),
  response: z.object({
    on: z.string(),
    nextMinimumWageRates: z
      .object({ effectiveFrom: z.string(), held: z.boolean() })
      .describe('The minimum wage rates of the next 1 April, checked from February once they are held'),
    risks: z.array(Risk),
  }),
  http: { path: '/pay-risks' },
  // The accounts looked at are the caller's councils' only (the balances view is read for its scope).
  policy: { roles: READERS },
  async run({ councilId, on, asAt, knownOn, asAtPosition, limit, offset }, context) {
    const question = { asAt, knownOn, asAtPosition };
    const date = workedOutOn(on, question, context);
    const risks: PayRisk[] = [];
    if (context.views) {
      // As at a date: the balances as they stood then, and every stream folded from the events included only.
      const streams = asAtContext(context, question);
      const accounts = await readView(context, balancesProjection, question, (rows) =>
        listAccountBalances(rows, { councils: councilsOf(context, councilId), asOf: date, limit, offset }),
      );
      for (const account of accounts) {
        risks.push(...(await risksOf(account.recipientId, account.cash, account.committed, date, streams)));
      }
    }
    const april = nextFirstOfApril(date);
    return { on: date, nextMinimumWageRates: { effectiveFrom: april, held: ratesHeldFrom(april) }, risks };
  },
});
