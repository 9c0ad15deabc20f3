import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidInput } from '@dpe/errors';
import { UnknownTaxYear, knownTaxYears, taxYearTables } from '@dpe/statutory-data';
import { loadTaxYearFiles } from './registry';

describe('tax-year registry', () => {
  it('knows the years whose files are present', () => {
    expect(knownTaxYears()).toEqual(['2024-25', '2025-26', '2026-27']);
    expect(taxYearTables('2026-27').taxYear).toBe('2026-27');
  });

  it('names the field and the known years for an unknown year', () => {
    expect(() => taxYearTables('2019-20')).toThrow(UnknownTaxYear);
    expect(() => taxYearTables('2019-20')).toThrow(InvalidInput);
    expect(() => taxYearTables('2019-20')).toThrow(
      'taxYear: no statutory tables for "2019-20"; known tax years are 2024-25, 2025-26, 2026-27',
    );
  });

  it('adding 2027-28 is adding one file: a copy of 2026-27 renamed and re-labelled loads with no code change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpe-years-'));
    try {
      const source = readFileSync(join(__dirname, 'tax-years', '2026-27.ts'), 'utf8');
      writeFileSync(join(dir, '2027-28.ts'), source.replace("taxYear: '2026-27'", "taxYear: '2027-28'"));
      const years = loadTaxYearFiles(dir);
      expect([...years.keys()]).toEqual(['2027-28']);
      expect(years.get('2027-28')!.nationalInsurance).toEqual(taxYearTables('2026-27').nationalInsurance);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file whose name and declared year disagree', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dpe-years-'));
    try {
      writeFileSync(join(dir, '2027-28.ts'), readFileSync(join(__dirname, 'tax-years', '2026-27.ts'), 'utf8'));
      expect(() => loadTaxYearFiles(dir)).toThrow('tax-years/2027-28.ts declares taxYear 2026-27');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
