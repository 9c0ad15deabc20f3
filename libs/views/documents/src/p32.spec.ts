import { p32Html, type P32Month } from './p32';

// HMRC's P32 sum for a month: tax + employee NI + employer NI + loans − employment allowance − statutory pay recovered.
// Worked here: 312.40 + 48.10 + 61.25 + 14.00 + 0.00 − 61.25 − 0.00 = 374.50 due; 374.50 paid.
const month: P32Month = {
  taxMonth: 1,
  periodStart: '2026-04-06',
  periodEnd: '2026-05-05',
  dueDate: '2026-05-22',
  incomeTax: '312.40',
  employeeNic: '48.10',
  employerNic: '61.25',
  studentLoan: '14.00',
  postgraduateLoan: '0.00',
  employmentAllowance: '61.25',
  statutoryPayRecovered: '0.00',
  due: '374.50',
  paid: '374.50',
  outstanding: '0.00',
  overdue: false,
};

describe('P32 printed', () => {
  it('prints each month’s figures and the quarter’s totals as the view gives them, formatted, escaping the name', () => {
    const html = p32Html({
      employer: { name: 'kcc-<1007>', payeReference: '475/DP1007' },
      taxYear: '2026-27',
      asOf: '2026-07-27',
      quarters: [
        {
          quarter: 1,
          due: '1000.00',
          paid: '374.50',
          outstanding: '625.50',
          months: [month, { ...month, taxMonth: 2, paid: '0.00', outstanding: '374.50', overdue: true }],
        },
      ],
    });
    for (const figure of ['£312.40', '£48.10', '£61.25', '£14.00', '£374.50', '£1,000.00', '£625.50'])
      expect(html).toContain(figure);
    expect(html).toContain('kcc-&lt;1007&gt;');
    expect(html).toContain('475/DP1007');
    expect(html).toMatch(/<tr class="overdue"><td>Month 2<\/td>/);
  });
});
