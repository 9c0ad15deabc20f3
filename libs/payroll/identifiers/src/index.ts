export * from './accounts-office-reference';
export * from './employer-paye-reference';
export * from './national-insurance-number';
