import { Money } from '@dpe/money';
import { InvalidDocumentInput } from './errors';

/**
 * Every figure reaches a document as the decimal text the payroll events carry. These helpers only lay it out
 * (pound sign, thousand separators, two places): they parse through Money, so no JavaScript float ever holds money.
 */

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1234.5" → "£1,234.50"; "-12" → "-£12.00". */
export function formatMoney(text: string): string {
  const money = Money.of(text);
  const fixed = money.toString();
  const negative = money.isNegative();
  const [pounds = '0', pence = '00'] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}£${groupThousands(pounds)}.${pence}`;
}

/**
 * Tax deducted that is negative is a refund: HMRC's P45 and P60 print the amount with an "R" beside it rather than
 * a minus sign ("if refund mark 'R'").
 */
export function formatTaxDeducted(text: string): string {
  const money = Money.of(text);
  return money.isNegative() ? `${formatMoney(money.negated().toString())} R` : formatMoney(text);
}

/** Whole pounds, pence dropped: the P60's "Student Loan deductions in this employment (whole £s only)". */
export function formatWholePounds(text: string): string {
  const pounds = Money.of(text).roundDownToPound().toString().replace(/\.00$/, '');
  const negative = pounds.startsWith('-');
  return `${negative ? '-' : ''}£${groupThousands(negative ? pounds.slice(1) : pounds)}`;
}

/**
 * A rate as given, never rounded (an hourly rate may carry more than two places): at least two places, with £ and
 * separators, so "12.21" → "£12.21" and "10.8375" → "£10.8375".
 */
export function formatRate(text: string): string {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) throw new InvalidDocumentInput('rate', 'must be a decimal number', text);
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? trimmed.slice(1) : trimmed).split('.');
  const places = fraction.length < 2 ? fraction.padEnd(2, '0') : fraction;
  return `${negative ? '-' : ''}£${groupThousands(whole.replace(/^0+(?=\d)/, ''))}.${places}`;
}

/** A line's quantity (hours, nights) exactly as recorded, e.g. "40.00" or "7.5". */
export function formatQuantity(text: string): string {
  const trimmed = text.trim();
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) throw new InvalidDocumentInput('quantity', 'must be a decimal number', text);
  return trimmed;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * "2025-04-30" → "30 April 2025". Read from the text, not through Date, so no time zone can move a pay date by a day;
 * the month is spelt out so nobody reads 04/05 the American way.
 */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || month === undefined || Number(match[3]) < 1 || Number(match[3]) > 31) {
    throw new InvalidDocumentInput('date', 'must be an ISO date such as 2025-04-30', iso);
  }
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** A fixed instant for a document's metadata, so the same payslip renders to the same bytes every time. */
export function documentDate(iso: string): Date {
  formatDate(iso);
  return new Date(`${iso}T12:00:00Z`);
}

/** "200000" → "20-00-00"; anything not six digits (already masked, already hyphenated) is shown as it is. */
export function formatSortCode(sortCode: string): string {
  return /^\d{6}$/.test(sortCode) ? `${sortCode.slice(0, 2)}-${sortCode.slice(2, 4)}-${sortCode.slice(4)}` : sortCode;
}

/** The last four digits of an account number behind asterisks ("1234" or "12341234" → "****1234"). */
export function maskedAccount(accountNumberOrEnding: string): string {
  const digits = accountNumberOrEnding.replace(/\D/g, '');
  return `****${digits.slice(-4)}`;
}

/** HMRC's tax code with the non-cumulative marker payroll software prints beside it. */
export function taxCodeLabel(taxCode: string, week1Month1: boolean): string {
  return week1Month1 ? `${taxCode} W1/M1` : taxCode;
}

/** Monthly pay counts in tax months; weekly, fortnightly and four-weekly pay in tax weeks (the FPS's MonthNo/WeekNo). */
export function taxPeriodLabel(frequency: string, taxPeriod: number): string {
  return `${frequency === 'monthly' ? 'Month' : 'Week'} ${taxPeriod}`;
}

/** Text made safe for HTML body and attribute values: names and descriptions are user input. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
