export * from './payroll-stream';
export * from './compute-payslip';
export * from './run-payroll';
export * from './record-payment';
export * from './pay-day';
export * from './terminate-direct-payment';
