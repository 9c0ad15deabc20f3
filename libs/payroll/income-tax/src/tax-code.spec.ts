import { taxYearTables } from '@dpe/statutory-data';
import {
  InvalidIncomeTaxInput,
  InvalidTaxCode,
  emergencyTaxCode,
  isValidTaxCode,
  parseTaxCode,
  starterTaxCode,
} from '@dpe/income-tax';

const y2026 = taxYearTables('2026-27').incomeTax;

// Forms from gov.uk "Tax codes" / "Understanding your employees' tax codes" and reference §1.4 (which cites HMRC's
// Specification for PAYE Tax Table Routines and HMRC's own test data codes).
describe('parsing every tax code form', () => {
  it.each([
    [
      '1257L',
      { kind: 'allowance', number: 1257, suffix: 'L', region: 'restOfUk', nonCumulative: false, text: '1257L' },
    ],
    ['1257M', { kind: 'allowance', number: 1257, suffix: 'M' }], // Marriage Allowance received
    ['1131N', { kind: 'allowance', number: 1131, suffix: 'N' }], // Marriage Allowance transferred away
    ['500T', { kind: 'allowance', number: 500, suffix: 'T' }],
    ['0T', { kind: 'allowance', number: 0, suffix: 'T' }],
    ['999999T', { kind: 'allowance', number: 999999 }], // spec §3.3.2: accept up to 7 characters, e.g. 999999T
    ['K475', { kind: 'K', number: 475, region: 'restOfUk' }],
    ['SK585', { kind: 'K', number: 585, region: 'scotland' }],
    ['BR', { kind: 'BR', region: 'restOfUk' }],
    ['SBR', { kind: 'BR', region: 'scotland' }],
    ['CBR', { kind: 'BR', region: 'wales' }],
    ['D0', { kind: 'D', bandsAboveBasic: 0 }],
    ['D1', { kind: 'D', bandsAboveBasic: 1 }],
    ['SD2', { kind: 'D', bandsAboveBasic: 2, region: 'scotland' }],
    ['SD3', { kind: 'D', bandsAboveBasic: 3, region: 'scotland' }],
    ['NT', { kind: 'NT', region: 'restOfUk' }],
    ['S1257L', { kind: 'allowance', region: 'scotland', text: 'S1257L' }],
    ['C1257L', { kind: 'allowance', region: 'wales', text: 'C1257L' }],
    ['1257L W1', { nonCumulative: true, nonCumulativeMarker: 'W1', text: '1257L W1' }],
    ['1257L M1', { nonCumulative: true, nonCumulativeMarker: 'M1', text: '1257L M1' }],
    ['1257L X', { nonCumulative: true, nonCumulativeMarker: 'X', text: '1257L X' }],
    ['1257LW1', { nonCumulative: true, text: '1257L W1' }],
    ['1257L/M1', { nonCumulative: true, text: '1257L M1' }],
    ['1257L W1/M1', { nonCumulative: true, nonCumulativeMarker: 'W1/M1' }],
    ['  s1257l m1 ', { region: 'scotland', nonCumulative: true, text: 'S1257L M1' }],
    ['K100 X', { kind: 'K', number: 100, nonCumulative: true }],
    ['BR M1', { kind: 'BR', nonCumulative: true }],
  ])('%s', (text, expected) => {
    expect(parseTaxCode(text, y2026)).toMatchObject(expected);
  });
});

describe('invalid codes are refused with the code and the reason', () => {
  it.each([
    [
      '1257Q',
      'taxCode: "1257Q" is not a valid tax code: "Q" is not a tax code suffix; the suffixes in use are L, M, N and T',
    ],
    ['1257', 'taxCode: "1257" is not a valid tax code: the number must be followed by a suffix letter L, M, N or T'],
    ['K0', 'taxCode: "K0" is not a valid tax code: a K code number starts at K1'],
    ['K', 'taxCode: "K" is not a valid tax code: a K code is K followed by its number'],
    ['D', 'taxCode: "D" is not a valid tax code: a D code is D followed by a single digit'],
    ['D12', 'taxCode: "D12" is not a valid tax code: a D code is D followed by a single digit'],
    ['D2', 'taxCode: "D2" is not a valid tax code: rest-of-UK D codes run D0–D1 in these tables'],
    ['CD2', 'taxCode: "CD2" is not a valid tax code: Welsh D codes run CD0–CD1 in these tables'],
    ['SD4', 'taxCode: "SD4" is not a valid tax code: Scottish D codes run SD0–SD3 in these tables'],
    ['01257L', 'taxCode: "01257L" is not a valid tax code: the code number has a leading zero'],
    ['1234567L', 'taxCode: "1234567L" is not a valid tax code: the code number is longer than 6 digits'],
    ['SC1257L', 'taxCode: "SC1257L" is not a valid tax code: it has two country prefixes'],
    ['W1', 'taxCode: "W1" is not a valid tax code: "W1" is only a basis marker; the code itself is missing'],
    ['12 57L', 'taxCode: "12 57L" is not a valid tax code: it contains a space inside the code'],
    ['', 'taxCode: "" is not a valid tax code: it is empty'],
    ['L1257', 'taxCode: "L1257" is not a valid tax code: it is not in any tax code form'],
  ])('%s', (text, message) => {
    let thrown: unknown;
    try {
      parseTaxCode(text, y2026);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidTaxCode);
    expect(thrown).toBeInstanceOf(InvalidIncomeTaxInput);
    expect((thrown as InvalidTaxCode).field).toBe('taxCode');
    expect((thrown as InvalidTaxCode).message.startsWith(message)).toBe(true);
  });

  it('checks D codes against the year only when given the tables', () => {
    expect(isValidTaxCode('D5')).toBe(true); // well-formed; whether it exists depends on the year's bands
    expect(isValidTaxCode('D5', y2026)).toBe(false);
    expect(() => parseTaxCode(42)).toThrow('taxCode: 42 is not a valid tax code: must be text');
  });
});

describe('emergency and starter codes', () => {
  // gov.uk P9X "Tax codes to use from 6 April 2026": "The emergency code is 1257L for all employees."
  it('the 2024-25, 2025-26 and 2026-27 emergency code is 1257L', () => {
    for (const year of ['2024-25', '2025-26', '2026-27']) {
      expect(emergencyTaxCode(taxYearTables(year).incomeTax).text).toBe('1257L');
    }
    expect(emergencyTaxCode(y2026, { nonCumulative: true }).text).toBe('1257L W1');
  });

  // Starter checklist (reference §1.4): A → emergency code cumulative; B → emergency code W1/M1; C → BR;
  // no P45 and no checklist → 0T W1/M1.
  it('gives each starter checklist statement its code', () => {
    expect(starterTaxCode(y2026, 'A')).toMatchObject({ text: '1257L', nonCumulative: false });
    expect(starterTaxCode(y2026, 'B')).toMatchObject({ text: '1257L W1', nonCumulative: true });
    expect(starterTaxCode(y2026, 'C')).toMatchObject({ text: 'BR', kind: 'BR' });
    expect(starterTaxCode(y2026, 'none')).toMatchObject({ text: '0T W1', number: 0, nonCumulative: true });
    expect(() => starterTaxCode(y2026, 'D' as never)).toThrow(InvalidIncomeTaxInput);
  });
});
