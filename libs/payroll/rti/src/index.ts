export { el, escapeXml, renderXml, type XmlElement } from './xml';
export { irmarkOf, withIrmark } from './irmark';
export { RTI_YEARS, rtiYear, schemaPath, UnsupportedRtiYear, type RtiYear } from './tax-years';
export { rtiEmployer, type RtiEmployer, type RtiSender } from './govtalk';
export {
  amount,
  fpsTaxCode,
  fullPaymentSubmission,
  hoursWorkedBand,
  wholePounds,
  type FpsEmployee,
  type FpsInput,
  type FpsNiLetter,
  type LateReason,
  type PayFrequency,
  type RtiDocument,
  type StudentLoanPlan,
} from './fps';
export { employerPaymentSummary, type EpsInput } from './eps';
export { checkAgainstSchema, type SchemaCheck } from './xsd';
