/** What one request of a committed batch came to: its own result, or its own refusal. */
export type BatchOutcome<Result> =
  { readonly ok: true; readonly result: Result } | { readonly ok: false; readonly error: unknown };

/**
 * Commits the batch in one transaction and returns one outcome per request, in order. Throwing means nothing of
 * the batch was committed; every request of it is then rejected with that error.
 */
export type CommitBatch<Request, Result> = (requests: readonly Request[]) => BatchOutcome<Result>[];

interface Pending<Request, Result> {
  readonly request: Request;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: requests submitted while a flush is pending are queued and committed together, so that many
 * appends in flight (a bureau pay run's commands) share one transaction and one fsync instead of paying one each.
 *
 * The queue is flushed on the next macrotask (setImmediate) after the first request arrives: every request issued
 * by code that has not yielded to the event loop since (synchronous calls, and everything resumed from the same
 * round of promise callbacks) joins that batch, and a lone request waits only for the current turn of the event
 * loop to finish, never for a timer. A batch holds at most `maxBatch` requests, taken in arrival order; the rest
 * wait for the next macrotask. A promise settles only after the transaction holding its request committed (or
 * failed) and, when the store says how (`whenDurable`), after its writes reached the disk: the next batch is committed
 * while this one's flush is in flight.
 *
 * Mutable state lives here rather than on the store, so wrappers made with Object.create(store) stay harmless.
 */
export class GroupCommit<Request, Result> {
  private readonly queue: Pending<Request, Result>[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly commitBatch: CommitBatch<Request, Result>,
    private readonly maxBatch: number,
    /**
     * Holds a committed batch's outcomes until its writes are durable (`done()`), or fails them all (`done(error)`).
     * Without it a batch settles as soon as it is committed.
     */
    private readonly whenDurable: (done: (error?: unknown) => void) => void = (done) => done(),
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) throw new RangeError(`maxBatch must be >= 1, got ${maxBatch}`);
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.schedule();
    });
  }

  /** Commits everything queued, now and synchronously (used by close, so no accepted append is dropped). */
  drain(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.queue.length > 0) this.commitNext();
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = undefined;
    this.commitNext();
    if (this.queue.length > 0) this.schedule();
  };

  private commitNext(): void {
    const batch = this.queue.splice(0, this.maxBatch);
    let outcomes: BatchOutcome<Result>[];
    try {
      outcomes = this.commitBatch(batch.map((pending) => pending.request));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    this.whenDurable((error) => {
      for (let i = 0; i < batch.length; i++) {
        const outcome = outcomes[i]!;
        if (outcome.ok && error === undefined) batch[i]!.resolve(outcome.result);
        else batch[i]!.reject(outcome.ok ? error : outcome.error);
      }
    });
  }
}
