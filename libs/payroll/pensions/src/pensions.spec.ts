import fc from 'fast-check';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import {
  assessWorker,
  calculateContributions,
  PensionsInputError,
  statePensionDate,
  type WorkerCategory,
} from '@dpe/pensions';

const y2627 = taxYearTables('2026-27');

// TPR "Automatic enrolment earnings thresholds" (2024-25 and 2025-26 tables; 2026-27 held at the same levels, HCWS1206):
// [lower level of qualifying earnings, earnings trigger, upper level] per pay reference period.
const TPR = {
  weekly: ['120', '192', '967'],
  fortnightly: ['240', '384', '1934'],
  'four-weekly': ['480', '768', '3867'],
  monthly: ['520', '833', '4189'],
} as const;
type Frequency = keyof typeof TPR;
const FREQUENCIES = Object.keys(TPR) as Frequency[];

const penny = (amount: string, delta: number) => Money.of(amount).plus(Money.of(delta).dividedBy(100)).toString();
const ADULT = '1990-06-15'; // 36 on the pay date below: between 22 and State Pension age
const PAY_DATE = '2026-06-30';

function category(frequency: Frequency, earnings: string, dateOfBirth = ADULT, payDate = PAY_DATE): WorkerCategory {
  return assessWorker({ tables: y2627, frequency, payDate, dateOfBirth, earnings }).category;
}

describe('worker category at the earnings boundaries, for each pay frequency (Pensions Act 2008 s1, s3, s13; TPR thresholds)', () => {
  describe.each(FREQUENCIES)('%s', (frequency) => {
    const [lower, trigger, upper] = TPR[frequency];

    it(`uses TPR's ${frequency} thresholds £${lower} / £${trigger} / £${upper}`, () => {
      const { thresholds } = assessWorker({
        tables: y2627,
        frequency,
        payDate: PAY_DATE,
        dateOfBirth: ADULT,
        earnings: '0',
      });
      expect(thresholds.qualifyingEarningsLowerLimit.toString()).toBe(Money.of(lower).toString());
      expect(thresholds.earningsTrigger.toString()).toBe(Money.of(trigger).toString());
      expect(thresholds.qualifyingEarningsUpperLimit.toString()).toBe(Money.of(upper).toString());
    });

    it('just below and exactly at the lower limit: entitled worker (no qualifying earnings are "more than" the limit)', () => {
      expect(category(frequency, penny(lower, -1))).toBe('entitled-worker');
      expect(category(frequency, lower)).toBe('entitled-worker');
    });

    it('a penny above the lower limit: non-eligible jobholder', () => {
      expect(category(frequency, penny(lower, 1))).toBe('non-eligible-jobholder');
    });

    it('just below and exactly at the trigger: non-eligible jobholder (s3(1)(c): earnings of MORE than the trigger)', () => {
      expect(category(frequency, penny(trigger, -1))).toBe('non-eligible-jobholder');
      expect(category(frequency, trigger)).toBe('non-eligible-jobholder');
    });

    it('a penny above the trigger, aged 22 to State Pension age: eligible jobholder', () => {
      expect(category(frequency, penny(trigger, 1))).toBe('eligible-jobholder');
    });
  });
});

describe('worker category at the age boundaries (age on the pay date)', () => {
  const aboveTrigger = '1000'; // above every frequency's trigger
  const cases: Array<[string, string, string, WorkerCategory]> = [
    // [why, dateOfBirth, payDate, category]
    ['the day before the 16th birthday: under 16, no duties', '2010-07-01', '2026-06-30', 'outside-age-range'],
    [
      'on the 16th birthday: a jobholder, but under 22 so not eligible',
      '2010-06-30',
      '2026-06-30',
      'non-eligible-jobholder',
    ],
    ['the day before the 22nd birthday: non-eligible', '2004-07-01', '2026-06-30', 'non-eligible-jobholder'],
    ['on the 22nd birthday: eligible', '2004-06-30', '2026-06-30', 'eligible-jobholder'],
    // Born 6 April 1960: State Pension age 66 years 1 month (Pensions Act 2014 s26), i.e. 6 May 2026.
    ['the day before State Pension age: eligible', '1960-04-06', '2026-05-05', 'eligible-jobholder'],
    ['on reaching State Pension age: non-eligible', '1960-04-06', '2026-05-06', 'non-eligible-jobholder'],
    ['the day before the 75th birthday: still a jobholder', '1951-07-01', '2026-06-30', 'non-eligible-jobholder'],
    ['on the 75th birthday: no duties (s1(1)(b) "under 75")', '1951-06-30', '2026-06-30', 'outside-age-range'],
  ];
  it.each(cases)('%s', (_why, dateOfBirth, payDate, expected) => {
    expect(category('monthly', aboveTrigger, dateOfBirth, payDate)).toBe(expected);
  });

  it('a 16-year-old at or below the lower limit is an entitled worker; a 75-year-old is not', () => {
    expect(category('weekly', '120', '2010-06-30')).toBe('entitled-worker');
    expect(category('weekly', '120', '1951-06-30')).toBe('outside-age-range');
  });

  it('takes a known state pension date instead of the computed one', () => {
    const r = assessWorker({
      tables: y2627,
      frequency: 'monthly',
      payDate: PAY_DATE,
      dateOfBirth: ADULT,
      earnings: '1000',
      statePensionDate: '2026-06-01',
    });
    expect(r.reachedStatePensionAge).toBe(true);
    expect(r.category).toBe('non-eligible-jobholder');
  });
});

describe('State Pension age under current law (DWP State Pension age timetable)', () => {
  const cases: Array<[string, string, string]> = [
    ['born 1 January 1955: 66 (Pensions Act 2011)', '1955-01-01', '2021-01-01'],
    ['born 6 April 1960: 66 years 1 month', '1960-04-06', '2026-05-06'],
    ['born 5 May 1960: 66 years 1 month', '1960-05-05', '2026-06-05'],
    ['born 6 May 1960: 66 years 2 months', '1960-05-06', '2026-07-06'],
    ['born 31 December 1960: 66 years 9 months, DWP gives 30 September 2027', '1960-12-31', '2027-09-30'],
    ['born 31 January 1961: 66 years 10 months, DWP gives 30 November 2027', '1961-01-31', '2027-11-30'],
    ['born 5 March 1961: 66 years 11 months', '1961-03-05', '2028-02-05'],
    ['born 6 March 1961: 67', '1961-03-06', '2028-03-06'],
    ['born 6 April 1978: 68 (Pensions Act 2007)', '1978-04-06', '2046-04-06'],
  ];
  it.each(cases)('%s', (_why, dateOfBirth, expected) => {
    expect(statePensionDate(dateOfBirth).date).toBe(expected);
  });

  it('born before 6 October 1954: State Pension age was reached by 6 September 2020 at the latest', () => {
    expect(statePensionDate('1953-03-01')).toEqual({ date: '2020-09-06', basis: 'reached-by-6-september-2020' });
  });

  it('born 6 April 1977 to 5 April 1978: asks for the date (Pensions Act 2007 Sch 3 table not encoded)', () => {
    expect(() => statePensionDate('1977-05-01')).toThrow(PensionsInputError);
    expect(() => statePensionDate('1977-05-01')).toThrow(/^statePensionDate: must be given/);
  });
});

describe('contributions on qualifying earnings (Pensions Act 2008 s13 band; s20 minimum 3% employer, 8% total)', () => {
  it('monthly £2,000: qualifying £1,480; employer 3% £44.40; net pay arrangement 5% £74.00 before tax', () => {
    const c = calculateContributions({
      tables: y2627,
      frequency: 'monthly',
      earnings: '2000',
      taxRelief: 'net-pay-arrangement',
    });
    expect(c.qualifyingEarnings.toString()).toBe('1480.00');
    expect(c.employerContribution.toString()).toBe('44.40');
    expect(c.deductedBeforeTax.toString()).toBe('74.00');
    expect(c.deductedFromNetPay.toString()).toBe('0.00');
    expect(c.employeeContributionGross.toString()).toBe('74.00');
    expect(c.meetsStatutoryMinimum).toBe(true);
  });

  it('relief at source: the member pays 4% of £1,480 = £59.20 from net pay, the scheme claims £14.80 basic-rate relief', () => {
    const c = calculateContributions({
      tables: y2627,
      frequency: 'monthly',
      earnings: '2000',
      taxRelief: 'relief-at-source',
    });
    expect(c.deductedFromNetPay.toString()).toBe('59.20');
    expect(c.taxReliefClaimedByScheme.toString()).toBe('14.80');
    expect(c.employeeContributionGross.toString()).toBe('74.00');
    expect(c.deductedBeforeTax.toString()).toBe('0.00');
  });

  it('earnings above the upper limit stop at it: monthly £5,000 → qualifying £4,189 − £520 = £3,669; employer £110.07', () => {
    const c = calculateContributions({
      tables: y2627,
      frequency: 'monthly',
      earnings: '5000',
      taxRelief: 'net-pay-arrangement',
    });
    expect(c.qualifyingEarnings.toString()).toBe('3669.00');
    expect(c.employerContribution.toString()).toBe('110.07');
    expect(c.deductedBeforeTax.toString()).toBe('183.45');
  });

  it('earnings at or below the lower limit have no qualifying earnings', () => {
    const c = calculateContributions({
      tables: y2627,
      frequency: 'weekly',
      earnings: '120',
      taxRelief: 'relief-at-source',
    });
    expect(c.qualifyingEarnings.toString()).toBe('0.00');
    expect(c.employerContribution.toString()).toBe('0.00');
    expect(c.deductedFromNetPay.toString()).toBe('0.00');
  });

  it('rounds to the nearest penny by default, or down or up when the scheme says so (weekly £333.33 → qualifying £213.33)', () => {
    const at = (rounding: 'nearest-penny' | 'down' | 'up') =>
      calculateContributions({
        tables: y2627,
        frequency: 'weekly',
        earnings: '333.33',
        taxRelief: 'net-pay-arrangement',
        rounding,
      });
    // 3% of 213.33 = 6.3999; 5% = 10.6665
    expect([
      at('nearest-penny').employerContribution.toString(),
      at('nearest-penny').deductedBeforeTax.toString(),
    ]).toEqual(['6.40', '10.67']);
    expect([at('down').employerContribution.toString(), at('down').deductedBeforeTax.toString()]).toEqual([
      '6.39',
      '10.66',
    ]);
    expect([at('up').employerContribution.toString(), at('up').deductedBeforeTax.toString()]).toEqual([
      '6.40',
      '10.67',
    ]);
  });

  it('configurable rates; flags rates below the statutory minimum', () => {
    const generous = calculateContributions({
      tables: y2627,
      frequency: 'monthly',
      earnings: '2000',
      taxRelief: 'net-pay-arrangement',
      employerRate: '0.05',
      employeeRate: '0.03',
    });
    expect(generous.employerContribution.toString()).toBe('74.00');
    expect(generous.meetsStatutoryMinimum).toBe(true);
    const short = calculateContributions({
      tables: y2627,
      frequency: 'monthly',
      earnings: '2000',
      taxRelief: 'net-pay-arrangement',
      employerRate: '0.02',
      employeeRate: '0.06',
    });
    expect(short.meetsStatutoryMinimum).toBe(false);
  });
});

describe('properties', () => {
  it('contributions are never negative and never fall as earnings rise', () => {
    const freq = fc.constantFrom(...FREQUENCIES);
    const pence = fc.integer({ min: 0, max: 1_000_000 });
    fc.assert(
      fc.property(
        freq,
        pence,
        pence,
        fc.constantFrom('relief-at-source' as const, 'net-pay-arrangement' as const),
        (frequency, a, b, taxRelief) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const at = (p: number) =>
            calculateContributions({ tables: y2627, frequency, earnings: Money.of(p).dividedBy(100), taxRelief });
          const x = at(lo);
          const y = at(hi);
          expect(x.employerContribution.isNegative()).toBe(false);
          expect(y.employerContribution.greaterThanOrEqual(x.employerContribution)).toBe(true);
          expect(y.employeeContributionGross.greaterThanOrEqual(x.employeeContributionGross)).toBe(true);
        },
      ),
    );
  });

  it('a bad input throws only PensionsInputError, naming the field and the rule', () => {
    const assessment = {
      tables: y2627,
      frequency: 'monthly',
      payDate: PAY_DATE,
      dateOfBirth: ADULT,
      earnings: '900',
      statePensionDate: '2057-06-15',
    };
    const contribution = {
      tables: y2627,
      frequency: 'monthly',
      earnings: '900',
      taxRelief: 'relief-at-source',
      employerRate: '0.03',
      employeeRate: '0.05',
      rounding: 'down',
    };
    const check = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(PensionsInputError);
        const e = error as PensionsInputError;
        expect(e.message).toBe(`${e.field}: ${e.rule}`);
      }
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(assessment)), fc.anything(), (field, value) => {
        check(() => assessWorker({ ...assessment, [field]: value } as never));
      }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(contribution)), fc.anything(), (field, value) => {
        check(() => calculateContributions({ ...contribution, [field]: value } as never));
      }),
    );
    fc.assert(fc.property(fc.anything(), (value) => check(() => statePensionDate(value as never))));
    expect(() => assessWorker(null as never)).toThrow(PensionsInputError);
  });
});
