export * from './decider';
export * from './upcast';
export * from './execute';
export * from './query';
export * from './outcome';
export * from './state-cache';
