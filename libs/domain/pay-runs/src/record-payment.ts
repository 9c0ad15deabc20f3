import { BUREAU_WRITERS } from '@dpe/access';
import { defineCommand } from '@dpe/decider';
import { EmploymentId } from '@dpe/employment';
import { DomainError } from '@dpe/errors';
import { Money } from '@dpe/money';
import { RecipientId, recipientNotFound, recipientStream, type RecipientState } from '@dpe/recipients';
import { businessDate, poundsAmount, text, z } from '@dpe/schema';
import { taxYear, taxYearOf } from '@dpe/tax-calendar';
import { owed, payrollKey, payrollStream, type PaymentRecorded, type PaymentRecordedData } from './payroll-stream';

const DATES = { from: '2024-04-06', to: '2099-12-31' };

const Settles = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('net-pay'),
    employmentId: EmploymentId,
    payDate: businessDate(DATES, 'The pay date of the payslip paid'),
  }),
  z.strictObject({
    kind: z.literal('paye'),
    taxYear: z.string().regex(/^\d{4}-\d{2}$/, 'must be a tax year such as "2026-27"'),
    taxMonth: z.number().int().min(1, 'must be 1 to 12').max(12, 'must be 1 to 12'),
  }),
  z.strictObject({ kind: z.literal('pension'), payDate: businessDate(DATES, 'The pay date whose pension is paid') }),
]);

const PAYEE_OF = { 'net-pay': 'pa', paye: 'hmrc', pension: 'pension-provider' } as const;

/** The tax year whose payroll stream holds what the payment settles. */
function taxYearSettled(settles: PaymentRecordedData['settles']): string {
  return settles.kind === 'paye' ? taxYear(settles.taxYear).id : taxYearOf(settles.payDate).id;
}

export const recordPayment = defineCommand({
  name: 'record-payment',
  summary: 'Record a payment of what payroll owes: a PA’s net pay, PAYE to HMRC, or pension (records PaymentRecorded)',
  input: z.strictObject({
    recipientId: RecipientId,
    settles: Settles.describe('What the payment settles'),
    amount: poundsAmount({ max: '250000.00', allowZero: false, description: 'Amount paid, e.g. "412.50"' }),
    paidOn: businessDate(DATES, 'The day the money left the DP account'),
    reference: text(64, 'The payment reference (Bacs reference, HMRC payment reference)'),
  }),
  complete: (input, ids) => ({ ...input, paymentId: ids.derive('payment') }),
  stream: payrollStream,
  streamKey: (command) => payrollKey(command.recipientId, taxYearSettled(command.settles)),
  prepare: async (command, { load }) => ({ recipient: await load(recipientStream, command.recipientId) }),
  decide(command, state, _now, { recipient }: { recipient: RecipientState }): PaymentRecorded[] {
    if (recipient.status !== 'enrolled') throw recipientNotFound(command.recipientId);
    const outstanding = owed(state, command.settles);
    // A payment is for something owed: more than is outstanding is refused (an overpayment of a PA or HMRC is money
    // the council would have to recover); less leaves the rest outstanding.
    if (Money.of(command.amount).greaterThan(outstanding)) {
      throw new DomainError(
        'rule',
        'payment.more-than-owed',
        `amount: ${command.amount} is more than the ${outstanding.toString()} still owed for ${describe(command.settles)}`,
      );
    }
    return [
      {
        type: 'PaymentRecorded',
        data: {
          paymentId: command.paymentId,
          recipientId: command.recipientId,
          payee: PAYEE_OF[command.settles.kind],
          settles: command.settles,
          amount: command.amount,
          paidOn: command.paidOn,
          reference: command.reference,
        },
      },
    ];
  },
  http: { method: 'POST', path: '/recipients/:recipientId/payments', status: 201 },
  policy: {
    roles: BUREAU_WRITERS,
    councilOfPrepared: ({ recipient }: { recipient: RecipientState }) =>
      recipient.status === 'enrolled' ? recipient.councilId : undefined,
    notFound: (command) => recipientNotFound(command.recipientId),
  },
  reply: {
    schema: z.object({ paymentId: z.string() }),
    of: (command) => ({ paymentId: command.paymentId }),
  },
});

function describe(settles: PaymentRecordedData['settles']): string {
  switch (settles.kind) {
    case 'net-pay':
      return `the net pay of employment ${settles.employmentId} on ${settles.payDate}`;
    case 'paye':
      return `PAYE of tax month ${settles.taxMonth} of ${settles.taxYear}`;
    case 'pension':
      return `pension of pay date ${settles.payDate}`;
  }
}
