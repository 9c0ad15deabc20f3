import type { RecordedEvent, SubscribeOptions, Subscription } from '../port';
import type { AppendSignal } from './append-signal';

export interface CatchUpSource {
  /** Events with globalPosition > after, in global order, at most maxCount of them. */
  readPage(after: bigint, maxCount: number): RecordedEvent[];
  readonly signal: AppendSignal;
  /**
   * How often to look for appends made outside this process (another process writing the same
   * file). Undefined when only in-process appends are possible.
   */
  readonly pollIntervalMs: number | undefined;
}

const PAGE_SIZE = 512;

/**
 * Catch-up then live delivery for stores whose global log can be read by position (SQLite,
 * in-memory). One loop reads pages after the last delivered position and awaits each handler
 * before the next, so delivery is in order with no overlap; the position only advances after a
 * handler succeeds, so a gap is impossible and a resubscribe from the checkpoint repeats nothing.
 */
export class CatchUpSubscription implements Subscription {
  private stopped = false;
  private handlerRunning = false;
  private wait: { cancel(): void } | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly source: CatchUpSource,
    private readonly options: SubscribeOptions,
    private readonly onFinished: (subscription: CatchUpSubscription) => void,
  ) {
    const after = options.after ?? 0n;
    if (after < 0n) throw new RangeError(`subscription checkpoint must be >= 0, got ${after}`);
    // Deferred so that subscribeToAll returns before the first handler call, as with a network store.
    this.loop = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.run(after));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wait?.cancel();
    // A handler that stops its own subscription would deadlock waiting for itself; the stopped
    // flag alone already guarantees that no further onEvent starts.
    if (!this.handlerRunning) await this.loop;
  }

  private async run(after: bigint): Promise<void> {
    let position = after;
    let caughtUp = false;
    try {
      while (!this.stopped) {
        const seen = this.source.signal.version;
        const page = this.source.readPage(position, PAGE_SIZE);
        for (const event of page) {
          if (this.stopped) return;
          this.handlerRunning = true;
          try {
            await this.options.onEvent(event);
          } finally {
            this.handlerRunning = false;
          }
          position = event.globalPosition;
        }
        if (page.length === PAGE_SIZE || this.stopped) continue;
        if (!caughtUp) {
          caughtUp = true;
          this.options.onCaughtUp?.();
          if (this.stopped) return;
        }
        const wait = this.source.signal.waitForChange(seen, this.source.pollIntervalMs);
        this.wait = wait;
        await wait.done;
        this.wait = undefined;
      }
    } catch (error) {
      this.stopped = true;
      this.report(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.onFinished(this);
    }
  }

  private report(error: Error): void {
    if (this.options.onError) {
      this.options.onError(error);
      return;
    }
    // A projection that silently stops would leave balances stale without anyone noticing;
    // with no onError to tell, fail as loudly as an unhandled rejection.
    queueMicrotask(() => {
      throw error;
    });
  }
}
