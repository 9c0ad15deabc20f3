import { READERS } from '@dpe/access';
import {
  bulkPaymentCsv,
  HMRC_PAYE_BANK_ACCOUNT,
  HMRC_REFERENCE_RULES,
  hmrcPaymentReference,
  InvalidBankPaymentInput,
  type BacsPayment,
} from '@dpe/bank-payments';
import { defineQuery } from '@dpe/decider';
import { Money } from '@dpe/money';
import { listPayeLiabilities, MAX_LIMIT, payeLiabilitiesProjection, type PayeLiability } from '@dpe/paye-liabilities';
import type { ReadModelRows } from '@dpe/projector';
import { z } from '@dpe/schema';
import { AsAtParams, CouncilFilter, councilsOf, readView } from './view-query';

const pounds = z.string().describe('Pounds as decimal text');

const HmrcPayment = z.object({
  recipientId: z.string(),
  councilId: z.string().nullable(),
  payeReference: z.string().nullable(),
  accountsOfficeReference: z.string().nullable(),
  taxYear: z.string(),
  taxMonth: z.number().int(),
  dueDate: z.string().describe('The 22nd after the tax month ends (electronic payment)'),
  amount: pounds.describe("The employer's PAYE outstanding for the month (the P32's due less what was paid)"),
  reference: z
    .string()
    .nullable()
    .describe(
      'The 17-character reference: Accounts Office reference, the year the tax year ends in, the tax month; ' +
        'null when the Accounts Office reference is missing or fails its check',
    ),
  payee: z.object({ sortCode: z.string(), accountNumber: z.string(), accountName: z.string() }),
  problem: z
    .string()
    .nullable()
    .describe('Why this employer cannot be paid from the file (the rule broken); null when it can'),
});
export type HmrcPayment = z.output<typeof HmrcPayment>;

/** HMRC's account every row pays (GOV.UK, "Pay employers' PAYE": see HMRC_PAYE_BANK_ACCOUNT in @dpe/bank-payments). */
const PAYEE = Object.freeze({
  sortCode: HMRC_PAYE_BANK_ACCOUNT.sortCode,
  accountNumber: HMRC_PAYE_BANK_ACCOUNT.accountNumber,
  accountName: HMRC_PAYE_BANK_ACCOUNT.accountName,
});

/** Every P32 line of the tax month in scope, every page of it (a payment file is never cut short by paging). */
function monthLines(
  rows: ReadModelRows<unknown>,
  councils: readonly string[] | 'all',
  taxYear: string,
  taxMonth: number,
): PayeLiability[] {
  const lines: PayeLiability[] = [];
  for (let offset = 0; ; offset += MAX_LIMIT) {
    const page = listPayeLiabilities(rows, { councils, taxYear, taxMonth, limit: MAX_LIMIT, offset });
    lines.push(...page);
    if (page.length < MAX_LIMIT) return lines;
  }
}

/**
 * The payment of one employer's month. The reference is always the 17-character one (hmrcPaymentReference): GOV.UK,
 * "Pay employers' PAYE" (https://www.gov.uk/pay-paye-tax/bank-details), asks for the four extra digits on a payment
 * made before the 6th of the month it is due in or on or after the 5th of the month after, and HMRC's reference checker
 * says they tell HMRC "what tax year and month your payment is for" (The National Archives' copy of
 * https://www.hmrc.gov.uk/tools/payinghmrc/paye-current-year.htm). A bureau's file is made on one day and paid on
 * another, so the reference names the month outright and HMRC allocates the payment to that month whatever day it
 * arrives. (GOV.UK asks only for the 13 characters on time and does not say the 17 are wrong then; the 17 begin with
 * the 13.)
 */
function paymentOf(line: PayeLiability): HmrcPayment {
  const row = {
    recipientId: line.recipientId,
    councilId: line.councilId,
    payeReference: line.payeReference,
    accountsOfficeReference: line.accountsOfficeReference,
    taxYear: line.taxYear,
    taxMonth: line.taxMonth,
    dueDate: line.dueDate,
    amount: line.outstanding,
    payee: { ...PAYEE },
  };
  // Not dropped: the operator must see an employer that owes HMRC and cannot be paid, and why.
  if (line.accountsOfficeReference === null) {
    return {
      ...row,
      reference: null,
      problem: `${HMRC_REFERENCE_RULES.accountsOfficeReference}: no Accounts Office reference is recorded for this employer (register-as-employer records it)`,
    };
  }
  let reference: string;
  try {
    reference = hmrcPaymentReference(line.accountsOfficeReference, line.taxYear, line.taxMonth);
  } catch (error) {
    if (!(error instanceof InvalidBankPaymentInput)) throw error;
    return {
      ...row,
      reference: null,
      problem: error.problems.map((problem) => `${problem.rule}: ${problem.path} ${problem.message}`).join('; '),
    };
  }
  // The file's own checks (the account, the amount within the Bacs item limit), one row at a time, so that a row the
  // file would refuse is named here and left out of it instead of refusing the whole file.
  const checked = bulkPaymentCsv([creditOf({ ...row, reference })]);
  const problem = checked.problems.map((each) => `${each.rule}: ${each.message}`).join('; ');
  return { ...row, reference, problem: problem === '' ? null : problem };
}

/** One credit to HMRC Cumbernauld, as the bank bulk-payment CSV takes it. */
function creditOf(payment: Pick<HmrcPayment, 'amount' | 'payee'> & { readonly reference: string }): BacsPayment {
  return { ...payment.payee, amount: payment.amount, reference: payment.reference };
}

/**
 * The bank bulk-payment CSV (with its header) of the payable rows: one credit each to HMRC Cumbernauld with its
 * 17-character reference (fits the bank's 18 characters; letters and digits only). Rows with a problem are left out;
 * the JSON answer says why.
 */
export function hmrcPaymentsCsv(payments: readonly HmrcPayment[]): string {
  const credits = payments.flatMap((payment) =>
    payment.problem === null && payment.reference !== null
      ? [creditOf({ amount: payment.amount, payee: payment.payee, reference: payment.reference })]
      : [],
  );
  const written = bulkPaymentCsv(credits, { header: true });
  // Each row was checked alone when the answer was made, so this cannot refuse; if it ever did, no file is written.
  if (written.text === null) throw new InvalidBankPaymentInput(written.problems);
  return written.text;
}

/**
 * What the bureau pays HMRC for a tax month: one payment per employer (PAYE scheme) with something outstanding, in
 * recipient order (the P32's order within a month), to HMRC Cumbernauld with the 17-character reference, and
 * `format=file` for the bank's bulk-payment CSV. A quarterly payer pays the quarter's sum under the quarter's last
 * month (3, 6, 9 or 12, as hmrcPaymentReference says): this query stays monthly (show-paye-quarters shows whether an
 * employer may pay quarterly).
 */
export const listHmrcPayments = defineQuery({
  name: 'list-hmrc-payments',
  summary:
    "The PAYE to pay HMRC for a tax month, per employer: its outstanding, HMRC's account and the 17-character " +
    'reference (format=file for the bulk-payment CSV)',
  params: z.strictObject({
    ...CouncilFilter,
    taxYear: z
      .string()
      .regex(/^\d{4}-\d{2}$/, 'must be a tax year such as 2026-27')
      .describe('The tax year, e.g. 2026-27'),
    taxMonth: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be 1 to 12')
      .max(12, 'must be 1 to 12')
      .describe('The tax month, 1 (6 April to 5 May) to 12'),
    ...AsAtParams,
  }),
  response: z.array(HmrcPayment),
  http: { path: '/paye-liabilities/hmrc-payments' },
  cli: 'hmrc-payments',
  policy: { roles: READERS, councilOfItem: (row) => row.councilId },
  representations: {
    file: {
      contentType: 'text/csv; charset=utf-8',
      // Every row is of the month asked for; an empty answer has none to name it by.
      fileName: (payments) =>
        payments[0]
          ? `hmrc-payments-${payments[0].taxYear}-m${String(payments[0].taxMonth).padStart(2, '0')}.csv`
          : 'hmrc-payments.csv',
      render: (payments) => hmrcPaymentsCsv(payments),
    },
  },
  run: ({ councilId, taxYear, taxMonth, asAt, knownOn, asAtPosition }, context) =>
    readView(context, payeLiabilitiesProjection, { asAt, knownOn, asAtPosition }, (rows) =>
      monthLines(rows, councilsOf(context, councilId), taxYear, taxMonth)
        .filter((line) => Money.of(line.outstanding).isPositive())
        .map(paymentOf),
    ),
});
