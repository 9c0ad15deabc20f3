import { BUREAU_WRITERS } from '@dpe/access';
import {
  accountProblem,
  bacsReferenceProblem,
  bulkPaymentCsv,
  parseStandard18,
  toBacsText,
  writeStandard18,
  type BacsPayment,
  type PaymentProblem,
} from '@dpe/bank-payments';
import { defineCommand, defineStream, type DomainEvent, type PrepareContext } from '@dpe/decider';
import { addDays, employmentStream, employmentTermsOn } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import { owed, payrollKey, payrollStream, registeredEmployers } from '@dpe/pay-runs';
import { recipientStream, type BankDetails } from '@dpe/recipients';
import { businessDate, text, z } from '@dpe/schema';
import { BankHolidaysNotHeld, isWorkingDay } from '@dpe/tax-calendar';
import { sha256Of, taxYearOfDate } from './fps-of-pay-run';

/**
 * The bureau's net-pay payment file for one pay date: one credit to each PA's account for the net pay of every payslip
 * issued for the date, across every registered employer (a bureau file spans councils). Stream:
 * `payment-file-{payDate}`, holding the files produced for the date.
 *
 * The file is produced only when it reconciles (the issue: "Σ net pay = payment file total = ledger debits; a
 * mismatch blocks the file"): the sum of the payslips' net pay, the sum of the pay runs' net-pay totals, the total
 * read back from the file text as written and the ledger's wages payable for the date must be equal, and every account
 * must pass the VocaLink modulus check; else nothing is recorded. A zero net pay is no credit (Bacs refuses zero items)
 * but its payslip is counted.
 *
 * The ledger's figure is what the file will debit: each DP account's wages payable for the pay date, the payslips'
 * net pay accrued (Dr wages-expense / Cr wages-payable, libs/views/balances/src/ledger.ts) less what PaymentRecorded
 * already paid of it (Dr wages-payable / Cr cash). A PA whose net pay was already paid by another route (an emergency
 * transfer recorded with record-payment) would be paid twice by the file: the mismatch names the employment and blocks
 * the file until the payment is resolved. It is worked out here from the payroll streams with `owed`, the rule
 * record-payment applies, so the block does not wait on a projection.
 *
 * The processing day: writeStandard18's is "day 2 of the 3-day cycle; the payees are paid the next working day", so
 * by default it is the last working day (England and Wales) before the pay date; one given must be a working day
 * before the pay date. The bulk CSV has no processing day of its own; the same day is recorded as the day to pay.
 *
 * The file text holds personal data (names, accounts), so it is never stored: the event records its SHA-256, and
 * `paymentFileText` regenerates the same text from the same prepared data and command, for a query to show.
 */

export const PAYMENT_FILE_FORMATS = ['standard18', 'bulk-csv'] as const;
export type PaymentFileFormat = (typeof PAYMENT_FILE_FORMATS)[number];

/** PaymentFileProduced, schema version 1. No personal data: no names, no accounts. */
export interface PaymentFileReconciliation {
  readonly payslipsNet: string;
  readonly payRunsNet: string;
  readonly fileTotal: string;
  /**
   * The DP accounts' wages payable for the pay date (net pay accrued less already paid): what the file debits. Absent
   * on files produced before it was reconciled (none outside this repository's history).
   */
  readonly wagesPayable?: string;
}

export interface PaymentFileProducedData {
  readonly fileId: string;
  readonly payDate: string;
  readonly format: PaymentFileFormat;
  readonly processingDay: string;
  /** The bureau's account the wages leave from (not personal: an organisation's account), so the file can be written again. */
  readonly originator: PaymentFileCommand['originator'];
  /** SHA-256 (hex) of the file text as written. */
  readonly sha256: string;
  /** Credits in the file. */
  readonly payments: number;
  /** Payslips of the pay date, zero net pay included. */
  readonly payslips: number;
  readonly total: string;
  readonly reconciliation: PaymentFileReconciliation;
  readonly perRecipient: readonly {
    readonly recipientId: string;
    readonly payments: number;
    readonly payslips: number;
    readonly total: string;
  }[];
}
export type PaymentFileProduced = DomainEvent<'PaymentFileProduced', PaymentFileProducedData>;
export type PaymentFileEvent = PaymentFileProduced;

export interface PaymentFileState {
  readonly files: readonly PaymentFileProducedData[];
}

export const paymentFileStream = defineStream<PaymentFileEvent, PaymentFileState>({
  name: 'payment-file',
  streamId: (payDate) => `payment-file-${payDate}`,
  initialState: { files: [] },
  evolve(state, event) {
    switch (event.type) {
      case 'PaymentFileProduced':
        return { ...state, files: [...state.files, event.data] };
      default:
        return state;
    }
  },
  personalData: {},
});

const DATES = { from: '2024-04-06', to: '2099-12-31' };

export const ProducePaymentFileInput = z.strictObject({
  payDate: businessDate(DATES, 'The pay date whose net pay the file pays'),
  format: z
    .enum(PAYMENT_FILE_FORMATS)
    .describe('standard18: a Bacs Standard 18 Direct Credit file; bulk-csv: the CSV banks import'),
  originator: z
    .strictObject({
      sortCode: z
        .string()
        .regex(/^\d{2}-?\d{2}-?\d{2}$/, 'must be 6 digits, optionally written 12-34-56')
        .describe('Sort code of the account the wages leave from'),
      accountNumber: z
        .string()
        .regex(/^\d{8}$/, 'must be 8 digits')
        .describe('Account number the wages leave from'),
      accountName: text(18, "The account's name: the service user's name on every payee's statement"),
      serviceUserNumber: z
        .string()
        .regex(/^\d{6}$/, 'must be 6 digits')
        .optional()
        .describe('The Bacs service user number (SUN) the file is submitted under; needed for standard18'),
    })
    .describe('The account the net pay is paid from'),
  processingDay: businessDate(DATES, 'The Bacs processing day; by default the last working day before the pay date')
    .optional()
    .describe('The Bacs processing day; by default the last working day before the pay date'),
});

/** One payslip of the pay date and where its net pay goes. Personal data (account, name): never in a message. */
export interface PayslipToPay {
  readonly recipientId: string;
  /** The pay run that issued it. */
  readonly payRunId: string;
  readonly employmentId: string;
  readonly payslipId: string;
  readonly payrollId: string;
  readonly netPay: string;
  /** The account in force on the pay date; null when the employment's hire is not on the roster. */
  readonly bank: BankDetails | null;
  /** The PA's name from the roster, for the Bacs name when the bank details hold none. */
  readonly paName: string;
}

/** One pay run of the pay date, as its PayRunCompleted recorded it. */
export interface PayRunToPay {
  readonly recipientId: string;
  readonly payRunId: string;
  readonly netPay: string;
}

/** What the ledger still owes one PA of an employer for the pay date (net pay accrued less paid). */
export interface WagesPayable {
  readonly recipientId: string;
  readonly employmentId: string;
  readonly accrued: string;
  readonly paid: string;
  readonly outstanding: string;
}

export interface PreparedPaymentFile {
  /** Every payslip issued for the pay date, ordered by recipient, employment and payslip id. */
  readonly payslips: readonly PayslipToPay[];
  /** The sum of the pay runs' `totals.netPay` for the pay date, worked out apart from the payslips. */
  readonly payRunsNet: string;
  /** The pay runs of the pay date, for the reconciliation per pay run. */
  readonly runs: readonly PayRunToPay[];
  /** The ledger's wages payable for the date, per employment paid on it. */
  readonly wagesPayable: readonly WagesPayable[];
}

/** Loads every registered employer's payslips of the pay date, the accounts in force on it and the runs' totals. */
export async function preparePaymentFile(
  payDate: string,
  { load, store }: PrepareContext,
): Promise<PreparedPaymentFile> {
  const taxYear = taxYearOfDate(payDate);
  const payslips: PayslipToPay[] = [];
  const runs: PayRunToPay[] = [];
  const wagesPayable: WagesPayable[] = [];
  for await (const recipientId of registeredEmployers(store)) {
    const payroll = await load(payrollStream, payrollKey(recipientId, taxYear));
    for (const run of payroll.runs)
      if (run.payDate === payDate) runs.push({ recipientId, payRunId: run.payRunId, netPay: run.totals.netPay });
    const slips = payroll.payslips.filter((slip) => slip.payDate === payDate);
    if (slips.length === 0) continue;
    for (const employmentId of new Set(slips.map((slip) => slip.employmentId))) {
      const settles = { kind: 'net-pay' as const, employmentId, payDate };
      const accrued = Money.sum(
        slips.filter((slip) => slip.employmentId === employmentId).map((slip) => Money.of(slip.netPay)),
      );
      const outstanding = owed(payroll, settles);
      wagesPayable.push({
        recipientId,
        employmentId,
        accrued: accrued.toString(),
        paid: accrued.minus(outstanding).toString(),
        outstanding: outstanding.toString(),
      });
    }
    const recipient = await load(recipientStream, recipientId);
    const roster = recipient.status === 'enrolled' ? recipient.roster : [];
    for (const slip of slips) {
      const hire = roster.find((each) => each.employmentId === slip.employmentId);
      const employment = await load(employmentStream, slip.employmentId);
      payslips.push({
        recipientId,
        payRunId: slip.payRunId,
        employmentId: slip.employmentId,
        payslipId: slip.payslipId,
        payrollId: slip.payrollId,
        netPay: slip.netPay,
        bank: hire ? employmentTermsOn(hire, employment, payDate).bank : null,
        paName: hire ? `${hire.pa.forename} ${hire.pa.surname}` : '',
      });
    }
  }
  payslips.sort(
    (a, b) =>
      a.recipientId.localeCompare(b.recipientId) ||
      a.employmentId.localeCompare(b.employmentId) ||
      a.payslipId.localeCompare(b.payslipId),
  );
  const byId = (a: { recipientId: string }, b: { recipientId: string }) => a.recipientId.localeCompare(b.recipientId);
  return {
    payslips,
    payRunsNet: Money.sum(runs.map((run) => Money.of(run.netPay))).toString(),
    runs: runs.sort((a, b) => byId(a, b) || a.payRunId.localeCompare(b.payRunId)),
    wagesPayable: wagesPayable.sort((a, b) => byId(a, b) || a.employmentId.localeCompare(b.employmentId)),
  };
}

/** The ledger's wages payable for the pay date: what the file debits from the DP accounts. */
export const wagesPayableOf = (prepared: PreparedPaymentFile): Money =>
  Money.sum(prepared.wagesPayable.map((each) => Money.of(each.outstanding)));

/** The employments whose net pay of the date is already (partly) paid: the file would pay them twice. */
export function alreadyPaid(prepared: PreparedPaymentFile): readonly WagesPayable[] {
  return prepared.wagesPayable.filter((each) => !Money.of(each.paid).isZero());
}

type PaymentFileCommand = z.output<typeof ProducePaymentFileInput> & { readonly fileId: string };

/** The last working day before the date (England and Wales bank holidays). */
export function workingDayBefore(date: string): string {
  let day = addDays(date, -1);
  while (!isWorkingDay(day, 'processingDay')) day = addDays(day, -1);
  return day;
}

/** The processing day of the command: as given, else the last working day before the pay date. */
export function processingDayOf(command: Pick<PaymentFileCommand, 'payDate' | 'processingDay'>): string {
  return command.processingDay ?? workingDayBefore(command.payDate);
}

/** The Bacs reference of a payslip's credit: the payroll id when Bacs accepts it, else "PAY {payDate}". */
function referenceOf(slip: PayslipToPay, payDate: string): string {
  const payrollId = toBacsText(slip.payrollId, 18);
  return bacsReferenceProblem(payrollId) === undefined ? payrollId : `PAY ${payDate}`;
}

/** The payslips with net pay to credit (a zero net pay is no credit), in file order. */
export const creditsOf = (prepared: PreparedPaymentFile): PayslipToPay[] =>
  prepared.payslips.filter((slip) => !Money.of(slip.netPay).isZero());

/** The credits as bank-payments takes them; a payslip with no account is given empty fields (refused as bad). */
function bacsPaymentsOf(prepared: PreparedPaymentFile, payDate: string): BacsPayment[] {
  return creditsOf(prepared).map((slip) => ({
    sortCode: slip.bank?.sortCode ?? '',
    accountNumber: slip.bank?.accountNumber ?? '',
    accountName: slip.bank?.accountName.trim() ? slip.bank.accountName : slip.paName,
    amount: slip.netPay,
    reference: referenceOf(slip, payDate),
  }));
}

/** A VOL1 serial unique to the file (6 letters or digits, not all zeros), so two files of one day differ. */
const submissionSerialOf = (fileId: string): string => {
  const serial = sha256Of(fileId).slice(0, 6).toUpperCase();
  return /^0+$/.test(serial) ? '000001' : serial;
};

export type PaymentFileText =
  | { readonly text: string; readonly problems: readonly [] }
  | { readonly text: null; readonly problems: readonly PaymentProblem[] };

/**
 * The file text of the command and what was prepared for it: the same inputs always give the same text (the event's
 * sha256 is of it), so a query can regenerate a file recorded earlier. Null text and the writer's problems when the
 * file cannot be written; problem paths `payments[i]` index `creditsOf(prepared)`.
 */
export function paymentFileText(prepared: PreparedPaymentFile, command: PaymentFileCommand): PaymentFileText {
  const payments = bacsPaymentsOf(prepared, command.payDate);
  if (command.format === 'bulk-csv') return bulkPaymentCsv(payments, { header: true });
  const written = writeStandard18({
    serviceUserNumber: command.originator.serviceUserNumber ?? '',
    originator: command.originator,
    processingDate: processingDayOf(command),
    submissionSerial: submissionSerialOf(command.fileId),
    payments,
  });
  return written.text === null ? { text: null, problems: written.problems } : { text: written.text, problems: [] };
}

/** The cells of RFC 4180 CSV lines as bulkPaymentCsv writes them (quoted cells with doubled quotes). */
function csvRows(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i += 1) {
    const char = csv[i]!;
    if (quoted) {
      if (char === '"' && csv[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** The credits read back from a file's text, independently of how it was written: their count and total. */
export function readBackPaymentFile(
  format: PaymentFileFormat,
  fileText: string,
): {
  readonly payments: readonly { readonly sortCode: string; readonly accountNumber: string; readonly amount: Money }[];
} {
  if (format === 'standard18') {
    const parsed = parseStandard18(fileText);
    return {
      payments: parsed.payments.map((each) => ({
        sortCode: each.sortCode,
        accountNumber: each.accountNumber,
        amount: each.amount,
      })),
    };
  }
  const [, ...rows] = csvRows(fileText);
  return {
    payments: rows.map((cells) => ({ sortCode: cells[1]!, accountNumber: cells[2]!, amount: Money.of(cells[3]!) })),
  };
}

const rule = (code: string, message: string): DomainError => new DomainError('rule', code, message);

export const producePaymentFile = defineCommand({
  name: 'produce-payment-file',
  summary:
    "Produce the bureau's net-pay payment file (Bacs Standard 18 or bulk CSV) for a pay date, refused unless it reconciles with the payslips and pay runs (records PaymentFileProduced)",
  input: ProducePaymentFileInput,
  complete: (input, ids) => ({ ...input, fileId: ids.derive('payment-file') }),
  stream: paymentFileStream,
  streamKey: (command) => command.payDate,
  prepare: (command, context) => preparePaymentFile(command.payDate, context),
  decide(command, state, _now, prepared: PreparedPaymentFile): PaymentFileProduced[] {
    // A second file of the same format for the date would have the bank pay every PA twice.
    const earlier = state.files.find((file) => file.format === command.format);
    if (earlier) {
      throw new DomainError(
        'conflict',
        'payment-file.already-produced',
        `payDate: the ${command.format} payment file for ${command.payDate} was already produced (file ${earlier.fileId})`,
      );
    }
    if (command.format === 'standard18' && command.originator.serviceUserNumber === undefined) {
      throw rule('payment-file.service-user-number-needed', 'originator.serviceUserNumber: a standard18 file needs it');
    }
    let processingDay: string;
    try {
      processingDay = processingDayOf(command);
      if (!isWorkingDay(processingDay, 'processingDay')) {
        throw rule('payment-file.processing-day', `processingDay: ${processingDay} is not a Bacs working day`);
      }
    } catch (error) {
      if (error instanceof BankHolidaysNotHeld) throw rule('payment-file.processing-day', error.message);
      throw error;
    }
    if (processingDay >= command.payDate) {
      throw rule(
        'payment-file.processing-day',
        `processingDay: ${processingDay} must be before the pay date ${command.payDate} (Bacs pays the working day after)`,
      );
    }
    const credits = creditsOf(prepared);
    if (credits.length === 0) {
      throw new DomainError(
        'not-found',
        'payment-file.nothing-to-pay',
        `payDate: no payslip issued for ${command.payDate} has net pay to pay`,
      );
    }

    // Every account is checked before anything is written, so the refusal names every one at once.
    const originatorProblem = accountProblem(command.originator.sortCode, command.originator.accountNumber);
    const badAccounts = [
      ...(originatorProblem ? [`originator (${originatorProblem.rule}: ${originatorProblem.field})`] : []),
      ...credits.flatMap((slip) => {
        if (slip.bank === null) return [`employment ${slip.employmentId} (payment-file.no-bank-details)`];
        const found = accountProblem(slip.bank.sortCode, slip.bank.accountNumber);
        return found ? [`employment ${slip.employmentId} (${found.rule}: ${found.field} ${found.message})`] : [];
      }),
    ];
    if (badAccounts.length > 0) {
      throw rule('payment-file.bad-account', `these accounts cannot be paid: ${badAccounts.join('; ')}`);
    }

    const written = paymentFileText(prepared, command);
    if (written.text === null) {
      // Paths are payments[i] of the credits: named by employment id, never by a name or an account.
      const named = written.problems.map((problem) => {
        const index = /^payments\[(\d+)\]/.exec(problem.path);
        const where = index ? `employment ${credits[Number(index[1])]!.employmentId}` : problem.path;
        return `${where} (${problem.rule}: ${problem.message})`;
      });
      throw rule('payment-file.invalid', `the payment file cannot be written: ${named.join('; ')}`);
    }

    const payslipsNet = Money.sum(prepared.payslips.map((slip) => Money.of(slip.netPay)));
    const payRunsNet = Money.of(prepared.payRunsNet);
    const wagesPayable = wagesPayableOf(prepared);
    const paidBefore = alreadyPaid(prepared).map(
      (each) => `employment ${each.employmentId} has ${each.paid} of its net pay already recorded paid`,
    );
    const readBack = readBackPaymentFile(command.format, written.text);
    const fileTotal = Money.sum(readBack.payments.map((each) => each.amount));
    const mismatches = [
      ...(payslipsNet.equals(payRunsNet) ? [] : [`payslips' net pay ${payslipsNet} ≠ pay runs' net pay ${payRunsNet}`]),
      ...(payslipsNet.equals(fileTotal) ? [] : [`payslips' net pay ${payslipsNet} ≠ file total ${fileTotal}`]),
      ...(readBack.payments.length === credits.length
        ? []
        : [`${credits.length} payslips to pay ≠ ${readBack.payments.length} credits in the file`]),
      ...(payslipsNet.equals(wagesPayable)
        ? []
        : [
            `payslips' net pay ${payslipsNet} ≠ ledger wages payable ${wagesPayable}${paidBefore.length > 0 ? ` (${paidBefore.join('; ')})` : ''}`,
          ]),
    ];
    if (mismatches.length > 0) {
      const employments = [...new Set(prepared.payslips.map((slip) => slip.employmentId))].join(', ');
      throw rule(
        'payment-file.unreconciled',
        `the payment file for ${command.payDate} does not reconcile (Σ net pay = file total = pay-run totals = ledger wages payable): ${mismatches.join('; ')}; employments ${employments}`,
      );
    }

    const recipients = [...new Set(prepared.payslips.map((slip) => slip.recipientId))];
    const perRecipient = recipients.map((recipientId) => {
      const mine = prepared.payslips.filter((slip) => slip.recipientId === recipientId);
      return {
        recipientId,
        payments: mine.filter((slip) => !Money.of(slip.netPay).isZero()).length,
        payslips: mine.length,
        total: Money.sum(mine.map((slip) => Money.of(slip.netPay))).toString(),
      };
    });
    return [
      {
        type: 'PaymentFileProduced',
        data: {
          fileId: command.fileId,
          payDate: command.payDate,
          format: command.format,
          processingDay,
          originator: command.originator,
          sha256: sha256Of(written.text),
          payments: credits.length,
          payslips: prepared.payslips.length,
          total: fileTotal.toString(),
          reconciliation: {
            payslipsNet: payslipsNet.toString(),
            payRunsNet: payRunsNet.toString(),
            fileTotal: fileTotal.toString(),
            wagesPayable: wagesPayable.toString(),
          },
          perRecipient,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/payment-files', status: 201 },
  cli: 'payment-file produce',
  policy: { roles: BUREAU_WRITERS, bureauWide: true },
  reply: {
    schema: z.object({
      fileId: z.string(),
      payments: z.number().int(),
      total: z.string(),
      sha256: z.string(),
    }),
    of: (command, _prepared, events) => {
      const produced = events.find((event) => event.type === 'PaymentFileProduced')?.data;
      return {
        fileId: command.fileId,
        payments: produced?.payments ?? 0,
        total: produced?.total ?? '0.00',
        sha256: produced?.sha256 ?? '',
      };
    },
  },
});
