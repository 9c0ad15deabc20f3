export { checkMinimumWage, minimumWageRateTimeline } from './minimum-wage';
export type { MinimumWageBand, MinimumWageCheck, MinimumWageCheckInput, MinimumWageRateChange } from './minimum-wage';
export { MinimumWageInputError } from './errors';
