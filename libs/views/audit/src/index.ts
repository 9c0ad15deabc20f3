export * from './trace';
export * from './verify';
