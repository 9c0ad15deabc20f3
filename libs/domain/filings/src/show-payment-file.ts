import { BUREAU_WRITERS } from '@dpe/access';
import { defineQuery } from '@dpe/decider';
import { EdgeError } from '@dpe/errors';
import { businessDate, z } from '@dpe/schema';
import { paymentFileStream, paymentFileText, preparePaymentFile, type PaymentFileProducedData } from './payment-file';
import { sha256Of } from './fps-of-pay-run';
import { loaderAt } from './loader-at';

export const PaymentFileView = z.object({
  fileId: z.string(),
  payDate: z.string(),
  format: z.string(),
  processingDay: z.string(),
  payments: z.number().int(),
  total: z.string(),
  reconciliation: z
    .object({
      payslipsNet: z.string(),
      payRunsNet: z.string(),
      fileTotal: z.string(),
      wagesPayable: z.string().optional(),
    })
    .describe(
      'Σ payslip net pay, Σ the pay runs’ net pay, the total read back from the file and the ledger’s wages payable: equal, or no file',
    ),
  perRecipient: z.array(
    z.object({ recipientId: z.string(), payments: z.number(), payslips: z.number(), total: z.string() }),
  ),
  matchesRecord: z.boolean().describe('Whether the file written again from the events has the recorded SHA-256'),
  text: z.string().describe("The file: every PA's account and name (personal data)"),
});
export type PaymentFileView = z.output<typeof PaymentFileView>;

/**
 * A payment file produced earlier, written again from the events as they stood when it was produced (the accounts in
 * force then, the payslips of the day), with its reconciliation; `format=file` downloads the file itself.
 */
export const showPaymentFile = defineQuery({
  name: 'show-payment-file',
  summary: "Show a pay date's payment file and its reconciliation (format=file for the Standard 18 or CSV file itself)",
  params: z.strictObject({
    payDate: businessDate({ from: '2024-04-06', to: '2099-12-31' }, 'The pay date of the file'),
    fileId: z.string().uuid('must be the fileId produce-payment-file replied with'),
  }),
  response: PaymentFileView,
  http: { path: '/payment-files/:payDate/:fileId' },
  cli: 'payment-file show',
  // A file spans councils and holds every PA's account: the bureau's staff with every council's scope.
  policy: { roles: BUREAU_WRITERS, bureauWide: true },
  representations: {
    file: {
      contentType: 'text/plain; charset=us-ascii',
      fileName: (view) => `payments-${view.payDate}.${view.format === 'bulk-csv' ? 'csv' : 'txt'}`,
      render: (view) => view.text,
    },
  },
  async run({ payDate, fileId }, { store }) {
    const history = await store.readStream(paymentFileStream.streamId(payDate));
    const event = history.find((each) => (each.data as PaymentFileProducedData).fileId === fileId);
    if (!event)
      throw new EdgeError('not-found', 'payment-file.not-found', `fileId: no payment file ${fileId} for ${payDate}`);
    const file = event.data as PaymentFileProducedData;
    const load = loaderAt(store, event.globalPosition);
    const prepared = await preparePaymentFile(payDate, { load, store });
    const written = paymentFileText(prepared, {
      payDate,
      fileId,
      format: file.format,
      originator: file.originator,
      processingDay: file.processingDay,
    });
    const text = written.text ?? '';
    return {
      fileId,
      payDate,
      format: file.format,
      processingDay: file.processingDay,
      payments: file.payments,
      total: file.total,
      reconciliation: file.reconciliation,
      perRecipient: [...file.perRecipient],
      matchesRecord: written.text !== null && sha256Of(text) === file.sha256,
      text,
    };
  },
});
