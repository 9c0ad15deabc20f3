import { HMRC_TEST_DATA, NIC_COLUMNS, readHmrcCsv } from '@dpe/hmrc-test-data';
import { Money } from '@dpe/money';
import { taxYearTables } from '@dpe/statutory-data';
import type { PayFrequency } from '@dpe/tax-calendar';
import { calculateClass1 } from '@dpe/national-insurance';

/**
 * Specification: HMRC "NIC test data v1.1" for 2025-26, including the Freeport and Investment Zone letters
 * (https://www.gov.uk/government/publications/payroll-technical-specifications-national-insurance, transcribed by
 * Payetools; see libs/payroll/hmrc-test-data/README.md). HMRC accepts ±1p; we require every figure exactly.
 */

interface HmrcNicRow {
  readonly id: string;
  readonly frequency: PayFrequency;
  readonly period: string;
  readonly category: string;
  readonly gross: string;
  readonly employee: string;
  readonly employer: string;
  readonly atLel: string;
  readonly lelToPt: string;
  readonly ptToUel: string;
}

const FREQUENCY: Readonly<Record<string, PayFrequency>> = {
  Weekly: 'weekly',
  Fortnightly: 'fortnightly',
  FourWeekly: 'four-weekly',
  Monthly: 'monthly',
};

function readHmrcRows(): HmrcNicRow[] {
  return readHmrcCsv(HMRC_TEST_DATA.nic202526, NIC_COLUMNS).map((r) => {
    const frequency = FREQUENCY[r['PayFrequency']!];
    if (!frequency) throw new Error(`HMRC NIC test data: unknown pay frequency in row ${r['TestIdentifier']}`);
    return {
      id: r['TestIdentifier']!,
      frequency,
      period: r['Period']!,
      category: r['NiCategory']!,
      gross: r['GrossPay']!,
      employee: r['EmployeeNiContribution']!,
      employer: r['EmployerNiContribution']!,
      atLel: r['EarningsAtLEL_YTD']!,
      lelToPt: r['EarningsLELtoPT_YTD']!,
      ptToUel: r['EarningsPTtoUEL_YTD']!,
    };
  });
}

const rows = readHmrcRows();
const tables = taxYearTables('2025-26');
const pounds = (text: string): string => Money.of(text).toString();

describe('Class 1 NICs reproduce HMRC NIC test data v1.1, 2025-26, to the penny', () => {
  // The period column is not an input: an employee who is not a director has NICs worked out on each earnings period
  // on its own; only directors have an annual earnings period (NIM12022). Four rows carry period 0 in the
  // transcription (Cat_S and Cat_L, cases 22 and 40).
  it('reads all 896 rows: 16 category letters x 4 frequencies x 14 boundary cases', () => {
    expect(rows).toHaveLength(896);
    expect(new Set(rows.map((row) => row.category)).size).toBe(16);
    expect(new Set(rows.map((row) => row.frequency)).size).toBe(4);
  });

  it.each(rows)('$id: $frequency £$gross category $category', (row) => {
    const result = calculateClass1({
      tables,
      frequency: row.frequency,
      category: row.category,
      grossThisPeriod: row.gross,
    });

    expect({
      employee: result.employee.toString(),
      employer: result.employer.toString(),
      atLel: result.bands.atLel.toString(),
      lelToPt: result.bands.lelToPt.toString(),
      ptToUel: result.bands.ptToUel.toString(),
    }).toEqual({
      employee: pounds(row.employee),
      employer: pounds(row.employer),
      atLel: pounds(row.atLel),
      lelToPt: pounds(row.lelToPt),
      ptToUel: pounds(row.ptToUel),
    });
  });
});
