export * from './period-input';
export * from './calculate-period';
