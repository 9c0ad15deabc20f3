export * from './tokens';
export * from './engine.module';
export * from './cqrs';
export { readEnvelope, ENVELOPE_HEADERS } from './http/envelope';
export { ProblemFilter, sendProblem } from './http/problem';
export { jsonBodyOnly, BODY_LIMIT_BYTES } from './http/json-body';
export { declaredControllers, commandController, queryController, pathParams, PROBLEM_SCHEMA } from './http/routes';
export {
  AccessGuard,
  Policy,
  Public,
  POLICY,
  principalOf,
  type Authenticator,
  type PrincipalRequest,
} from './http/access';
export { bearerAuthenticator, type KeyDirectory, type TokenVerifier } from './http/authenticate';
export { CredentialThrottlerGuard } from './http/throttle';
