export * from './recipient-stream';
export * from './enrol-recipient';
export * from './show-recipient';
export * from './agree-budget';
export * from './suspension';
