import fc from 'fast-check';
import { Money } from '@dpe/money';
import { checkMinimumWage, MinimumWageInputError, minimumWageRateTimeline } from '@dpe/minimum-wage';

// Rates: gov.uk "National Minimum Wage and National Living Wage rates" (https://www.gov.uk/national-minimum-wage-rates).
// Which rate: the one that applies on the first day of the pay reference period (NMW Regulations 2015 reg 4B).

describe('the rate timeline (gov.uk NMW/NLW rates)', () => {
  it('holds April 2024, April 2025 and April 2026 with the published rates', () => {
    const table = minimumWageRateTimeline().map((c) => [
      c.effectiveFrom,
      c.hourly['21-and-over'].toString(),
      c.hourly['18-to-20'].toString(),
      c.hourly['under-18'].toString(),
      c.hourly.apprentice.toString(),
    ]);
    expect(table).toEqual([
      ['2024-04-01', '11.44', '8.60', '6.40', '6.40'],
      ['2025-04-01', '12.21', '10.00', '7.55', '7.55'],
      ['2026-04-01', '12.71', '10.85', '8.00', '8.00'],
    ]);
  });
});

describe('a 20-year-old across 1 April 2026', () => {
  const dateOfBirth = '2005-09-01'; // 20 throughout March to May 2026

  it('£10.00 an hour was the 18–20 rate for a pay reference period starting in March 2026: compliant', () => {
    const r = checkMinimumWage({
      dateOfBirth,
      periodStart: '2026-03-01',
      periodEnd: '2026-03-31',
      hoursWorked: '100',
      pay: '1000.00',
    });
    expect(r.compliant).toBe(true);
    expect(r.ageBand).toBe('18-to-20');
    expect(r.requiredRate.toString()).toBe('10.00');
    expect(r.shortfall.toString()).toBe('0.00');
  });

  it('the same £10.00 for a period starting on 1 April 2026 breaches the new £10.85: 100 h × £10.85 − £1,000 = £85.00 short', () => {
    const r = checkMinimumWage({
      dateOfBirth,
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      hoursWorked: '100',
      pay: '1000.00',
    });
    expect(r.compliant).toBe(false);
    expect(r.requiredRate.toString()).toBe('10.85');
    expect(r.effectiveRate.toString()).toBe('10.00');
    expect(r.shortfall.toString()).toBe('85.00');
    expect(r.ratesEffectiveFrom).toBe('2026-04-01');
  });

  it('a period that started before 1 April (16 March to 15 April) stays on the old rate (ACAS "when increases are paid")', () => {
    const r = checkMinimumWage({
      dateOfBirth,
      periodStart: '2026-03-16',
      periodEnd: '2026-04-15',
      hoursWorked: '100',
      pay: '1000.00',
    });
    expect(r.compliant).toBe(true);
    expect(r.requiredRate.toString()).toBe('10.00');
  });
});

describe('a birthday moves the worker to the National Living Wage from the next pay reference period', () => {
  const dateOfBirth = '2005-04-10'; // 21 on 10 April 2026

  it('weekly period 6–12 April 2026 containing the 21st birthday: still the 18–20 rate, £10.85', () => {
    const r = checkMinimumWage({
      dateOfBirth,
      periodStart: '2026-04-06',
      periodEnd: '2026-04-12',
      hoursWorked: '30',
      pay: '325.50',
    });
    expect(r.ageOnPeriodStart).toBe(20);
    expect(r.ageBand).toBe('18-to-20');
    expect(r.compliant).toBe(true);
  });

  it('the next week, 13–19 April, is at £12.71: £10.85 × 30 h = £325.50 is £55.80 short of £381.30', () => {
    const r = checkMinimumWage({
      dateOfBirth,
      periodStart: '2026-04-13',
      periodEnd: '2026-04-19',
      hoursWorked: '30',
      pay: '325.50',
    });
    expect(r.ageBand).toBe('21-and-over');
    expect(r.requiredRate.toString()).toBe('12.71');
    expect(r.compliant).toBe(false);
    expect(r.shortfall.toString()).toBe('55.80');
  });
});

describe('apprentices (gov.uk: under 19, or 19 and over in the first year, get the apprentice rate)', () => {
  it('gov.uk example: an apprentice aged 21 in the first year of their apprenticeship — £7.55 from April 2025', () => {
    const r = checkMinimumWage({
      dateOfBirth: '2004-01-01',
      periodStart: '2025-06-01',
      periodEnd: '2025-06-30',
      hoursWorked: '100',
      pay: '755.00',
      apprentice: { startDate: '2025-01-06' },
    });
    expect(r.ageBand).toBe('apprentice');
    expect(r.requiredRate.toString()).toBe('7.55');
    expect(r.compliant).toBe(true);
  });

  it('gov.uk example: an apprentice aged 21 who has completed the first year — £12.21 from April 2025', () => {
    const r = checkMinimumWage({
      dateOfBirth: '2004-01-01',
      periodStart: '2025-06-01',
      periodEnd: '2025-06-30',
      hoursWorked: '100',
      pay: '755.00',
      apprentice: { startDate: '2024-03-04' },
    });
    expect(r.ageBand).toBe('21-and-over');
    expect(r.requiredRate.toString()).toBe('12.21');
    expect(r.shortfall.toString()).toBe('466.00');
  });

  it('an apprentice under 19 keeps the apprentice rate after the first year (2026: £8.00)', () => {
    const r = checkMinimumWage({
      dateOfBirth: '2008-01-01',
      periodStart: '2026-05-01',
      periodEnd: '2026-05-31',
      hoursWorked: '50',
      pay: '400.00',
      apprentice: { startDate: '2024-09-02' },
    });
    expect(r.ageBand).toBe('apprentice');
    expect(r.compliant).toBe(true);
  });
});

describe('other bands and rounding', () => {
  it('under 18 in 2024-25: £6.40', () => {
    const r = checkMinimumWage({
      dateOfBirth: '2007-09-01',
      periodStart: '2024-06-01',
      periodEnd: '2024-06-07',
      hoursWorked: 10,
      pay: '64.00',
    });
    expect(r.ageBand).toBe('under-18');
    expect(r.requiredRate.toString()).toBe('6.40');
    expect(r.compliant).toBe(true);
  });

  it("a fraction of a penny short is still a breach, and the shortfall rounds UP in the worker's favour (37.5 h × £12.71 = £476.625)", () => {
    const r = checkMinimumWage({
      dateOfBirth: '1980-01-01',
      periodStart: '2026-04-06',
      periodEnd: '2026-04-12',
      hoursWorked: '37.5',
      pay: '476.62',
    });
    expect(r.compliant).toBe(false);
    expect(r.shortfall.toString()).toBe('0.01');
    expect(r.effectiveRate.toString()).toBe('12.70');
    const paid = checkMinimumWage({
      dateOfBirth: '1980-01-01',
      periodStart: '2026-04-06',
      periodEnd: '2026-04-12',
      hoursWorked: '37.5',
      pay: '476.63',
    });
    expect(paid.compliant).toBe(true);
  });

  it('refuses periods longer than a month and periods before the first held rates', () => {
    expect(() =>
      checkMinimumWage({
        dateOfBirth: '1980-01-01',
        periodStart: '2026-04-01',
        periodEnd: '2026-05-01',
        hoursWorked: '1',
        pay: '20',
      }),
    ).toThrow(/^periodEnd: a pay reference period can be at most one month/);
    expect(() =>
      checkMinimumWage({
        dateOfBirth: '1980-01-01',
        periodStart: '2024-03-25',
        periodEnd: '2024-03-31',
        hoursWorked: '1',
        pay: '20',
      }),
    ).toThrow(/^periodStart: no minimum wage rates are held/);
  });
});

describe('properties', () => {
  it('compliant exactly when pay covers rate × hours; shortfall is zero then, positive otherwise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 0, max: 1_000_000 }), (centiHours, pence) => {
        const hours = Money.of(centiHours).dividedBy(100).amount.toString();
        const pay = Money.of(pence).dividedBy(100);
        const r = checkMinimumWage({
          dateOfBirth: '1990-01-01',
          periodStart: '2026-04-01',
          periodEnd: '2026-04-30',
          hoursWorked: hours,
          pay,
        });
        const due = r.requiredRate.times(hours);
        expect(r.compliant).toBe(pay.greaterThanOrEqual(due));
        expect(r.shortfall.isZero()).toBe(r.compliant);
        if (!r.compliant) expect(pay.plus(r.shortfall).greaterThanOrEqual(due)).toBe(true);
      }),
    );
  });

  it('a bad input throws only MinimumWageInputError, naming the field and the rule', () => {
    const good = {
      dateOfBirth: '1990-01-01',
      periodStart: '2026-04-01',
      periodEnd: '2026-04-30',
      hoursWorked: '100',
      pay: '1300.00',
      apprentice: { startDate: '2026-01-05' },
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(good), 'rates'), fc.anything(), (field, value) => {
        try {
          checkMinimumWage({ ...good, [field]: value } as never);
        } catch (error) {
          expect(error).toBeInstanceOf(MinimumWageInputError);
          const e = error as MinimumWageInputError;
          expect(e.message).toBe(`${e.field}: ${e.rule}`);
        }
      }),
    );
    expect(() => checkMinimumWage(undefined as never)).toThrow(MinimumWageInputError);
  });
});

describe('the published worked example of an underpayment', () => {
  // Government guidance "Example calculation for minimum wage arrears" (nibusinessinfo.co.uk, which carries the
  // DBT/HMRC calculating-the-minimum-wage example; rates of 2022-23): a 45-year-old paid £250 for 35 hours in the pay
  // reference period 1 to 8 December 2022, when the rate was £9.50: £9.50 × 35 = £332.50, an underpayment of £82.50.
  // Only that year's adult rate is given here, as the example gives it.
  const rates = [
    {
      effectiveFrom: '2022-04-01',
      hourly: {
        '21-and-over': Money.of('9.50'),
        '18-to-20': Money.of('6.83'),
        'under-18': Money.of('4.81'),
        apprentice: Money.of('4.81'),
      },
    },
  ];
  it('finds the £82.50 shortfall of the published example', () => {
    const check = checkMinimumWage({
      dateOfBirth: '1977-06-01',
      periodStart: '2022-12-01',
      periodEnd: '2022-12-08',
      hoursWorked: '35',
      pay: '250.00',
      rates,
    });
    expect({
      compliant: check.compliant,
      required: check.requiredRate.toString(),
      shortfall: check.shortfall.toString(),
    }).toEqual({ compliant: false, required: '9.50', shortfall: '82.50' });
  });
});
