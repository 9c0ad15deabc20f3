import fc from 'fast-check';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import { isExtraPeriod, periodNumbers, type PayFrequency } from '@dpe/tax-calendar';
import { InvalidIncomeTaxInput, calculateIncomeTax, parseTaxCode } from '@dpe/income-tax';

const years = ['2024-25', '2025-26', '2026-27'] as const;
const frequencies: PayFrequency[] = ['weekly', 'fortnightly', 'four-weekly', 'monthly'];
const prefixes = { restOfUk: '', scotland: 'S', wales: 'C' } as const;

const pence = (max: number) => fc.integer({ min: 0, max }).map((p) => Money.of(p).dividedBy(100));

/** Any code HMRC could issue: allowance, K, BR, D (within the regime's bands), NT — with its region prefix. */
const validCodeBody = (region: keyof typeof prefixes) =>
  fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.constantFrom('L', 'M', 'N', 'T')).map(([n, s]) => `${n}${s}`),
    fc.integer({ min: 1, max: 99999 }).map((n) => `K${n}`),
    fc.constant('BR'),
    fc.constant('NT'),
    fc.integer({ min: 0, max: region === 'scotland' ? 3 : 1 }).map((d) => `D${d}`),
  );

const scenario = fc
  .record({
    year: fc.constantFrom(...years),
    region: fc.constantFrom('restOfUk', 'scotland', 'wales' as const),
    frequency: fc.constantFrom(...frequencies),
  })
  .chain(({ year, region, frequency }) =>
    fc.record({
      year: fc.constant(year),
      frequency: fc.constant(frequency),
      code: validCodeBody(region).map((body) => `${prefixes[region]}${body}`),
      period: fc.constantFrom(...periodNumbers(frequency)),
      gross: pence(5_000_000),
      earlierPay: pence(30_000_000),
      taxPaid: pence(10_000_000),
    }),
  );

describe('properties', () => {
  // Spec §8–11 / reference §1.4: on Week 1/Month 1 "each payment is taxed in isolation … and no refunds arise".
  it('tax is never negative on a Week 1/Month 1 basis, whatever was paid before', () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom(' W1', ' M1', ' X', 'flag'), (s, marker) => {
        const r = calculateIncomeTax({
          tables: taxYearTables(s.year).incomeTax,
          frequency: s.frequency,
          period: s.period,
          taxCode: marker === 'flag' ? s.code : `${s.code}${marker}`,
          week1Month1: marker === 'flag',
          grossThisPeriod: s.gross,
          taxablePayToDate: s.gross.plus(s.earlierPay),
          taxPaidToDate: s.taxPaid,
        });
        return (
          r.basis === 'non-cumulative' &&
          !r.taxThisPeriod.isNegative() &&
          !r.taxThisPeriod.greaterThan(r.regulatoryLimit)
        );
      }),
      { numRuns: 500 },
    );
  });

  /**
   * A year of equal pay on a cumulative code: the period taxes telescope to the last period's tax due, where n = p so
   * the pro-rated bands are exactly the annual ones. That must equal the tax on the year's pay worked the plain annual
   * way — pay less (code × 10 + 9) (plus, for K codes), rounded down to £, through the annual bands, rounded down to the
   * penny — except for HMRC's rounding of free pay: each period's free pay is rounded UP to the penny (≤ 1p × periods
   * over the year) and each £5,000 block is £416.67 a month or £96.16 a week (4p or 32p a year too much). So the year's
   * free pay exceeds the annual allowance by e ≤ periods × £0.01 + blocks × (£0.04 | £0.32), which moves whole-pound
   * taxable pay by at most max(⌈e⌉, 1) pounds, each taxed at no more than the top rate, plus 1p of penny rounding.
   * Tolerance = max(⌈e⌉, 1) × top rate + £0.01 (e.g. £0.49 monthly, £0.97 weekly for a Scottish 1257L).
   */
  it("cumulative tax over a year of equal pay equals the annual tax within HMRC's free-pay rounding", () => {
    const yearOfPay = fc.record({
      year: fc.constantFrom(...years),
      region: fc.constantFrom('restOfUk', 'scotland', 'wales' as const),
      frequency: fc.constantFrom(...frequencies),
      kind: fc.constantFrom('allowance', 'K', 'BR'),
      codeNumber: fc.integer({ min: 0, max: 2000 }),
      payPerPeriod: fc.integer({ min: 0, max: 2_000_000 }).map((p) => Money.of(p).dividedBy(100)),
    });
    fc.assert(
      fc.property(yearOfPay, ({ year, region, frequency, kind, codeNumber, payPerPeriod }) => {
        const tables = taxYearTables(year).incomeTax;
        const regime = tables.regimes[region];
        const number = kind === 'K' ? Math.max(codeNumber, 1) : codeNumber;
        const code = `${prefixes[region]}${kind === 'BR' ? 'BR' : kind === 'K' ? `K${number}` : `${number}L`}`;
        const periods = periodNumbers(frequency).filter((n) => !isExtraPeriod(frequency, n)); // no week 53/54/56
        let taxPaid = Money.zero;
        let payToDate = Money.zero;
        let limitApplied = false;
        for (const period of periods) {
          payToDate = payToDate.plus(payPerPeriod);
          const r = calculateIncomeTax({
            tables,
            frequency,
            period,
            taxCode: code,
            grossThisPeriod: payPerPeriod,
            taxablePayToDate: payToDate,
            taxPaidToDate: taxPaid,
          });
          limitApplied ||= r.regulatoryLimitApplied;
          taxPaid = r.taxToDate;
        }
        fc.pre(!limitApplied); // the 50% limit would defer tax past the year end; that is tested on its own

        // The annual figure, worked independently of the routines.
        const allowance = kind === 'BR' || number === 0 ? Money.zero : Money.of(number * 10 + 9);
        const annualTaxable =
          kind === 'K' ? payToDate.plus(allowance) : kind === 'BR' ? payToDate : payToDate.minus(allowance);
        let annual = Money.zero;
        if (kind === 'BR') {
          annual = payToDate.roundDownToPound().times(regime.bands[regime.basicRateBand]!.rate);
        } else if (annualTaxable.isPositive()) {
          let remaining = annualTaxable.roundDownToPound();
          for (const band of regime.bands) {
            const inBand = band.width === undefined ? remaining : Money.min(remaining, Money.of(band.width));
            annual = annual.plus(inBand.times(band.rate));
            remaining = remaining.minus(inBand);
          }
        }
        annual = annual.roundDownToPenny();

        const perYear = frequency === 'monthly' ? 12 : 52;
        const blocks = number === 0 ? 0 : Math.floor((number - 1) / 500);
        const excess = Money.of(perYear)
          .times('0.01')
          .plus(Money.of(blocks).times(perYear === 12 ? '0.04' : '0.32'));
        const topRate = regime.bands[regime.bands.length - 1]!.rate;
        const pounds = kind === 'BR' ? 0 : Math.max(Number(excess.roundUpToPound().toString()), 1);
        const tolerance = Money.of(pounds).times(topRate).plus('0.01');
        const difference = taxPaid.minus(annual);
        const within = !difference.greaterThan(tolerance) && !difference.lessThan(tolerance.negated());
        if (!within)
          throw new Error(`${code} ${frequency} ${year}: year ${taxPaid} vs annual ${annual} (tolerance ${tolerance})`);
        return kind !== 'BR' || difference.isZero();
      }),
      { numRuns: 300 },
    );
  });

  it('bad input never throws anything but InvalidIncomeTaxInput', () => {
    const tables = taxYearTables('2026-27').incomeTax;
    const codeLike = fc.stringMatching(/^[SCsc]?(K?\d{0,8}[A-Z]?|BR|NT|D\d{0,2})[ /]?(W1|M1|X)?$/);
    const amount = fc.oneof(
      fc.string(),
      fc.integer().map(String),
      fc.double().map(String),
      pence(1_000_000).map((m) => m.toString()),
      fc.constant('-1.00'),
      fc.constant('1.001'),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), codeLike, fc.anything()),
        fc.oneof(fc.constantFrom(...frequencies), fc.string(), fc.anything()),
        fc.oneof(fc.integer({ min: -5, max: 60 }), fc.double(), fc.anything()),
        amount,
        amount,
        amount,
        fc.oneof(fc.boolean(), fc.constant(undefined), fc.anything()),
        (taxCode, frequency, period, gross, toDate, paid, week1Month1) => {
          try {
            parseTaxCode(taxCode);
          } catch (e) {
            if (!(e instanceof InvalidIncomeTaxInput)) throw e;
          }
          try {
            calculateIncomeTax({
              tables,
              frequency: frequency as PayFrequency,
              period: period as number,
              taxCode: taxCode as string,
              week1Month1: week1Month1 as boolean,
              grossThisPeriod: gross as string,
              taxablePayToDate: toDate as string,
              taxPaidToDate: paid as string,
            });
          } catch (e) {
            if (!(e instanceof InvalidIncomeTaxInput)) throw e;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
