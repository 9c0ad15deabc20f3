import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkAgainstSchema,
  employerPaymentSummary,
  fpsTaxCode,
  fullPaymentSubmission,
  hoursWorkedBand,
  irmarkOf,
  renderXml,
  rtiEmployer,
  wholePounds,
  withIrmark,
  type FpsEmployee,
} from '@dpe/rti';

const EMPLOYER = rtiEmployer('123/AB456', '123PA00012345');

/** A weekly PA's third payslip of 2026-27: £300 a week, code 1257L, category A. */
const weekly = (overrides: Partial<FpsEmployee> = {}): FpsEmployee => ({
  nationalInsuranceNumber: 'AB123456C',
  forename: 'Jane',
  surname: "O'Neill",
  address: { lines: ['1 High Street', 'Maidstone'], postcode: 'ME14 1XX' },
  birthDate: '1990-05-17',
  gender: 'F',
  payrollId: 'E-1',
  hoursPerWeek: '20',
  toDate: {
    taxablePay: '900.00',
    tax: '31.80',
    studentLoan: '0.00',
    postgraduateLoan: '0.00',
    pensionNetPay: '0.00',
    pensionReliefAtSource: '0.00',
  },
  payment: {
    frequency: 'weekly',
    paymentDate: '2026-04-24',
    taxPeriod: 3,
    periodsCovered: 1,
    taxCode: '1257L',
    nonCumulative: false,
    taxablePay: '300.00',
    nonTaxablePay: '0.00',
    pensionNetPay: '0.00',
    pensionReliefAtSource: '0.00',
    studentLoan: null,
    postgraduateLoan: '0.00',
    tax: '10.60',
    smpYtd: '0.00',
    sppYtd: '0.00',
  },
  ni: [
    {
      letter: 'A',
      grossInPeriod: '300.00',
      grossYtd: '900.00',
      atLelYtd: '387.00',
      lelToPtYtd: '297.00',
      ptToUelYtd: '216.00',
      employerInPeriod: '22.05',
      employerYtd: '66.15',
      employeeInPeriod: '4.32',
      employeeYtd: '12.96',
    },
  ],
  ...overrides,
});

describe('RTI: the IRmark', () => {
  it("matches HMRC's own IRmark test: the Body canonicalised without its IRmark, SHA-1, base64", () => {
    // HMRC's IrMarkProcessorTest (hmrc/construction-industry-scheme) asserts this IRmark for this message; the one
    // the message carries (U8aI0sJHCxRfquaDcV0fhlhTU8s=) is stale and must be left out of the hash.
    const sample = readFileSync(join(__dirname, '../test-fixtures/hmrc-cis-irmark-sample.xml'), 'utf8');
    expect(irmarkOf(sample)).toBe('tpwOaKfCHJDirqJn31ceHrX1XYc=');
    expect(withIrmark(sample).message).toContain('<IRmark Type="generic">tpwOaKfCHJDirqJn31ceHrX1XYc=</IRmark>');
  });

  it('is the same with CRLF line endings, and changes when any figure of the Body changes', () => {
    const sample = readFileSync(join(__dirname, '../test-fixtures/hmrc-cis-irmark-sample.xml'), 'utf8');
    expect(irmarkOf(sample.replace(/\n/g, '\r\n'))).toBe('tpwOaKfCHJDirqJn31ceHrX1XYc=');
    expect(irmarkOf(sample.replace('2234567890', '2234567891'))).not.toBe('tpwOaKfCHJDirqJn31ceHrX1XYc=');
  });

  it("is written into the FPS's header, and is the IRmark of the message it is in", () => {
    const fps = fullPaymentSubmission({
      taxYear: '2026-27',
      employer: EMPLOYER,
      sender: 'Agent',
      employees: [weekly()],
    });
    expect(fps.irmark).toMatch(/^[A-Za-z0-9+/]{27}=$/);
    expect(irmarkOf(fps.govTalk)).toBe(fps.irmark);
    expect(fps.irEnvelope).toContain(`<IRmark Type="generic">${fps.irmark}</IRmark>`);
  });
});

describe("RTI FPS 2026-27: valid against HMRC's schema", () => {
  it('validates a weekly payment of a PA in category A, the bureau as agent', async () => {
    const fps = fullPaymentSubmission({
      taxYear: '2026-27',
      employer: EMPLOYER,
      sender: 'Agent',
      employees: [weekly()],
    });
    expect(await checkAgainstSchema(fps.irEnvelope, '2026-27', 'fps')).toEqual({ valid: true, errors: [] });
    expect(fps.irEnvelope).toContain('<Sender>Agent</Sender>');
    expect(fps.irEnvelope).toContain('<RelatedTaxYear>26-27</RelatedTaxYear>');
    expect(fps.irEnvelope).toContain(
      'xmlns="http://www.govtalk.gov.uk/taxation/PAYE/RTI/FullPaymentSubmission/26-27/1"',
    );
  });

  it('validates a starter on a Scottish week-1 code with a student loan, a leaver, and a monthly PA in category M', async () => {
    const starter = weekly({
      payrollId: 'E-2',
      nationalInsuranceNumber: null,
      starter: { startDate: '2026-04-13', declaration: 'B', studentLoan: true, postgraduateLoan: false },
      payment: {
        ...weekly().payment,
        taxCode: 'S1257L',
        nonCumulative: true,
        studentLoan: { plan: '2', amount: '3.00' },
      },
      toDate: { ...weekly().toDate, studentLoan: '3.00' },
    });
    const leaver = weekly({ payrollId: 'E-3', leavingDate: '2026-04-22' });
    const monthly = weekly({
      payrollId: 'E-4',
      hoursPerWeek: null,
      payment: { ...weekly().payment, frequency: 'monthly', taxPeriod: 1, paymentDate: '2026-04-30' },
      ni: [{ ...weekly().ni[0]!, letter: 'M' }],
    });
    const fps = fullPaymentSubmission({
      taxYear: '2026-27',
      employer: EMPLOYER,
      sender: 'Bureau',
      employees: [starter, leaver, monthly],
    });
    expect(await checkAgainstSchema(fps.irEnvelope, '2026-27', 'fps')).toEqual({ valid: true, errors: [] });
    expect(fps.irEnvelope).toContain('<TaxCode BasisNonCumulative="yes" TaxRegime="S">1257L</TaxCode>');
    expect(fps.irEnvelope).toContain('<StudentLoanRecovered PlanType="02">3.00</StudentLoanRecovered>');
    expect(fps.irEnvelope).toContain('<LeavingDate>2026-04-22</LeavingDate>');
    expect(fps.irEnvelope).toContain('<MonthNo>1</MonthNo>');
  });

  it('fails validation, naming the element, when a figure breaks the schema', async () => {
    const fps = fullPaymentSubmission({
      taxYear: '2026-27',
      employer: EMPLOYER,
      sender: 'Agent',
      employees: [weekly({ nationalInsuranceNumber: 'QQ123456C' })],
    });
    const check = await checkAgainstSchema(fps.irEnvelope, '2026-27', 'fps');
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(/NINO/);
  });

  it('gives each of the documents checked together its own errors: the bad one fails, the good ones pass', async () => {
    const good = fullPaymentSubmission({
      taxYear: '2026-27',
      employer: EMPLOYER,
      sender: 'Agent',
      employees: [weekly()],
    });
    const bad = fullPaymentSubmission({
      taxYear: '2026-27',
      employer: EMPLOYER,
      sender: 'Agent',
      employees: [weekly({ nationalInsuranceNumber: 'QQ123456C' })],
    });
    const checks = await Promise.all(
      [good, bad, good].map((each) => checkAgainstSchema(each.irEnvelope, '2026-27', 'fps')),
    );
    expect(checks.map((check) => check.valid)).toEqual([true, false, true]);
    expect(checks[1]!.errors.join('\n')).toMatch(/NINO/);
    expect(checks[0]!.errors).toEqual([]);
  });

  it('refuses a tax year whose schemas the engine does not have', () => {
    expect(() =>
      fullPaymentSubmission({ taxYear: '2025-26', employer: EMPLOYER, sender: 'Agent', employees: [weekly()] }),
    ).toThrow(/RTI for tax year 2025-26 is not supported/);
  });
});

describe('RTI FPS: how figures are written', () => {
  it('splits the region prefix and W1/M1 out of the tax code, as the schema pattern requires', () => {
    const render = (code: string, nonCumulative = false) => renderXml(fpsTaxCode(code, nonCumulative)).trim();
    expect(render('1257L')).toBe('<TaxCode>1257L</TaxCode>');
    expect(render('S1257L')).toBe('<TaxCode TaxRegime="S">1257L</TaxCode>');
    expect(render('C1257L')).toBe('<TaxCode TaxRegime="C">1257L</TaxCode>');
    expect(render('K475')).toBe('<TaxCode>K475</TaxCode>');
    expect(render('1257L M1')).toBe('<TaxCode BasisNonCumulative="yes">1257L</TaxCode>');
    expect(render('SD1', true)).toBe('<TaxCode BasisNonCumulative="yes" TaxRegime="S">D1</TaxCode>');
  });

  it('writes student loans and the NI bands in whole pounds, pence dropped (IRwholeUnitsMonetaryType)', () => {
    expect(wholePounds('239.03')).toBe('239.00');
    expect(wholePounds('125')).toBe('125.00');
    expect(wholePounds('0.99')).toBe('0.00');
  });

  it('bands contracted hours as HoursWorked A to D, and irregular hours as E', () => {
    expect(['10', '15.99', '16', '23.99', '24', '29.99', '30'].map(hoursWorkedBand)).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
    ]);
    expect(hoursWorkedBand(null)).toBe('E');
  });
});

describe("RTI EPS 2026-27: valid against HMRC's schema", () => {
  it('validates a claim of the employment allowance', async () => {
    const eps = employerPaymentSummary({
      taxYear: '2026-27',
      taxMonth: 1,
      employer: EMPLOYER,
      sender: 'Agent',
      employmentAllowance: true,
    });
    expect(await checkAgainstSchema(eps.irEnvelope, '2026-27', 'eps')).toEqual({ valid: true, errors: [] });
    expect(eps.irEnvelope).toContain('<EmpAllceInd>yes</EmpAllceInd>');
  });

  it('validates a month with no payment, statutory pay recovered to date, and the final EPS of the year', async () => {
    const eps = employerPaymentSummary({
      taxYear: '2026-27',
      taxMonth: 12,
      employer: EMPLOYER,
      sender: 'Bureau',
      noPayment: { from: '2027-03-06', to: '2027-04-05' },
      recoverable: {
        smpRecovered: '1234.56',
        sppRecovered: '0.00',
        nicCompensationOnSmp: '37.04',
        nicCompensationOnSpp: '0.00',
      },
      finalForYear: true,
    });
    expect(await checkAgainstSchema(eps.irEnvelope, '2026-27', 'eps')).toEqual({ valid: true, errors: [] });
    expect(eps.irEnvelope).toContain('<SMPRecovered>1234.56</SMPRecovered>');
    expect(eps.irEnvelope).not.toContain('SPPRecovered');
    expect(irmarkOf(eps.govTalk)).toBe(eps.irmark);
  });
});
