export { calculateSsp, WEEKDAYS } from './ssp';
export type { SspInput, SspResult, LinkedPeriodOfEntitlement, Weekday } from './ssp';
export { calculateSmp } from './smp';
export type { SmpInput, SmpResult } from './smp';
export { StatutoryPayInputError } from './errors';
