import Decimal from 'decimal.js';
import { nestContributionCsv, type NestContributionInput, type PensionContributionRow } from '@dpe/pension-files';

const jane: PensionContributionRow = {
  employerId: 'EMP123456789',
  payrollId: 'E001',
  forename: 'Jane',
  surname: 'Smith',
  nationalInsuranceNumber: 'AB123456C',
  dateOfBirth: '1985-03-14',
  gender: 'F',
  address: { lines: ['1 High Street'], postcode: 'LS1 1AA' },
  employmentStartDate: '2020-01-06',
  leavingDate: null,
  periodStart: '2025-05-01',
  periodEnd: '2025-05-31',
  payDate: '2025-05-30',
  frequency: 'monthly',
  assessment: 'eligible-jobholder',
  enrolled: true,
  pensionableEarnings: '2200.00',
  employerContribution: '66.00',
  employeeContribution: '88.00',
};
const tom: PensionContributionRow = {
  ...jane,
  payrollId: 'E002',
  forename: 'Tom',
  surname: 'Brown',
  nationalInsuranceNumber: null,
  gender: 'M',
  dateOfBirth: '1999-11-30',
  employmentStartDate: '2024-09-02',
  assessment: 'non-eligible-jobholder',
  pensionableEarnings: '512.34',
  employerContribution: '15.37',
  employeeContribution: '20.49',
};
const schedule: NestContributionInput = {
  employerReference: 'EMP123456789',
  paymentSource: 'Main account',
  earningsPeriodStart: '2025-05-01',
  earningsPeriodEnd: '2025-05-31',
  paymentDueDate: '2025-06-22',
  frequency: 'monthly',
  rows: [jane, tom],
};

// Written by hand from the layout in nest.ts: H has 10 fields, D 11, T 2; Tom has no NI number, so his payroll ID
// goes in the alternative unique ID field.
const H = 'H,EMP123456789,CS,2025-05-31,Main account,2025-06-22,Monthly,,,2025-05-01';
const D_JANE = 'D,Jane,Smith,AB123456C,,2200.00,,66.00,88.00,,';
const D_TOM = 'D,Tom,Brown,,E002,512.34,,15.37,20.49,,';
const T = 'T,2';

describe('nestContributionCsv', () => {
  it('writes H, one D per member and T, exactly as the layout gives them, with CRLF line ends', () => {
    const result = nestContributionCsv(schedule);
    expect(result.problems).toEqual([]);
    expect(result.text).toBe(`${H}\r\n${D_JANE}\r\n${D_TOM}\r\n${T}\r\n`);
  });

  it('has the record identifier first and a fixed column count per record type', () => {
    const lines = nestContributionCsv(schedule).text!.split('\r\n').slice(0, -1);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['H', 'D', 'D', 'T']);
    expect(lines.map((l) => l.split(',').length)).toEqual([10, 11, 11, 2]);
  });

  it('totals equal the figures summed independently', () => {
    const sum = (...xs: string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2);
    expect(nestContributionCsv(schedule).totals).toEqual({
      rows: 2,
      pensionableEarnings: sum('2200.00', '512.34'),
      employerContributions: sum('66.00', '15.37'),
      employeeContributions: sum('88.00', '20.49'),
      totalContributions: sum('66.00', '15.37', '88.00', '20.49'),
    });
  });

  it('leaves out workers who are not members, and counts only members in T and the totals', () => {
    const notMember = { ...tom, payrollId: 'E003', enrolled: false };
    const result = nestContributionCsv({ ...schedule, rows: [jane, notMember] });
    expect(result.text).toBe(`${H}\r\n${D_JANE}\r\nT,1\r\n`);
    expect(result.totals?.employerContributions).toBe('66.00');
  });

  it('writes the reason code for a member with no contributions, and refuses one without a reason', () => {
    const nothing = { ...tom, pensionableEarnings: '0.00', employerContribution: '0.00', employeeContribution: '0.00' };
    const refused = nestContributionCsv({ ...schedule, rows: [jane, nothing] });
    expect(refused.text).toBeNull();
    expect(refused.problems).toEqual([
      expect.objectContaining({
        path: 'rows[1].nestNonPaymentReason',
        rule: 'nest.reason-required-for-zero-contributions',
      }),
    ]);
    const withReason = nestContributionCsv({ ...schedule, rows: [{ ...nothing, nestNonPaymentReason: '5' }] });
    expect(withReason.text!.split('\r\n')[1]).toBe('D,Tom,Brown,,E002,0.00,,0.00,0.00,5,');
  });

  it('escapes a hostile name so a spreadsheet will not run it as a formula', () => {
    const hostile = { ...jane, surname: '=HYPERLINK("http://evil.example","Click")' };
    const line = nestContributionCsv({ ...schedule, rows: [hostile] }).text!.split('\r\n')[1];
    expect(line).toBe('D,Jane,"\'=HYPERLINK(""http://evil.example"",""Click"")",AB123456C,,2200.00,,66.00,88.00,,');
  });

  it('refuses the whole file, naming every bad field and its rule', () => {
    const bad = {
      ...tom,
      nationalInsuranceNumber: 'AB12345',
      employeeContribution: '-1.00',
      periodStart: '2025-04-01',
    };
    const result = nestContributionCsv({
      ...schedule,
      employerReference: 'EMP12345',
      paymentSource: '',
      earningsPeriodEnd: '2025-04-30',
      rows: [jane, bad],
    });
    expect(result.text).toBeNull();
    expect(result.totals).toBeNull();
    expect(result.problems.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'employerReference', rule: 'nest.employer-reference-format' },
      { path: 'paymentSource', rule: 'pension.required' },
      { path: 'earningsPeriodEnd', rule: 'pension.period-end-before-start' },
      { path: 'rows[1].nationalInsuranceNumber', rule: 'pension.ni-number-format' },
      { path: 'rows[1].employeeContribution', rule: 'pension.amount-negative' },
      { path: 'rows[0].periodEnd', rule: 'nest.row-period-mismatch' },
    ]);
  });
});
