/** Injection token for the one EventStore the process uses. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token for the declared commands and queries the shell serves. */
export const DECLARATIONS = Symbol('DECLARATIONS');
/** Injection token for the request authenticator (API keys and council identity providers). */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
/** Injection token for the views' read models (ReadModels), provided by the app that runs the projections. */
export const READ_MODELS = Symbol('READ_MODELS');
