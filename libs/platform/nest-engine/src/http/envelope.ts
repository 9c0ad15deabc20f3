import type { Request } from 'express';
import { checkEnvelope, londonNow, type Envelope } from '@dpe/decider';

/** The HTTP names of the envelope's parts, used in errors and in OpenAPI. */
export const ENVELOPE_HEADERS = { commandId: 'Idempotency-Key', correlationId: 'X-Correlation-Id', actor: 'X-Actor' } as const;

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The one place an HTTP request becomes a command envelope: idempotency key, correlation id, actor and the clock.
 * Malformed envelope values are refused with the header named, before anything is read or stored.
 */
export function readEnvelope(request: Request): Envelope {
  const commandId = header(request, ENVELOPE_HEADERS.commandId);
  const correlationId = header(request, ENVELOPE_HEADERS.correlationId);
  const actor = header(request, ENVELOPE_HEADERS.actor);
  const envelope: Envelope = {
    ...(commandId === undefined ? {} : { commandId }),
    ...(correlationId === undefined ? {} : { correlationId }),
    actor: actor === undefined ? 'api:anonymous' : actor,
    now: londonNow(),
  };
  checkEnvelope(envelope, ENVELOPE_HEADERS);
  if (actor !== undefined) checkEnvelope({ ...envelope, commandId: actor }, { ...ENVELOPE_HEADERS, commandId: ENVELOPE_HEADERS.actor });
  return envelope;
}
