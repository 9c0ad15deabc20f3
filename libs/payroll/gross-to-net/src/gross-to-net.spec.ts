import fc from 'fast-check';
import { Money } from '@dpe/money';
import { InvalidPeriodInput, calculatePeriod, parsePeriodInput } from '@dpe/gross-to-net';

describe('gross to net for one period', () => {
  it('given a monthly PA on 1257L with Plan 1, PG and a relief-at-source pension, then each deduction is as HMRC and TPR rules give', () => {
    const input = parsePeriodInput({
      taxYear: '2026-27',
      frequency: 'monthly',
      period: 1,
      taxCode: '1257L',
      gross: '3000.00',
      studentLoanPlans: '1',
      postgraduateLoan: true,
    });
    const result = calculatePeriod({ ...input, pension: { taxRelief: 'relief-at-source' } });
    // Income tax (HMRC tax table routines, 2026-27 rUK): month-1 free pay for 1257 = (12,570 + 9) / 12 = £1,048.25;
    // taxable £3,000 − £1,048.25 = £1,951.75 → £1,951 (down to the pound); 20% = £390.20.
    expect(result.incomeTax.toString()).toBe('390.20');
    // Class 1 NI, category A (gov.uk rates and thresholds 2026-27: monthly PT £1,048, ST £417):
    // employee 8% × £1,952 = £156.16; employer 15% × £2,583 = £387.45.
    expect(result.employeeNic.toString()).toBe('156.16');
    expect(result.employerNic.toString()).toBe('387.45');
    // Plan 1 (CSLM17060): 9% × (£3,000 − £2,241.66) = £68.25 → £68, down to the whole pound; PG 6% × (£3,000 − £1,750) = £75.
    expect(result.studentLoan.toString()).toBe('68.00');
    expect(result.postgraduateLoan.toString()).toBe('75.00');
    // Auto-enrolment (TPR 2026-27 monthly band £520–£4,189): qualifying £2,480; relief at source: the PA pays
    // 80% of 5% = 4% = £99.20 from net pay; the employer pays 3% = £74.40.
    expect(result.pensionEmployee.toString()).toBe('99.20');
    expect(result.pensionEmployer.toString()).toBe('74.40');
    expect(result.netPay.toString()).toBe('2211.44');
  });

  it('takes a net pay arrangement pension before tax, so it lowers taxable pay but not NI-able pay', () => {
    const input = parsePeriodInput({
      taxYear: '2026-27',
      frequency: 'monthly',
      period: 1,
      taxCode: '1257L',
      gross: '3000.00',
    });
    const result = calculatePeriod({ ...input, pension: { taxRelief: 'net-pay-arrangement' } });
    // 5% of £2,480 = £124.00 off before tax: taxable £3,000 − £124 − £1,048.25 = £1,827.75 → £1,827; 20% = £365.40.
    expect(result.pensionEmployee.toString()).toBe('124.00');
    expect(result.incomeTax.toString()).toBe('365.40');
    expect(result.employeeNic.toString()).toBe('156.16');
  });

  it('defaults pay to date to the gross, tax paid to 0, the NI letter to A, and no loans', () => {
    expect(
      parsePeriodInput({ taxYear: '2026-27', frequency: 'weekly', period: 1, taxCode: '1257L', gross: '500' }),
    ).toMatchObject({
      payToDate: Money.of('500'),
      taxPaidToDate: Money.zero,
      niCategory: 'A',
      studentLoanPlans: [],
      postgraduateLoan: false,
    });
  });

  it('names the field for each kind of bad input', () => {
    const good = { taxYear: '2026-27', frequency: 'weekly', period: 1, taxCode: '1257L', gross: '500' };
    const fieldOf = (raw: object) => {
      try {
        calculatePeriod(parsePeriodInput(raw));
      } catch (error) {
        if (error instanceof InvalidPeriodInput) return error.field;
        throw error;
      }
      return 'no error';
    };
    expect(fieldOf({ ...good, taxYear: '2019-20' })).toBe('taxYear');
    expect(fieldOf({ ...good, frequency: 'daily' })).toBe('frequency');
    expect(fieldOf({ ...good, period: 54 })).toBe('period');
    expect(fieldOf({ ...good, taxCode: 'L1257' })).toBe('taxCode');
    expect(fieldOf({ ...good, gross: '1.234' })).toBe('gross');
    expect(fieldOf({ ...good, payToDate: '100' })).toBe('payToDate');
    expect(fieldOf({ ...good, niCategory: 'Q' })).toBe('niCategory');
    expect(fieldOf({ ...good, taxYear: '2025-26', studentLoanPlans: [5] })).toBe('studentLoanPlans');
    expect(fieldOf({ ...good, postgraduateLoan: 'maybe' })).toBe('postgraduateLoan');
  });

  it('never throws anything but InvalidPeriodInput for any input (property)', () => {
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.integer()),
    );
    const plausible = fc.record(
      {
        taxYear: fc.oneof(fc.constantFrom('2024-25', '2025-26', '2026-27', '2027-28'), field),
        frequency: fc.oneof(fc.constantFrom('weekly', 'fortnightly', 'four-weekly', 'monthly'), field),
        period: fc.oneof(fc.integer({ min: -2, max: 60 }), field),
        taxCode: fc.oneof(fc.constantFrom('1257L', 'K475', 'BR', 'SD2', 'C1257L M1', 'NT', '0T', 'D1'), field),
        gross: fc.oneof(
          fc.integer({ min: 0, max: 2_000_000 }).map((p) => (p / 100).toFixed(2)),
          field,
        ),
        payToDate: fc.oneof(
          fc.integer({ min: 0, max: 20_000_000 }).map((p) => (p / 100).toFixed(2)),
          field,
        ),
        taxPaidToDate: fc.oneof(
          fc.integer({ min: 0, max: 2_000_000 }).map((p) => (p / 100).toFixed(2)),
          field,
        ),
        niCategory: fc.oneof(fc.constantFrom('A', 'B', 'C', 'H', 'M', 'Z', 'X'), field),
        studentLoanPlans: fc.oneof(fc.subarray(['1', '2', '4', '5']), field),
        postgraduateLoan: fc.oneof(fc.boolean(), field),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(plausible, fc.anything()), (raw) => {
        try {
          calculatePeriod(parsePeriodInput(raw));
        } catch (error) {
          if (!(error instanceof InvalidPeriodInput)) throw error;
        }
      }),
      { numRuns: 3000 },
    );
  });
});
