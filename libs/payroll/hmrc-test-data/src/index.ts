import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The HMRC test-data files this repository carries (see the README for their provenance). */
export const HMRC_TEST_DATA = {
  payeTax202627: 'paye-tax-2026-27.csv',
  nic202526: 'nic-2025-26.csv',
} as const;

export type HmrcTestDataFile = (typeof HMRC_TEST_DATA)[keyof typeof HMRC_TEST_DATA];

export function hmrcTestDataPath(file: HmrcTestDataFile): string {
  return join(__dirname, '..', 'csv', file);
}

/**
 * Reads one of HMRC's CSV files into rows keyed by column name. The files hold no quoted commas, so a plain split is
 * exact; a header other than `expectedColumns` or a row with the wrong number of cells is an error, never a guess.
 */
export function readHmrcCsv(file: HmrcTestDataFile, expectedColumns: readonly string[]): Record<string, string>[] {
  const [header, ...rows] = readFileSync(hmrcTestDataPath(file), 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  if (header !== expectedColumns.join(',')) {
    throw new Error(`${file}: expected columns ${expectedColumns.join(',')} but found ${header ?? '(empty file)'}`);
  }
  return rows.map((row, index) => {
    const cells = row.split(',');
    if (cells.length !== expectedColumns.length) {
      throw new Error(`${file} line ${index + 2}: ${cells.length} cells, expected ${expectedColumns.length}`);
    }
    return Object.fromEntries(expectedColumns.map((column, i) => [column, cells[i]!]));
  });
}

export const PAYE_TAX_COLUMNS = [
  'tax_year',
  'region',
  'frequency',
  'period',
  'tax_code',
  'w1m1',
  'gross',
  'gross_to_date',
  'tax_paid_before',
  'expected_tax',
  'expected_tax_to_date',
  'source',
] as const;

export const NIC_COLUMNS = [
  'TestIdentifier',
  'PayFrequency',
  'Period',
  'NiCategory',
  'GrossPay',
  'EmployeeNiContribution',
  'EmployerNiContribution',
  'EarningsAtLEL_YTD',
  'EarningsLELtoPT_YTD',
  'EarningsPTtoUEL_YTD',
] as const;
