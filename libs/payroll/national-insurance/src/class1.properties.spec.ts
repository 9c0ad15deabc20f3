import fc from 'fast-check';
import { Money } from '@dpe/money';
import { knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { PAY_FREQUENCIES } from '@dpe/tax-calendar';
import { calculateClass1, InvalidNationalInsuranceInput, offsetEmploymentAllowance } from '@dpe/national-insurance';

/**
 * Properties that follow from the structure of Class 1 (HMRC NI guidance for software developers): each band's
 * contribution is a non-negative rate times earnings in the band, and rounding to the penny preserves order, so NICs
 * are never negative and never fall as pay rises - for every year, category letter and frequency.
 */
const years = knownTaxYears().filter(
  (year) => Object.keys(taxYearTables(year).nationalInsurance.categories ?? {}).length > 0,
);
const yearArb = fc.constantFrom(...years);
const frequencyArb = fc.constantFrom(...PAY_FREQUENCIES);
const pence = fc.integer({ min: 0, max: 5_000_000 }); // up to £50,000 in a period
const pounds = (p: number): string => Money.of(p).dividedBy(100).toString();

function categories(year: string): string[] {
  return Object.keys(taxYearTables(year).nationalInsurance.categories);
}

describe('Class 1 NICs properties', () => {
  it('covers the three tax years', () => {
    expect(years).toEqual(expect.arrayContaining(['2024-25', '2025-26', '2026-27']));
  });

  it('employee and employer NICs are never negative, for every year, category and frequency', () => {
    fc.assert(
      fc.property(yearArb, frequencyArb, pence, fc.integer({ min: 0, max: 16 }), (year, frequency, gross, index) => {
        const letters = categories(year);
        const category = letters[index % letters.length] as string;
        const r = calculateClass1({ tables: taxYearTables(year), frequency, category, grossThisPeriod: pounds(gross) });
        return !r.employee.isNegative() && !r.employer.isNegative();
      }),
      { numRuns: 2000 },
    );
  });

  it('employee and employer NICs are monotone non-decreasing in gross, for every year, category and frequency', () => {
    for (const year of years) {
      const tables = taxYearTables(year);
      for (const category of categories(year)) {
        for (const frequency of PAY_FREQUENCIES) {
          fc.assert(
            fc.property(pence, pence, fc.integer({ min: 1, max: 2 }), (a, b, periods) => {
              const [low, high] = a <= b ? [a, b] : [b, a];
              const lower = calculateClass1({ tables, frequency, category, grossThisPeriod: pounds(low), periods });
              const higher = calculateClass1({ tables, frequency, category, grossThisPeriod: pounds(high), periods });
              return (
                higher.employee.greaterThanOrEqual(lower.employee) && higher.employer.greaterThanOrEqual(lower.employer)
              );
            }),
            { numRuns: 60 },
          );
        }
      }
    }
  });

  it('monotone across each threshold too: one penny more never lowers NICs', () => {
    fc.assert(
      fc.property(yearArb, frequencyArb, pence, fc.integer({ min: 0, max: 16 }), (year, frequency, gross, index) => {
        const letters = categories(year);
        const category = letters[index % letters.length] as string;
        const tables = taxYearTables(year);
        const at = calculateClass1({ tables, frequency, category, grossThisPeriod: pounds(gross) });
        const next = calculateClass1({ tables, frequency, category, grossThisPeriod: pounds(gross + 1) });
        return next.employee.greaterThanOrEqual(at.employee) && next.employer.greaterThanOrEqual(at.employer);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("bad input never throws anything but the library's own validation error", () => {
  const anyValue = fc.oneof(
    fc.anything(),
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.constant(undefined),
    fc.constant(null),
    fc.constantFrom('A', 'M', 'X', 'Q', '', 'weekly', 'monthly', '12.34', '-5', '1e3', '0.001', 'NaN'),
  );
  const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof(valid, anyValue);

  it('calculateClass1', () => {
    fc.assert(
      fc.property(
        maybe(fc.constantFrom(...years).map((year) => taxYearTables(year) as unknown)),
        maybe(fc.constantFrom(...PAY_FREQUENCIES)),
        maybe(fc.constantFrom('A', 'B', 'C', 'H', 'M', 'V', 'Z', 'F', 'X')),
        maybe(pence.map(pounds)),
        fc.oneof(fc.constant(undefined), maybe(fc.integer({ min: 1, max: 4 }))),
        (tables, frequency, category, grossThisPeriod, periods) => {
          try {
            calculateClass1({ tables, frequency, category, grossThisPeriod, periods } as never);
            return true;
          } catch (error) {
            return error instanceof InvalidNationalInsuranceInput && error.message.startsWith(`${error.field}: `);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('calculateClass1 given something other than an object', () => {
    fc.assert(
      fc.property(anyValue, (input) => {
        try {
          calculateClass1(input as never);
          return true;
        } catch (error) {
          return error instanceof InvalidNationalInsuranceInput;
        }
      }),
    );
  });

  it('offsetEmploymentAllowance', () => {
    fc.assert(
      fc.property(maybe(pence.map(pounds)), maybe(pence.map(pounds)), (remainingAllowance, employerNiThisPeriod) => {
        try {
          const r = offsetEmploymentAllowance({ remainingAllowance, employerNiThisPeriod } as never);
          return !r.offset.isNegative() && !r.remainingAllowance.isNegative() && !r.employerNiPayable.isNegative();
        } catch (error) {
          return error instanceof InvalidNationalInsuranceInput;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
