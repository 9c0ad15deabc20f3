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

describe('p45Pdf', () => {
  it('shows the Part 1A boxes, with this employment separated from the totals to date', async () => {
    const pdf = await p45Pdf(leaver);
    expect(pdfInfo(pdf)).toMatch(/^Pages:\s+1$/m);
    const text = pdfText(pdf);
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

  it('leaves box 7 empty on a Week 1/Month 1 code and gives this employment in box 8', async () => {
    const text = pdfText(await p45Pdf({ ...leaver, week1Month1: true, previousEmployment: null }));
    expect(text).toContain('Not completed: Week 1/Month 1 tax code');
    expect(text).not.toContain('£7,830.40');
    expect(text).toContain('£6,580.40');
    expect(text).toContain('£929.60');
  });

  it('leaves box 8 blank when it would repeat box 7', async () => {
    const text = pdfText(await p45Pdf({ ...leaver, previousEmployment: null }));
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
