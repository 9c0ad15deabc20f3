import { accountStream, type AccountState } from '@dpe/accounts';
import { councilPolicyStream, type CouncilPolicyHistory } from '@dpe/councils';
import type { PrepareContext } from '@dpe/decider';
import { EMPTY_EMPLOYMENT, employmentStream, type EmploymentState } from '@dpe/employment';
import { payrollKey, payrollStream, type PayrollYear } from '@dpe/pay-runs';
import { recipientStream, type RecipientState } from '@dpe/recipients';
import { nextTaxYear, taxYearOf } from '@dpe/tax-calendar';
import type { Earmark, SurplusInputs } from './recoverable-surplus';
import { returnedToCouncil, type RecoveryState } from './recovery-stream';

/**
 * Everything the recoverable surplus is computed from, as folded from the streams that hold it: the recipient
 * (budgets, roster, council), its council's policy versions, the DP account, every tax year's payroll since
 * enrolment, and each PA's employment. A command's `prepare` loads it with `loadSurplusStreams`; a view folds the
 * same streams; both turn it into the surplus's inputs with `surplusInputsOf`, so they compute it the same way.
 */
export interface SurplusStreams {
  readonly recipient: RecipientState;
  readonly policies: CouncilPolicyHistory;
  readonly account: AccountState;
  /** Each tax year read, oldest first. */
  readonly payroll: readonly { readonly taxYear: string; readonly year: PayrollYear }[];
  /** Each roster employment's stream, by employment id. */
  readonly employments: Readonly<Record<string, EmploymentState>>;
}

const EMPTY: Omit<SurplusStreams, 'recipient'> = {
  policies: councilPolicyStream.initialState,
  account: accountStream.initialState,
  payroll: [],
  employments: {},
};

const isEmpty = (year: PayrollYear) =>
  year.payslips.length + year.held.length + year.runs.length + year.payments.length === 0;

/**
 * The latest business date the recipient's own records name: no payroll is expected more than a tax year beyond it.
 * `prepare` has no clock (only `decide` is given the business time), so this bounds the payroll years to read.
 */
function latestDate(recipient: Extract<RecipientState, { status: 'enrolled' }>, account: AccountState): string {
  const dates = [
    recipient.enrolledOn,
    recipient.termination?.on ?? '',
    ...recipient.budgets.map((budget) => budget.effectiveFrom),
    ...recipient.roster.map((hire) => hire.startDate),
    ...account.funding.flatMap((funding) => [funding.receivedOn, funding.periodTo]),
    ...account.contributions.map((contribution) => contribution.receivedOn),
    ...account.spend.map((spend) => spend.dueDate ?? spend.invoiceDate),
  ];
  return dates.reduce((latest, date) => (date > latest ? date : latest), recipient.enrolledOn);
}

/** Tax years are never read beyond this one (a bound on the loop, not a business rule). */
const LAST_TAX_YEAR = taxYearOf('2099-12-31').id;

/**
 * Loads the streams for a recipient. Payroll: every tax year from the one of the enrolment (cash needs every payment
 * ever made, and holiday every accrual), through the year after the latest date the recipient's records name, and on
 * while a year read has any payroll in it: a year of payroll beyond an empty year with no funding, budget or hire
 * recorded in between is not read.
 */
export async function loadSurplusStreams(recipientId: string, { load }: PrepareContext): Promise<SurplusStreams> {
  const recipient = await load(recipientStream, recipientId);
  if (recipient.status !== 'enrolled') return { recipient, ...EMPTY };
  const policies = recipient.councilId ? await load(councilPolicyStream, recipient.councilId) : EMPTY.policies;
  const account = await load(accountStream, recipientId);
  const employments: Record<string, EmploymentState> = {};
  for (const hire of recipient.roster) employments[hire.employmentId] = await load(employmentStream, hire.employmentId);
  const horizon = nextTaxYear(taxYearOf(latestDate(recipient, account)).id).id;
  const payroll: { taxYear: string; year: PayrollYear }[] = [];
  for (let taxYear = taxYearOf(recipient.enrolledOn).id; taxYear <= LAST_TAX_YEAR; taxYear = nextTaxYear(taxYear).id) {
    const year = await load(payrollStream, payrollKey(recipientId, taxYear));
    payroll.push({ taxYear, year });
    if (taxYear >= horizon && isEmpty(year)) break;
  }
  return { recipient, policies, account, payroll, employments };
}

/**
 * The surplus's inputs from the folded streams, the earmarks listed for it, and the recipient's recoveries (whose
 * payments have left the account). A PA hired after the employments were read has an empty employment.
 */
export function surplusInputsOf(
  streams: SurplusStreams,
  earmarks: readonly Earmark[],
  recoveries: RecoveryState,
): SurplusInputs {
  const { recipient } = streams;
  const roster = recipient.status === 'enrolled' ? recipient.roster : [];
  return {
    account: streams.account,
    payroll: streams.payroll.map(({ year }) => year),
    budgets: recipient.status === 'enrolled' ? recipient.budgets : [],
    employments: roster.map((hire) => ({
      hire,
      employment: streams.employments[hire.employmentId] ?? EMPTY_EMPLOYMENT,
    })),
    earmarks,
    returnedToCouncil: returnedToCouncil(recoveries),
  };
}
