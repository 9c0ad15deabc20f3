import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HMRC_TEST_DATA, NIC_COLUMNS, PAYE_TAX_COLUMNS, readHmrcCsv } from '@dpe/hmrc-test-data';
import { Money } from '@dpe/money';
import { dpe } from '../test/run-dpe';

// HMRC's own test data (libs/payroll/hmrc-test-data/README.md): 2026-27 PAYE tax (168 rows) and 2025-26 Class 1
// NI (896 rows). HMRC accepts results within 1p; we require every figure exactly.
const NI_FREQUENCY: Record<string, { frequency: string; period: number }> = {
  // The NI rows are period-1 cases; NI for a non-director does not depend on the period, but our calendar numbers
  // fortnightly and four-weekly periods by the tax week they end in, so their first periods are 2 and 4.
  Weekly: { frequency: 'weekly', period: 1 },
  Fortnightly: { frequency: 'fortnightly', period: 2 },
  FourWeekly: { frequency: 'four-weekly', period: 4 },
  Monthly: { frequency: 'monthly', period: 1 },
};

const money = (value: string) => Money.of(value).toString();

describe('dpe calc --batch against HMRC test data', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'dpe-calc-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function batch(lines: object[]): Promise<Record<string, string>[]> {
    const file = join(dir, `batch-${lines.length}.jsonl`);
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const result = await dpe('calc', '--batch', file);
    expect(result.exitCode).toBe(0);
    return result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
  }

  it('matches every row of HMRC 2026-27 PAYE tax test data to the penny', async () => {
    const rows = readHmrcCsv(HMRC_TEST_DATA.payeTax202627, PAYE_TAX_COLUMNS);
    expect(rows).toHaveLength(168);
    const results = await batch(
      rows.map((r) => ({
        taxYear: r['tax_year'],
        frequency: r['frequency'],
        period: Number(r['period']),
        taxCode: r['tax_code'],
        week1Month1: r['w1m1'] === 'Y',
        gross: r['gross'],
        payToDate: r['gross_to_date'],
        taxPaidToDate: r['tax_paid_before'],
      })),
    );
    const mismatches = rows.flatMap((r, i) => {
      const got = results[i]!;
      const want = { incomeTax: money(r['expected_tax']!), taxDueToDate: money(r['expected_tax_to_date']!) };
      return got.incomeTax === want.incomeTax && got.taxDueToDate === want.taxDueToDate
        ? []
        : [{ row: i + 2, source: r['source'], code: r['tax_code'], period: r['period'], got, want }];
    });
    expect(mismatches).toEqual([]);
  });

  it('matches every row of HMRC 2025-26 NI test data to the penny', async () => {
    const rows = readHmrcCsv(HMRC_TEST_DATA.nic202526, NIC_COLUMNS);
    expect(rows).toHaveLength(896);
    const results = await batch(
      rows.map((r) => ({
        taxYear: '2025-26',
        ...NI_FREQUENCY[r['PayFrequency']!],
        taxCode: '1257L',
        niCategory: r['NiCategory'],
        gross: r['GrossPay'],
      })),
    );
    const mismatches = rows.flatMap((r, i) => {
      const got = results[i]!;
      const want = {
        employeeNic: money(r['EmployeeNiContribution']!),
        employerNic: money(r['EmployerNiContribution']!),
      };
      return got.employeeNic === want.employeeNic && got.employerNic === want.employerNic
        ? []
        : [{ row: i + 2, id: r['TestIdentifier'], got, want }];
    });
    expect(mismatches).toEqual([]);
  });
});

describe('dpe calc', () => {
  it('calculates one period from flags, printing money with two decimals', async () => {
    // HMRC 2026-27 rest-of-UK BR monthly, month 1: £2,870.55 at 20% = £574.00 (paye-tax-2026-27.csv row 2).
    // NI, category A, 2026-27 monthly thresholds PT £1,048 and ST £417 (gov.uk rates and thresholds 2026 to 2027):
    // employee 8% × (2,870.55 − 1,048) = 145.804 → £145.80; employer 15% × (2,870.55 − 417) = 368.0325 → £368.03.
    const result = await dpe(
      'calc',
      '--tax-year',
      '2026-27',
      '--frequency',
      'monthly',
      '--period',
      '1',
      '--tax-code',
      'BR',
      '--gross',
      '2870.55',
    );
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      incomeTax: '574.00',
      taxDueToDate: '574.00',
      employeeNic: '145.80',
      employerNic: '368.03',
      studentLoan: '0.00',
      postgraduateLoan: '0.00',
    });
  });

  it('numbers the period from --pay-date, as the engine does, in place of --tax-year and --period', async () => {
    // 22 May 2026 is in tax week 7 of 2026-27 (week 1 starts 6 April); a four-weekly pay in week 7 is period 8, the
    // tax week its four weeks end in (weeks 5 to 8). Cumulative 1257L on £1,000.00 to date, period 8.
    const byPeriod = await dpe(
      'calc',
      ...['--tax-year', '2026-27', '--frequency', 'four-weekly', '--period', '8'],
      ...['--tax-code', '1257L', '--gross', '1000.00'],
    );
    const byPayDate = await dpe(
      'calc',
      ...['--pay-date', '2026-05-22', '--frequency', 'four-weekly', '--tax-code', '1257L', '--gross', '1000.00'],
    );
    expect(byPayDate.exitCode).toBe(0);
    expect(JSON.parse(byPayDate.stdout)).toEqual(JSON.parse(byPeriod.stdout));
    // A period that disagrees with the pay date is named, not silently preferred.
    const both = await dpe(
      'calc',
      ...[
        '--pay-date',
        '2026-05-22',
        '--period',
        '4',
        '--frequency',
        'four-weekly',
        '--tax-code',
        '1257L',
        '--gross',
        '1',
      ],
    );
    expect(both.exitCode).toBe(2);
    expect(JSON.parse(both.stderr)).toMatchObject({ error: expect.stringMatching(/^period: must be 8/) });
  });

  it('names the bad field and exits 2', async () => {
    const result = await dpe(
      'calc',
      '--tax-year',
      '2026-27',
      '--frequency',
      'monthly',
      '--period',
      '13',
      '--tax-code',
      '1257L',
      '--gross',
      '100',
    );
    expect(result.exitCode).toBe(2);
    expect(JSON.parse(result.stderr).error).toMatch(/^period: /);
  });

  it('answers each bad batch line with an error naming the field, and goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpe-calc-bad-'));
    const file = join(dir, 'mixed.jsonl');
    const good = { taxYear: '2026-27', frequency: 'weekly', period: 1, taxCode: 'BR', gross: '650.15' };
    writeFileSync(
      file,
      [
        JSON.stringify(good),
        JSON.stringify({ ...good, taxCode: '1257Q' }),
        '{not json',
        JSON.stringify({ ...good, frequency: 'daily' }),
        JSON.stringify({ ...good, gross: '-5' }),
        JSON.stringify({ ...good, taxYear: '1999-00' }),
        JSON.stringify({ ...good, studentLoanPlans: [3] }),
        JSON.stringify(good),
      ].join('\n'),
    );
    const result = await dpe('calc', '--batch', file);
    rmSync(dir, { recursive: true, force: true });
    const out = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, string>);
    expect(out).toHaveLength(8);
    // HMRC 2026-27 rest-of-UK BR weekly, week 1: £650.15 at 20% = £130.00 (paye-tax-2026-27.csv).
    expect(out[0]!.incomeTax).toBe('130.00');
    expect(out[1]!.error).toMatch(/^taxCode: "1257Q" is not a valid tax code/);
    expect(out[2]!.error).toMatch(/not valid JSON/);
    expect(out[3]!.error).toMatch(/^frequency: /);
    expect(out[4]!.error).toMatch(/^gross: must not be negative/);
    expect(out[5]!.error).toMatch(/^taxYear: /);
    expect(out[6]!.error).toMatch(/^studentLoanPlans: /);
    expect(out[7]!.incomeTax).toBe('130.00');
    expect(result.stderr).toContain('8 lines, 2 calculated, 6 errors');
  });
});
