import { taxYearTables } from '@dpe/statutory-data';
import { payPeriodOf } from '@dpe/tax-calendar';
import { calculateIncomeTax, freePayForOnePeriod, type IncomeTaxInput } from '@dpe/income-tax';

/**
 * Worked examples built by hand from HMRC's rules, for the cases HMRC's 2026-27 test data do not cover
 * (hmrc-test-data/README.md: "Not covered by any HMRC data found: the 50% regulatory limit on K codes binding,
 * week 53/54/56 …"). Every expected figure is worked in the comment beside it from the rule it cites; none is
 * copied from this library's output. Formulae: Specification for PAYE Tax Table Routines v24 (reference §2.2–2.4).
 */
const y2026 = taxYearTables('2026-27').incomeTax;
const y2024 = taxYearTables('2024-25').incomeTax;

function tax(
  input: Partial<IncomeTaxInput> & Pick<IncomeTaxInput, 'frequency' | 'period' | 'taxCode' | 'grossThisPeriod'>,
) {
  return calculateIncomeTax({
    tables: y2026,
    taxablePayToDate: input.grossThisPeriod,
    taxPaidToDate: '0.00',
    ...input,
  });
}

describe('free pay from the code number (spec v24 §4.3.1, "note for programmers"; reference §2.2 worked values)', () => {
  it.each([
    // code number, monthly, weekly — reference §2.2 table, consistent with HMRC's 2026-27 test data
    [1257, '1048.26', '241.92'], // r = 257: 2579/12 = 214.9166 → 214.92 (+ 2 × 416.67); 2579/52 = 49.5961 → 49.60 (+ 2 × 96.16)
    [45, '38.25', '8.83'],
    [145, '121.59', '28.06'],
    [999, '833.26', '192.30'],
    [1000, '834.09', '192.49'],
    [1001, '834.93', '192.69'],
    [585, '488.26', '112.68'], // K585 (reference: £488.26 a month); weekly q = 1, r = 85: 859/52 = 16.5192 → 16.52 + 96.16
    [630, '525.76', '121.34'], // K630 (reference: £121.34 a week); monthly q = 1, r = 130: 1309/12 = 109.0833 → 109.09 + 416.67
    [0, '0.00', '0.00'],
  ])('code %i: %s a month, %s a week', (code, monthly, weekly) => {
    expect(freePayForOnePeriod(code, 12).toString()).toBe(monthly);
    expect(freePayForOnePeriod(code, 52).toString()).toBe(weekly);
  });
});

describe('the 50% regulatory limit binding, with the tax carried forward', () => {
  // Rule: "Employers and pension providers cannot take more than half of your pre-tax wages or pension when using a K
  // tax code" (gov.uk https://www.gov.uk/tax-codes/k-in-your-tax-code); spec parameter M = 0.50; "any tax which cannot
  // be taken due to this rule is carried forward" (sqeptech K Tax Code glossary, reference §1.4): the next period's tax
  // is tax due to date less tax actually deducted to date, again capped at 50% of that period's pay.
  //
  // K2500, monthly, 2026-27. Additional pay a month: q = 4, r = 500 → 5009/12 = 417.4166 → 417.42, plus
  // 4 × 416.67 = 1666.68 → 2084.10. Month n adds n × 2084.10.
  it('month 1: £500 pay, £516.80 due, only £250.00 (50%) deducted, £266.80 carried forward', () => {
    // U₁ = 500 + 2084.10 = 2584.10, T₁ = 2584 ≤ v₁ = ⌈37700/12 = 3141.6666⌉ = 3142 → L₁ = 2584 × 20% = 516.80.
    const r = tax({ frequency: 'monthly', period: 1, taxCode: 'K2500', grossThisPeriod: '500.00' });
    expect(r.additionalPayToDate.toString()).toBe('2084.10');
    expect(r.taxDueToDate.toString()).toBe('516.80');
    expect(r.regulatoryLimit.toString()).toBe('250.00');
    expect(r.regulatoryLimitApplied).toBe(true);
    expect(r.taxThisPeriod.toString()).toBe('250.00');
    expect(r.uncollectedTax.toString()).toBe('266.80');
    expect(r.uncollectedTaxCarriedForward).toBe(true);
  });

  it('month 2: £2,000 pay, £1,160.53 due including the carried-forward tax, limit £1,000.00 binds again', () => {
    // P₂ = 2500, AP₂ = 4168.20, U₂ = 6668.20, T₂ = 6668 > v₁ = ⌈6283.3333⌉ = 6284 → higher band:
    // L₂ = k₁ + (T₂ − c₁) × 40% = 1256.6666 + (6668 − 6283.3333) × 0.40 = 1410.5332 → 1410.53.
    // Due = 1410.53 − 250.00 paid = 1160.53 > 50% × 2000 = 1000.00.
    const r = tax({
      frequency: 'monthly',
      period: 2,
      taxCode: 'K2500',
      grossThisPeriod: '2000.00',
      taxablePayToDate: '2500.00',
      taxPaidToDate: '250.00',
    });
    expect(r.taxDueToDate.toString()).toBe('1410.53');
    expect(r.taxThisPeriod.toString()).toBe('1000.00');
    expect(r.regulatoryLimitApplied).toBe(true);
    expect(r.uncollectedTax.toString()).toBe('160.53');
    expect(r.taxToDate.toString()).toBe('1250.00');
  });

  it('month 3: £4,000 pay, the carried-forward tax is collected in full once pay allows', () => {
    // P₃ = 6500, AP₃ = 6252.30, U₃ = 12752.30, T₃ = 12752 > v₁ = 9425: L₃ = 1885 + (12752 − 9425) × 0.40 = 3215.80.
    // Due = 3215.80 − 1250.00 = 1965.80 ≤ 50% × 4000 = 2000.00, so nothing is held back and tax to date = L₃.
    const r = tax({
      frequency: 'monthly',
      period: 3,
      taxCode: 'K2500',
      grossThisPeriod: '4000.00',
      taxablePayToDate: '6500.00',
      taxPaidToDate: '1250.00',
    });
    expect(r.taxThisPeriod.toString()).toBe('1965.80');
    expect(r.regulatoryLimitApplied).toBe(false);
    expect(r.uncollectedTax.toString()).toBe('0.00');
    expect(r.taxToDate.toString()).toBe('3215.80');
  });

  it('on Month 1 basis the held-back tax is not carried forward: each month stands alone (PAYE76055: HMRC recovers it)', () => {
    const first = tax({ frequency: 'monthly', period: 1, taxCode: 'K2500 M1', grossThisPeriod: '500.00' });
    expect(first.taxThisPeriod.toString()).toBe('250.00');
    expect(first.uncollectedTax.toString()).toBe('266.80');
    expect(first.uncollectedTaxCarriedForward).toBe(false);
    // Month 2 on M1: U = 2000 + 2084.10 = 4084.10, T = 4084 > 3142: L = 628.3333 + (4084 − 3141.6666) × 0.40
    // = 1005.2666 → 1005.26 > 1000.00 → 1000.00; the £266.80 from month 1 is not added.
    const second = tax({
      frequency: 'monthly',
      period: 2,
      taxCode: 'K2500 M1',
      grossThisPeriod: '2000.00',
      taxablePayToDate: '2500.00',
      taxPaidToDate: '250.00',
    });
    expect(second.taxThisPeriod.toString()).toBe('1000.00');
    expect(second.uncollectedTax.toString()).toBe('5.26');
  });

  it('applies to every code type, not only K (since 2015-16: intsysuk.com, reference §1.4), and never to a refund', () => {
    // A change to BR in month 2 after an NT month 1: L₂ = ⌊6000⌋ × 20% = 1200.00, nothing paid, 50% of £1,000 = 500.00.
    const r = tax({
      frequency: 'monthly',
      period: 2,
      taxCode: 'BR',
      grossThisPeriod: '1000.00',
      taxablePayToDate: '6000.00',
      taxPaidToDate: '0.00',
    });
    expect(r.taxThisPeriod.toString()).toBe('500.00');
    expect(r.uncollectedTax.toString()).toBe('700.00');
  });
});

describe('week 53, 54 and 56: non-cumulative on the Week 1, 2 or 4 figures (HMRC PAYE Manual PAYE70015)', () => {
  // PAYE70015: "If tax is due from the fifty third weekly payment, the employer should apply the Week 1 Free Pay Table
  // on a non-cumulative basis" (Week 2 for the 27th fortnightly, Week 4 for the 14th four-weekly payment).
  it('a weekly 1257L employee paid £500 on 5 April 2027 (week 53) pays £51.60 whatever the year to date says', () => {
    const period = payPeriodOf('weekly', '2027-04-05');
    expect(period.period).toBe(53);
    // Week 1: FP = 241.92, U = 258.08, T = 258 ≤ v₁ = 37700/52 = 725 → 258 × 20% = 51.60.
    const r = tax({
      frequency: 'weekly',
      period: period.period,
      taxCode: '1257L',
      grossThisPeriod: '500.00',
      taxablePayToDate: '26500.00',
      taxPaidToDate: '2800.00',
    });
    expect(r.basis).toBe('non-cumulative');
    expect(r.nonCumulativeReason).toBe('extra-period');
    expect(r.freePayToDate.toString()).toBe('241.92');
    expect(r.taxThisPeriod.toString()).toBe('51.60');
    expect(r.taxToDate.toString()).toBe('2851.60');
  });

  it('gives no refund in week 53 even when cumulatively one would be due', () => {
    // £200 < week 1 free pay £241.92: no tax, and no refund of the £5,000 paid so far.
    const r = tax({
      frequency: 'weekly',
      period: 53,
      taxCode: '1257L',
      grossThisPeriod: '200.00',
      taxablePayToDate: '13000.00',
      taxPaidToDate: '5000.00',
    });
    expect(r.taxThisPeriod.toString()).toBe('0.00');
  });

  // HMRC "Dealing with week 53 payments" (hmrc.gov.uk/paye/nonstandard-week53.htm), cumulative code: if free pay up to
  // and including week 52 "equals or exceeds the total pay for the year (including the week 53 payment), do not deduct
  // any PAYE tax from the week 53 payment".
  it("deducts nothing in week 53 when 52 weeks of free pay cover the year's pay, otherwise the Week 1 figure", () => {
    // 52 × 241.92 = 12,579.84 ≥ 12,000.00 → no tax, though Week 1 alone would take (300 − 241.92 → 58) × 20% = 11.60.
    const covered = tax({
      frequency: 'weekly',
      period: 53,
      taxCode: '1257L',
      grossThisPeriod: '300.00',
      taxablePayToDate: '12000.00',
      taxPaidToDate: '0.00',
    });
    expect(covered.taxThisPeriod.toString()).toBe('0.00');
    const notCovered = tax({
      frequency: 'weekly',
      period: 53,
      taxCode: '1257L',
      grossThisPeriod: '300.00',
      taxablePayToDate: '13000.00',
      taxPaidToDate: '84.00',
    });
    expect(notCovered.taxThisPeriod.toString()).toBe('11.60');
    // A Week 1 code is unchanged in week 53 ("There is no change"): 11.60 even with little pay for the year.
    const week1 = tax({
      frequency: 'weekly',
      period: 53,
      taxCode: '1257L W1',
      grossThisPeriod: '300.00',
      taxablePayToDate: '12000.00',
    });
    expect(week1.taxThisPeriod.toString()).toBe('11.60');
  });

  it('week 54 (27th fortnightly pay day) uses the Week 2 figures: £1,000 → £103.20', () => {
    // FP = 2 × 241.92 = 483.84, U = 516.16, T = 516 ≤ v₁ = 37700 × 2/52 = 1450 → 103.20.
    const r = tax({
      frequency: 'fortnightly',
      period: 54,
      taxCode: '1257L',
      grossThisPeriod: '1000.00',
      taxablePayToDate: '27000.00',
      taxPaidToDate: '2700.00',
    });
    expect(r.periodsToDate).toBe(2);
    expect(r.taxThisPeriod.toString()).toBe('103.20');
  });

  it('week 56 (14th four-weekly pay day) uses the Week 4 figures: £2,000 → £206.40', () => {
    // FP = 4 × 241.92 = 967.68, U = 1032.32, T = 1032 ≤ v₁ = 37700 × 4/52 = 2900 → 206.40.
    const r = tax({
      frequency: 'four-weekly',
      period: 56,
      taxCode: '1257L',
      grossThisPeriod: '2000.00',
      taxablePayToDate: '28000.00',
      taxPaidToDate: '2700.00',
    });
    expect(r.periodsToDate).toBe(4);
    expect(r.taxThisPeriod.toString()).toBe('206.40');
  });
});

describe('fortnightly and four-weekly pay: n is the tax week number of the period (reference §2.2 step 5)', () => {
  it('fortnightly 1257L: £3,000 in fortnight 1 (week 2) reaches the higher rate; £1,500 in week 4', () => {
    // Week 2: FP = 483.84, U = 2516.16, T = 2516 > v₁ = 1450 → k₁ = 7540 × 2/52 = 290: 290 + (2516 − 1450) × 40% = 716.40.
    const first = tax({ frequency: 'fortnightly', period: 2, taxCode: '1257L', grossThisPeriod: '3000.00' });
    expect(first.taxThisPeriod.toString()).toBe('716.40');
    // Week 4: P = 4500, FP = 967.68, U = 3532.32, T = 3532 > v₁ = 2900 → 580 + (3532 − 2900) × 40% = 832.80; less 716.40.
    const second = tax({
      frequency: 'fortnightly',
      period: 4,
      taxCode: '1257L',
      grossThisPeriod: '1500.00',
      taxablePayToDate: '4500.00',
      taxPaidToDate: '716.40',
    });
    expect(second.taxDueToDate.toString()).toBe('832.80');
    expect(second.taxThisPeriod.toString()).toBe('116.40');
  });

  it('four-weekly 1257L: £2,500 in weeks 1–4 then £2,500 in weeks 5–8 → £306.40 each', () => {
    // Week 4: U = 2500 − 967.68 = 1532.32 → 1532 × 20% = 306.40. Week 8: U = 5000 − 1935.36 = 3064.64 → 3064 × 20% = 612.80.
    expect(
      tax({
        frequency: 'four-weekly',
        period: 4,
        taxCode: '1257L',
        grossThisPeriod: '2500.00',
      }).taxThisPeriod.toString(),
    ).toBe('306.40');
    const second = tax({
      frequency: 'four-weekly',
      period: 8,
      taxCode: '1257L',
      grossThisPeriod: '2500.00',
      taxablePayToDate: '5000.00',
      taxPaidToDate: '306.40',
    });
    expect(second.taxThisPeriod.toString()).toBe('306.40');
  });

  it('a fortnightly Week 1 code uses the Week 2 figures (reference §2.3: "for 2-weekly … use the week-2 values")', () => {
    // FP = 483.84, £1,000 → U = 516.16 → 516 × 20% = 103.20, whatever the period.
    const r = tax({
      frequency: 'fortnightly',
      period: 20,
      taxCode: '1257L W1',
      grossThisPeriod: '1000.00',
      taxablePayToDate: '10000.00',
    });
    expect(r.taxThisPeriod.toString()).toBe('103.20');
  });
});

describe('refunds', () => {
  it('refunds on a cumulative code when pay falls: 1257L monthly, £3,000 then nothing → £209.60 back', () => {
    // Month 1: U = 3000 − 1048.26 = 1951.74 → 1951 × 20% = 390.20.
    // Month 2: U = 3000 − 2096.52 = 903.48 → 903 × 20% = 180.60; 180.60 − 390.20 = −209.60 (HMRC data U17/U18 show such refunds).
    const r = tax({
      frequency: 'monthly',
      period: 2,
      taxCode: '1257L',
      grossThisPeriod: '0.00',
      taxablePayToDate: '3000.00',
      taxPaidToDate: '390.20',
    });
    expect(r.taxThisPeriod.toString()).toBe('-209.60');
    expect(r.taxToDate.toString()).toBe('180.60');
    expect(r.regulatoryLimitApplied).toBe(false);
  });

  it('never refunds on Month 1 basis (each payment taxed in isolation)', () => {
    const r = tax({
      frequency: 'monthly',
      period: 2,
      taxCode: '1257L M1',
      grossThisPeriod: '0.00',
      taxablePayToDate: '3000.00',
      taxPaidToDate: '390.20',
    });
    expect(r.taxThisPeriod.toString()).toBe('0.00');
  });

  it('a cumulative NT code refunds all tax to date; NT on Week 1 basis refunds nothing', () => {
    expect(
      tax({
        frequency: 'weekly',
        period: 10,
        taxCode: 'NT',
        grossThisPeriod: '300.00',
        taxablePayToDate: '3000.00',
        taxPaidToDate: '412.00',
      }).taxThisPeriod.toString(),
    ).toBe('-412.00');
    expect(
      tax({
        frequency: 'weekly',
        period: 10,
        taxCode: 'NT W1',
        grossThisPeriod: '300.00',
        taxablePayToDate: '3000.00',
        taxPaidToDate: '412.00',
      }).taxThisPeriod.toString(),
    ).toBe('0.00');
  });
});

describe('Scottish (S) and Welsh (C) codes', () => {
  it('S1257L, £3,000 in month 1 of 2026-27, is taxed through starter, basic and into intermediate: £392.27', () => {
    // U = 1951.74; v₁ = ⌈3967/12 = 330.5833⌉ = 331, v₂ = 16956/12 = 1413, v₃ = 31092/12 = 2591 → intermediate (21%).
    // k₂ = (3967 × 19% + 12989 × 20%)/12 = 3351.53/12 = 279.2941; L = 279.2941 + (1951 − 1413) × 21% = 392.2741 → 392.27.
    expect(
      tax({ frequency: 'monthly', period: 1, taxCode: 'S1257L', grossThisPeriod: '3000.00' }).taxThisPeriod.toString(),
    ).toBe('392.27');
  });

  it("uses each year's own Scottish bands: the same pay in 2024-25 is £396.12", () => {
    // 2024-25: v₂ = ⌈13991/12 = 1165.9166⌉ = 1166, v₃ = 2591; k₂ = (2306 × 19% + 11685 × 20%)/12 = 2775.14/12 = 231.2616;
    // L = 231.2616 + (1951 − 1165.9166) × 21% = 396.1291 → 396.12.
    expect(
      calculateIncomeTax({
        tables: y2024,
        frequency: 'monthly',
        period: 1,
        taxCode: 'S1257L',
        grossThisPeriod: '3000.00',
        taxablePayToDate: '3000.00',
        taxPaidToDate: '0',
      }).taxThisPeriod.toString(),
    ).toBe('396.12');
  });

  it('C1257L pays the rest-of-UK figure (Welsh rate 10p in each band): £390.20', () => {
    expect(
      tax({ frequency: 'monthly', period: 1, taxCode: 'C1257L', grossThisPeriod: '3000.00' }).taxThisPeriod.toString(),
    ).toBe('390.20');
  });

  it('SD2 taxes all pay at the Scottish advanced rate, 45%, and SBR at the Scottish basic rate, 20%', () => {
    expect(
      tax({ frequency: 'weekly', period: 1, taxCode: 'SD2', grossThisPeriod: '1000.99' }).taxThisPeriod.toString(),
    ).toBe('450.00');
    expect(
      tax({ frequency: 'weekly', period: 1, taxCode: 'SBR', grossThisPeriod: '1000.99' }).taxThisPeriod.toString(),
    ).toBe('200.00');
  });
});

describe('0T against BR (reference §1.4: 0T has no free pay but keeps the band structure)', () => {
  it('0T reaches the higher rate where BR does not: £5,000 in month 1 → £1,371.66 against £1,000.00', () => {
    // 0T: T = 5000 > v₁ = 3142 → 628.3333 + (5000 − 3141.6666) × 40% = 1371.6666 → 1371.66.
    expect(
      tax({ frequency: 'monthly', period: 1, taxCode: '0T', grossThisPeriod: '5000.00' }).taxThisPeriod.toString(),
    ).toBe('1371.66');
    expect(
      tax({ frequency: 'monthly', period: 1, taxCode: 'BR', grossThisPeriod: '5000.00' }).taxThisPeriod.toString(),
    ).toBe('1000.00');
  });
});

describe('input validation', () => {
  it('names the field and the rule', () => {
    expect(() => tax({ frequency: 'fortnightly', period: 3, taxCode: '1257L', grossThisPeriod: '1.00' })).toThrow(
      "period: a fortnightly period is the tax week of the fortnight's last week",
    );
    expect(() => tax({ frequency: 'monthly', period: 1, taxCode: '1257L', grossThisPeriod: '1.005' })).toThrow(
      'grossThisPeriod: must have at most 2 decimal places',
    );
    expect(() =>
      tax({ frequency: 'monthly', period: 2, taxCode: '1257L', grossThisPeriod: '100.00', taxablePayToDate: '50.00' }),
    ).toThrow("taxablePayToDate: includes this period's pay, so it cannot be less than grossThisPeriod (100.00)");
    expect(() => tax({ frequency: 'monthly', period: 1, taxCode: 'SD4', grossThisPeriod: '1.00' })).toThrow(
      'taxCode: "SD4" is not a valid tax code: Scottish D codes run SD0–SD3 in these tables',
    );
  });
});
