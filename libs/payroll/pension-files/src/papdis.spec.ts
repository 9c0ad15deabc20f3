import Decimal from 'decimal.js';
import { papdisCsv, PAPDIS_COLUMNS, type PensionContributionRow } from '@dpe/pension-files';

/** Two workers for May 2025, monthly: one eligible jobholder auto-enrolled, one non-eligible jobholder opted in. */
const jane: PensionContributionRow = {
  employerId: 'SP123456',
  groupId: 'Staff',
  payrollId: 'E001',
  title: 'Mrs',
  forename: 'Jane',
  surname: 'Smith',
  nationalInsuranceNumber: 'ab 12 34 56 c',
  dateOfBirth: '1985-03-14',
  gender: 'F',
  address: { lines: ['1 High Street', 'Leeds'], postcode: 'LS1 1AA' },
  email: 'jane@example.com',
  employmentStartDate: '2020-01-06',
  leavingDate: null,
  periodStart: '2025-05-01',
  periodEnd: '2025-05-31',
  payDate: '2025-05-30',
  frequency: 'monthly',
  taxPeriod: 2,
  assessment: 'eligible-jobholder',
  enrolmentEvent: 'automatic-enrolment',
  enrolled: true,
  enrolmentDate: '2025-05-01',
  pensionableEarnings: '2200.00',
  employerContribution: '66.00',
  employeeContribution: '88.00',
};
const tom: PensionContributionRow = {
  ...jane,
  payrollId: 'E002',
  title: 'Mr',
  forename: 'Tom',
  middleNames: 'James',
  surname: 'Brown',
  nationalInsuranceNumber: null,
  dateOfBirth: '1999-11-30',
  gender: 'M',
  address: { lines: ['Flat 2, Mill House', 'York'], postcode: 'YO1 7HH' },
  email: null,
  employmentStartDate: '2024-09-02',
  leavingDate: '2025-05-20',
  assessment: 'non-eligible-jobholder',
  enrolmentEvent: 'opt-in',
  enrolmentDate: '2025-03-01',
  pensionableEarnings: '512.34',
  employerContribution: '15.37',
  employeeContribution: '20.49',
};

/** Splits one CSV line into cells, RFC 4180 style (quoted cells may hold commas and doubled quotes). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

// Written by hand from the layout in papdis.ts: 44 columns, ISO dates, codes M1 / assessment 1,2 / event 1,2.
const HEADER =
  'PAPDISVersion,PensionProviderId,EmployerId,Group,SubGroup,PayPeriodStartDate,PayPeriodEndDate,' +
  'ContributionDeductionDate,FrequencyCode,TaxPeriod,Title,Forename1,Forename2,Surname,EmployeeId,BirthDate,Gender,' +
  'NationalInsuranceNumber,Address1,Address2,Address3,Address4,Postcode,Country,EmailAddress,EmploymentStartDate,' +
  'ExitDate,ExitReasonCode,AssessmentCode,EventCode,EventDate,DeferralDate,AEOptOutDate,AEOptOutReference,' +
  'EnrolmentCommunicationsIssuedDate,EmployerContributionsAmount,EmployeeContributionsAmount,' +
  'AdditionalVoluntaryContributionsAmount,AdditionalVoluntaryContributionsPercent,PensionableEarningsAmount,' +
  'EmployerContributionsPercent,EmployeeContributionsPercent,SalarySacrificeIndicator,AnnualSalary';
const JANE =
  'PAP11,,SP123456,Staff,,2025-05-01,2025-05-31,2025-05-30,M1,2,Mrs,Jane,,Smith,E001,1985-03-14,F,AB123456C,' +
  '1 High Street,Leeds,,,LS1 1AA,,jane@example.com,2020-01-06,,,1,1,2025-05-01,,,,,66.00,88.00,,,2200.00,,,,';
const TOM =
  'PAP11,,SP123456,Staff,,2025-05-01,2025-05-31,2025-05-30,M1,2,Mr,Tom,James,Brown,E002,1999-11-30,M,,' +
  '"Flat 2, Mill House",York,,,YO1 7HH,,,2024-09-02,2025-05-20,,2,2,2025-03-01,,,,,15.37,20.49,,,512.34,,,,';

describe('papdisCsv', () => {
  it('writes the header row and one line per worker, exactly as the layout gives them, with CRLF line ends', () => {
    const result = papdisCsv({ rows: [jane, tom] });
    expect(result.problems).toEqual([]);
    expect(result.text).toBe(`${HEADER}\r\n${JANE}\r\n${TOM}\r\n`);
  });

  it('has 44 columns on every line, the header included', () => {
    const lines = papdisCsv({ rows: [jane, tom] })
      .text!.split('\r\n')
      .slice(0, -1);
    expect(lines).toHaveLength(3);
    expect(PAPDIS_COLUMNS).toHaveLength(44);
    for (const line of lines) expect(cells(line)).toHaveLength(44);
    expect(cells(lines[0]!)).toEqual([...PAPDIS_COLUMNS]);
  });

  it('totals equal the figures summed independently', () => {
    const sum = (...xs: string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2);
    expect(papdisCsv({ rows: [jane, tom] }).totals).toEqual({
      rows: 2,
      pensionableEarnings: sum('2200.00', '512.34'),
      employerContributions: sum('66.00', '15.37'),
      employeeContributions: sum('88.00', '20.49'),
      totalContributions: sum('66.00', '15.37', '88.00', '20.49'),
    });
    expect(papdisCsv({ rows: [jane, tom] }).totals?.totalContributions).toBe('189.86');
  });

  it('writes DD/MM/YYYY dates for providers that ask for them', () => {
    const line = papdisCsv({ rows: [jane], dateFormat: 'DD/MM/YYYY' }).text!.split('\r\n')[1]!;
    expect(cells(line).slice(5, 8)).toEqual(['01/05/2025', '31/05/2025', '30/05/2025']);
    expect(cells(line)[15]).toBe('14/03/1985');
  });

  it('escapes a hostile name so a spreadsheet will not run it as a formula', () => {
    const hostile = { ...jane, forename: '=HYPERLINK("http://evil.example","Click")' };
    const line = papdisCsv({ rows: [hostile] }).text!.split('\r\n')[1]!;
    expect(line).toContain(',Mrs,"\'=HYPERLINK(""http://evil.example"",""Click"")",,Smith,');
    expect(cells(line)).toHaveLength(44);
  });

  it('refuses the whole file, naming every bad field and its rule', () => {
    const bad: PensionContributionRow = {
      ...tom,
      surname: '',
      nationalInsuranceNumber: 'XX12',
      periodEnd: '2025-04-30',
      employeeContribution: '-5.00',
      employerContribution: '1.234',
      dateOfBirth: '1999-02-30',
    };
    const result = papdisCsv({ rows: [jane, bad] });
    expect(result.text).toBeNull();
    expect(result.totals).toBeNull();
    expect(result.problems.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'rows[1].surname', rule: 'pension.required' },
      { path: 'rows[1].nationalInsuranceNumber', rule: 'pension.ni-number-format' },
      { path: 'rows[1].dateOfBirth', rule: 'pension.date-format' },
      { path: 'rows[1].periodEnd', rule: 'pension.period-end-before-start' },
      { path: 'rows[1].employerContribution', rule: 'pension.amount-format' },
      { path: 'rows[1].employeeContribution', rule: 'pension.amount-negative' },
    ]);
  });

  it('refuses an empty file', () => {
    expect(papdisCsv({ rows: [] }).problems).toEqual([
      expect.objectContaining({ path: 'rows', rule: 'pension.no-rows' }),
    ]);
  });
});
