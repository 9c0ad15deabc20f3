/** Injection token for the one EventStore the process uses. */
export const EVENT_STORE = Symbol('EVENT_STORE');
