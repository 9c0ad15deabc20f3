import { fold, type QueryContext } from '@dpe/decider';
import type { EventStore } from '@dpe/event-store';

/**
 * A loader that sees each stream as it stood at a global position: what the store held when a document was made, so
 * a document written again says what it said then (later events, a back-dated bank change, do not reach it).
 */
export const loaderAt =
  (store: EventStore, position: bigint): QueryContext['load'] =>
  async (stream, key) =>
    fold(
      stream,
      (await store.readStream(stream.streamId(key))).filter((event) => event.globalPosition <= position),
    );
