import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TaxYearId } from '@dpe/tax-calendar';
import { InvalidInput } from '@dpe/errors';
import type { TaxYearTables } from './schema';

/**
 * Tax-year tables are discovered from the files in tax-years/, so adding 2027-28 is adding
 * tax-years/2027-28.ts and nothing else. Files are loaded once, on first use.
 */
const TAX_YEAR_FILE = /^(\d{4}-\d{2})\.(ts|js)$/;

let loaded: Map<string, TaxYearTables> | undefined;

function load(): Map<string, TaxYearTables> {
  if (!loaded) loaded = loadTaxYearFiles(join(__dirname, 'tax-years'));
  return loaded;
}

/** Loads every `yyyy-yy` file in a folder; exported so the "adding a year is adding a file" rule can be tested. */
export function loadTaxYearFiles(dir: string): Map<string, TaxYearTables> {
  const byYear = new Map<string, TaxYearTables>();
  for (const file of readdirSync(dir).sort()) {
    const match = TAX_YEAR_FILE.exec(file);
    if (!match) continue;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, file)) as { default: TaxYearTables };
    const tables = mod.default;
    if (tables.taxYear !== match[1]) {
      throw new Error(`tax-years/${file} declares taxYear ${tables.taxYear}; the file name and the data must agree`);
    }
    byYear.set(tables.taxYear, tables);
  }
  return byYear;
}

export class UnknownTaxYear extends InvalidInput {
  constructor(
    readonly taxYear: string,
    readonly known: readonly string[],
  ) {
    super('taxYear', `no statutory tables for "${taxYear}"; known tax years are ${known.join(', ')}`, taxYear);
  }
}

export function knownTaxYears(): TaxYearId[] {
  return [...load().keys()] as TaxYearId[];
}

export function taxYearTables(taxYear: string): TaxYearTables {
  const tables = load().get(taxYear);
  if (!tables) throw new UnknownTaxYear(taxYear, knownTaxYears());
  return tables;
}
