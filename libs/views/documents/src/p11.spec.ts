import type { PayslipIssuedData } from '@dpe/pay-runs';
import { p11Html } from './p11';
import { InvalidDocumentInput } from './errors';

const ZERO = '0.00';
function slip(
  week: number,
  payDate: string,
  f: { gross: string; tax: string; ni: string; er: string; sl: string; pension: string; net: string },
): PayslipIssuedData {
  return {
    payslipId: `ps-${week}`,
    payRunId: `run-${week}`,
    recipientId: 'r-1',
    employmentId: 'e-1',
    payrollId: 'PA-007',
    payDate,
    taxYear: '2025-26',
    frequency: 'weekly',
    taxPeriod: week,
    periodStart: payDate,
    periodEnd: payDate,
    correction: false,
    lines: [],
    gross: f.gross,
    taxablePay: f.gross,
    niablePay: f.gross,
    taxCode: '1257L',
    week1Month1: false,
    niCategory: 'A',
    deductions: {
      incomeTax: f.tax,
      employeeNic: f.ni,
      studentLoan: f.sl,
      postgraduateLoan: ZERO,
      pensionEmployee: f.pension,
    },
    employer: { employerNic: f.er, employmentAllowance: ZERO, pensionEmployer: ZERO },
    niBands: { atLel: ZERO, lelToPt: ZERO, ptToUel: ZERO },
    netPay: f.net,
    ytd: {
      gross: ZERO,
      taxablePay: ZERO,
      tax: ZERO,
      employeeNic: ZERO,
      employerNic: ZERO,
      studentLoan: ZERO,
      postgraduateLoan: ZERO,
      pensionEmployee: ZERO,
      pensionEmployer: ZERO,
      ssp: ZERO,
    },
    pension: { assessment: 'eligible-jobholder', enrolled: true },
    holiday: { accruedHours: ZERO, takenHours: ZERO },
    minimumWage: { requiredRate: '12.21', hours: ZERO, pay: ZERO },
    inputs: { timesheetIds: [], absenceIds: [], taxCodeSource: 'p45', finalPay: false },
    paidTo: { sortCode: '200000', accountEnding: '1234' },
  };
}

/**
 * Three weeks, given out of order; each net = gross − tax − NI − loan − pension:
 *   week 1  822.64 − 116.20 − 46.45 − 26.00 − 35.13 = 598.86
 *   week 2  0.10   − 0      − 0     − 0     − 0     = 0.10
 *   week 3  1000.20 − 151.80 − 60.81 − 42.00 − 44.01 = 701.58
 * Totals (summed exactly; 0.1 + 0.2 style float error would show here):
 *   gross 822.64 + 0.10 + 1000.20 = 1,822.94; tax 268.00; NI 107.26; employer NI 109.00 + 0.00 + 135.03 = 244.03;
 *   student loan 68.00; pension 79.14; net 598.86 + 0.10 + 701.58 = 1,300.54
 */
const slips = [
  slip(3, '2025-04-25', {
    gross: '1000.20',
    tax: '151.80',
    ni: '60.81',
    er: '135.03',
    sl: '42.00',
    pension: '44.01',
    net: '701.58',
  }),
  slip(1, '2025-04-11', {
    gross: '822.64',
    tax: '116.20',
    ni: '46.45',
    er: '109.00',
    sl: '26.00',
    pension: '35.13',
    net: '598.86',
  }),
  slip(2, '2025-04-18', { gross: '0.10', tax: ZERO, ni: ZERO, er: ZERO, sl: ZERO, pension: ZERO, net: '0.10' }),
];
const doc = {
  employer: { name: 'Jane Smith', payeReference: '123/AB45678' },
  pa: { name: 'Alex <Taylor> & Co', niNumber: 'QQ123456C' },
  taxYear: '2025-26',
  payslips: slips,
};

describe('p11Html', () => {
  it('lists every payslip in pay-date order with an exact totals row', () => {
    const html = p11Html(doc);
    const rows = html.split('<tr>').slice(2);
    expect(rows).toHaveLength(4);
    expect(rows[0]).toContain('11 April 2025');
    expect(rows[1]).toContain('18 April 2025');
    expect(rows[2]).toContain('25 April 2025');
    expect(rows[0]).toContain('Week 1');
    const total = rows[3] ?? '';
    expect(total).toContain('Total (3 payslips)');
    const figures = [...total.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(figures).toEqual([
      '£1,822.94', // gross
      '£1,822.94', // taxable
      '£268.00',
      '£107.26',
      '£244.03',
      '£68.00',
      '£0.00',
      '£79.14',
      '£0.00',
      '£1,300.54',
    ]);
    expect(html).toContain('Alex &lt;Taylor&gt; &amp; Co');
  });

  it('refuses payslips of two employments', () => {
    expect(() => p11Html({ ...doc, payslips: [...slips, { ...slips[0]!, employmentId: 'e-2' }] })).toThrow(
      InvalidDocumentInput,
    );
  });
});
