import { escapeHtml, formatDate, formatMoney } from './format';

/**
 * The employer's payment record (HMRC's P32) printed: each tax month's PAYE, the reductions against it and what is
 * due by the 22nd, in quarters. Its figures are the PAYE liabilities view's, passed through and only formatted.
 */
export interface P32Month {
  readonly taxMonth: number;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly dueDate: string;
  readonly incomeTax: string;
  readonly employeeNic: string;
  readonly employerNic: string;
  readonly studentLoan: string;
  readonly postgraduateLoan: string;
  readonly employmentAllowance: string;
  readonly statutoryPayRecovered: string;
  readonly due: string;
  readonly paid: string;
  readonly outstanding: string;
  readonly overdue: boolean;
}

export interface P32Document {
  readonly employer: { readonly name: string; readonly payeReference: string | null };
  readonly taxYear: string;
  readonly asOf: string;
  readonly quarters: readonly {
    readonly quarter: number;
    readonly due: string;
    readonly paid: string;
    readonly outstanding: string;
    readonly months: readonly P32Month[];
  }[];
}

const COLUMNS: readonly [string, (month: P32Month) => string][] = [
  ['Income tax', (m) => m.incomeTax],
  ['Employee NI', (m) => m.employeeNic],
  ['Employer NI', (m) => m.employerNic],
  ['Student loan', (m) => m.studentLoan],
  ['Postgraduate loan', (m) => m.postgraduateLoan],
  ['Employment allowance', (m) => m.employmentAllowance],
  ['Statutory pay recovered', (m) => m.statutoryPayRecovered],
  ['Due', (m) => m.due],
  ['Paid', (m) => m.paid],
  ['Outstanding', (m) => m.outstanding],
];

export function p32Html(doc: P32Document): string {
  const e = escapeHtml;
  const rows = doc.quarters
    .flatMap((quarter) => [
      ...quarter.months.map(
        (m) =>
          `<tr${m.overdue ? ' class="overdue"' : ''}><td>Month ${m.taxMonth}</td><td>${e(formatDate(m.periodStart))} – ${e(formatDate(m.periodEnd))}</td><td>${e(formatDate(m.dueDate))}</td>` +
          COLUMNS.map(([, of]) => `<td class="num">${e(formatMoney(of(m)))}</td>`).join('') +
          '</tr>',
      ),
      `<tr class="quarter"><td colspan="${3 + COLUMNS.length - 3}">Quarter ${quarter.quarter}</td><td class="num">${e(formatMoney(quarter.due))}</td><td class="num">${e(formatMoney(quarter.paid))}</td><td class="num">${e(formatMoney(quarter.outstanding))}</td></tr>`,
    ])
    .join('\n');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>P32 ${e(doc.taxYear)} – ${e(doc.employer.name)}</title>`,
    '<style>@page { size: A4 landscape; margin: 12mm; } body { font: 9pt Helvetica, Arial, sans-serif; } table { width: 100%; border-collapse: collapse; } th, td { padding: 2px 4px; border-bottom: 1px solid #ccc; } th { text-align: left; background: #eee; } .num { text-align: right; white-space: nowrap; } .quarter td { font-weight: bold; border-top: 2px solid #000; } .overdue td { color: #a00; }</style>',
    '</head><body>',
    `<h1>Employer payment record (P32), ${e(doc.taxYear)}</h1>`,
    `<p>${e(doc.employer.name)} · PAYE reference ${e(doc.employer.payeReference ?? 'not registered')} · as at ${e(formatDate(doc.asOf))}</p>`,
    `<table><thead><tr><th>Tax month</th><th>Period</th><th>Due by</th>${COLUMNS.map(([heading]) => `<th class="num">${e(heading)}</th>`).join('')}</tr></thead>`,
    `<tbody>${rows}</tbody></table>`,
    '</body></html>',
  ].join('\n');
}
