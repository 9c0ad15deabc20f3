export * from './tokens';
export * from './engine.module';
export * from './cqrs';
export { readEnvelope, ENVELOPE_HEADERS } from './http/envelope';
export { ProblemFilter, sendProblem } from './http/problem';
export { jsonBodyOnly, BODY_LIMIT_BYTES } from './http/json-body';
export { declaredControllers, commandController, queryController, pathParams, PROBLEM_SCHEMA } from './http/routes';
