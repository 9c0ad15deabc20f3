import { DecimalOf } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';

/**
 * Checks the National Insurance and Employment Allowance sections of each tax-year file against the sources cited
 * there, and against HMRC's rule relating the published weekly and monthly figures to the annual ones.
 */
const YEARS = ['2024-25', '2025-26', '2026-27'] as const;

describe.each(YEARS)('%s National Insurance tables', (year) => {
  const ni = taxYearTables(year).nationalInsurance;

  it('publishes each weekly and monthly threshold as the annual figure / 52 or / 12 to the nearest pound', () => {
    // HMRC NI guidance for software developers: for an earnings period of one week or month, annual / 52 (12)
    // rounded to the nearest whole pound (the "prescribed equivalents", e.g. NIM01535: FUST £25,000 = £481 a week,
    // £2,083 a month). A typo in a stored figure breaks this.
    for (const [name, threshold] of Object.entries(ni.thresholds)) {
      const weekly = new DecimalOf(threshold.annual).dividedBy(52).toDecimalPlaces(0, DecimalOf.ROUND_HALF_UP);
      const monthly = new DecimalOf(threshold.annual).dividedBy(12).toDecimalPlaces(0, DecimalOf.ROUND_HALF_UP);
      expect({ name, weekly: threshold.weekly, monthly: threshold.monthly }).toEqual({
        name,
        weekly: weekly.toString(),
        monthly: monthly.toString(),
      });
    }
  });

  it('has every threshold a category letter refers to, and rates that are fractions between 0 and 1', () => {
    for (const rates of Object.values(ni.categories)) {
      if (rates.employerZeroRateUpTo) expect(ni.thresholds[rates.employerZeroRateUpTo]).toBeDefined();
      for (const value of [rates.employeeMainRate, rates.employeeAdditionalRate, rates.employerRate]) {
        const r = new DecimalOf(value);
        expect(r.greaterThanOrEqualTo(0) && r.lessThan(1)).toBe(true);
      }
    }
  });

  it('defines the 17 letters of gov.uk "National Insurance rates and categories" (Investment Zone D, E, K, N since 2024-25)', () => {
    expect(Object.keys(ni.categories).sort()).toEqual([
      'A',
      'B',
      'C',
      'D',
      'E',
      'F',
      'H',
      'I',
      'J',
      'K',
      'L',
      'M',
      'N',
      'S',
      'V',
      'X',
      'Z',
    ]);
  });

  it("gives employer relief as gov.uk's employer table does: H, M, V, Z to the UEL-level thresholds; Freeport and Investment Zone letters to £25,000", () => {
    const relief = Object.fromEntries(
      Object.entries(ni.categories).map(([letter, r]) => [letter, r.employerZeroRateUpTo ?? null]),
    );
    expect(relief).toEqual({
      A: null,
      B: null,
      C: null,
      J: null,
      X: null,
      H: 'AUST',
      M: 'UST',
      Z: 'UST',
      V: 'VUST',
      F: 'FUST',
      I: 'FUST',
      L: 'FUST',
      S: 'FUST',
      D: 'IZUST',
      E: 'IZUST',
      K: 'IZUST',
      N: 'IZUST',
    });
    expect(ni.categories.X?.class1Applies).toBe(false);
  });
});

describe('headline figures against their sources', () => {
  it('LEL: £123, £125, £129 a week (gov.uk rates and categories 2024-25, 2025-26; Autumn Budget 2025 for 2026-27)', () => {
    expect(YEARS.map((y) => taxYearTables(y).nationalInsurance.thresholds.LEL.weekly)).toEqual(['123', '125', '129']);
  });

  it('ST: £175 a week in 2024-25, £96 from 6 April 2025', () => {
    expect(YEARS.map((y) => taxYearTables(y).nationalInsurance.thresholds.ST.weekly)).toEqual(['175', '96', '96']);
  });

  it('employer rate: 13.8% in 2024-25, 15% from 6 April 2025', () => {
    expect(YEARS.map((y) => taxYearTables(y).nationalInsurance.categories.A?.employerRate)).toEqual([
      '0.138',
      '0.15',
      '0.15',
    ]);
  });

  it('Employment Allowance: £5,000 with the £100,000 test in 2024-25, £10,500 without it from 2025-26 (NIC Act 2025 s3)', () => {
    expect(YEARS.map((y) => taxYearTables(y).employmentAllowance)).toEqual([
      {
        annualAmount: '5000',
        previousYearSecondaryLiabilityLimit: '100000',
        isDeMinimisStateAid: true,
        careAndSupportEmployersQualify: true,
      },
      {
        annualAmount: '10500',
        previousYearSecondaryLiabilityLimit: null,
        isDeMinimisStateAid: false,
        careAndSupportEmployersQualify: true,
      },
      {
        annualAmount: '10500',
        previousYearSecondaryLiabilityLimit: null,
        isDeMinimisStateAid: false,
        careAndSupportEmployersQualify: true,
      },
    ]);
  });
});
