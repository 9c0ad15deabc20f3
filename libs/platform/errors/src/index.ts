export { EngineError, DomainError, EdgeError, type ErrorKind } from './engine-error';
export { InvalidInput, describeValue, type InputIssue } from './invalid-input';
export { ERROR_CATALOGUE, describeError, type Problem } from './catalogue';
