import fc from 'fast-check';
import { DecimalOf, Money } from '@dpe/money';
import { knownTaxYears, taxYearTables, type TaxYearTables } from '@dpe/statutory-data';
import { calculateStudentLoans, StudentLoanInputError, UNDERGRADUATE_LOAN_PLANS } from '@dpe/student-loans';

const y2425 = taxYearTables('2024-25');
const y2526 = taxYearTables('2025-26');
const y2627 = taxYearTables('2026-27');

/** Tables carrying only the thresholds of HMRC's older manual examples, so those worked figures can be replayed exactly. */
function withPlan1Thresholds(base: TaxYearTables, weekly: `${number}`, monthly: `${number}`): TaxYearTables {
  return {
    ...base,
    studentLoans: {
      ...base.studentLoans,
      plans: { '1': { rate: '0.09', thresholds: { annual: '17495', weekly, monthly } } },
    },
  };
}

const pounds = (m: Money) => m.toString();

describe('HMRC manual worked examples', () => {
  it('CSLM17060 weekly: £1,200 less the £336 weekly threshold is £864; 9% is £77.76, rounded down to £77', () => {
    const tables = withPlan1Thresholds(y2425, '336', '1457');
    const result = calculateStudentLoans({
      tables,
      frequency: 'weekly',
      earningsThisPeriod: '1200',
      plans: ['1'],
      postgraduate: false,
    });
    expect(pounds(result.studentLoan)).toBe('77.00');
  });

  it('CSLM18025 step 1 monthly: £2,075 less the £1,457 monthly threshold is £618; 9% is £55.62, rounded down to £55', () => {
    const tables = withPlan1Thresholds(y2425, '336', '1457');
    const result = calculateStudentLoans({
      tables,
      frequency: 'monthly',
      earningsThisPeriod: '2075',
      plans: ['1'],
      postgraduate: false,
    });
    expect(pounds(result.studentLoan)).toBe('55.00');
  });

  it('CSLM17065 multiple of weeks: £1,500 for 3 weeks is £500 a week, £14 a week, £42 for the period', () => {
    // Weekly threshold for the example's £17,495 annual threshold: 17495 / 52 = 336.44 (truncated to the penny).
    const tables = withPlan1Thresholds(y2425, '336.44', '1457.91');
    const result = calculateStudentLoans({
      tables,
      frequency: 'weekly',
      periods: 3,
      earningsThisPeriod: '1500',
      plans: ['1'],
      postgraduate: false,
    });
    expect(pounds(result.studentLoan)).toBe('42.00');
  });
});

describe('each plan and the Postgraduate Loan, weekly and monthly (rate × (earnings − threshold), rounded down to £: CSLM17060)', () => {
  const cases: Array<
    [string, TaxYearTables, 'weekly' | 'monthly', string, ('1' | '2' | '4' | '5')[], boolean, string, string]
  > = [
    // [why, tables, frequency, earnings, plans, postgraduate, studentLoan, postgraduateLoan]
    ['2026-27 Plan 1 weekly: (600 − 517.30) × 9% = 7.443', y2627, 'weekly', '600', ['1'], false, '7.00', '0.00'],
    [
      '2026-27 Plan 1 monthly: (3000 − 2241.66) × 9% = 68.2506',
      y2627,
      'monthly',
      '3000',
      ['1'],
      false,
      '68.00',
      '0.00',
    ],
    ['2026-27 Plan 2 weekly: (700 − 565.09) × 9% = 12.1419', y2627, 'weekly', '700', ['2'], false, '12.00', '0.00'],
    [
      '2026-27 Plan 2 monthly: (3000 − 2448.75) × 9% = 49.6125',
      y2627,
      'monthly',
      '3000',
      ['2'],
      false,
      '49.00',
      '0.00',
    ],
    ['2026-27 Plan 4 weekly: (800 − 649.90) × 9% = 13.509', y2627, 'weekly', '800', ['4'], false, '13.00', '0.00'],
    [
      '2026-27 Plan 4 monthly: (3000 − 2816.25) × 9% = 16.5375',
      y2627,
      'monthly',
      '3000',
      ['4'],
      false,
      '16.00',
      '0.00',
    ],
    ['2026-27 Plan 5 weekly: (600 − 480.76) × 9% = 10.7316', y2627, 'weekly', '600', ['5'], false, '10.00', '0.00'],
    [
      '2026-27 Plan 5 monthly: (2500 − 2083.33) × 9% = 37.5003',
      y2627,
      'monthly',
      '2500',
      ['5'],
      false,
      '37.00',
      '0.00',
    ],
    ['2026-27 PGL weekly: (500 − 403.84) × 6% = 5.7696', y2627, 'weekly', '500', [], true, '0.00', '5.00'],
    ['2026-27 PGL monthly: (2500 − 1750) × 6% = 45.00', y2627, 'monthly', '2500', [], true, '0.00', '45.00'],
    ['2025-26 Plan 2 monthly: (3000 − 2372.50) × 9% = 56.475', y2526, 'monthly', '3000', ['2'], false, '56.00', '0.00'],
    ['2025-26 Plan 1 weekly: (600 − 501.25) × 9% = 8.8875', y2526, 'weekly', '600', ['1'], false, '8.00', '0.00'],
    [
      '2024-25 Plan 4 monthly: (3000 − 2616.25) × 9% = 34.5375',
      y2425,
      'monthly',
      '3000',
      ['4'],
      false,
      '34.00',
      '0.00',
    ],
    [
      'earnings exactly at the threshold owe nothing (2026-27 Plan 2 monthly £2,448.75)',
      y2627,
      'monthly',
      '2448.75',
      ['2'],
      false,
      '0.00',
      '0.00',
    ],
    [
      'earnings below the threshold owe nothing (2026-27 PGL weekly £403.84)',
      y2627,
      'weekly',
      '403.84',
      [],
      true,
      '0.00',
      '0.00',
    ],
  ];
  it.each(cases)('%s', (_why, tables, frequency, earnings, plans, postgraduate, studentLoan, postgraduateLoan) => {
    const result = calculateStudentLoans({ tables, frequency, earningsThisPeriod: earnings, plans, postgraduate });
    expect(pounds(result.studentLoan)).toBe(studentLoan);
    expect(pounds(result.postgraduateLoan)).toBe(postgraduateLoan);
  });
});

describe('more than one plan: one undergraduate plan at the lowest threshold, plus the Postgraduate Loan', () => {
  it('Plans 1 and 2 with a PGL, monthly 2026-27: Plan 1 threshold operated ((3000 − 2241.66) × 9% = £68) and PGL (1250 × 6% = £75)', () => {
    const result = calculateStudentLoans({
      tables: y2627,
      frequency: 'monthly',
      earningsThisPeriod: '3000',
      plans: ['2', '1'],
      postgraduate: true,
    });
    expect(result.planOperated).toBe('1');
    expect(pounds(result.studentLoan)).toBe('68.00');
    expect(pounds(result.postgraduateLoan)).toBe('75.00');
  });

  it('Plans 2 and 5, weekly 2026-27: Plan 5 has the lowest threshold ((700 − 480.76) × 9% = 19.7316 → £19)', () => {
    const result = calculateStudentLoans({
      tables: y2627,
      frequency: 'weekly',
      earningsThisPeriod: '700',
      plans: ['2', '5'],
      postgraduate: false,
    });
    expect(result.planOperated).toBe('5');
    expect(pounds(result.studentLoan)).toBe('19.00');
  });

  it('Plans 1 and 4, weekly 2025-26: Plan 1 operated ((700 − 501.25) × 9% = 17.8875 → £17); PGL (700 − 403.84) × 6% = 17.7696 → £17', () => {
    const result = calculateStudentLoans({
      tables: y2526,
      frequency: 'weekly',
      earningsThisPeriod: '700',
      plans: ['4', '1'],
      postgraduate: true,
    });
    expect(result.planOperated).toBe('1');
    expect(pounds(result.studentLoan)).toBe('17.00');
    expect(pounds(result.postgraduateLoan)).toBe('17.00');
  });
});

describe('fortnightly and four-weekly pay (CSLM17065: per week, then multiplied)', () => {
  // Sage's knowledge base (k2dockey=200427112428741) multiplies back before rounding and gets £85 here; CSLM17065's own
  // example (£14 a week × 3 = £42) rounds the weekly deduction first, which is what HMRC's manual prescribes.
  it('fortnightly Plan 2 2024-25, £2,000: £1,000 a week − £524.90 = £475.10 × 9% = £42.759 → £42 a week, £84', () => {
    const result = calculateStudentLoans({
      tables: y2425,
      frequency: 'fortnightly',
      earningsThisPeriod: '2000',
      plans: ['2'],
      postgraduate: false,
    });
    expect(pounds(result.studentLoan)).toBe('84.00');
  });

  it('four-weekly Plan 1 2026-27, £2,400: £600 a week → (600 − 517.30) × 9% = 7.443 → £7 a week, £28', () => {
    const result = calculateStudentLoans({
      tables: y2627,
      frequency: 'four-weekly',
      earningsThisPeriod: '2400',
      plans: ['1'],
      postgraduate: false,
    });
    expect(pounds(result.studentLoan)).toBe('28.00');
  });
});

describe('plan availability', () => {
  it('Plan 5 has no deductions before 2026-27 (first repayments from 6 April 2026)', () => {
    const attempt = () =>
      calculateStudentLoans({
        tables: y2526,
        frequency: 'monthly',
        earningsThisPeriod: '3000',
        plans: ['5'],
        postgraduate: false,
      });
    expect(attempt).toThrow(StudentLoanInputError);
    expect(attempt).toThrow(/^plans: plan 5 has no payroll deductions in tax year 2025-26/);
  });
});

describe("the tables follow HMRC's published derivation of period thresholds", () => {
  // HMRC's 2024-25 equivalents (£24,990 → £2,082.50 a month, £480.57 a week; £21,000 → £403.84 a week) are annual/12 and
  // annual/52 truncated to the penny, never rounded up (21000/52 = 403.846).
  const truncated = (annual: string, by: number) =>
    Money.of(new DecimalOf(annual).dividedBy(by)).floorToPenny().toString();
  for (const year of knownTaxYears()) {
    const { studentLoans } = taxYearTables(year);
    const schemes = { ...studentLoans.plans, postgraduate: studentLoans.postgraduate };
    for (const [name, scheme] of Object.entries(schemes)) {
      if (!scheme) continue;
      it(`${year} ${name}: weekly = annual/52 and monthly = annual/12, truncated to the penny`, () => {
        expect(Money.of(scheme.thresholds.weekly).toString()).toBe(truncated(scheme.thresholds.annual, 52));
        expect(Money.of(scheme.thresholds.monthly).toString()).toBe(truncated(scheme.thresholds.annual, 12));
      });
    }
  }
});

describe('properties', () => {
  const plansArb = fc.subarray([...UNDERGRADUATE_LOAN_PLANS]);
  const frequencyArb = fc.constantFrom(
    'weekly' as const,
    'fortnightly' as const,
    'four-weekly' as const,
    'monthly' as const,
  );
  const penceArb = fc.integer({ min: 0, max: 2_000_000 });
  const asPounds = (pence: number) => Money.of(pence).dividedBy(100);

  it('deductions are never negative and never fall as earnings rise', () => {
    fc.assert(
      fc.property(plansArb, fc.boolean(), frequencyArb, penceArb, penceArb, (plans, postgraduate, frequency, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const at = (pence: number) =>
          calculateStudentLoans({ tables: y2627, frequency, earningsThisPeriod: asPounds(pence), plans, postgraduate });
        const lower = at(low);
        const higher = at(high);
        for (const r of [lower, higher]) {
          expect(r.studentLoan.isNegative()).toBe(false);
          expect(r.postgraduateLoan.isNegative()).toBe(false);
        }
        expect(higher.studentLoan.greaterThanOrEqual(lower.studentLoan)).toBe(true);
        expect(higher.postgraduateLoan.greaterThanOrEqual(lower.postgraduateLoan)).toBe(true);
      }),
    );
  });

  it('deductions are whole pounds', () => {
    fc.assert(
      fc.property(plansArb, fc.boolean(), frequencyArb, penceArb, (plans, postgraduate, frequency, pence) => {
        const r = calculateStudentLoans({
          tables: y2627,
          frequency,
          earningsThisPeriod: asPounds(pence),
          plans,
          postgraduate,
        });
        expect(r.studentLoan.amount.isInteger()).toBe(true);
        expect(r.postgraduateLoan.amount.isInteger()).toBe(true);
      }),
    );
  });

  it('a bad input throws only StudentLoanInputError, naming the field and the rule', () => {
    const good = {
      tables: y2627,
      frequency: 'monthly',
      earningsThisPeriod: '2500.00',
      plans: ['2'],
      postgraduate: true,
      periods: 1,
    };
    const fields = Object.keys(good) as (keyof typeof good)[];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.anything(), (field, value) => {
        try {
          calculateStudentLoans({ ...good, [field]: value } as never);
        } catch (error) {
          expect(error).toBeInstanceOf(StudentLoanInputError);
          const e = error as StudentLoanInputError;
          expect(e.message).toBe(`${e.field}: ${e.rule}`);
        }
      }),
    );
    for (const whole of [undefined, null, 42, 'monthly']) {
      expect(() => calculateStudentLoans(whole as never)).toThrow(StudentLoanInputError);
    }
  });
});
