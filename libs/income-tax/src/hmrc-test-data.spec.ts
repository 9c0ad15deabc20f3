import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import type { PayFrequency } from '@dpe/tax-calendar';
import { calculateIncomeTax } from '@dpe/income-tax';

/**
 * Source: HMRC "Tax test data examples 2026-27" v1.1 (rest of UK v1.0, Scottish v1.1, Welsh v1.0),
 * https://www.gov.uk/government/publications/software-developers-payroll-test-data-2026-to-2027 , transcribed row by
 * row into shared/reference/hmrc-test-data/paye-tax-2026-27.csv (amounts to 2 dp, nothing else changed).
 * HMRC accepts a difference of £0.01; we require every row to match exactly.
 */
const CSV_NAME = join('shared', 'reference', 'hmrc-test-data', 'paye-tax-2026-27.csv');

function findTestData(): string {
  // The repo is /work/main and the reference data sits beside it in /work/shared; walk up from this file (and from the
  // jest root) rather than trusting one relative path, and fail loudly if it is not there.
  const tried: string[] = [resolve(__dirname, '../../../../', CSV_NAME)];
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      tried.push(join(dir, CSV_NAME), join(dir, '..', CSV_NAME));
      if (dirname(dir) === dir) break;
    }
  }
  const found = tried.find((candidate) => existsSync(candidate));
  if (!found) {
    throw new Error(`HMRC test data ${CSV_NAME} not found; looked in:\n  ${[...new Set(tried)].join('\n  ')}`);
  }
  return found;
}

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
  const [header, ...lines] = readFileSync(findTestData(), 'utf8').trim().split(/\r?\n/);
  const expectedHeader =
    'tax_year,region,frequency,period,tax_code,w1m1,gross,gross_to_date,tax_paid_before,expected_tax,expected_tax_to_date,source';
  if (header !== expectedHeader) throw new Error(`unexpected CSV header: ${header}`);
  return lines.map((text, i) => {
    const f = text.split(',');
    if (f.length !== 12) throw new Error(`CSV line ${i + 2} has ${f.length} fields, expected 12: ${text}`);
    const [taxYear, region, frequency, period, taxCode, w1m1, gross, grossToDate, taxPaidBefore, tax, taxToDate, source] =
      f as [string, string, string, string, string, string, string, string, string, string, string, string];
    return {
      line: i + 2,
      taxYear,
      region,
      frequency: frequency as PayFrequency,
      period: Number(period),
      taxCode,
      week1Month1: w1m1 === 'Y',
      gross,
      grossToDate,
      taxPaidBefore,
      expectedTax: tax,
      expectedTaxToDate: taxToDate,
      source,
    };
  });
}

const rows = readRows();

describe('HMRC 2026-27 PAYE test data (every row, exact to the penny)', () => {
  it('has all 168 rows of HMRC\'s rest-of-UK, Scottish and Welsh sheets', () => {
    expect(rows).toHaveLength(168);
    expect(new Set(rows.map((r) => r.region))).toEqual(new Set(['rUK', 'Scotland', 'Wales']));
  });

  it.each(rows.map((r) => [`line ${r.line}: ${r.source} ${r.frequency} ${r.period} ${r.taxCode}${r.week1Month1 ? ' W1/M1' : ''} gross ${r.gross}`, r] as const))(
    '%s',
    (_name, row) => {
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
    },
  );
});
