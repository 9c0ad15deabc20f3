import { READERS } from '@dpe/access';
import { defineQuery } from '@dpe/decider';
import { Money } from '@dpe/money';
import { businessDate, z } from '@dpe/schema';
import { alreadyPaid, paymentFileStream, preparePaymentFile, type PaymentFileProducedData } from './payment-file';

const pounds = z.string().describe('Pounds as decimal text');
const STATUSES = ['to-pay', 'in-file', 'paid-outside-file', 'mismatch'] as const;
type Status = (typeof STATUSES)[number];

const EmployerRow = z.object({
  recipientId: z.string(),
  payRuns: z.array(z.object({ payRunId: z.string(), payslips: z.number().int(), netPay: pounds })),
  payslips: z.number().int(),
  payslipsNet: pounds.describe("Σ the net pay of the employer's payslips of the date"),
  payRunsNet: pounds.describe("Σ the net pay its pay runs' PayRunCompleted recorded"),
  wagesPayable: pounds.describe('What the ledger owes its PAs for the date: net pay accrued less already paid'),
  alreadyPaid: z.array(z.object({ employmentId: z.string(), paid: pounds })),
  inFile: pounds.nullable().describe("The employer's total in the latest file produced for the date; null: none yet"),
  status: z
    .enum(STATUSES)
    .describe(
      'to-pay: no file yet, the ledger owes every payslip (a file reconciles); in-file: the file pays exactly the payslips; paid-outside-file: every payslip already recorded paid, no file; mismatch: anything else',
    ),
  reconciled: z.boolean().describe('Anything but mismatch'),
});

/**
 * The reconciliation of a pay date, per employer and its pay runs: Σ payslip net pay = Σ pay-run net pay = the
 * ledger's wages payable = the payment file's total (issue 10: "a reconciliation report per pay run shows Σ net pay =
 * payment file total = ledger debits, and any mismatch blocks the file"). It is worked out from the same prepared
 * figures produce-payment-file reconciles, so `fileBlockedBy` is what would refuse the file; for a file already
 * produced, the file's total is the one read back from its text when it was produced. Net pay paid by another route
 * (record-payment, without a file) reconciles as paid-outside-file: the ledger owes nothing more.
 */
export const showPaymentReconciliation = defineQuery({
  name: 'show-payment-reconciliation',
  summary:
    "A pay date's reconciliation per employer and pay run: payslips' net pay, pay runs' net pay, the ledger's wages payable and the payment file's total",
  params: z.strictObject({
    payDate: businessDate({ from: '2024-04-06', to: '2099-12-31' }, 'The pay date to reconcile'),
  }),
  response: z.object({
    payDate: z.string(),
    employers: z.array(EmployerRow),
    totals: z.object({ payslipsNet: pounds, payRunsNet: pounds, wagesPayable: pounds, inFile: pounds.nullable() }),
    files: z.array(
      z.object({
        fileId: z.string(),
        format: z.string(),
        payments: z.number().int(),
        total: pounds,
        sha256: z.string(),
      }),
    ),
    reconciled: z.boolean().describe('Every employer reconciles'),
    fileBlockedBy: z
      .array(z.object({ recipientId: z.string(), employmentId: z.string(), paid: pounds }))
      .describe('No file yet: the net pay already recorded paid, which a file would pay twice, so it is refused'),
  }),
  http: { path: '/payment-files/:payDate/reconciliation' },
  cli: 'payment-file reconcile',
  // It spans every council's employers, as the file does; it holds ids and sums only, no PA's name or account.
  policy: { roles: READERS, bureauWide: true },
  async run({ payDate }, { load, store }) {
    const prepared = await preparePaymentFile(payDate, { load, store });
    const files = (await store.readStream(paymentFileStream.streamId(payDate))).map(
      (event) => event.data as PaymentFileProducedData,
    );
    const latest = files[files.length - 1];
    const recipients = [
      ...new Set([
        ...prepared.payslips.map((slip) => slip.recipientId),
        ...prepared.runs.map((run) => run.recipientId),
      ]),
    ].sort();
    const sumOf = (amounts: readonly string[]) => Money.sum(amounts.map((amount) => Money.of(amount)));
    const employers = recipients.map((recipientId) => {
      const slips = prepared.payslips.filter((slip) => slip.recipientId === recipientId);
      const runs = prepared.runs.filter((run) => run.recipientId === recipientId);
      const ledger = prepared.wagesPayable.filter((each) => each.recipientId === recipientId);
      const payslipsNet = sumOf(slips.map((slip) => slip.netPay));
      const payRunsNet = sumOf(runs.map((run) => run.netPay));
      const wagesPayable = sumOf(ledger.map((each) => each.outstanding));
      const filed = latest?.perRecipient.find((each) => each.recipientId === recipientId);
      const inFile = latest ? (filed?.total ?? '0.00') : null;
      const paidBefore = payslipsNet.minus(wagesPayable);
      // Once a file has paid the wages, payments recorded after it lower what the ledger owes: the file's own total is
      // compared with the payslips instead.
      const status: Status = !payslipsNet.equals(payRunsNet)
        ? 'mismatch'
        : inFile !== null
          ? Money.of(inFile).equals(payslipsNet)
            ? 'in-file'
            : 'mismatch'
          : wagesPayable.equals(payslipsNet)
            ? 'to-pay'
            : wagesPayable.isZero() && paidBefore.equals(payslipsNet)
              ? 'paid-outside-file'
              : 'mismatch';
      return {
        recipientId,
        payRuns: runs.map((run) => {
          const mine = slips.filter((slip) => slip.payRunId === run.payRunId);
          return { payRunId: run.payRunId, payslips: mine.length, netPay: run.netPay };
        }),
        payslips: slips.length,
        payslipsNet: payslipsNet.toString(),
        payRunsNet: payRunsNet.toString(),
        wagesPayable: wagesPayable.toString(),
        alreadyPaid: ledger
          .filter((each) => !Money.of(each.paid).isZero())
          .map((each) => ({ employmentId: each.employmentId, paid: each.paid })),
        inFile,
        status,
        reconciled: status !== 'mismatch',
      };
    });
    const total = (of: (row: (typeof employers)[number]) => string) => sumOf(employers.map(of)).toString();
    return {
      payDate,
      employers,
      totals: {
        payslipsNet: total((row) => row.payslipsNet),
        payRunsNet: total((row) => row.payRunsNet),
        wagesPayable: total((row) => row.wagesPayable),
        inFile: latest ? latest.total : null,
      },
      files: files.map((file) => ({
        fileId: file.fileId,
        format: file.format,
        payments: file.payments,
        total: file.total,
        sha256: file.sha256,
      })),
      reconciled: employers.every((row) => row.reconciled),
      fileBlockedBy: latest
        ? []
        : alreadyPaid(prepared).map(({ recipientId, employmentId, paid }) => ({ recipientId, employmentId, paid })),
    };
  },
});
