import { Money } from '@dpe/money';
import { accountProblem, normaliseAccountNumber, normaliseSortCode } from './account';
import { type PaymentProblem } from './errors';
import { BACS_RULES, BACS_ITEM_LIMIT, type BacsPayment } from './standard18';

/**
 * The plain bulk-payment CSV many UK banks import for a batch of payments (the columns of, for example, Paygate's
 * "BACS Payment Editor CSV format", https://portal.paygate.cloud/PaygateEnterprise2.1.2/BACSPaymentEditorCSVFormat.html,
 * trimmed to what the payee needs): payee name, sort code, account number, amount in pounds, reference. One line per
 * payment, CRLF line ends ("Use CRLF characters as line terminator", ibid.), no header unless asked. The bank applies
 * its own character rules, so names and references are written as given, only made safe for a spreadsheet.
 */
export const BULK_CSV_COLUMNS = ['Payee name', 'Sort code', 'Account number', 'Amount', 'Reference'] as const;

export type BulkCsvResult =
  | { readonly text: string; readonly problems: readonly [] }
  | { readonly text: null; readonly problems: readonly PaymentProblem[] };

/**
 * A cell a spreadsheet will not run as a formula. OWASP, "CSV Injection" (https://owasp.org/www-community/attacks/
 * CSV_Injection): a cell beginning with =, +, - or @ (or tab or carriage return) is read as a formula, so it is
 * prefixed with a single quote; then, as RFC 4180 §2 asks, a cell holding a comma, quote or line break is quoted with
 * its quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV for the payments, refused whole (text null, every problem listed) if any account or amount is bad. */
export function bulkPaymentCsv(
  payments: readonly BacsPayment[],
  options: { readonly header?: boolean } = {},
): BulkCsvResult {
  const problems: PaymentProblem[] = [];
  const rows: string[][] = [];
  payments.forEach((payment, index) => {
    const path = `payments[${index}]`;
    const found = accountProblem(payment.sortCode, payment.accountNumber);
    if (found) problems.push({ path: `${path}.${found.field}`, rule: found.rule, message: found.message });
    let amount: Money | undefined;
    try {
      amount =
        payment.amount instanceof Money
          ? payment.amount
          : Money.parse(payment.amount, `${path}.amount`, { allowNegative: true });
    } catch {
      amount = undefined;
    }
    if (amount === undefined || amount.amount.decimalPlaces() > 2) {
      problems.push({
        path: `${path}.amount`,
        rule: BACS_RULES.amountFormat,
        message: 'must be pounds and pence such as "1234.56"',
      });
    } else if (!amount.isPositive()) {
      problems.push({ path: `${path}.amount`, rule: BACS_RULES.amountNotPositive, message: 'must be more than £0.00' });
    } else if (amount.greaterThan(BACS_ITEM_LIMIT)) {
      problems.push({
        path: `${path}.amount`,
        rule: BACS_RULES.amountOverItemLimit,
        message: `must not exceed the Bacs item limit of £${BACS_ITEM_LIMIT}`,
      });
    }
    if (found || amount === undefined) return;
    rows.push([
      payment.accountName,
      normaliseSortCode(payment.sortCode)!,
      normaliseAccountNumber(payment.accountNumber)!,
      amount.toString(),
      payment.reference,
    ]);
  });
  if (problems.length > 0) return { text: null, problems };
  const lines = (options.header ? [[...BULK_CSV_COLUMNS], ...rows] : rows).map((row) => row.map(csvCell).join(','));
  return { text: lines.map((line) => `${line}\r\n`).join(''), problems: [] };
}
