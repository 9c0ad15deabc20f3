export * from './tokens';
export * from './engine.module';
export * from './recipients.cqrs';
