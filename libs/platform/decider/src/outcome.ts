import { z } from '@dpe/schema';
import type { CommandOutcome } from './execute';

/** A stored event as a caller sees it: positions as decimal strings (they are 64-bit), never numbers. */
export const RecordedEventView = z.object({
  id: z.string().describe('Event id (a UUID derived from the command id)'),
  type: z.string().describe('Event type, a past-tense fact such as RecipientEnrolled'),
  revision: z.string().regex(/^\d+$/).describe('Revision of the event in its stream (from 0)'),
  globalPosition: z.string().regex(/^\d+$/).describe('Position of the event in the whole store (from 1)'),
  recordedAt: z.string().describe('When the store wrote it (ISO-8601, UTC)'),
});

/** The response to any command: what was stored, whether it was a replay, and the declaration's reply fields. */
export function outcomeSchema(reply: z.ZodObject) {
  return z
    .object({
      commandId: z.string().describe('The command id (the Idempotency-Key): repeating it returns this same result'),
      streamId: z.string(),
      replayed: z.boolean().describe('True when this command id had been handled before and nothing new was stored'),
      events: z.array(RecordedEventView),
    })
    .extend(reply.shape);
}

export function outcomeView(outcome: CommandOutcome) {
  return {
    commandId: outcome.commandId,
    streamId: outcome.streamId,
    replayed: outcome.replayed,
    events: outcome.events.map((e) => ({
      id: e.id,
      type: e.type,
      revision: e.revision.toString(),
      globalPosition: e.globalPosition.toString(),
      recordedAt: e.metadata.recordedAt,
    })),
    ...outcome.reply,
  };
}
