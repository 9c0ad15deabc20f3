export { commandSpec, type GivenEvent, type WhenOptions } from './decider-spec';
