import { DateTime } from 'luxon';
import { systemPrincipal, type Principal } from '@dpe/access';
import { parseStandard18 } from '@dpe/bank-payments';
import { registerCouncil } from '@dpe/councils';
import { executeCommand, fold, runQuery, type AnyCommandDeclaration, type PrepareContext } from '@dpe/decider';
import { changeBankDetails, hirePa } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { createInMemoryEventStore, type EventStore } from '@dpe/event-store';
import { Money } from '@dpe/money';
import { recordPayment, runPayroll, type PayRunCompletedData, type PayslipIssuedData } from '@dpe/pay-runs';
import { enrolRecipient, registerAsEmployer } from '@dpe/recipients';
import { commandSpec } from '@dpe/testing';
import { approveTimesheet, submitTimesheet } from '@dpe/timesheets';
import { sha256Of } from './fps-of-pay-run';
import { showPaymentFile } from './show-payment-file';
import { showPaymentReconciliation } from './show-payment-reconciliation';
import {
  paymentFileText,
  preparePaymentFile,
  producePaymentFile,
  readBackPaymentFile,
  workingDayBefore,
  type PaymentFileProducedData,
  type PayslipToPay,
} from './payment-file';

// The bureau's net-pay payment file end to end on a store: two employers (two councils' worth of bureau business in
// one file), each with a PA hired with a VocaLink-valid account (VocaLink "Validating account numbers" v6.40 table 3.1
// cases 1 and 3) and an approved timesheet, payroll run, then the file produced and read back.
const now = DateTime.fromISO('2026-04-10T09:00:00', { zone: 'Europe/London' });
const admin: Principal = { actor: 'key:admin', kind: 'key', roles: ['bureau-admin'], councils: 'all' };
const PAY_DATE = '2026-04-10';
let store: EventStore;
let sequence = 0;
const run = (declaration: AnyCommandDeclaration, input: unknown) =>
  executeCommand(store, declaration, input, { principal: admin, now, commandId: `cmd-${(sequence += 1)}` });

const ACCOUNTS = {
  'e-a': { sortCode: '089999', accountNumber: '66374958' },
  'e-b': { sortCode: '202959', accountNumber: '63748472' },
  // VocaLink case 29: fails the modulus 10 check.
  'e-bad': { sortCode: '089999', accountNumber: '66374959' },
} as const;
const ORIGINATOR = {
  sortCode: '10-79-99',
  accountNumber: '88837491',
  accountName: 'DP BUREAU',
  serviceUserNumber: '123456',
};

const hire = (employmentId: keyof typeof ACCOUNTS) => ({
  employmentId,
  pa: {
    forename: 'Ann',
    surname: 'Example',
    dateOfBirth: '1990-05-01',
    gender: 'F',
    address: { lines: ['1 High Street'], postcode: 'ME14 1XX' },
  },
  startDate: '2026-04-04',
  starter: { kind: 'statement', statement: 'A' },
  taxCode: '1257L',
  schedule: { frequency: 'weekly', firstPayDate: PAY_DATE, daysInArrears: 0 },
  rates: { standard: '13.00' },
  holiday: { basis: 'weeks', weeksPerYear: '5.6' },
  pension: 'opted-out',
  bank: { accountName: 'Ann Example', ...ACCOUNTS[employmentId] },
});

async function employerPaying(recipientId: string, payeReference: string, employmentId: keyof typeof ACCOUNTS) {
  await run(enrolRecipient, {
    recipientId,
    councilId: 'kent',
    recipientType: 'adult',
    name: 'Dana Employer',
    accountType: 'managed-account',
    enrolledOn: '2026-03-01',
  });
  await run(registerAsEmployer, {
    recipientId,
    payeReference,
    accountsOfficeReference: '123PW12345678',
    bureauActsAsAgent: true,
  });
  await run(hirePa, { recipientId, ...hire(employmentId) });
  const submitted = await run(submitTimesheet, {
    recipientId,
    employmentId,
    periodStart: '2026-04-04',
    periodEnd: PAY_DATE,
    shifts: [
      { date: '2026-04-07', start: '09:00', hours: '7.5', rateKind: 'standard' },
      { date: '2026-04-08', start: '09:00', hours: '6', rateKind: 'standard' },
    ],
    channel: 'portal',
    submittedBy: 'pa',
  });
  await run(approveTimesheet, {
    recipientId,
    employmentId,
    timesheetId: (submitted.reply as { timesheetId: string }).timesheetId,
    approvedBy: 'employer',
  });
  await run(runPayroll, { recipientId, payDate: PAY_DATE });
}

/** The payslips of the pay date as the store holds them, read apart from the command. */
async function payslipsOnStore(...recipientIds: string[]): Promise<PayslipIssuedData[]> {
  const slips: PayslipIssuedData[] = [];
  for (const recipientId of recipientIds) {
    for (const event of await store.readStream(`payroll-${recipientId}-2026-27`)) {
      if (event.type === 'PayslipIssued') slips.push(event.data as PayslipIssuedData);
    }
  }
  return slips.filter((slip) => slip.payDate === PAY_DATE);
}

const context = (): PrepareContext => ({
  store,
  load: async (stream, key) => fold(stream, await store.readStream(stream.streamId(key))),
});

type Reconciliation = {
  payDate: string;
  employers: {
    recipientId: string;
    payRuns: unknown[];
    payslipsNet: string;
    inFile: string | null;
    status: string;
    reconciled: boolean;
  }[];
  totals: { inFile: string | null };
  files: unknown[];
  reconciled: boolean;
  fileBlockedBy: unknown[];
};
const reconciliation = async () =>
  (await runQuery(store, showPaymentReconciliation, { payDate: PAY_DATE }, admin, now)) as Reconciliation;

const produce = (format: 'standard18' | 'bulk-csv' = 'standard18') =>
  run(producePaymentFile, { payDate: PAY_DATE, format, originator: ORIGINATOR });

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

beforeEach(async () => {
  store = createInMemoryEventStore();
  await run(registerCouncil, { councilId: 'kent', name: 'Kent County Council' });
  await employerPaying('r-a', '123/AA001', 'e-a');
  await employerPaying('r-b', '123/AA002', 'e-b');
});

describe('produce-payment-file', () => {
  it('defaults the processing day to the working day before the pay date (Bacs pays the day after)', () => {
    expect(workingDayBefore('2026-04-10')).toBe('2026-04-09');
    // Monday 13 April 2026 → Friday 10 April; Tuesday 7 April 2026 → Thursday 2 April (Easter Monday, Good Friday).
    expect(workingDayBefore('2026-04-13')).toBe('2026-04-10');
    expect(workingDayBefore('2026-04-07')).toBe('2026-04-02');
  });

  it('writes a Standard 18 file paying each PA their net pay, reconciled, and records PaymentFileProduced', async () => {
    const slips = await payslipsOnStore('r-a', 'r-b');
    expect(slips).toHaveLength(2);
    const net = Money.sum(slips.map((slip) => Money.of(slip.netPay)));
    expect(net.isPositive()).toBe(true);

    const outcome = await produce();
    const events = await store.readStream(`payment-file-${PAY_DATE}`);
    expect(events.map((event) => event.type)).toEqual(['PaymentFileProduced']);
    const data = events[0]!.data as PaymentFileProducedData;
    const runs = [
      ...(await store.readStream('payroll-r-a-2026-27')),
      ...(await store.readStream('payroll-r-b-2026-27')),
    ].filter((event) => event.type === 'PayRunCompleted');
    const runsNet = Money.sum(runs.map((event) => Money.of((event.data as PayRunCompletedData).totals.netPay)));
    expect(data).toMatchObject({
      payDate: PAY_DATE,
      format: 'standard18',
      processingDay: '2026-04-09',
      payments: 2,
      payslips: 2,
      total: net.toString(),
      reconciliation: {
        payslipsNet: net.toString(),
        payRunsNet: runsNet.toString(),
        fileTotal: net.toString(),
        wagesPayable: net.toString(),
      },
      perRecipient: [
        { recipientId: 'r-a', payments: 1, payslips: 1, total: slips[0]!.netPay },
        { recipientId: 'r-b', payments: 1, payslips: 1, total: slips[1]!.netPay },
      ],
    });
    expect(outcome.reply).toEqual({ fileId: data.fileId, payments: 2, total: net.toString(), sha256: data.sha256 });
    // No personal data on the event.
    expect(JSON.stringify(data)).not.toMatch(/66374958|63748472|Ann Example/);

    // The file regenerated from the store parses back to the PAs' accounts and net pay, and its hash is the event's.
    const command = { payDate: PAY_DATE, format: 'standard18' as const, originator: ORIGINATOR, fileId: data.fileId };
    const written = paymentFileText(await preparePaymentFile(PAY_DATE, context()), command);
    expect(written.text).not.toBeNull();
    const parsed = parseStandard18(written.text!);
    expect(parsed.processingDate).toBe('2026-04-09');
    expect(parsed.payments.map((each) => [each.sortCode, each.accountNumber, each.amount.toString()])).toEqual([
      [ACCOUNTS['e-a'].sortCode, ACCOUNTS['e-a'].accountNumber, slips[0]!.netPay],
      [ACCOUNTS['e-b'].sortCode, ACCOUNTS['e-b'].accountNumber, slips[1]!.netPay],
    ]);
    expect(parsed.totals.credits.amount.toString()).toBe(net.toString());
    expect(parsed.contras.map((each) => [each.accountNumber, each.amount.toString()])).toEqual([
      ['88837491', net.toString()],
    ]);
    expect(sha256Of(written.text!)).toBe(data.sha256);
  });

  it('shows the file again as produced, even after a PA changes bank: the accounts in force when it was written', async () => {
    const outcome = await produce();
    const fileId = String(outcome.reply['fileId']);
    await run(changeBankDetails, {
      recipientId: 'r-a',
      employmentId: 'e-a',
      accountName: 'A N OTHER',
      sortCode: '202959',
      accountNumber: '63748472',
      // Back-dated to before the pay date: written again today, the file would pay the new account.
      effectiveFrom: '2026-04-05',
    });
    const view = (await runQuery(
      store,
      showPaymentFile,
      { payDate: PAY_DATE, fileId },
      systemPrincipal('spec'),
      DateTime.fromISO('2026-04-20T12:00', { zone: 'Europe/London' }),
    )) as { matchesRecord: boolean; text: string; reconciliation: { fileTotal: string } };
    expect(view.matchesRecord).toBe(true);
    const slips = await payslipsOnStore('r-a', 'r-b');
    expect(parseStandard18(view.text).payments.map((each) => each.accountNumber)).toEqual([
      ACCOUNTS['e-a'].accountNumber,
      ACCOUNTS['e-b'].accountNumber,
    ]);
    expect(view.reconciliation.fileTotal).toBe(Money.sum(slips.map((slip) => Money.of(slip.netPay))).toString());
  });

  it('writes the bulk CSV, whose amounts re-read sum to the net pay', async () => {
    const slips = await payslipsOnStore('r-a', 'r-b');
    await produce('bulk-csv');
    const [event] = await store.readStream(`payment-file-${PAY_DATE}`);
    const data = event!.data as PaymentFileProducedData;
    const command = { payDate: PAY_DATE, format: 'bulk-csv' as const, originator: ORIGINATOR, fileId: data.fileId };
    const written = paymentFileText(await preparePaymentFile(PAY_DATE, context()), command);
    const read = readBackPaymentFile('bulk-csv', written.text!);
    expect(read.payments.map((each) => [each.accountNumber, each.amount.toString()])).toEqual(
      slips.map((slip) => [ACCOUNTS[slip.employmentId as keyof typeof ACCOUNTS].accountNumber, slip.netPay]),
    );
    expect(data.total).toBe(Money.sum(slips.map((slip) => Money.of(slip.netPay))).toString());
  });

  it('refuses the file when a PA’s net pay of the date is already recorded paid, and the report shows why', async () => {
    const [paid] = await payslipsOnStore('r-a');
    await run(recordPayment, {
      recipientId: 'r-a',
      settles: { kind: 'net-pay', employmentId: 'e-a', payDate: PAY_DATE },
      amount: paid!.netPay,
      paidOn: '2026-04-09',
      reference: 'FASTER PAYMENT',
    });
    const error = await refusal(produce());
    expect(error.code).toBe('payment-file.unreconciled');
    expect(error.message).toContain(`employment e-a has ${paid!.netPay} of its net pay already recorded paid`);
    expect(await store.readStream(`payment-file-${PAY_DATE}`)).toEqual([]);

    // r-a's PA was paid in full outside a file: that reconciles (the ledger owes nothing), but blocks the file.
    const report = await reconciliation();
    expect(report.employers.find((row) => row.recipientId === 'r-a')).toMatchObject({
      payslipsNet: paid!.netPay,
      payRunsNet: paid!.netPay,
      wagesPayable: '0.00',
      alreadyPaid: [{ employmentId: 'e-a', paid: paid!.netPay }],
      inFile: null,
      status: 'paid-outside-file',
    });
    expect(report.employers.find((row) => row.recipientId === 'r-b')?.status).toBe('to-pay');
    expect(report.fileBlockedBy).toEqual([{ recipientId: 'r-a', employmentId: 'e-a', paid: paid!.netPay }]);

    // Paid in part, it reconciles neither way: a mismatch.
    const [other] = await payslipsOnStore('r-b');
    await run(recordPayment, {
      recipientId: 'r-b',
      settles: { kind: 'net-pay', employmentId: 'e-b', payDate: PAY_DATE },
      amount: '1.00',
      paidOn: '2026-04-09',
      reference: 'PART PAYMENT',
    });
    const partly = await reconciliation();
    expect(partly.employers.find((row) => row.recipientId === 'r-b')).toMatchObject({
      wagesPayable: Money.of(other!.netPay).minus('1.00').toString(),
      status: 'mismatch',
    });
    expect(partly.reconciled).toBe(false);
  });

  it('reports each employer and pay run of the date, reconciled to independently summed totals and the file', async () => {
    const before = await reconciliation();
    const slips = await payslipsOnStore('r-a', 'r-b');
    const runs = [
      ...(await store.readStream('payroll-r-a-2026-27')),
      ...(await store.readStream('payroll-r-b-2026-27')),
    ]
      .filter((event) => event.type === 'PayRunCompleted')
      .map((event) => event.data as PayRunCompletedData);
    const net = Money.sum(slips.map((slip) => Money.of(slip.netPay))).toString();
    expect(before).toMatchObject({
      payDate: PAY_DATE,
      totals: { payslipsNet: net, payRunsNet: net, wagesPayable: net, inFile: null },
      files: [],
      reconciled: true,
      fileBlockedBy: [],
    });
    expect(before.employers.map((row) => row.status)).toEqual(['to-pay', 'to-pay']);
    expect(before.employers.map((row) => [row.recipientId, row.payRuns, row.payslipsNet])).toEqual(
      slips.map((slip) => [
        slip.recipientId,
        [
          {
            payRunId: slip.payRunId,
            payslips: 1,
            netPay: runs.find((r) => r.payRunId === slip.payRunId)!.totals.netPay,
          },
        ],
        slip.netPay,
      ]),
    );

    const outcome = await produce();
    const after = await reconciliation();
    expect(after.totals.inFile).toBe(net);
    expect(after.files).toEqual([
      {
        fileId: outcome.reply['fileId'],
        format: 'standard18',
        payments: 2,
        total: net,
        sha256: outcome.reply['sha256'],
      },
    ]);
    expect(after.employers.map((row) => [row.inFile, row.status])).toEqual(
      slips.map((slip) => [slip.netPay, 'in-file']),
    );
    expect(after.reconciled).toBe(true);

    // The route, as a bureau principal of every council calls it (declared before show-payment-file's :fileId).
    await expect(
      runQuery(store, showPaymentReconciliation, { payDate: PAY_DATE }, { ...admin, councils: ['kent'] }, now),
    ).rejects.toMatchObject({ code: 'access.scope' });
  });

  it('refuses a second file of the same format for the pay date: the bank would pay twice', async () => {
    await produce();
    const error = await refusal(produce());
    expect(error.code).toBe('payment-file.already-produced');
    expect(await store.readStream(`payment-file-${PAY_DATE}`)).toHaveLength(1);
  });

  it('refuses the whole file when an account fails the modulus check, naming the employment and rule only', async () => {
    await employerPaying('r-c', '123/AA003', 'e-bad');
    const error = await refusal(produce());
    expect(error.code).toBe('payment-file.bad-account');
    expect(error.message).toContain('employment e-bad');
    expect(error.message).toContain('bank.modulus-check-failed');
    expect(error.message).not.toMatch(/66374959|Ann Example/);
    expect(await store.readStream(`payment-file-${PAY_DATE}`)).toEqual([]);
  });
});

describe('produce-payment-file decisions', () => {
  const spec = commandSpec(producePaymentFile);
  const input = { payDate: PAY_DATE, format: 'standard18', originator: ORIGINATOR };
  const slip = (employmentId: keyof typeof ACCOUNTS, netPay: string): PayslipToPay => ({
    recipientId: 'r-a',
    payRunId: 'run-1',
    employmentId,
    payslipId: `slip-${employmentId}`,
    payrollId: 'P000001',
    netPay,
    bank: { accountName: 'Ann Example', ...ACCOUNTS[employmentId] },
    paName: 'Ann Example',
  });

  /** What the ledger owes each employment: its payslip's net pay, less what was already paid of it. */
  const owing = (slips: readonly PayslipToPay[], paid: Partial<Record<string, string>> = {}) =>
    slips.map((each) => {
      const already = Money.of(paid[each.employmentId] ?? '0.00');
      return {
        recipientId: each.recipientId,
        employmentId: each.employmentId,
        accrued: each.netPay,
        paid: already.toString(),
        outstanding: Money.of(each.netPay).minus(already).toString(),
      };
    });
  const preparedOf = (slips: PayslipToPay[], payRunsNet: string, paid: Partial<Record<string, string>> = {}) => ({
    payslips: slips,
    payRunsNet,
    runs: [{ recipientId: 'r-a', payRunId: 'run-1', netPay: payRunsNet }],
    wagesPayable: owing(slips, paid),
  });

  it('refuses a file whose payslips do not add up to the pay runs’ net pay, naming the employments', () => {
    const prepared = preparedOf([slip('e-a', '100.00'), slip('e-b', '50.00')], '150.01');
    spec.given([]).when(input, { prepared }).thenError('payment-file.unreconciled', 'rule');
    expect(() => spec.given([]).when(input, { prepared }).events()).toThrow(
      /payslips' net pay 150\.00 ≠ pay runs' net pay 150\.01.*employments e-a, e-b/,
    );
  });

  it('refuses a file when the ledger owes less than the payslips: a PA already paid would be paid twice', () => {
    // e-b's £50.00 was paid by an emergency transfer (PaymentRecorded £20.00 of it): the DP account owes £130.00.
    const prepared = preparedOf([slip('e-a', '100.00'), slip('e-b', '50.00')], '150.00', { 'e-b': '20.00' });
    spec.given([]).when(input, { prepared }).thenError('payment-file.unreconciled', 'rule');
    expect(() => spec.given([]).when(input, { prepared }).events()).toThrow(
      /payslips' net pay 150\.00 ≠ ledger wages payable 130\.00 \(employment e-b has 20\.00 of its net pay already recorded paid\)/,
    );
  });

  it('records the ledger’s wages payable beside the other three totals when they agree', () => {
    const prepared = preparedOf([slip('e-a', '100.00'), slip('e-b', '50.00')], '150.00');
    const [event] = spec.given([]).when(input, { prepared }).events();
    expect(event!.data).toMatchObject({
      total: '150.00',
      reconciliation: { payslipsNet: '150.00', payRunsNet: '150.00', fileTotal: '150.00', wagesPayable: '150.00' },
    });
  });

  it('leaves a zero net pay out of the file but counts its payslip', () => {
    const prepared = preparedOf([slip('e-a', '100.00'), slip('e-b', '0.00')], '100.00');
    const [event] = spec.given([]).when(input, { prepared }).events();
    expect(event!.data).toMatchObject({ payments: 1, payslips: 2, total: '100.00' });
  });

  it('refuses a pay date with nothing to pay', () => {
    const prepared = preparedOf([], '0.00');
    spec.given([]).when(input, { prepared }).thenError('payment-file.nothing-to-pay', 'not-found');
  });

  it('refuses a processing day on or after the pay date', () => {
    const prepared = preparedOf([slip('e-a', '100.00')], '100.00');
    spec
      .given([])
      .when({ ...input, processingDay: PAY_DATE }, { prepared })
      .thenError('payment-file.processing-day', 'rule');
  });
});
