import { p45Pdf, type P45Document } from './p45';
import { p60Pdf, type P60Document } from './p60';
import { pdfInfo, pdfText, requirePoppler } from '../test/poppler';

beforeAll(requirePoppler);

/**
 * A weekly PA leaving in tax week 8 of 2025-26 who started with a P45:
 *   previous employment  pay £1,250.00  tax £120.40
 *   this employment      pay £6,580.40  tax £929.60
 *   box 7 (to date)      pay 1,250.00 + 6,580.40 = £7,830.40, tax 120.40 + 929.60 = £1,050.00
 */
const leaver: P45Document = {
  employer: {
    name: 'Jane Smith',
    address: ['1 High Street', 'Leeds'],
    postcode: 'LS1 1AA',
    payeReference: '123/AB45678',
  },
  employee: {
    niNumber: 'QQ123456C',
    title: 'Ms',
    surname: 'Taylor',
    forenames: 'Alex Jo',
    address: ['22 Acacia Avenue', 'Bradford'],
    postcode: 'BD1 2CD',
    dateOfBirth: '1990-03-14',
    gender: 'female',
    worksNumber: 'PA-007',
  },
  leavingDate: '2025-05-31',
  studentLoanContinues: true,
  postgraduateLoanContinues: false,
  taxCode: '1257L',
  week1Month1: false,
  frequency: 'weekly',
  taxPeriod: 8,
  thisEmployment: { pay: '6580.40', tax: '929.60' },
  previousEmployment: { pay: '1250.00', tax: '120.40' },
  issuedOn: '2025-06-06',
};

/** The text of each page, in order (pdftotext ends every page with a form feed). */
const pagesOf = (pdf: Buffer): string[] => pdfText(pdf).split('\f').slice(0, -1);

describe('p45Pdf', () => {
  it('shows the Part 1A boxes, with this employment separated from the totals to date', async () => {
    const pdf = await p45Pdf(leaver);
    const text = pagesOf(pdf)[0]!;
    for (const expected of [
      'P45 Part 1A',
      '123',
      'AB45678',
      'QQ123456C',
      'Ms',
      'Taylor',
      'Alex Jo',
      '31 May 2025',
      '1257L',
      'Week 8',
      '£7,830.40',
      '£1,050.00',
      '£6,580.40',
      '£929.60',
      'PA-007',
      'Female',
      '14 March 1990',
      '22 Acacia Avenue',
      'BD1 2CD',
      '1 High Street',
      'LS1 1AA',
      '6 June 2025',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Continue Student Loan deductions\s+Yes/);
    expect(text).toMatch(/Continue Postgraduate Loan deductions\s+No/);
  });

  it('draws Parts 1A, 2 and 3 on a page each, in that order', async () => {
    const pdf = await p45Pdf(leaver);
    expect(pdfInfo(pdf)).toMatch(/^Pages:\s+3$/m);
    const pages = pagesOf(pdf);
    expect(pages).toHaveLength(3);
    expect(pages.map((page) => page.match(/P45 Part (1A|2|3)\b/)?.[0])).toEqual([
      'P45 Part 1A',
      'P45 Part 2',
      'P45 Part 3',
    ]);
    expect(pages[1]).toContain('Details of employee leaving work: copy for new employer');
    expect(pages[2]).toContain('New employee details: for completion by new employer');
    expect(pdfInfo(pdf)).toMatch(/^Title:\s+P45 Parts 1A, 2 and 3: Alex Jo Taylor, leaving 31 May 2025$/m);
  });

  it.each([
    [2, 'P45 Part 2'],
    [3, 'P45 Part 3'],
  ])('gives Part %i boxes 1 to 7 from the same figures as Part 1A', async (part, title) => {
    const text = pagesOf(await p45Pdf(leaver))[part - 1]!;
    expect(text).toContain(title);
    // Box 1 as office / reference, 2 the NI number, 3 the name, 4 the leaving date, 5 the loans, 6 the code.
    expect(text).toMatch(/Office number\s+123\b/);
    expect(text).toMatch(/Reference number\s+AB45678/);
    expect(text).toMatch(/NI number\s+QQ123456C/);
    expect(text).toMatch(/Surname or family name\s+Taylor/);
    expect(text).toMatch(/First or given name\(s\)\s+Alex Jo/);
    expect(text).toMatch(/Leaving date\s+31 May 2025/);
    expect(text).toMatch(/Continue Student Loan deductions\s+Yes/);
    expect(text).toMatch(/Continue Postgraduate Loan deductions\s+No/);
    expect(text).toMatch(/Tax code\s+1257L/);
    expect(text).toMatch(/Week 1\/Month 1 \(non-cumulative\) basis\s+—/);
    // Box 7, the totals to date as on Part 1A: with the previous employment, 7,830.40 pay and 1,050.00 tax, week 8.
    expect(text).toMatch(/Week or month number\s+Week 8/);
    expect(text).toMatch(/Total pay to date\s+£7,830\.40/);
    expect(text).toMatch(/Total tax to date\s+£1,050\.00/);
    // Box 8 (this employment alone) and the personal details 9 to 13 are Part 1A's only.
    for (const only1A of ['£6,580.40', '£929.60', 'PA-007', '14 March 1990', '22 Acacia Avenue', 'Jane Smith']) {
      expect(text).not.toContain(only1A);
    }
  });

  it("leaves Part 3's new employer boxes 8 to 18 blank for the new employer", async () => {
    const text = pagesOf(await p45Pdf(leaver))[2]!;
    const newEmployer = text.slice(text.indexOf('8 New employer PAYE reference'));
    for (const box of [
      '8 New employer PAYE reference',
      '9 Date new employment started',
      '10 Works number and department',
      '11 Not paid by you before the next 5 April',
      '12 Tax code in use if different to box 6',
      '13 Tax on payroll record if different to box 7',
      "14 New employee's job title or job description",
      "15 Employee's private address",
      '16 Gender',
      '17 Date of birth',
      '18 Declaration',
    ]) {
      expect(newEmployer).toContain(box);
    }
    // Nothing is filled in: no figure, date, code, reference, name or postcode of the leaver or either employer.
    expect(newEmployer).not.toMatch(/£|\d{4}|1257L|AB45678|Taylor|Smith|[A-Z]{1,2}\d \d[A-Z]{2}/);
  });

  it('leaves box 7 empty on a Week 1/Month 1 code and gives this employment in box 8', async () => {
    const pages = pagesOf(await p45Pdf({ ...leaver, week1Month1: true, previousEmployment: null }));
    const text = pages[0]!;
    expect(text).toContain('Not completed: Week 1/Month 1 tax code');
    expect(text).not.toContain('£7,830.40');
    expect(text).toContain('£6,580.40');
    expect(text).toContain('£929.60');
    // Parts 2 and 3 have no box 8: on a Week 1/Month 1 code they carry no pay or tax at all, and mark box 6 X.
    for (const part of [pages[1]!, pages[2]!]) {
      expect(part).toContain('Not completed: Week 1/Month 1 tax code');
      expect(part).toMatch(/Week 1\/Month 1 \(non-cumulative\) basis\s+X/);
      expect(part).not.toContain('£');
    }
  });

  it('gives Parts 2 and 3 this employment as the totals to date when the PA started without a P45', async () => {
    const pages = pagesOf(await p45Pdf({ ...leaver, previousEmployment: null }));
    for (const part of pages.slice(1)) {
      expect(part).toMatch(/Total pay to date\s+£6,580\.40/);
      expect(part).toMatch(/Total tax to date\s+£929\.60/);
    }
  });

  it('renders the same bytes twice', async () => {
    expect((await p45Pdf(leaver)).equals(await p45Pdf(leaver))).toBe(true);
  });

  it('leaves box 8 blank when it would repeat box 7', async () => {
    const text = pagesOf(await p45Pdf({ ...leaver, previousEmployment: null }))[0]!;
    expect(text).toContain('Same as box 7');
    expect(text).toMatch(/Total pay to date\s+£6,580\.40/);
  });
});

/**
 * A P60 for 2025-26:
 *   previous employment  pay £1,250.00   tax £120.40
 *   this employment      pay £21,390.64  tax £2,154.40
 *   total for year       pay 1,250.00 + 21,390.64 = £22,640.64, tax 120.40 + 2,154.40 = £2,274.80
 *   student loan £1,352.78 is printed in whole pounds: £1,352.
 */
const certificate: P60Document = {
  taxYear: '2025-26',
  employee: { surname: 'Taylor', forenames: 'Alex Jo', niNumber: 'QQ123456C', worksNumber: 'PA-007' },
  previousEmployment: { pay: '1250.00', tax: '120.40' },
  thisEmployment: { pay: '21390.64', tax: '2154.40' },
  finalTaxCode: '1257L',
  nationalInsurance: [
    { category: 'A', atLel: '6500.00', lelToPt: '6070.00', ptToUel: '8820.64', employeeContributions: '705.65' },
  ],
  statutoryPayments: { smp: '1200.00' },
  studentLoan: '1352.78',
  postgraduateLoan: '0.00',
  employer: {
    name: 'Jane Smith',
    address: ['1 High Street', 'Leeds'],
    postcode: 'LS1 1AA',
    payeReference: '123/AB45678',
  },
};

describe('p60Pdf', () => {
  it('shows the end of year certificate figures', async () => {
    const pdf = await p60Pdf(certificate);
    expect(pdfInfo(pdf)).toMatch(/^Pages:\s+1$/m);
    const text = pdfText(pdf);
    for (const expected of [
      'P60 End of Year Certificate',
      'Tax year to 5 April 2026',
      'Taylor',
      'Alex Jo',
      'QQ123456C',
      'PA-007',
      '£1,250.00',
      '£120.40',
      '£21,390.64',
      '£2,154.40',
      '£22,640.64',
      '£2,274.80',
      '1257L',
      '£6,500.00',
      '£6,070.00',
      '£8,820.64',
      '£705.65',
      '£1,200.00',
      '£1,352',
      'Jane Smith',
      '1 High Street',
      'LS1 1AA',
      '123/AB45678',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/In previous employment\(s\)\s+£1,250\.00\s+£120\.40/);
    expect(text).toMatch(/Total for year\s+£22,640\.64\s+£2,274\.80/);
    expect(text).toMatch(/\bA\s+£6,500\.00\s+£6,070\.00\s+£8,820\.64\s+£705\.65/);
    expect(text).not.toContain('£1,352.78');
  });

  it('marks a refund of tax with R', async () => {
    const text = pdfText(
      await p60Pdf({ ...certificate, previousEmployment: null, thisEmployment: { pay: '3000.00', tax: '-45.20' } }),
    );
    expect(text).toMatch(/In this employment\s+£3,000\.00\s+£45\.20 R/);
  });
});
