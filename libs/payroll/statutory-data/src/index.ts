export * from './schema';
export { taxYearTables, knownTaxYears, UnknownTaxYear } from './registry';
