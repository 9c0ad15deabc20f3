import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Response } from 'supertest';
import { PUBLIC, ROLES, ROLE_NAMES, systemPrincipal, type Role } from '@dpe/access';
import { createApiKey } from '@dpe/api-keys';
import { executeCommand, londonNow } from '@dpe/decider';
import { enrolRecipient, registerAsEmployer, suspendDirectPayment } from '@dpe/recipients';
import { apiSpec } from '../test/api-spec';
import { paHired, payslipIssued } from '../test/given-events';
import { nestRoutes } from '../test/routes';

/**
 * The access matrix: every operation of the OpenAPI document × every role × {own council, another council}, called
 * for real and compared with what the route's declared policy predicts, plus every operation without credentials. The
 * matrix is also the table in docs/security.md, which this spec keeps true:
 *
 *   UPDATE_ACCESS_MATRIX=1 npx jest apps/api/src/access-matrix    # rewrites the table between its markers
 *
 * Each caller holds one API key with one role, scoped to council kent only (bureau-admin too), so "another council"
 * (leeds) is outside every caller's scope; the employer's key is bound to the own column's recipient, r-matrix-kent, and the PA's to two employments there. A new operation joins by itself: it fails here until it has a sample below.
 */

const OWN = 'kent';
const OTHER = 'leeds';
type Column = 'own' | 'other';
const COLUMNS: readonly Column[] = ['own', 'other'];
const UNAUTHENTICATED = 'unauthenticated';
type Caller = Role | typeof UNAUTHENTICATED;

const DOC_FILE = resolve(__dirname, '../../../docs/security.md');
const START = '<!-- access-matrix:start -->';
const END = '<!-- access-matrix:end -->';
const UPDATE = Boolean(process.env['UPDATE_ACCESS_MATRIX']);
const UPDATE_COMMAND = 'UPDATE_ACCESS_MATRIX=1 npx jest apps/api/src/access-matrix';

// ------------------------------------------------------------------------------------------------------------- samples

interface Fixtures {
  /** A recipient enrolled (by an all-councils admin) in each council; the own one is the employer key's own recipient. */
  readonly recipient: Readonly<Record<Column, string>>;
  /** The council each column names. */
  readonly council: Readonly<Record<Column, string>>;
  /** An id never used before, for writes that must not collide (so an allowed write gives 2xx). */
  fresh(prefix: string): string;
  /** A business date later than any given before, for versions that must take effect in order. */
  laterDate(): string;
  /** A live key of council kent, issued for this one request. */
  freshKeyId(): Promise<string>;
  /** A recipient enrolled for this one request in the column's council (suspended, or an employer, if asked). */
  freshRecipient(column: Column, options?: { suspended?: boolean; employer?: boolean }): Promise<string>;
  /** A recipient of the column's council with a recovery proposed (RecoveryProposed): the recovery's path. */
  freshRecovery(column: Column): Promise<{ recipientId: string; recoveryId: string }>;
  /** A PA hired for this one request by the column's recipient (PaHired on its roster): its employment id. */
  freshEmployment(column: Column): Promise<string>;
  /** History appended straight to the store, for what a request needs to exist before it (a timesheet, a pay run). */
  given(streams: Record<string, readonly { type: string; data: unknown }[]>): Promise<void>;
}

/** One request: values for the path's parameters and, for a command, the JSON body. */
interface Sample {
  readonly params?: Readonly<Record<string, string>>;
  /** A query's query-string parameters. */
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: Record<string, unknown>;
}

/**
 * A sample request per operationId, for a caller's own council and for another: a council-scoped command names the
 * council (or a stored resource) of each column; a bureau-level operation (no council scope in its policy) sends the
 * same kind of request for both. An operation of the document missing here fails the spec: add it.
 */
const SAMPLES: Readonly<Record<string, (column: Column, fx: Fixtures) => Sample | Promise<Sample>>> = {
  health: () => ({}),
  // Bureau-level: councils, keys.
  registerCouncil: (_column, fx) => ({
    body: { councilId: fx.fresh('matrix-council'), name: 'Matrix Borough Council' },
  }),
  listCouncils: () => ({}),
  showCouncil: (column, fx) => ({ params: { councilId: fx.council[column] } }),
  createApiKey: (_column, fx) => ({
    body: { integration: fx.fresh('matrix-integration'), roles: ['auditor'], councils: [OWN] },
  }),
  listApiKeys: () => ({}),
  revokeApiKey: async (_column, fx) => ({
    params: { keyId: await fx.freshKeyId() },
    body: { reason: 'access matrix' },
  }),
  // Council-scoped.
  enrolRecipient: (column, fx) => ({
    body: {
      recipientId: fx.fresh('r-matrix'),
      councilId: fx.council[column],
      recipientType: 'adult',
      name: 'Alex Morgan',
      accountType: 'managed-account',
    },
  }),
  showRecipient: (column, fx) => ({ params: { recipientId: fx.recipient[column] } }),
  recordCouncilPolicy: (column, fx) => ({
    params: { councilId: fx.council[column] },
    // Each version must take effect after the last: a fresh, later date per request.
    body: {
      effectiveFrom: fx.laterDate(),
      contingencyWeeks: 6,
      ringFences: ['unpaid-wages'],
      recoveryMethods: ['invoice'],
      recoveryNoticeDays: 28,
      auditCadenceMonths: 12,
    },
  }),
  showCouncilPolicy: (column, fx) => ({ params: { councilId: fx.council[column] } }),
  // Each suspension is of a freshly enrolled recipient of the column's council, so an allowed one always succeeds.
  suspendDirectPayment: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column) },
    body: { on: '2030-01-01', reason: 'access matrix' },
  }),
  resumeDirectPayment: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column, { suspended: true }) },
    body: { on: '2030-02-01', reason: 'access matrix' },
  }),
  // A fresh recipient owes nothing (no PA, no payroll), so an allowed termination always succeeds.
  terminateDirectPayment: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column) },
    body: { on: '2030-03-01', reason: 'access matrix' },
  }),
  recordFunding: (column, fx) => ({
    params: { recipientId: fx.recipient[column] },
    body: {
      amount: '1650.00',
      periodFrom: '2026-04-06',
      periodTo: '2026-05-03',
      remittanceReference: fx.fresh('REM'),
      receivedOn: '2026-04-03',
    },
  }),
  recordClientContribution: (column, fx) => ({
    params: { recipientId: fx.recipient[column] },
    body: { amount: '48.20', receivedOn: '2026-04-10', method: 'standing-order', reference: fx.fresh('CONTRIB') },
  }),
  recordOtherSpend: (column, fx) => ({
    params: { recipientId: fx.recipient[column] },
    body: {
      category: 'equipment',
      payee: 'Mobility Aids Direct',
      amount: '89.99',
      invoiceReference: fx.fresh('INV'),
      invoiceDate: '2026-05-01',
      description: 'Shower stool',
    },
  }),
  showAccount: (column, fx) => ({ params: { recipientId: fx.recipient[column] } }),
  agreeBudget: (column, fx) => ({
    params: { recipientId: fx.recipient[column] },
    body: { grossWeekly: '412.50', effectiveFrom: fx.laterDate() },
  }),
  // An employer is registered once, with a PAYE scheme no other employer holds: a fresh recipient and reference each.
  registerAsEmployer: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column) },
    body: {
      payeReference: `123/${fx.fresh('M').replace('-', '')}`,
      accountsOfficeReference: '123PW12345678',
      bureauActsAsAgent: true,
    },
  }),
  // A recipient that is not an employer shows no registration (200): the fixed recipients serve.
  showEmployer: (column, fx) => ({ params: { recipientId: fx.recipient[column] } }),
  hirePa: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column, { employer: true }) },
    body: {
      pa: {
        forename: 'Sam',
        surname: 'Clarke',
        dateOfBirth: '1990-03-14',
        gender: 'F',
        address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
      },
      startDate: '2026-04-06',
      starter: { kind: 'statement', statement: 'A' },
      taxCode: '1257L',
      schedule: { frequency: 'weekly', firstPayDate: '2026-04-10', daysInArrears: 0 },
      rates: { standard: '13.50' },
      holiday: { basis: 'weeks' },
      bank: { accountName: 'Sam Clarke', sortCode: '12-34-56', accountNumber: '12345678' },
    },
  }),
  // Employment commands: each on a PA freshly hired by the column's recipient, so an allowed one always succeeds.
  changeTaxCode: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { notice: 'P6', taxCode: '1100L', issuedOn: '2026-05-01' },
  }),
  changeStudentLoans: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { notice: 'SL1', plan: '2', effectiveFrom: '2026-05-01' },
  }),
  changePayRate: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { effectiveFrom: '2026-06-01', rates: { standard: '14.00' } },
  }),
  changeBankDetails: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { accountName: 'Sam Clarke', sortCode: '12-34-56', accountNumber: '87654321', effectiveFrom: '2026-06-01' },
  }),
  recordAbsence: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { absence: { kind: 'holiday', from: '2026-07-06', to: '2026-07-10', days: '5' } },
  }),
  recordLeaver: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { leavingDate: '2026-08-31', reason: 'resignation' },
  }),
  submitTimesheet: async (column, fx) => ({
    params: { recipientId: fx.recipient[column], employmentId: await fx.freshEmployment(column) },
    body: { ...MATRIX_PERIOD, shifts: [MATRIX_SHIFT], channel: 'portal', submittedBy: 'pa' },
  }),
  approveTimesheet: async (column, fx) => ({
    params: await submittedTimesheet(column, fx),
    body: { approvedBy: 'employer', approvedOn: '2026-04-10' },
  }),
  rejectTimesheet: async (column, fx) => ({
    params: await submittedTimesheet(column, fx),
    body: { reason: 'hours do not match the rota', rejectedOn: '2026-04-10' },
  }),
  amendTimesheet: async (column, fx) => {
    const params = await submittedTimesheet(column, fx, { approved: true });
    return {
      params,
      body: { shifts: [{ ...MATRIX_SHIFT, hours: '6' }], reason: 'six hours, not seven and a half' },
    };
  },
  runPayroll: async (column, fx) => {
    const recipientId = await fx.freshRecipient(column, { employer: true });
    const employmentId = fx.fresh('e-matrix-run');
    await fx.given({
      [`recipient-${recipientId}`]: [{ type: 'PaHired', data: paHired(recipientId, employmentId) }],
      [`timesheets-${employmentId}-${MATRIX_PERIOD.periodStart}`]: [
        { type: 'TimesheetSubmitted', data: matrixTimesheet(recipientId, employmentId) },
        {
          type: 'TimesheetApproved',
          data: { timesheetId: MATRIX_TIMESHEET, employmentId, approvedBy: 'employer', approvedOn: '2026-04-10' },
        },
      ],
    });
    return { params: { recipientId }, body: { payDate: '2026-04-10' } };
  },
  // Recoveries: each on a recipient of the column's council with a recovery proposed, so an allowed request meets
  // the recovery's own rules (a notice window not yet ended, nothing raised yet), not an access refusal.
  proposeRecovery: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column) },
    body: { amount: '100.00', reason: 'unspent funds at the annual review' },
  }),
  raiseRecovery: async (column, fx) => ({
    params: await fx.freshRecovery(column),
    body: { method: 'invoice' },
  }),
  recordRecoveryPayment: async (column, fx) => ({
    params: await fx.freshRecovery(column),
    body: { amount: '50.00', receivedOn: '2026-07-01', reference: fx.fresh('INV') },
  }),
  closeRecovery: async (column, fx) => ({
    params: await fx.freshRecovery(column),
    body: { outcome: { kind: 'waived', reason: 'hardship', approver: 'J. Smith, finance manager' } },
  }),
  // A review of a recipient of the column's council funded on 1 April 2026, so an allowed one is recorded.
  recordReview: async (column, fx) => {
    const recipientId = await fx.freshRecipient(column);
    await fx.given({
      [`account-${recipientId}`]: [
        {
          type: 'FundingReceived',
          data: {
            recipientId,
            amount: '1000.00',
            periodFrom: '2026-04-01',
            periodTo: '2026-04-28',
            remittanceReference: `REM-${recipientId}`,
            receivedOn: '2026-04-01',
          },
        },
      ],
    });
    return { params: { recipientId }, body: { reviewedOn: '2026-06-01', outcome: 'continue' } };
  },
  // Views: read models projected from the events.
  showBalance: (column, fx) => ({ params: { recipientId: fx.recipient[column] } }),
  listBalances: () => ({}),
  listLedgerEntries: (column, fx) => ({ params: { recipientId: fx.recipient[column] } }),
  listPayeLiabilities: () => ({}),
  showPayeQuarters: (column, fx) => ({ params: { recipientId: fx.recipient[column] }, query: { taxYear: '2026-27' } }),
  listBureauPayeTotals: () => ({ query: { taxYear: '2026-27' } }),
  listHmrcPayments: () => ({ query: { taxYear: '2026-27', taxMonth: '1' } }),
  showAuditClawback: (column, fx) => ({ params: { recipientId: fx.recipient[column] } }),
  listAuditClawback: () => ({}),
  listPayRisks: () => ({}),
  recordPayment: async (column, fx) => {
    const recipientId = await fx.freshRecipient(column, { employer: true });
    await fx.given(matrixPayroll(recipientId));
    return {
      params: { recipientId },
      body: {
        settles: { kind: 'paye', taxYear: '2026-27', taxMonth: 1 },
        amount: '50.00',
        paidOn: '2026-05-20',
        reference: fx.fresh('HMRC'),
      },
    };
  },
  // Filings and documents: each on records given for this one request, so an allowed one answers 2xx.
  prepareFps: async (column, fx) => {
    const { recipientId } = await paidEmployment(column, fx);
    return { params: { recipientId }, body: { payDate: '2026-04-30' } };
  },
  prepareEps: async (column, fx) => ({
    params: { recipientId: await fx.freshRecipient(column, { employer: true }) },
    body: { taxYear: '2026-27', taxMonth: 1 },
  }),
  recordRtiSubmission: async (column, fx) => {
    const { recipientId, documentId } = await preparedEps(column, fx);
    return {
      params: { recipientId },
      body: { taxYear: '2026-27', documentId, sha256: MATRIX_SHA, submittedOn: '2026-05-10' },
    };
  },
  recordRtiOutcome: async (column, fx) => {
    const { recipientId, documentId } = await preparedEps(column, fx, { submitted: true });
    return {
      params: { recipientId },
      body: { taxYear: '2026-27', documentId, outcome: 'accepted', on: '2026-05-11' },
    };
  },
  showEps: async (column, fx) => {
    const { recipientId, documentId } = await preparedEps(column, fx);
    return { params: { recipientId, taxYear: '2026-27', documentId } };
  },
  showFps: async (column, fx) => {
    const { recipientId, payRunId } = await paidEmployment(column, fx, { registered: true });
    const documentId = randomUUID();
    await fx.given({
      [`rti-${recipientId}-2026-27`]: [
        {
          type: 'FpsPrepared',
          data: {
            recipientId,
            taxYear: '2026-27',
            documentId,
            irmark: 'x',
            sha256: MATRIX_SHA,
            preparedOn: '2026-04-30',
            payRunId,
            payDate: '2026-04-30',
            payslipIds: [],
            totals: { taxablePay: '500.00', tax: '40.00', employeeNic: '20.00', employerNic: '30.00' },
            late: null,
            lateReason: null,
          },
        },
      ],
    });
    return { params: { recipientId, taxYear: '2026-27', documentId } };
  },
  // A PA's documents: in the own column, the PA's own employments (the pa key's), so that the PA reads them.
  showPayslip: async (column, fx) => {
    const { recipientId, payslipId } = await paEmployment(column, fx);
    return { params: { recipientId, taxYear: '2026-27', payslipId } };
  },
  listPayslips: async (column, fx) => {
    const { recipientId, employmentId } = await paEmployment(column, fx);
    return { params: { recipientId, employmentId, taxYear: '2026-27' } };
  },
  showP60: async (column, fx) => {
    const { recipientId, employmentId } = await paEmployment(column, fx);
    return { params: { recipientId, employmentId, taxYear: '2026-27' } };
  },
  showP45: async (column, fx) => {
    const { recipientId, employmentId } = await paEmployment(column, fx, { leaver: true });
    return { params: { recipientId, employmentId } };
  },
  showPensionFile: async (column, fx) => {
    const { recipientId } = await paidEmployment(column, fx, { registered: true });
    return { params: { recipientId, payDate: '2026-04-30' }, query: { layout: 'papdis' } };
  },
  showP11: async (column, fx) => {
    const { recipientId, employmentId } = await paEmployment(column, fx);
    return { params: { recipientId, employmentId, taxYear: '2026-27' } };
  },
  showPaymentFile: () => ({ params: { payDate: '2026-04-30', fileId: randomUUID() } }),
  showPaymentReconciliation: () => ({ params: { payDate: '2026-04-30' } }),
  producePaymentFile: () => ({
    body: {
      payDate: '2026-04-30',
      format: 'bulk-csv',
      originator: { sortCode: '089999', accountNumber: '66374958', accountName: 'DPSS CLIENT' },
    },
  }),
};

const MATRIX_SHA = 'a'.repeat(64);

type PaidEmployment = Awaited<ReturnType<typeof paidEmployment>>;
const PA_EMPLOYMENTS = new Map<string, Promise<PaidEmployment>>();

/**
 * The matrix PA's employment in the own column (made once, paid, leaving if asked), so the pa key bound to it reads
 * its documents; in the other column, a fresh one as for every other sample.
 */
function paEmployment(column: Column, fx: Fixtures, options: { leaver?: boolean } = {}): Promise<PaidEmployment> {
  if (column !== 'own') return paidEmployment(column, fx, options);
  const kind = options.leaver ? 'leaver' : 'paid';
  const made = PA_EMPLOYMENTS.get(kind) ?? paidEmployment(column, fx, options);
  PA_EMPLOYMENTS.set(kind, made);
  return made;
}

/** A PA of the column's recipient paid on 30 April 2026 (PayslipIssued on the payroll stream), leaving if asked. */
async function paidEmployment(column: Column, fx: Fixtures, options: { leaver?: boolean; registered?: boolean } = {}) {
  let recipientId = fx.recipient[column];
  let employmentId: string;
  if (options.registered) {
    // A recipient registered as an employer, for what needs the PAYE references (an FPS).
    recipientId = await fx.freshRecipient(column, { employer: true });
    employmentId = fx.fresh('e-matrix-paid');
    await fx.given({ [`recipient-${recipientId}`]: [{ type: 'PaHired', data: paHired(recipientId, employmentId) }] });
  } else employmentId = await fx.freshEmployment(column);
  const slip = matrixPayroll(recipientId)[`payroll-${recipientId}-2026-27`]![0];
  const payRunId = `matrix-run-${employmentId}`;
  const payslipId = `matrix-slip-${employmentId}`;
  await fx.given({
    [`payroll-${recipientId}-2026-27`]: [
      { type: 'PayslipIssued', data: { ...(slip!.data as object), employmentId, payRunId, payslipId } },
    ],
    ...(options.leaver
      ? {
          [`employment-${employmentId}`]: [
            {
              type: 'LeaverRecorded',
              data: {
                recipientId,
                employmentId,
                leavingDate: '2026-04-30',
                reason: 'resignation',
                finalPay: { noticePay: null, holidayOwed: null, statutoryRedundancyPay: null },
              },
            },
          ],
        }
      : {}),
  });
  return { recipientId, employmentId, payRunId, payslipId };
}

/** An EPS prepared (and, if asked, submitted) for a recipient of the column's council that is an employer. */
async function preparedEps(column: Column, fx: Fixtures, options: { submitted?: boolean } = {}) {
  const recipientId = await fx.freshRecipient(column, { employer: true });
  const documentId = randomUUID();
  await fx.given({
    [`rti-${recipientId}-2026-27`]: [
      {
        type: 'EpsPrepared',
        data: {
          recipientId,
          taxYear: '2026-27',
          documentId,
          irmark: 'x',
          sha256: MATRIX_SHA,
          preparedOn: '2026-05-10',
          taxMonth: 1,
          noPayment: true,
          claimsEmploymentAllowance: true,
          recoverable: {
            smpRecovered: '0.00',
            sppRecovered: '0.00',
            nicCompensationOnSmp: '0.00',
            nicCompensationOnSpp: '0.00',
          },
          finalForYear: false,
        },
      },
      ...(options.submitted
        ? [
            {
              type: 'EpsSubmitted',
              data: { recipientId, documentId, sha256: MATRIX_SHA, submittedOn: '2026-05-10', correlationId: null },
            },
          ]
        : []),
    ],
  });
  return { recipientId, documentId };
}

const MATRIX_PERIOD = { periodStart: '2026-04-04', periodEnd: '2026-04-10' };
const MATRIX_SHIFT = { date: '2026-04-06', start: '09:00', hours: '7.5', rateKind: 'standard' };
const MATRIX_TIMESHEET = '2026-04-04-1';
const matrixTimesheet = (recipientId: string, employmentId: string) => ({
  timesheetId: MATRIX_TIMESHEET,
  recipientId,
  employmentId,
  ...MATRIX_PERIOD,
  payDate: '2026-04-10',
  shifts: [MATRIX_SHIFT],
  channel: 'portal',
  submittedBy: 'pa',
});
/** A submitted timesheet of a PA hired for this one request: the path of the route that decides it. */
async function submittedTimesheet(
  column: Column,
  fx: Fixtures,
  options: { approved?: boolean } = {},
): Promise<Record<string, string>> {
  const recipientId = fx.recipient[column];
  const employmentId = await fx.freshEmployment(column);
  const approval = {
    type: 'TimesheetApproved',
    data: { timesheetId: MATRIX_TIMESHEET, employmentId, approvedBy: 'employer', approvedOn: '2026-04-10' },
  };
  await fx.given({
    [`timesheets-${employmentId}-${MATRIX_PERIOD.periodStart}`]: [
      { type: 'TimesheetSubmitted', data: matrixTimesheet(recipientId, employmentId) },
      ...(options.approved ? [approval] : []),
    ],
  });
  return { recipientId, employmentId, timesheetId: MATRIX_TIMESHEET };
}
const matrixRecovery = (recipientId: string, recoveryId: string, column: Column) => ({
  recipientId,
  recoveryId,
  councilId: column === 'own' ? OWN : OTHER,
  amount: '100.00',
  reason: 'unspent funds',
  proposedOn: '2026-06-01',
  noticeEndsOn: '2099-12-31',
  noticeDays: 28,
  policyVersion: 1,
  earmarks: [],
  surplus: {},
});

/** One paid month for a recipient's payroll: a payslip that adds up (500.00 − 40.00 − 20.00 = 440.00) and its run. */
const matrixPayroll = (recipientId: string) => ({
  [`payroll-${recipientId}-2026-27`]: [
    {
      type: 'PayslipIssued',
      data: payslipIssued(recipientId, `e-matrix-paid-${recipientId}`, {
        payslipId: `matrix-slip-${recipientId}`,
        payRunId: `matrix-run-${recipientId}`,
      }),
    },
    {
      type: 'PayRunCompleted',
      data: {
        ...matrixRun(recipientId),
        payRunId: `matrix-run-${recipientId}`,
        payDate: '2026-04-30',
        netPay: [{ employmentId: `e-matrix-paid-${recipientId}`, amount: '440.00' }],
        totals: {
          gross: '500.00',
          netPay: '440.00',
          payeDue: '90.00',
          employmentAllowance: '0.00',
          pensionDue: '0.00',
        },
      },
    },
  ],
});
const matrixRun = (recipientId: string) => ({
  payRunId: `run-${recipientId}`,
  recipientId,
  payDate: '2026-04-10',
  taxYear: '2026-27',
  taxMonth: 1,
  correction: null,
  payslips: 1,
  held: [],
  netPay: [],
  totals: { gross: '500.00', netPay: '400.00', payeDue: '100.00', employmentAllowance: '0.00', pensionDue: '0.00' },
});

/** A PA hired from 6 April 2026 (PaHired, version 1), as the hire records it on the recipient's roster. */

// ------------------------------------------------------------------------------------------------------------ document

interface Operation {
  readonly operationId: string;
  readonly method: string;
  /** As OpenAPI writes it: /recipients/{recipientId}. */
  readonly path: string;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function documentOperations(doc: { paths: Record<string, Record<string, { operationId?: string }>> }): Operation[] {
  return Object.entries(doc.paths)
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({
          operationId: operation.operationId ?? `(no operationId: ${method.toUpperCase()} ${path})`,
          method,
          path,
        })),
    )
    .sort((a, b) => a.path.localeCompare(b.path) || METHODS.indexOf(a.method) - METHODS.indexOf(b.method));
}

const pathParamsOf = (path: string): string[] => [...path.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)].map((m) => m[1]!);
const expressPath = (path: string): string => path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, ':$1');
const label = (operation: Operation): string => `${operation.method.toUpperCase()} ${operation.path}`;

// ------------------------------------------------------------------------------------------------------------- policies

/** A declared policy, command or query, as the matrix reads it. */
interface Policy {
  readonly roles: readonly Role[];
  readonly bureauWide?: boolean;
  readonly councilOfPrepared?: unknown;
  readonly councilOfCommand?: unknown;
  readonly councilOfState?: unknown;
  readonly councilOfResult?: unknown;
  readonly councilOfItem?: (item: never) => string | null;
  readonly selfOfPrepared?: unknown;
}
type RoutePolicy = Policy | typeof PUBLIC;

/** What the policy predicts for one cell. */
interface Expected {
  /** '2xx', or an exact status. */
  readonly status: '2xx' | number;
  readonly code?: string | RegExp;
  /** A list filtered by council: it must hold no row outside the caller's scope. */
  readonly filtered?: boolean;
  /** An allowed request in the caller's own council: a domain 409/422 (not an access refusal) is acceptable too. */
  readonly allowed?: boolean;
  readonly why: string;
}

/** Codes that refuse access (or hide a record outside the scope), never a domain outcome of an allowed request. */
const ACCESS_CODE = /^(auth|access)\.|^council\.unknown$|\.not-found$/;

function predict(policy: RoutePolicy, operation: Operation, caller: Caller, column: Column): Expected {
  if (policy === PUBLIC) return { status: '2xx', why: 'public route' };
  if (caller === UNAUTHENTICATED) return { status: 401, code: 'auth.missing', why: 'no credentials' };
  if (!policy.roles.includes(caller))
    return { status: 403, code: 'access.role', why: `${caller} is not among ${policy.roles.join(', ')}` };
  // The payroll's own people act on their own recipient only; a route that cannot tell whose a record is admits none.
  if (
    ROLES[caller].side === 'self' &&
    policy.selfOfPrepared === undefined &&
    !('selfOfResult' in policy && policy.selfOfResult)
  )
    return { status: 404, code: /\.not-found$/, why: `${caller} acts on its own records only` };
  // Every key in the matrix is scoped to one council; the bureau's own business needs credentials for every council.
  if (policy.bureauWide)
    return { status: 403, code: 'access.scope', why: 'bureau-wide: a council-scoped principal may not' };
  const list = policy.councilOfItem !== undefined;
  if (column === 'own') return { status: '2xx', allowed: true, filtered: list, why: 'allowed, own council' };
  if (list) return { status: '2xx', filtered: true, why: "a list: the other council's rows are left out" };
  if (policy.councilOfResult !== undefined)
    return { status: 404, code: /\.not-found$/, why: "another council's record answers as a missing one" };
  const onStoredResource = pathParamsOf(operation.path).length > 0;
  if (policy.councilOfCommand !== undefined && !(onStoredResource && policy.councilOfState !== undefined)) {
    return { status: 422, code: 'council.unknown', why: "another council's id is an unknown council" };
  }
  if (policy.councilOfState !== undefined || policy.councilOfPrepared !== undefined)
    return { status: 404, code: /\.not-found$/, why: "another council's record answers as a missing one" };
  return { status: '2xx', allowed: true, why: 'bureau-level: no council scope' };
}

// -------------------------------------------------------------------------------------------------------------- outcomes

interface Outcome {
  readonly status: number;
  readonly code?: string;
  /** For a council-filtered list: its rows of the caller's council, of the other council, and outside the scope. */
  readonly rows?: { readonly own: number; readonly other: number; readonly outsideScope: number };
}

interface Cell {
  readonly operation: Operation;
  readonly caller: Caller;
  readonly column: Column;
  readonly expected: Expected;
  /** Undefined for a role no credential can hold: predicted, not sent. */
  readonly outcome?: Outcome;
  readonly storeMoved: boolean;
}

function matches(expected: Expected, outcome: Outcome, column: Column): boolean {
  const is2xx = outcome.status >= 200 && outcome.status < 300;
  if (expected.status === '2xx') {
    if (!is2xx) {
      // An allowed write may still meet a domain rule (a conflict, a broken rule): that is not an access outcome.
      return (
        expected.allowed === true &&
        (outcome.status === 409 || outcome.status === 422) &&
        !ACCESS_CODE.test(outcome.code ?? '')
      );
    }
    if (expected.filtered) {
      const rows = outcome.rows;
      return rows !== undefined && rows.other === 0 && rows.outsideScope === 0 && (column === 'other' || rows.own > 0);
    }
    return true;
  }
  if (outcome.status !== expected.status) return false;
  if (expected.code === undefined) return true;
  return typeof expected.code === 'string' ? outcome.code === expected.code : expected.code.test(outcome.code ?? '');
}

function describeOutcome(outcome: Outcome | undefined): string {
  if (!outcome) return '(not sent)';
  const rows = outcome.rows
    ? ` rows own=${outcome.rows.own} other=${outcome.rows.other} outside-scope=${outcome.rows.outsideScope}`
    : '';
  return `${outcome.status}${outcome.code ? ` ${outcome.code}` : ''}${rows}`;
}

/** A cell's text in the table: what was observed (or, for a role no key can hold, predicted). */
function cellText(cell: Cell): string {
  if (!cell.outcome) return cell.expected.status === '2xx' ? '2xx' : String(cell.expected.status);
  const { status, rows } = cell.outcome;
  if (status >= 200 && status < 300)
    return cell.column === 'other' && cell.expected.filtered && rows ? `2xx, ${rows.other} rows` : '2xx';
  return String(status);
}

// ---------------------------------------------------------------------------------------------------------------- table

function markdown(
  operations: readonly Operation[],
  callers: readonly Caller[],
  cells: readonly Cell[],
  predictedOnly: ReadonlySet<Caller>,
): string {
  const of = (operation: Operation, caller: Caller) => {
    const [own, other] = COLUMNS.map((column) => {
      const cell = cells.find((c) => c.operation === operation && c.caller === caller && c.column === column);
      return cell ? cellText(cell) : '(no sample)';
    });
    return own === other ? own! : `${own} / ${other}`;
  };
  const header = ['operation', ...callers.map((caller) => `\`${caller}\`${predictedOnly.has(caller) ? ' †' : ''}`)];
  const lines = [
    '<!-- Generated by apps/api/src/access-matrix.e2e.spec.ts: do not edit by hand. -->',
    `<!-- ${UPDATE_COMMAND} rewrites this section. -->`,
    '',
    `Each caller holds one role, on an API key scoped to one council (${OWN}). A cell is the outcome of a request in`,
    `the caller's own council / of the same request for another council (${OTHER}); one value when they agree.`,
    "Another council's stored record answers 404, and its id in a create 422 `council.unknown`, exactly as a missing",
    "record or an unregistered council; `2xx, 0 rows`: the list answered, without any of the other council's rows.",
    'Bureau-level operations (no council scope in their policy) send the same request for both.',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...operations.map(
      (operation) =>
        `| \`${label(operation)}\` (${operation.operationId}) | ${callers.map((caller) => of(operation, caller)).join(' | ')} |`,
    ),
  ];
  if (predictedOnly.size > 0) {
    lines.push(
      '',
      `† ${[...predictedOnly].map((role) => `\`${role}\``).join(', ')}: no API key can hold ${predictedOnly.size === 1 ? 'this role' : 'these roles'} yet and no declared policy names`,
      'them, so these cells are predicted from the policies (a public route admits anyone), not sent.',
    );
  }
  return lines.join('\n');
}

/** The text between the markers in docs/security.md, or undefined when the file or a marker is missing. */
function documentedSection(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  return start >= 0 && end > start ? text.slice(start + START.length, end) : undefined;
}

function writeSection(table: string): void {
  const text = existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : `# Security\n\n${START}\n${END}\n`;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`${DOC_FILE} has no ${START} … ${END} markers to write the access matrix between`);
  writeFileSync(DOC_FILE, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
}

// ------------------------------------------------------------------------------------------------------------------ spec

describe('access matrix: every operation × role × council, as the declared policies say', () => {
  const api = apiSpec();
  const keys = new Map<Role, string>();
  /** Roles an API key cannot hold (the key schema refuses them): predicted, not sent. */
  const notGrantable = new Set<Role>();
  const callers: Caller[] = [...ROLE_NAMES, UNAUTHENTICATED];
  let operations: Operation[] = [];
  let policies = new Map<string, RoutePolicy | undefined>();
  const cells: Cell[] = [];
  const missingSamples: string[] = [];
  const badSamples: string[] = [];

  beforeAll(async () => {
    const recipient = { own: 'r-matrix-kent', other: 'r-matrix-leeds' } as const;
    for (const column of COLUMNS) {
      const council = column === 'own' ? OWN : OTHER;
      await api
        .http()
        .post('/recipients')
        .set(api.as('admin'))
        .send({
          recipientId: recipient[column],
          councilId: council,
          recipientType: 'adult',
          name: 'Sam Patel',
          accountType: 'bank-account',
        })
        .expect(201);
    }
    // Each recipient has a month of payroll, so the views have a row of each council to show or to leave out.
    for (const column of COLUMNS) await api.given(matrixPayroll(recipient[column]));
    let sequence = 0;
    const fixtures: Fixtures = {
      recipient,
      council: { own: OWN, other: OTHER },
      fresh: (prefix) => `${prefix}-${(sequence += 1)}`,
      laterDate: () =>
        DateTime.fromISO('2030-01-01')
          .plus({ days: (sequence += 1) })
          .toISODate()!,
      freshKeyId: async () => (await api.issueKey(`matrix-revocable-${(sequence += 1)}`, ['auditor'], [OWN])).keyId,
      freshRecipient: async (column, options = {}) => {
        const recipientId = `r-matrix-fresh-${(sequence += 1)}`;
        const as = { principal: systemPrincipal('access-matrix'), now: londonNow() };
        const councilId = column === 'own' ? OWN : OTHER;
        const base = {
          recipientType: 'adult',
          name: 'Jo Fresh',
          accountType: 'prepaid-card',
          enrolledOn: '2026-01-05',
        };
        await executeCommand(api.store, enrolRecipient, { ...base, recipientId, councilId }, as);
        if (options.suspended) {
          await executeCommand(
            api.store,
            suspendDirectPayment,
            { recipientId, on: '2026-02-01', reason: 'matrix' },
            as,
          );
        }
        if (options.employer) {
          const payeReference = `123/MX${(sequence += 1)}`;
          const employer = { recipientId, payeReference, accountsOfficeReference: '123PW12345678' };
          await executeCommand(api.store, registerAsEmployer, { ...employer, bureauActsAsAgent: true }, as);
        }
        return recipientId;
      },
      given: (streams) => api.given(streams),
      freshRecovery: async (column) => {
        const recipientId = await fixtures.freshRecipient(column);
        const recoveryId = `rec-matrix-${(sequence += 1)}`;
        await api.given({
          [`recovery-${recipientId}`]: [
            { type: 'RecoveryProposed', data: matrixRecovery(recipientId, recoveryId, column) },
          ],
        });
        return { recipientId, recoveryId };
      },
      freshEmployment: async (column) => {
        const employmentId = `e-matrix-${(sequence += 1)}`;
        await api.given({
          [`recipient-${recipient[column]}`]: [{ type: 'PaHired', data: paHired(recipient[column], employmentId) }],
        });
        return employmentId;
      },
    };

    // The payroll's own people act for themselves: an employer's key names the recipient it is (the own column's), a
    // PA's the employments it holds there (one paid, one leaving), which the documents' samples use in that column.
    const paOwn = [await paEmployment('own', fixtures), await paEmployment('own', fixtures, { leaver: true })];
    for (const role of ROLE_NAMES) {
      const binding =
        role === 'pa'
          ? { employments: paOwn.map(({ recipientId, employmentId }) => ({ recipientId, employmentId })) }
          : ROLES[role].side === 'self'
            ? { recipients: [recipient.own] }
            : {};
      const input = { integration: 'matrix', roles: [role], councils: [OWN], ...binding };
      if (createApiKey.input.safeParse(input).success) {
        keys.set(role, (await api.issueKey(`matrix-${role}`, [role], [OWN], undefined, binding)).apiKey);
      } else notGrantable.add(role);
    }

    const doc = (await api.http().get('/docs-json').expect(200)).body as Parameters<typeof documentOperations>[0];
    operations = documentOperations(doc);
    policies = new Map(nestRoutes(api.app).map((route) => [route.route, route.policy as RoutePolicy | undefined]));

    for (const operation of operations) {
      const sample = SAMPLES[operation.operationId];
      const policy = policies.get(`${operation.method.toUpperCase()} ${expressPath(operation.path)}`);
      if (!sample) {
        missingSamples.push(`${operation.operationId} (${label(operation)})`);
        continue;
      }
      if (policy === undefined) {
        badSamples.push(`${label(operation)} is in the document but no route with a policy serves it`);
        continue;
      }
      for (const caller of callers) {
        for (const column of COLUMNS) {
          const expected = predict(policy, operation, caller, column);
          if (caller !== UNAUTHENTICATED && notGrantable.has(caller)) {
            cells.push({ operation, caller, column, expected, storeMoved: false });
            continue;
          }
          const { params = {}, body, query } = await sample(column, fixtures);
          const missing = pathParamsOf(operation.path).filter((name) => params[name] === undefined);
          if (missing.length > 0) {
            badSamples.push(
              `the sample for ${operation.operationId} names no ${missing.join(', ')} (path ${operation.path})`,
            );
            break;
          }
          const path = operation.path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_m, name: string) =>
            encodeURIComponent(params[name]!),
          );
          const before = await api.store.headPosition();
          const method = operation.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
          let call = api.http()[method](path);
          if (query) call = call.query(query);
          const key = caller === UNAUTHENTICATED ? undefined : keys.get(caller);
          if (key) call = call.set('Authorization', `Bearer ${key}`);
          const res: Response = body === undefined ? await call : await call.send(body);
          const after = await api.store.headPosition();
          const ok = res.status >= 200 && res.status < 300;
          const councilOfItem = policy !== PUBLIC ? policy.councilOfItem : undefined;
          const items =
            ok && councilOfItem && Array.isArray(res.body)
              ? (res.body as never[]).map((item) => councilOfItem(item))
              : undefined;
          const outcome: Outcome = {
            status: res.status,
            ...(ok ? {} : { code: (res.body as { code?: string } | undefined)?.code }),
            ...(items
              ? {
                  rows: {
                    own: items.filter((c) => c === OWN).length,
                    other: items.filter((c) => c === OTHER).length,
                    outsideScope: items.filter((c) => c !== OWN).length,
                  },
                }
              : {}),
          };
          cells.push({ operation, caller, column, expected, outcome, storeMoved: !ok && after !== before });
        }
      }
    }
  });

  it('has a sample request for every operation of the OpenAPI document, and none for an operation it lacks', () => {
    expect(operations.length).toBeGreaterThan(0);
    if (missingSamples.length > 0) {
      throw new Error(
        `No sample request for ${missingSamples.join('; ')}: add an entry keyed by its operationId to SAMPLES in apps/api/src/access-matrix.e2e.spec.ts ` +
          `(the request for the caller's own council and for another), then run ${UPDATE_COMMAND}.`,
      );
    }
    const ids = new Set(operations.map((operation) => operation.operationId));
    expect({ stale: Object.keys(SAMPLES).filter((id) => !ids.has(id)), bad: badSamples }).toEqual({
      stale: [],
      bad: [],
    });
  });

  it('gives keys every role some policy admits; the roles no key can hold are admitted by no policy', () => {
    const admitting = [...notGrantable].flatMap((role) =>
      operations
        .filter((operation) => {
          const policy = policies.get(`${operation.method.toUpperCase()} ${expressPath(operation.path)}`);
          return policy !== undefined && policy !== PUBLIC && policy.roles.includes(role);
        })
        .map(
          (operation) =>
            `${role} is admitted by ${label(operation)}, but no key can hold it: grant it to keys (or another credential) so the matrix can call it`,
        ),
    );
    expect(admitting).toEqual([]);
    // Only the payroll's own people lack keys; every staff role is called for real.
    expect([...notGrantable].filter((role) => ROLES[role].side !== 'self')).toEqual([]);
    expect(keys.size).toBeGreaterThan(0);
  });

  it('answers every cell as the policy predicts, and stores nothing for a refused request', () => {
    const unexpected = cells
      .filter((cell) => cell.outcome && (!matches(cell.expected, cell.outcome, cell.column) || cell.storeMoved))
      .map(
        (cell) =>
          `${label(cell.operation)} as ${cell.caller}, ${cell.column} council: expected ${cell.expected.status}${cell.expected.code ? ` ${String(cell.expected.code)}` : ''}${cell.expected.filtered ? ' (filtered list)' : ''} (${cell.expected.why}), got ${describeOutcome(cell.outcome)}${cell.storeMoved ? ', and the store moved' : ''}`,
      );
    expect(unexpected).toEqual([]);
    expect(cells.filter((cell) => cell.outcome).length).toBeGreaterThan(0);
  });

  it('answers no request with a 2xx the policy does not predict', () => {
    const unexpected2xx = cells
      .filter(
        (cell) =>
          cell.outcome && cell.outcome.status >= 200 && cell.outcome.status < 300 && cell.expected.status !== '2xx',
      )
      .map(
        (cell) =>
          `${label(cell.operation)} as ${cell.caller}, ${cell.column} council: ${cell.outcome!.status} (expected ${cell.expected.status}: ${cell.expected.why})`,
      );
    expect(unexpected2xx).toEqual([]);
  });

  it('lists no row of the other council to any caller of one council', () => {
    const lists = cells.filter((cell) => cell.outcome?.rows);
    expect(lists.length).toBeGreaterThan(0);
    expect(
      lists
        .filter((cell) => cell.outcome!.rows!.other > 0 || cell.outcome!.rows!.outsideScope > 0)
        .map((cell) => `${label(cell.operation)} as ${cell.caller}: ${describeOutcome(cell.outcome)}`),
    ).toEqual([]);
  });

  it(`is the table in docs/security.md (${UPDATE_COMMAND} rewrites it)`, () => {
    if (missingSamples.length > 0 || badSamples.length > 0)
      throw new Error('the access matrix is incomplete: some operations lack a sample request (see above)');
    const table = markdown(operations, callers, cells, notGrantable);
    if (UPDATE) {
      writeSection(table);
      console.log(table);
      return;
    }
    const documented = documentedSection(existsSync(DOC_FILE) ? readFileSync(DOC_FILE, 'utf8') : undefined);
    if (documented === undefined)
      throw new Error(`docs/security.md has no ${START} … ${END} section: run ${UPDATE_COMMAND}`);
    if (documented.trim() !== table.trim()) {
      throw new Error(
        `The access matrix in docs/security.md is out of date: run ${UPDATE_COMMAND} to rewrite it, and review the diff.\n\nExpected:\n${table}`,
      );
    }
  });
});
