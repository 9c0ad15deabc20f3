export { InvalidIncomeTaxInput, InvalidTaxCode } from './errors';
export {
  parseTaxCode,
  isValidTaxCode,
  assertTaxCodeInYear,
  starterTaxCode,
  emergencyTaxCode,
  type TaxCode,
  type AllowanceTaxCode,
  type KTaxCode,
  type BasicRateTaxCode,
  type FlatRateTaxCode,
  type NoTaxCode,
  type TaxRegion,
  type TaxCodeSuffix,
  type NonCumulativeMarker,
  type StarterStatement,
} from './tax-code';
export { freePayForOnePeriod } from './free-pay';
export { calculateIncomeTax, type IncomeTaxInput, type IncomeTaxResult, type IncomeTaxBasis } from './income-tax';
