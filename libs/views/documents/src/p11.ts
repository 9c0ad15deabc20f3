import { Money } from '@dpe/money';
import type { PayslipIssuedData } from '@dpe/pay-runs';
import { InvalidDocumentInput } from './errors';
import { escapeHtml, formatDate, formatMoney, taxCodeLabel, taxPeriodLabel } from './format';

/**
 * A P11-style deductions working sheet: one PA's every payslip of a tax year, one row each, with the year's totals.
 * HMRC withdrew the paper P11 with RTI, but employers must still keep these records for three years after the tax
 * year (https://www.gov.uk/paye-for-employers/keeping-records), and this is the page a PA or auditor asks for.
 */
export interface P11Document {
  readonly employer: { readonly name: string; readonly payeReference: string };
  readonly pa: { readonly name: string; readonly niNumber?: string | null };
  readonly taxYear: string;
  readonly payslips: readonly PayslipIssuedData[];
}

interface P11Column {
  readonly heading: string;
  readonly amount: (slip: PayslipIssuedData) => string;
}

const FIGURES: readonly P11Column[] = [
  { heading: 'Gross pay', amount: (s) => s.gross },
  { heading: 'Taxable pay', amount: (s) => s.taxablePay },
  { heading: 'Tax', amount: (s) => s.deductions.incomeTax },
  { heading: 'Employee NI', amount: (s) => s.deductions.employeeNic },
  { heading: 'Employer NI', amount: (s) => s.employer.employerNic },
  { heading: 'Student loan', amount: (s) => s.deductions.studentLoan },
  { heading: 'Postgraduate loan', amount: (s) => s.deductions.postgraduateLoan },
  { heading: 'Pension (employee)', amount: (s) => s.deductions.pensionEmployee },
  { heading: 'Pension (employer)', amount: (s) => s.employer.pensionEmployer },
  { heading: 'Net pay', amount: (s) => s.netPay },
];

const P11_CSS = [
  '@page { size: A4 landscape; margin: 12mm; }',
  'body { font-family: Helvetica, Arial, sans-serif; font-size: 9pt; }',
  'h1 { font-size: 14pt; margin: 0 0 4px; } p { margin: 0 0 8px; }',
  'table { width: 100%; border-collapse: collapse; } th, td { padding: 2px 4px; border-bottom: 1px solid #ccc; }',
  'th { text-align: left; background: #eee; } .num { text-align: right; white-space: nowrap; }',
  'tfoot td { font-weight: bold; border-top: 2px solid #000; }',
].join('\n');

/** Payslips in pay-date order; they must all be the one PA's employment in the document's tax year. */
function yearOf(doc: P11Document): readonly PayslipIssuedData[] {
  const employments = new Set(doc.payslips.map((slip) => slip.employmentId));
  if (employments.size > 1) {
    throw new InvalidDocumentInput('payslips', 'must all be of one employment', [...employments]);
  }
  doc.payslips.forEach((slip, i) => {
    if (slip.taxYear !== doc.taxYear) {
      throw new InvalidDocumentInput(`payslips[${i}].taxYear`, `must be ${doc.taxYear}`, slip.taxYear);
    }
  });
  return [...doc.payslips].sort((a, b) =>
    a.payDate === b.payDate ? a.payslipId.localeCompare(b.payslipId) : a.payDate < b.payDate ? -1 : 1,
  );
}

export function p11Html(doc: P11Document): string {
  const e = escapeHtml;
  const slips = yearOf(doc);
  const body = slips
    .map((slip) => {
      const period = `${taxPeriodLabel(slip.frequency, slip.taxPeriod)}: ${formatDate(slip.periodStart)} – ${formatDate(slip.periodEnd)}`;
      const cells = [
        `<td>${e(formatDate(slip.payDate))}${slip.correction ? ' (correction)' : ''}</td>`,
        `<td>${e(period)}</td>`,
        `<td>${e(taxCodeLabel(slip.taxCode, slip.week1Month1))} ${e(slip.niCategory)}</td>`,
        ...FIGURES.map((column) => `<td class="num">${e(formatMoney(column.amount(slip)))}</td>`),
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  // Totals are summed here, exactly, from each payslip's own figures (not taken from the last payslip's year to
  // date), so a reader can see the rows add up.
  const totals = FIGURES.map(
    (column) =>
      `<td class="num">${e(formatMoney(Money.sum(slips.map((s) => Money.of(column.amount(s)))).toString()))}</td>`,
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${e(`Payroll record ${doc.taxYear}: ${doc.pa.name}`)}</title>`,
    `<style>\n${P11_CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1>Payroll record (P11) ${e(doc.taxYear)}</h1>`,
    `<p>${e(doc.pa.name)}${doc.pa.niNumber ? `, NI number ${e(doc.pa.niNumber)}` : ''}. Employer ${e(doc.employer.name)}, PAYE reference ${e(doc.employer.payeReference)}.</p>`,
    '<table>',
    `<thead><tr><th>Pay date</th><th>Period</th><th>Tax code / NI</th>${FIGURES.map((c) => `<th class="num">${e(c.heading)}</th>`).join('')}</tr></thead>`,
    `<tbody>\n${body}\n</tbody>`,
    `<tfoot><tr><td colspan="3">Total (${slips.length} payslip${slips.length === 1 ? '' : 's'})</td>${totals.join('')}</tr></tfoot>`,
    '</table>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
