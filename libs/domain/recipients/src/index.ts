export * from './recipient-stream';
export * from './enrol-recipient';
export * from './show-recipient';
export * from './agree-budget';
export * from './suspension';
export * from './employer-types';
export * from './hmrc-reference';
export * from './register-as-employer';
