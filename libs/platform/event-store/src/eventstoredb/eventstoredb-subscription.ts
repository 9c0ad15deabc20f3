import { excludeSystemEvents, type AllStreamSubscription, type EventStoreDBClient } from '@eventstore/db-client';
import type { RecordedEvent, SubscribeOptions, Subscription } from '../port';
import { fromEsdbEvent, isHiddenEvent, positionAfter } from './esdb-mapping';

export interface ResubscribePolicy {
  readonly maxAttempts: number;
  readonly firstDelayMs: number;
}

/** Marks a failure of the subscriber's own handler, which a resubscribe would only repeat. */
class HandlerFailed extends Error {
  constructor(readonly handlerError: unknown) {
    super('subscription handler failed');
  }
}

/**
 * A catch-up subscription to $all that survives drops. EventStoreDB does not resume catch-up
 * subscriptions itself, so on any error or server-side end this resubscribes from the last
 * delivered position (bounded attempts with doubling delay) and skips anything at or before it,
 * which keeps delivery gap-free and duplicate-free across reconnects.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private handlerRunning = false;
  private current: AllStreamSubscription | undefined;
  private caughtUp = false;
  private cutBackoffShort: (() => void) | undefined;
  /** Checkpoint of the last event whose handler completed; resubscribes start after it. */
  private delivered: bigint;
  private readonly loop: Promise<void>;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: SubscribeOptions,
    private readonly policy: ResubscribePolicy,
    private readonly headPosition: () => Promise<bigint>,
    private readonly onFinished: (subscription: EventStoreDbSubscription) => void,
  ) {
    const after = options.after ?? 0n;
    if (after < 0n) throw new RangeError(`subscription checkpoint must be >= 0, got ${after}`);
    this.delivered = after;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cutBackoffShort?.();
    const current = this.current;
    if (current) await this.release(current);
    if (!this.handlerRunning) await this.loop;
  }

  private async release(subscription: AllStreamSubscription): Promise<void> {
    try {
      await subscription.unsubscribe();
    } catch {
      // The call is being abandoned either way; a failure to cancel it changes nothing.
    }
    // Cancelling the gRPC call does not always end the piped stream; destroying it does, so the
    // delivery loop cannot hang on a subscription that will never yield again.
    subscription.destroy();
  }

  private backoff(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.cutBackoffShort = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    let headAtStart: bigint | undefined;
    try {
      while (!this.stopped) {
        try {
          if (headAtStart === undefined) {
            // Fallback for servers that never send the caught-up signal: reaching the newest
            // non-system event that existed at the start also means caught up.
            headAtStart = await this.headPosition();
            if (headAtStart <= this.delivered) this.markCaughtUp();
          }
          await this.deliver(headAtStart, () => {
            failures = 0;
          });
          if (this.stopped) return;
          throw new Error('EventStoreDB ended the subscription');
        } catch (error) {
          if (this.stopped) return;
          if (error instanceof HandlerFailed) throw error.handlerError;
          failures += 1;
          if (failures > this.policy.maxAttempts) throw error;
          await this.backoff(this.policy.firstDelayMs * 2 ** (failures - 1));
        }
      }
    } catch (error) {
      if (!this.stopped) {
        this.stopped = true;
        this.report(error instanceof Error ? error : new Error(String(error)));
      }
    } finally {
      this.onFinished(this);
    }
  }

  /** One server subscription from the checkpoint, until it ends, fails or is stopped. */
  private async deliver(headAtStart: bigint, onDelivered: () => void): Promise<void> {
    const subscription = this.client.subscribeToAll({
      fromPosition: positionAfter(this.delivered),
      filter: excludeSystemEvents(),
    });
    this.current = subscription;
    if (this.stopped) {
      await this.release(subscription);
      return;
    }

    // The caught-up message arrives behind the events the server sent before it, some of which
    // may still be buffered; onCaughtUp waits until those have been handled.
    let itemInHand = false;
    let itemsBeforeCaughtUp: number | undefined;
    subscription.on('caughtUp', () => {
      itemsBeforeCaughtUp = subscription.readableLength + (itemInHand ? 1 : 0);
      if (itemsBeforeCaughtUp === 0) this.markCaughtUp();
    });

    try {
      for await (const resolved of subscription) {
        if (this.stopped) break;
        itemInHand = true;
        const event = resolved.event;
        if (event && !isHiddenEvent(event)) {
          const recorded: RecordedEvent = fromEsdbEvent(event);
          if (recorded.globalPosition > this.delivered) {
            await this.handle(recorded);
            this.delivered = recorded.globalPosition;
            onDelivered();
            if (this.delivered >= headAtStart) this.markCaughtUp();
          }
        }
        itemInHand = false;
        if (itemsBeforeCaughtUp !== undefined && itemsBeforeCaughtUp > 0) {
          itemsBeforeCaughtUp -= 1;
          if (itemsBeforeCaughtUp === 0) this.markCaughtUp();
        }
        if (this.stopped) break;
      }
    } finally {
      if (this.current === subscription) this.current = undefined;
      if (!subscription.destroyed) await this.release(subscription);
    }
  }

  private async handle(event: RecordedEvent): Promise<void> {
    this.handlerRunning = true;
    try {
      await this.options.onEvent(event);
    } catch (error) {
      throw new HandlerFailed(error);
    } finally {
      this.handlerRunning = false;
    }
  }

  private markCaughtUp(): void {
    if (this.caughtUp || this.stopped) return;
    this.caughtUp = true;
    this.options.onCaughtUp?.();
  }

  private report(error: Error): void {
    if (this.options.onError) {
      this.options.onError(error);
      return;
    }
    // Same reasoning as the embedded stores: a projection must not stop silently.
    queueMicrotask(() => {
      throw error;
    });
  }
}
