import { HMRC_TEST_DATA, PAYE_TAX_COLUMNS, readHmrcCsv } from '@dpe/hmrc-test-data';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import type { PayFrequency } from '@dpe/tax-calendar';
import { calculateIncomeTax } from '@dpe/income-tax';

/**
 * Source: HMRC "Tax test data examples 2026-27" v1.1 (rest of UK v1.0, Scottish v1.1, Welsh v1.0),
 * https://www.gov.uk/government/publications/software-developers-payroll-test-data-2026-to-2027 , transcribed row by
 * row into libs/payroll/hmrc-test-data/csv/paye-tax-2026-27.csv (amounts to 2 dp, nothing else changed).
 * HMRC accepts a difference of £0.01; we require every row to match exactly.
 */
interface HmrcRow {
  readonly line: number;
  readonly taxYear: string;
  readonly region: string;
  readonly frequency: PayFrequency;
  readonly period: number;
  readonly taxCode: string;
  readonly week1Month1: boolean;
  readonly gross: string;
  readonly grossToDate: string;
  readonly taxPaidBefore: string;
  readonly expectedTax: string;
  readonly expectedTaxToDate: string;
  readonly source: string;
}

function readRows(): HmrcRow[] {
  return readHmrcCsv(HMRC_TEST_DATA.payeTax202627, PAYE_TAX_COLUMNS).map((r, i) => ({
    line: i + 2,
    taxYear: r['tax_year']!,
    region: r['region']!,
    frequency: r['frequency'] as PayFrequency,
    period: Number(r['period']),
    taxCode: r['tax_code']!,
    week1Month1: r['w1m1'] === 'Y',
    gross: r['gross']!,
    grossToDate: r['gross_to_date']!,
    taxPaidBefore: r['tax_paid_before']!,
    expectedTax: r['expected_tax']!,
    expectedTaxToDate: r['expected_tax_to_date']!,
    source: r['source']!,
  }));
}

const rows = readRows();

describe('HMRC 2026-27 PAYE test data (every row, exact to the penny)', () => {
  it("has all 168 rows of HMRC's rest-of-UK, Scottish and Welsh sheets", () => {
    expect(rows).toHaveLength(168);
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(['rUK', 'Scotland', 'Wales']));
  });

  it.each(
    rows.map(
      (r) =>
        [
          `line ${r.line}: ${r.source} ${r.frequency} ${r.period} ${r.taxCode}${r.week1Month1 ? ' W1/M1' : ''} gross ${r.gross}`,
          r,
        ] as const,
    ),
  )('%s', (_name, row) => {
    const result = calculateIncomeTax({
      tables: taxYearTables(row.taxYear).incomeTax,
      frequency: row.frequency,
      period: row.period,
      taxCode: row.taxCode,
      week1Month1: row.week1Month1,
      grossThisPeriod: row.gross,
      taxablePayToDate: row.grossToDate,
      taxPaidToDate: row.taxPaidBefore,
    });
    expect({ tax: result.taxThisPeriod.toString(), taxToDate: result.taxToDate.toString() }).toEqual({
      tax: Money.of(row.expectedTax).toString(),
      taxToDate: Money.of(row.expectedTaxToDate).toString(),
    });
  });
});
