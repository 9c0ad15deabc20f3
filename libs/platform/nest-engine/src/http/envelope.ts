import type { Request } from 'express';
import { checkEnvelope, londonNow, type Envelope } from '@dpe/decider';
import { principalOf } from './access';

/** The HTTP names of the envelope's parts, used in errors and in OpenAPI. */
export const ENVELOPE_HEADERS = { commandId: 'Idempotency-Key', correlationId: 'X-Correlation-Id' } as const;

function header(request: Request, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The one place an HTTP request becomes a command envelope: idempotency key, correlation id, the authenticated
 * principal (never a header the client sets) and the clock. Malformed envelope values are refused with the header
 * named, before anything is read or stored.
 */
export function readEnvelope(request: Request): Envelope {
  const commandId = header(request, ENVELOPE_HEADERS.commandId);
  const correlationId = header(request, ENVELOPE_HEADERS.correlationId);
  const envelope: Envelope = {
    ...(commandId === undefined ? {} : { commandId }),
    ...(correlationId === undefined ? {} : { correlationId }),
    principal: principalOf(request),
    now: londonNow(),
  };
  checkEnvelope(envelope, ENVELOPE_HEADERS);
  return envelope;
}
