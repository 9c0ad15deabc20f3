import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import type { PayFrequency } from '@dpe/tax-calendar';
import {
  calculateClass1,
  InvalidNationalInsuranceInput,
  roundContribution,
  thresholdsForEarningsPeriod,
} from '@dpe/national-insurance';

/**
 * Worked examples. Expected figures are HMRC's or gov.uk's where they publish one, otherwise the arithmetic of
 * HMRC's published rates and thresholds, shown beside each expectation.
 */
const y2024 = taxYearTables('2024-25');
const y2025 = taxYearTables('2025-26');
const y2026 = taxYearTables('2026-27');

function ni(
  tables: ReturnType<typeof taxYearTables>,
  frequency: PayFrequency,
  category: string,
  gross: string,
  periods = 1,
) {
  const r = calculateClass1({ tables, frequency, category, grossThisPeriod: gross, periods });
  return {
    employee: r.employee.toString(),
    employer: r.employer.toString(),
    bands: [r.bands.atLel.toString(), r.bands.lelToPt.toString(), r.bands.ptToUel.toString()],
  };
}

describe('rounding of a contribution (SSCR 2001 reg 12(1)(b); HMRC guidance: third decimal place, 5 or less down)', () => {
  it.each([
    ['52.6558', '52.65'], // CIPP worked example of the HMRC rule
    ['52.6562', '52.66'], // CIPP
    ['50.156', '50.16'], // ICB note on HMRC's 2025-26 NI specification
    ['50.155', '50.15'], // ICB: exactly half a penny is disregarded
    ['50.154', '50.15'], // ICB
    ['0.0056', '0.00'], // HMRC test data, weekly A £242.07: 8% x £0.07, HMRC deducts nothing
  ])('%s rounds to %s', (exact, rounded) => {
    expect(roundContribution(Money.of(exact)).toString()).toBe(rounded);
  });
});

describe('gov.uk worked example: category A earning £1,000 in a week pays £58.66', () => {
  // gov.uk/national-insurance-rates-letters (2024-25 and 2025-26 pages): nothing on the first £242, 8% (£58) up to £967,
  // 2% (£0.66) above. PT, UEL and rates are unchanged in 2026-27.
  it.each([y2024, y2025, y2026])('$taxYear', (tables) => {
    expect(ni(tables, 'weekly', 'A', '1000.00').employee).toBe('58.66');
  });

  it('employer pays £135.60 in 2025-26 (HMRC 2025-26 directors test data, category A £1,000 a week, alternative method)', () => {
    expect(ni(y2025, 'weekly', 'A', '1000.00').employer).toBe('135.60');
  });

  it('employer pays 13.8% above the £175 ST in 2024-25: (1,000 - 175) x 13.8% = £113.85', () => {
    expect(ni(y2024, 'weekly', 'A', '1000.00').employer).toBe('113.85');
  });
});

describe('2026-27: the lower earnings limit rises to £129 a week (£6,708 a year; Autumn Budget 2025)', () => {
  it('weekly pay of £128.99 is below the LEL: no earnings bands, but employer NICs above the £96 ST', () => {
    // (128.99 - 96) x 15% = 4.9485 -> 4.95
    expect(ni(y2026, 'weekly', 'A', '128.99')).toEqual({
      employee: '0.00',
      employer: '4.95',
      bands: ['0.00', '0.00', '0.00'],
    });
  });

  it('weekly pay of exactly £129 reports £129 at the LEL (it was £125 in 2025-26)', () => {
    expect(ni(y2026, 'weekly', 'A', '129.00').bands).toEqual(['129.00', '0.00', '0.00']);
    expect(ni(y2025, 'weekly', 'A', '129.00').bands).toEqual(['125.00', '4.00', '0.00']);
  });

  it('monthly LEL is £559 (£6,708 / 12)', () => {
    expect(ni(y2026, 'monthly', 'A', '558.99').bands).toEqual(['0.00', '0.00', '0.00']);
    expect(ni(y2026, 'monthly', 'A', '1500.00').bands).toEqual(['559.00', '489.00', '452.00']);
  });

  it('fortnightly: LEL £258, PT £484, ST £193, UEL £1,934 (annual x 2 / 52, rounded up to the pound)', () => {
    // employee (1,000 - 484) x 8% = 41.28; employer (1,000 - 193) x 15% = 121.05
    expect(ni(y2026, 'fortnightly', 'A', '1000.00')).toEqual({
      employee: '41.28',
      employer: '121.05',
      bands: ['258.00', '226.00', '516.00'],
    });
  });

  it('four-weekly: LEL £516, PT £967, ST £385, UEL £3,867', () => {
    // employee (2,000 - 967) x 8% = 82.64; employer (2,000 - 385) x 15% = 242.25
    expect(ni(y2026, 'four-weekly', 'A', '2000.00')).toEqual({
      employee: '82.64',
      employer: '242.25',
      bands: ['516.00', '451.00', '1033.00'],
    });
    // above the UEL: (3,867 - 967) x 8% = 232.00 plus (4,000 - 3,867) x 2% = 2.66
    expect(ni(y2026, 'four-weekly', 'A', '4000.00').employee).toBe('234.66');
  });

  it('derives every fortnightly and four-weekly threshold by the same rule', () => {
    const fortnight = thresholdsForEarningsPeriod(y2026.nationalInsurance, { unit: 'week', count: 2 });
    const fourWeeks = thresholdsForEarningsPeriod(y2026.nationalInsurance, { unit: 'week', count: 4 });
    expect(Object.fromEntries(Object.entries(fortnight).map(([k, v]) => [k, v.toString()]))).toEqual({
      LEL: '258.00',
      PT: '484.00',
      ST: '193.00',
      UEL: '1934.00',
      UST: '1934.00',
      AUST: '1934.00',
      VUST: '1934.00',
      FUST: '962.00',
      IZUST: '962.00',
    });
    expect(Object.fromEntries(Object.entries(fourWeeks).map(([k, v]) => [k, v.toString()]))).toEqual({
      LEL: '516.00',
      PT: '967.00',
      ST: '385.00',
      UEL: '3867.00',
      UST: '3867.00',
      AUST: '3867.00',
      VUST: '3867.00',
      FUST: '1924.00',
      IZUST: '1924.00',
    });
  });
});

describe('2024-25: ST £175 a week and employer rate 13.8% (gov.uk rates and categories 2024 to 2025)', () => {
  it('weekly £500: employee (500 - 242) x 8% = 20.64; employer (500 - 175) x 13.8% = 44.85', () => {
    expect(ni(y2024, 'weekly', 'A', '500.00')).toEqual({
      employee: '20.64',
      employer: '44.85',
      bands: ['123.00', '119.00', '258.00'],
    });
  });

  it('fortnightly £700: ST £350 (9,100 x 2 / 52), PT £484; employee 17.28, employer 48.30', () => {
    expect(ni(y2024, 'fortnightly', 'A', '700.00')).toEqual({
      employee: '17.28',
      employer: '48.30',
      bands: ['246.00', '238.00', '216.00'],
    });
  });

  it('four-weekly £1,500: ST £700, PT £967; employee (1,500 - 967) x 8% = 42.64, employer (1,500 - 700) x 13.8% = 110.40', () => {
    expect(ni(y2024, 'four-weekly', 'A', '1500.00')).toEqual({
      employee: '42.64',
      employer: '110.40',
      bands: ['492.00', '475.00', '533.00'],
    });
  });
});

describe('employer relief letters, 2026-27 monthly £5,000 (gov.uk rates and categories: employer table by letter)', () => {
  // Monthly PT £1,048, UEL/UST/AUST/VUST £4,189, FUST/IZUST £2,083, ST £417.
  // Employee 8%: (4,189 - 1,048) x 8% = 251.28 + (5,000 - 4,189) x 2% = 16.22 -> 267.50
  // Employee 2% (deferred): 3,141 x 2% = 62.82 + 16.22 -> 79.04
  // Employee 1.85% (reduced): 3,141 x 1.85% = 58.1085 -> 58.11, + 16.22 -> 74.33
  // Employer, relief to the UEL (H, M, V, Z): (5,000 - 4,189) x 15% = 121.65
  // Employer, relief to the FUST/IZUST (F, I, L, S, D, E, K, N): (5,000 - 2,083) x 15% = 437.55
  // Employer, no relief (A, B, C, J): (5,000 - 417) x 15% = 687.45
  it.each([
    ['H', '267.50', '121.65'],
    ['M', '267.50', '121.65'],
    ['V', '267.50', '121.65'],
    ['Z', '79.04', '121.65'],
    ['F', '267.50', '437.55'],
    ['I', '74.33', '437.55'],
    ['L', '79.04', '437.55'],
    ['S', '0.00', '437.55'],
    ['N', '267.50', '437.55'],
    ['E', '74.33', '437.55'],
    ['D', '79.04', '437.55'],
    ['K', '0.00', '437.55'],
    ['A', '267.50', '687.45'],
    ['B', '74.33', '687.45'],
    ['C', '0.00', '687.45'],
    ['J', '79.04', '687.45'],
  ])('category %s: employee %s, employer %s', (category, employee, employer) => {
    const result = ni(y2026, 'monthly', category, '5000.00');
    expect([result.employee, result.employer]).toEqual([employee, employer]);
    expect(result.bands).toEqual(['559.00', '489.00', '3141.00']);
  });

  it('under the relief ceiling the employer pays nothing: M and V at £4,189, F and N at £2,083', () => {
    expect(ni(y2026, 'monthly', 'M', '4189.00').employer).toBe('0.00');
    expect(ni(y2026, 'monthly', 'V', '4189.00').employer).toBe('0.00');
    expect(ni(y2026, 'monthly', 'F', '2083.00').employer).toBe('0.00');
    expect(ni(y2026, 'monthly', 'N', '2083.00').employer).toBe('0.00');
    // ten pence over the FUST: 0.10 x 15% = 0.015 -> 0.01 (third decimal 5 rounds down)
    expect(ni(y2026, 'monthly', 'F', '2083.10').employer).toBe('0.01');
  });

  it('category X (e.g. under 16) pays nothing and reports no earnings bands', () => {
    expect(ni(y2026, 'monthly', 'X', '5000.00')).toEqual({
      employee: '0.00',
      employer: '0.00',
      bands: ['0.00', '0.00', '0.00'],
    });
  });
});

describe('an earnings period of several pay periods (e.g. holiday pay paid in advance)', () => {
  it('two weekly periods together use the fortnightly thresholds: HMRC 2025-26 test data Cat_A/20 (fortnightly £484.08)', () => {
    expect(ni(y2025, 'weekly', 'A', '484.08', 2)).toEqual({
      employee: '0.01',
      employer: '43.66',
      bands: ['250.00', '234.00', '0.08'],
    });
  });

  it('four weekly periods, or two fortnights, use the four-weekly thresholds: HMRC Cat_A/34 (four-weekly £967.08)', () => {
    const expected = { employee: '0.01', employer: '87.31', bands: ['500.00', '467.00', '0.08'] };
    expect(ni(y2025, 'weekly', 'A', '967.08', 4)).toEqual(expected);
    expect(ni(y2025, 'fortnightly', 'A', '967.08', 2)).toEqual(expected);
  });

  it('three months together: PT £3,143 (12,570 x 3 / 12 = 3,142.50, rounded up), ST £1,250, UEL £12,568, LEL £1,625', () => {
    // The Pensions Regulator's quarterly upper qualifying earnings, £12,568 for £50,270, round the same way.
    // employee (3,500 - 3,143) x 8% = 28.56; employer (3,500 - 1,250) x 15% = 337.50
    expect(ni(y2025, 'monthly', 'A', '3500.00', 3)).toEqual({
      employee: '28.56',
      employer: '337.50',
      bands: ['1625.00', '1518.00', '357.00'],
    });
  });
});

describe('bad input is refused with the library error naming the field and the rule', () => {
  const valid = { tables: y2026, frequency: 'monthly' as PayFrequency, category: 'A', grossThisPeriod: '1000.00' };

  it.each([
    [{ category: 'Q' }, 'category', 'category: must be a National Insurance category letter HMRC defines for 2026-27'],
    [{ category: 'a' }, 'category', 'category: must be a National Insurance category letter'],
    [{ grossThisPeriod: '-1.00' }, 'grossThisPeriod', 'grossThisPeriod: must not be negative'],
    [{ grossThisPeriod: '10.005' }, 'grossThisPeriod', 'grossThisPeriod: must have at most 2 decimal places'],
    [{ grossThisPeriod: 1000.5 }, 'grossThisPeriod', 'grossThisPeriod: must be a Money or an amount in pounds'],
    [{ frequency: 'daily' }, 'frequency', 'frequency: must be one of weekly, fortnightly, four-weekly, monthly'],
    [{ periods: 0 }, 'periods', 'periods: must be a whole number of monthly pay periods from 1 to 12'],
    [{ periods: 1.5 }, 'periods', 'periods: must be a whole number'],
    [
      { frequency: 'fortnightly', periods: 27 },
      'periods',
      'periods: must be a whole number of fortnightly pay periods from 1 to 26',
    ],
    [
      { tables: { taxYear: '2026-27', nationalInsurance: {} } },
      'tables',
      "tables: must be a tax year's statutory tables",
    ],
  ])('%j', (override, field, message) => {
    const call = () => calculateClass1({ ...valid, ...(override as object) } as Parameters<typeof calculateClass1>[0]);
    expect(call).toThrow(InvalidNationalInsuranceInput);
    expect(call).toThrow(message);
    try {
      call();
    } catch (error) {
      expect((error as InvalidNationalInsuranceInput).field).toBe(field);
    }
  });
});
