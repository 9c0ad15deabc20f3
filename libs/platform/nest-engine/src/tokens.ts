/** Injection token for the one EventStore the process uses. */
export const EVENT_STORE = Symbol('EVENT_STORE');
/** Injection token for the declared commands and queries the shell serves. */
export const DECLARATIONS = Symbol('DECLARATIONS');
/** Injection token for the request authenticator (API keys and council identity providers). */
export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
