import { knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { parseTaxCode } from '@dpe/income-tax';

/**
 * The incomeTax section of each tax-year file, checked against the figures as gov.uk and gov.scot publish them
 * (the files store HMRC's parameterisation: band widths net of the personal allowance).
 */
const published = {
  // gov.uk "Income Tax rates and Personal Allowances" (2024-25 under previous tax years; 2025-26; 2026-27 frozen per
  // the gov.uk policy paper on maintaining thresholds to 5 April 2031): higher rate from £50,271, additional over £125,140.
  restOfUk: { '2024-25': [50270, 125140], '2025-26': [50270, 125140], '2026-27': [50270, 125140] },
  // Scottish bands including the £12,570 allowance: gov.uk/scottish-income-tax/2024-to-2025-tax-year;
  // gov.scot "Scottish Income Tax: rates and bands 2025 to 2026"; 2026-27 from the Scottish Rate Resolution
  // (S6M-20844) as tabled by ICB. The top rate applies over £125,140 of taxable income (the allowance is nil there).
  scotland: {
    '2024-25': [14876, 26561, 43662, 75000, 125140],
    '2025-26': [15397, 27491, 43662, 75000, 125140],
    '2026-27': [16537, 29526, 43662, 75000, 125140],
  },
} as const;

const years = ['2024-25', '2025-26', '2026-27'] as const;

describe('income tax tables', () => {
  it('exist for 2024-25, 2025-26 and 2026-27', () => {
    expect(knownTaxYears()).toEqual(expect.arrayContaining([...years]));
  });

  it.each(years)('%s: personal allowance £12,570 and emergency code 1257L (P9X for the year)', (year) => {
    const t = taxYearTables(year).incomeTax;
    expect(t.personalAllowance).toBe('12570');
    expect(parseTaxCode(t.emergencyTaxCode, t).text).toBe('1257L');
    expect(t.regulatoryLimitRate).toBe('0.50'); // gov.uk: no more than half of pre-tax pay
  });

  it.each(years)('%s: rest-of-UK and Welsh bands give the published thresholds and 20/40/45%% rates', (year) => {
    const t = taxYearTables(year).incomeTax;
    for (const regime of [t.regimes.restOfUk, t.regimes.wales]) {
      expect(regime.bands.map((b) => b.rate)).toEqual(['0.20', '0.40', '0.45']);
      expect(regime.bands[regime.basicRateBand]?.rate).toBe('0.20');
      const [higherFrom, additionalFrom] = published.restOfUk[year];
      const basic = Number(regime.bands[0]?.width);
      const higher = Number(regime.bands[1]?.width);
      expect(12570 + basic).toBe(higherFrom);
      expect(basic + higher).toBe(additionalFrom);
      expect(regime.bands[2]?.width).toBeUndefined();
    }
  });

  it.each(years)('%s: Scottish bands give the published thresholds and 19/20/21/42/45/48%% rates', (year) => {
    const s = taxYearTables(year).incomeTax.regimes.scotland;
    expect(s.bands.map((b) => b.rate)).toEqual(['0.19', '0.20', '0.21', '0.42', '0.45', '0.48']);
    expect(s.bands[s.basicRateBand]?.name).toBe('basic');
    let cumulative = 0;
    const upperLimitsWithAllowance = s.bands.slice(0, 5).map((b) => {
      cumulative += Number(b.width);
      return cumulative;
    });
    const expected = published.scotland[year];
    expect(upperLimitsWithAllowance.slice(0, 4).map((c) => c + 12570)).toEqual(expected.slice(0, 4));
    expect(cumulative).toBe(expected[4]);
  });
});
