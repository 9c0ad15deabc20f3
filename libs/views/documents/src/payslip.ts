import { Money } from '@dpe/money';
import type { PayslipIssuedData } from '@dpe/pay-runs';
import {
  documentDate,
  escapeHtml,
  formatDate,
  formatMoney,
  formatQuantity,
  formatRate,
  formatSortCode,
  maskedAccount,
  taxCodeLabel,
  taxPeriodLabel,
} from './format';
import { A4, BOLD, MARGIN, type Pdf, renderPdf, rule, shade, textAt, textRight } from './pdf';

/** What a payslip needs beyond the PayslipIssued event: who employs, who is paid (personal data kept off the stream). */
export interface PayslipDocument {
  readonly employer: { readonly name: string; readonly payeReference: string };
  readonly pa: { readonly name: string; readonly niNumber?: string | null };
  readonly payslip: PayslipIssuedData;
}

export interface Field {
  readonly label: string;
  readonly value: string;
}

export interface PaymentRow {
  readonly description: string;
  /** "40.00 × £12.21", or empty when the line is a lump sum. */
  readonly quantityRate: string;
  readonly amount: string;
}

/**
 * A payslip laid out as text, once, so the PDF and the HTML show the same figures under the same words. Everything
 * is already formatted; the renderers only place it.
 */
export interface PayslipView {
  readonly title: string;
  readonly employer: { readonly name: string; readonly payeReference: string };
  readonly employee: readonly Field[];
  readonly period: readonly Field[];
  readonly payments: { readonly rows: readonly PaymentRow[]; readonly gross: string };
  readonly deductions: { readonly rows: readonly Field[]; readonly total: string };
  readonly netPay: string;
  readonly paidTo: string;
  readonly employerCosts: readonly Field[];
  readonly yearToDate: readonly Field[];
  readonly holiday: readonly Field[];
  readonly reference: string;
}

const FREQUENCY_WORDS: Readonly<Record<string, string>> = {
  weekly: 'weekly',
  fortnightly: 'fortnightly',
  'four-weekly': 'four-weekly',
  monthly: 'monthly',
};

export function payslipView(doc: PayslipDocument): PayslipView {
  const slip = doc.payslip;
  const d = slip.deductions;
  // The total is the only figure not on the event: a sum of its deductions, in Money, shown so net = gross − total
  // can be checked on the page.
  const totalDeductions = Money.sum(
    [d.incomeTax, d.employeeNic, d.studentLoan, d.postgraduateLoan, d.pensionEmployee].map((amount) =>
      Money.of(amount),
    ),
  );
  const employerCosts: Field[] = [
    { label: 'Employer NI', value: formatMoney(slip.employer.employerNic) },
    { label: 'Employer pension', value: formatMoney(slip.employer.pensionEmployer) },
  ];
  if (!Money.of(slip.employer.employmentAllowance).isZero()) {
    employerCosts.push({
      label: 'Employer NI met by employment allowance',
      value: formatMoney(slip.employer.employmentAllowance),
    });
  }
  return {
    title: slip.correction ? 'Payslip (supplementary: correction)' : 'Payslip',
    employer: { name: doc.employer.name, payeReference: doc.employer.payeReference },
    employee: [
      { label: 'Name', value: doc.pa.name },
      { label: 'NI number', value: doc.pa.niNumber ?? 'not known' },
      { label: 'Payroll ID', value: slip.payrollId },
      { label: 'Tax code', value: taxCodeLabel(slip.taxCode, slip.week1Month1) },
      { label: 'NI category', value: slip.niCategory },
    ],
    period: [
      { label: 'Pay date', value: formatDate(slip.payDate) },
      { label: 'Pay period', value: `${formatDate(slip.periodStart)} – ${formatDate(slip.periodEnd)}` },
      {
        label: 'Tax period',
        value: `${taxPeriodLabel(slip.frequency, slip.taxPeriod)} (${FREQUENCY_WORDS[slip.frequency] ?? slip.frequency})`,
      },
      { label: 'Tax year', value: slip.taxYear },
    ],
    payments: {
      rows: slip.lines.map((line) => ({
        description: line.description,
        quantityRate:
          line.quantity !== null && line.rate !== null
            ? `${formatQuantity(line.quantity)} × ${formatRate(line.rate)}`
            : '',
        amount: formatMoney(line.amount),
      })),
      gross: formatMoney(slip.gross),
    },
    deductions: {
      rows: [
        { label: 'Income tax', value: formatMoney(d.incomeTax) },
        { label: 'Employee NI', value: formatMoney(d.employeeNic) },
        { label: 'Student loan', value: formatMoney(d.studentLoan) },
        { label: 'Postgraduate loan', value: formatMoney(d.postgraduateLoan) },
        { label: 'Pension (employee)', value: formatMoney(d.pensionEmployee) },
      ],
      total: formatMoney(totalDeductions.toString()),
    },
    netPay: formatMoney(slip.netPay),
    paidTo: `Sort code ${formatSortCode(slip.paidTo.sortCode)}, account ${maskedAccount(slip.paidTo.accountEnding)}`,
    employerCosts,
    yearToDate: [
      { label: 'Gross pay', value: formatMoney(slip.ytd.gross) },
      { label: 'Taxable pay', value: formatMoney(slip.ytd.taxablePay) },
      { label: 'Income tax', value: formatMoney(slip.ytd.tax) },
      { label: 'Employee NI', value: formatMoney(slip.ytd.employeeNic) },
      { label: 'Student loan', value: formatMoney(slip.ytd.studentLoan) },
      { label: 'Postgraduate loan', value: formatMoney(slip.ytd.postgraduateLoan) },
      { label: 'Pension (employee)', value: formatMoney(slip.ytd.pensionEmployee) },
    ],
    holiday: [
      { label: 'Holiday accrued', value: `${formatQuantity(slip.holiday.accruedHours)} hours` },
      { label: 'Holiday taken', value: `${formatQuantity(slip.holiday.takenHours)} hours` },
    ],
    reference: `Payslip ${slip.payslipId} · pay run ${slip.payRunId}`,
  };
}

// ---- PDF ----

const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const GUTTER = 20;
const HALF = (CONTENT_WIDTH - GUTTER) / 2;

/** Rows the fixed parts take; the payment lines are the only part that grows. */
const FIXED_ROWS = 42;
const ROW = 14;

export function payslipPdf(doc: PayslipDocument): Promise<Buffer> {
  const view = payslipView(doc);
  return renderPdf(
    {
      title: `${view.title}: ${doc.pa.name}, ${formatDate(doc.payslip.payDate)}`,
      author: doc.employer.name,
      subject: `Payslip for pay date ${doc.payslip.payDate}`,
      date: documentDate(doc.payslip.payDate),
    },
    (pdf) => drawPayslip(pdf, view),
  );
}

function drawPayslip(pdf: Pdf, view: PayslipView): void {
  // A long month of shifts still fits one page: rows (and the type with them) shrink rather than spill over.
  const rows = FIXED_ROWS + view.payments.rows.length;
  const row = Math.min(ROW, (A4.height - 2 * MARGIN) / rows);
  const size = Math.min(9, row * 0.66);
  const left = MARGIN;
  const right = A4.width - MARGIN;
  let y = MARGIN;

  textAt(pdf, view.title, left, y, { font: BOLD, size: 16, maxWidth: HALF });
  textRight(pdf, view.employer.name, right, y, { font: BOLD, size: 11, maxWidth: HALF });
  textRight(pdf, `PAYE reference ${view.employer.payeReference}`, right, y + 14, { size, maxWidth: HALF });
  y += 3 * row;

  const fields = (list: readonly Field[], x: number, top: number, width: number): number => {
    let at = top;
    for (const field of list) {
      // The figure is never cut; the label gives way to it.
      textRight(pdf, field.value, x + width, at, { font: BOLD, size });
      textAt(pdf, field.label, x, at, { size, maxWidth: width - pdf.font(BOLD).widthOfString(field.value) - 8 });
      at += row;
    }
    return at;
  };
  const heading = (text: string, x: number, top: number, width: number): number => {
    shade(pdf, x, top - 2, width, row);
    textAt(pdf, text, x + 3, top + 1, { font: BOLD, size, maxWidth: width - 6 });
    return top + row;
  };

  y = Math.max(fields(view.employee, left, y, HALF), fields(view.period, left + HALF + GUTTER, y, HALF)) + row;

  // Payments: description, quantity × rate, amount.
  const amountRight = right - 3;
  const rateRight = right - 110;
  y = heading('Payments', left, y, CONTENT_WIDTH);
  textAt(pdf, 'Description', left + 3, y, { font: BOLD, size });
  textRight(pdf, 'Quantity × rate', rateRight, y, { font: BOLD, size });
  textRight(pdf, 'Amount', amountRight, y, { font: BOLD, size });
  y += row;
  for (const line of view.payments.rows) {
    textAt(pdf, line.description, left + 3, y, { size, maxWidth: rateRight - 150 - left });
    textRight(pdf, line.quantityRate, rateRight, y, { size, maxWidth: 140 });
    textRight(pdf, line.amount, amountRight, y, { size, maxWidth: 100 });
    y += row;
  }
  rule(pdf, left, right, y - 2);
  textAt(pdf, 'Gross pay', left + 3, y, { font: BOLD, size });
  textRight(pdf, view.payments.gross, amountRight, y, { font: BOLD, size });
  y += 2 * row;

  // Deductions beside the year to date.
  const second = left + HALF + GUTTER;
  const deductionsTop = y;
  let l = heading('Deductions', left, deductionsTop, HALF);
  l = fields(view.deductions.rows, left + 3, l, HALF - 6);
  rule(pdf, left, left + HALF, l - 2);
  l = fields([{ label: 'Total deductions', value: view.deductions.total }], left + 3, l, HALF - 6);
  let r = heading('Year to date', second, deductionsTop, HALF);
  r = fields(view.yearToDate, second + 3, r, HALF - 6);
  y = Math.max(l, r) + row;

  // Net pay, and where it goes.
  shade(pdf, left, y - 4, CONTENT_WIDTH, 2 * row + 4);
  textAt(pdf, 'Net pay', left + 6, y, { font: BOLD, size: size + 3 });
  textRight(pdf, view.netPay, amountRight - 3, y, { font: BOLD, size: size + 3 });
  textAt(pdf, `Paid to: ${view.paidTo}`, left + 6, y + row, { size, maxWidth: CONTENT_WIDTH - 12 });
  y += 3 * row;

  // What the employer pays on top, beside holiday.
  const costsTop = y;
  l = heading('Paid by your employer (not deducted)', left, costsTop, HALF);
  l = fields(view.employerCosts, left + 3, l, HALF - 6);
  r = heading('Holiday', second, costsTop, HALF);
  r = fields(view.holiday, second + 3, r, HALF - 6);
  y = Math.max(l, r) + row;

  rule(pdf, left, right, y);
  textAt(pdf, view.reference, left, y + 4, { size: size - 1, maxWidth: CONTENT_WIDTH });
}

// ---- HTML ----

const PAYSLIP_CSS = [
  '@page { size: A4; margin: 15mm; }',
  'body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #000; max-width: 180mm; margin: 0 auto; }',
  'header { display: flex; justify-content: space-between; align-items: baseline; }',
  'h1 { font-size: 16pt; margin: 0; } h2 { font-size: 10pt; background: #eee; padding: 2px 4px; margin: 12px 0 2px; }',
  '.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 20px; }',
  'table { width: 100%; border-collapse: collapse; } td, th { padding: 2px 4px; text-align: left; }',
  '.num { text-align: right; white-space: nowrap; } tfoot td, .total td { font-weight: bold; border-top: 1px solid #777; }',
  '.net { background: #eee; padding: 6px; margin-top: 12px; font-size: 12pt; font-weight: bold; }',
  '.net span { float: right; } .paid-to { font-size: 10pt; font-weight: normal; }',
  'footer { border-top: 1px solid #777; margin-top: 12px; font-size: 8pt; }',
].join('\n');

function fieldTable(fields: readonly Field[], total?: Field): string {
  const row = (field: Field, cls = ''): string =>
    `<tr${cls}><td>${escapeHtml(field.label)}</td><td class="num">${escapeHtml(field.value)}</td></tr>`;
  return `<table><tbody>${fields.map((field) => row(field)).join('')}${total ? row(total, ' class="total"') : ''}</tbody></table>`;
}

/** A self-contained HTML page (inline CSS, no scripts, no external requests), printable on one A4 sheet. */
export function payslipHtml(doc: PayslipDocument): string {
  const view = payslipView(doc);
  const e = escapeHtml;
  const payments = view.payments.rows
    .map(
      (line) =>
        `<tr><td>${e(line.description)}</td><td class="num">${e(line.quantityRate)}</td><td class="num">${e(line.amount)}</td></tr>`,
    )
    .join('');
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${e(`${view.title}: ${doc.pa.name}, ${formatDate(doc.payslip.payDate)}`)}</title>`,
    `<style>\n${PAYSLIP_CSS}\n</style>`,
    '</head>',
    '<body>',
    `<header><h1>${e(view.title)}</h1><div><strong>${e(view.employer.name)}</strong><br>PAYE reference ${e(view.employer.payeReference)}</div></header>`,
    `<div class="grid">${fieldTable(view.employee)}${fieldTable(view.period)}</div>`,
    '<h2>Payments</h2>',
    '<table><thead><tr><th>Description</th><th class="num">Quantity × rate</th><th class="num">Amount</th></tr></thead>',
    `<tbody>${payments}</tbody>`,
    `<tfoot><tr><td colspan="2">Gross pay</td><td class="num">${e(view.payments.gross)}</td></tr></tfoot></table>`,
    '<div class="grid">',
    `<section><h2>Deductions</h2>${fieldTable(view.deductions.rows, { label: 'Total deductions', value: view.deductions.total })}</section>`,
    `<section><h2>Year to date</h2>${fieldTable(view.yearToDate)}</section>`,
    '</div>',
    `<div class="net">Net pay <span>${e(view.netPay)}</span><div class="paid-to">Paid to: ${e(view.paidTo)}</div></div>`,
    '<div class="grid">',
    `<section><h2>Paid by your employer (not deducted)</h2>${fieldTable(view.employerCosts)}</section>`,
    `<section><h2>Holiday</h2>${fieldTable(view.holiday)}</section>`,
    '</div>',
    `<footer>${e(view.reference)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
