export * from './decider';
export * from './upcast';
export * from './execute';
export * from './query';
export * from './outcome';
