import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import {
  calculateClass1,
  employmentAllowanceEntitlement,
  InvalidNationalInsuranceInput,
  offsetEmploymentAllowance,
} from '@dpe/national-insurance';

describe('Employment Allowance entitlement', () => {
  it('a Direct Payment recipient employing Personal Assistants qualifies: £10,500 in 2025-26 and 2026-27 (NICA 2014 s1(2)(a) as amended from 6 April 2025; s2(3A))', () => {
    for (const year of ['2025-26', '2026-27']) {
      const result = employmentAllowanceEntitlement({ tables: taxYearTables(year), employerKind: 'care-and-support' });
      expect(result.eligible).toBe(true);
      expect(result.annualAmount.toString()).toBe('10500.00');
    }
  });

  it('2024-25: £5,000, provided secondary Class 1 NICs in 2023-24 were under £100,000 (NICA 2014 s2(4B))', () => {
    const tables = taxYearTables('2024-25');
    const under = employmentAllowanceEntitlement({
      tables,
      employerKind: 'care-and-support',
      previousYearSecondaryClass1: '99999.99',
    });
    expect(under).toEqual({ eligible: true, annualAmount: Money.of('5000') });

    const atLimit = employmentAllowanceEntitlement({
      tables,
      employerKind: 'care-and-support',
      previousYearSecondaryClass1: '100000.00',
    });
    expect(atLimit.eligible).toBe(false);
    expect(atLimit.annualAmount.toString()).toBe('0.00');
  });

  it("2024-25 needs the previous year's secondary NICs; 2025-26 does not, as the £100,000 test was repealed", () => {
    expect(() =>
      employmentAllowanceEntitlement({ tables: taxYearTables('2024-25'), employerKind: 'care-and-support' }),
    ).toThrow('previousYearSecondaryClass1: is required for 2024-25');
    const big = employmentAllowanceEntitlement({
      tables: taxYearTables('2025-26'),
      employerKind: 'business',
      previousYearSecondaryClass1: '250000.00',
    });
    expect(big.eligible).toBe(true);
  });

  it('a household employer of non-care staff (a nanny, a gardener) cannot claim (NICA 2014 s2(3); NIM06535)', () => {
    const result = employmentAllowanceEntitlement({ tables: taxYearTables('2026-27'), employerKind: 'household' });
    expect(result.eligible).toBe(false);
  });

  it('an unknown employer kind is refused naming the field', () => {
    expect(() =>
      employmentAllowanceEntitlement({ tables: taxYearTables('2026-27'), employerKind: 'charity' as never }),
    ).toThrow(InvalidNationalInsuranceInput);
  });
});

describe('Employment Allowance offset, pay run by pay run, for a care and support employer (2025-26)', () => {
  // The allowance reduces employer Class 1 NICs each time payroll runs until it is used up or the year ends, never by
  // more than the run's employer NICs (gov.uk Employment Allowance; NIM06520: one allowance per employer, set against
  // the combined NICs of all its care and support workers).
  //
  // A recipient employs four Personal Assistants, each paid £2,500 a month, category A:
  // employer NICs each = (2,500 - 417) x 15% = 312.45; four PAs = 1,249.80 a month.
  // Months 1-8 offset 1,249.80 each (9,998.40 in all), leaving 501.60; month 9 offsets 501.60 and 748.20 is payable;
  // months 10-12 pay the full 1,249.80.
  const tables = taxYearTables('2025-26');
  const perPa = calculateClass1({ tables, frequency: 'monthly', category: 'A', grossThisPeriod: '2500.00' }).employer;
  const monthlyEmployerNi = Money.sum([perPa, perPa, perPa, perPa]);

  it('each PA costs £312.45 a month in employer NICs, £1,249.80 for four', () => {
    expect(perPa.toString()).toBe('312.45');
    expect(monthlyEmployerNi.toString()).toBe('1249.80');
  });

  it('offsets £10,500 over nine months, then nothing', () => {
    const entitlement = employmentAllowanceEntitlement({ tables, employerKind: 'care-and-support' });
    let remaining = entitlement.annualAmount;
    const runs: Array<[string, string, string]> = [];
    for (let month = 1; month <= 12; month += 1) {
      const run = offsetEmploymentAllowance({ remainingAllowance: remaining, employerNiThisPeriod: monthlyEmployerNi });
      runs.push([run.offset.toString(), run.employerNiPayable.toString(), run.remainingAllowance.toString()]);
      remaining = run.remainingAllowance;
    }
    expect(runs).toEqual([
      ['1249.80', '0.00', '9250.20'],
      ['1249.80', '0.00', '8000.40'],
      ['1249.80', '0.00', '6750.60'],
      ['1249.80', '0.00', '5500.80'],
      ['1249.80', '0.00', '4251.00'],
      ['1249.80', '0.00', '3001.20'],
      ['1249.80', '0.00', '1751.40'],
      ['1249.80', '0.00', '501.60'],
      ['501.60', '748.20', '0.00'],
      ['0.00', '1249.80', '0.00'],
      ['0.00', '1249.80', '0.00'],
      ['0.00', '1249.80', '0.00'],
    ]);
  });

  it('a run with no employer NICs uses none of the allowance', () => {
    const run = offsetEmploymentAllowance({ remainingAllowance: '10500.00', employerNiThisPeriod: '0.00' });
    expect([run.offset.toString(), run.remainingAllowance.toString()]).toEqual(['0.00', '10500.00']);
  });

  it('refuses negative or fractional-penny amounts naming the field', () => {
    expect(() => offsetEmploymentAllowance({ remainingAllowance: '-1.00', employerNiThisPeriod: '5.00' })).toThrow(
      'remainingAllowance: must not be negative',
    );
    expect(() => offsetEmploymentAllowance({ remainingAllowance: '10.00', employerNiThisPeriod: '5.001' })).toThrow(
      InvalidNationalInsuranceInput,
    );
  });
});
