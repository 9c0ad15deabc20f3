import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PayslipIssuedData } from '@dpe/pay-runs';
import { payslipHtml, payslipPdf, type PayslipDocument } from './payslip';
import { pdfInfo, pdfText, requirePoppler, withPdfFile } from '../test/poppler';

/**
 * A weekly payslip worked by hand (tax week 5 of 2025-26):
 *   standard   40 h × £12.21 = £488.40
 *   weekend     8 h × £18.32 = £146.56
 *   sleep-in    2 nights × £45.00 = £90.00
 *   holiday     8 h × £12.21 = £97.68
 *   gross = 488.40 + 146.56 + 90.00 + 97.68 = £822.64
 *   deductions: tax 116.20 + employee NI 46.45 + student loan 26.00 + postgraduate loan 0.00 + pension 35.13 = £223.78
 *   net = 822.64 − 223.78 = £598.86
 * Year to date is five such weeks: gross 5 × 822.64 = £4,113.20, NI 5 × 46.45 = £232.25, pension 5 × 35.13 = £175.65.
 */
const FULL_ACCOUNT_NUMBER = '41241234';

const payslip: PayslipIssuedData = {
  payslipId: 'ps-2025-26-w05-e1',
  payRunId: 'run-2025-05-09',
  recipientId: 'r-1',
  employmentId: 'e-1',
  payrollId: 'PA-007',
  payDate: '2025-05-09',
  taxYear: '2025-26',
  frequency: 'weekly',
  taxPeriod: 5,
  periodStart: '2025-04-28',
  periodEnd: '2025-05-04',
  correction: false,
  lines: [
    {
      kind: 'hours',
      description: 'Standard hours',
      quantity: '40.00',
      rate: '12.21',
      amount: '488.40',
      taxable: true,
      source: 'ts-1',
    },
    {
      kind: 'hours',
      description: 'Weekend hours',
      quantity: '8.00',
      rate: '18.32',
      amount: '146.56',
      taxable: true,
      source: 'ts-1',
    },
    {
      kind: 'sleep-in',
      description: 'Sleep-in nights',
      quantity: '2',
      rate: '45.00',
      amount: '90.00',
      taxable: true,
      source: 'ts-1',
    },
    {
      kind: 'holiday-pay',
      description: 'Holiday pay',
      quantity: '8.00',
      rate: '12.21',
      amount: '97.68',
      taxable: true,
      source: 'abs-1',
    },
  ],
  gross: '822.64',
  taxablePay: '822.64',
  niablePay: '822.64',
  taxCode: '1257L',
  week1Month1: true,
  niCategory: 'A',
  deductions: {
    incomeTax: '116.20',
    employeeNic: '46.45',
    studentLoan: '26.00',
    postgraduateLoan: '0.00',
    pensionEmployee: '35.13',
  },
  employer: { employerNic: '109.00', employmentAllowance: '109.00', pensionEmployer: '21.08' },
  niBands: { atLel: '125.00', lelToPt: '117.00', ptToUel: '580.64' },
  netPay: '598.86',
  ytd: {
    gross: '4113.20',
    taxablePay: '4113.20',
    tax: '581.00',
    employeeNic: '232.25',
    employerNic: '545.00',
    studentLoan: '130.00',
    postgraduateLoan: '0.00',
    pensionEmployee: '175.65',
    pensionEmployer: '105.40',
    ssp: '0.00',
  },
  pension: { assessment: 'eligible-jobholder', enrolled: true },
  holiday: { accruedHours: '9.87', takenHours: '8.00' },
  minimumWage: { requiredRate: '12.21', hours: '48.00', pay: '634.96' },
  inputs: {
    timesheetIds: ['ts-1'],
    absenceIds: ['abs-1'],
    taxCodeSource: 'p45',
    finalPay: false,
  },
  paidTo: { sortCode: '200000', accountEnding: FULL_ACCOUNT_NUMBER.slice(-4) },
};

const doc: PayslipDocument = {
  employer: { name: 'Jane Smith (DP employer)', payeReference: '123/AB45678' },
  pa: { name: 'Alex Taylor', niNumber: 'QQ123456C' },
  payslip,
};

beforeAll(requirePoppler);

describe('payslipPdf', () => {
  it('renders one A4 page that rasterises', async () => {
    const pdf = await payslipPdf(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const info = pdfInfo(pdf);
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);

    withPdfFile(pdf, (file, dir) => {
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file, join(dir, 'page')]);
      const png = ['page-1.png', 'page-01.png'].map((name) => join(dir, name)).find((path) => existsSync(path));
      expect(png).toBeDefined();
      expect(statSync(png as string).size).toBeGreaterThan(0);
    });
  });

  it('shows every line, deduction, total and identifier of the payslip', async () => {
    const text = pdfText(await payslipPdf(doc));
    for (const expected of [
      'Jane Smith (DP employer)',
      '123/AB45678',
      'Alex Taylor',
      'QQ123456C',
      '9 May 2025',
      '28 April 2025 – 4 May 2025',
      'Week 5 (weekly)',
      // gross lines: description, quantity × rate, amount
      'Standard hours',
      '40.00 × £12.21',
      '£488.40',
      'Weekend hours',
      '8.00 × £18.32',
      '£146.56',
      'Sleep-in nights',
      '2 × £45.00',
      '£90.00',
      'Holiday pay',
      '8.00 × £12.21',
      '£97.68',
      '£822.64',
      // deductions and their total
      '£116.20',
      '£46.45',
      '£26.00',
      '£0.00',
      '£35.13',
      '£223.78',
      // employer costs
      '£109.00',
      '£21.08',
      // year to date
      '£4,113.20',
      '£581.00',
      '£232.25',
      '£175.65',
      // holiday, tax code, NI letter, net pay and where it goes
      '9.87 hours',
      '8.00 hours',
      '1257L W1/M1',
      'NI category',
      '£598.86',
      '20-00-00',
      '****1234',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/NI category\s+A\b/);
    expect(text).not.toContain(FULL_ACCOUNT_NUMBER);
  });

  it('renders the same bytes twice', async () => {
    const [first, second] = await Promise.all([payslipPdf(doc), payslipPdf(doc)]);
    expect(first.equals(second)).toBe(true);
  });

  it('keeps a month of shift lines on one page', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      ...payslip.lines[0]!,
      description: `Shift ${i + 1}`,
      quantity: '1.00',
      amount: '12.21',
    }));
    const info = pdfInfo(await payslipPdf({ ...doc, payslip: { ...payslip, lines } }));
    expect(info).toMatch(/^Pages:\s+1$/m);
  });
});

describe('payslipHtml', () => {
  it('escapes every piece of text', () => {
    const html = payslipHtml({
      employer: { name: 'Smith & Sons <Care>', payeReference: '123/AB45678' },
      pa: { name: '<script>alert("x")</script> O\'Brien', niNumber: null },
      payslip: { ...payslip, lines: [{ ...payslip.lines[0]!, description: 'Hours <b>bold</b> & more' }] },
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; O&#39;Brien');
    expect(html).toContain('Smith &amp; Sons &lt;Care&gt;');
    expect(html).toContain('Hours &lt;b&gt;bold&lt;/b&gt; &amp; more');
  });

  it('shows the same figures as the PDF', () => {
    const html = payslipHtml(doc);
    for (const expected of ['£488.40', '40.00 × £12.21', '£822.64', '£223.78', '£598.86', '****1234', '1257L W1/M1']) {
      expect(html).toContain(expected);
    }
    expect(html).not.toContain(FULL_ACCOUNT_NUMBER);
  });
});
