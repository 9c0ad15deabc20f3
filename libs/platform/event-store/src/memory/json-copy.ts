import type { NewEvent, RecordedEvent } from '../port';

// Round-tripping through JSON is what the durable stores do to data, so the in-memory store
// rejects and normalises exactly what they would (undefined fields vanish, bigint throws).
function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function storedCopy(
  event: NewEvent,
  streamId: string,
  revision: bigint,
  globalPosition: bigint,
  recordedAt: string,
): RecordedEvent {
  return {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: viaJson(event.data),
    metadata: { ...viaJson(event.metadata), recordedAt },
    streamId,
    revision,
    globalPosition,
  };
}

export function recordedCopy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: viaJson(event.data), metadata: { ...event.metadata } };
}
