export {
  payslipPdf,
  payslipHtml,
  payslipView,
  type PayslipDocument,
  type PayslipView,
  type Field,
  type PaymentRow,
} from './payslip';
export { p45Pdf, p45Boxes7And8, type P45Document, type PayAndTax } from './p45';
export { p60Pdf, type P60Document, type P60NationalInsurance } from './p60';
export { p11Html, type P11Document } from './p11';
export {
  formatMoney,
  formatRate,
  formatDate,
  formatSortCode,
  formatTaxDeducted,
  formatWholePounds,
  maskedAccount,
  escapeHtml,
  taxCodeLabel,
  taxPeriodLabel,
} from './format';
export { InvalidDocumentInput } from './errors';
export { listPayslips, showPayslip, showP45, showP60, showP11 } from './queries';
export { p32Html, type P32Document, type P32Month } from './p32';
