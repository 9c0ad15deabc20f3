import { closeSync, fsync, fsyncSync, openSync } from 'node:fs';

/** Raised for appends that were committed but whose write-ahead log could not be flushed to disk. */
export class NotDurableError extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `the append was committed but its write-ahead log could not be flushed to disk (${String(cause)}); ` +
        'it may not survive a power loss, and this store refuses further appends: reopen it once the disk is fixed',
    );
    this.name = 'NotDurableError';
  }
}

/**
 * Makes committed transactions durable by flushing the write-ahead log with an fsync of our own, on libuv's thread
 * pool, instead of inside COMMIT.
 *
 * The connection runs with synchronous=NORMAL, so COMMIT writes the transaction's frames to the WAL (the operating
 * system's cache) and returns without waiting for the disk. An append is acknowledged only after an fsync of the WAL
 * file that began after its COMMIT returned: the frames are then on disk exactly as synchronous=FULL would have put
 * them, and an fsync covers every frame written before it, so whatever an acknowledged command read is durable too.
 * SQLite itself still syncs the WAL before each checkpoint and the database after it, and syncs the WAL header when
 * it starts reusing the file (its rules for NORMAL in WAL mode), so the log is never overwritten before its frames
 * are in the database file.
 *
 * What this buys: COMMIT used to block the one thread that owns the connection for the whole fsync (measured at a
 * third of a pay run's time); now that thread decides and commits the next batch while the disk flushes this one.
 * At most one fsync is in flight; batches committed meanwhile share the next.
 */
export class WalSync {
  private fd: number | undefined;
  private inFlight = false;
  private waiting: ((error?: unknown) => void)[] = [];
  private idle: (() => void)[] = [];
  private failure: NotDurableError | undefined;

  constructor(private readonly walPath: string) {}

  /** Why appends are refused (a flush failed), if one did. */
  get failed(): NotDurableError | undefined {
    return this.failure;
  }

  /** Calls `done` once everything committed so far is on disk, or with the error that stopped it. */
  afterCommit(done: (error?: unknown) => void): void {
    if (this.failure) return done(this.failure);
    this.waiting.push(done);
    if (!this.inFlight) this.flush();
  }

  /** Resolves once no flush is in flight or waiting (close waits for this, so no acknowledgement is lost). */
  settled(): Promise<void> {
    if (!this.inFlight && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Flushes now, on this thread: for a batch committed while closing. */
  flushNow(): void {
    const batch = this.take();
    if (batch.length === 0) return;
    let error: unknown;
    try {
      fsyncSync(this.open());
    } catch (caught) {
      error = this.fail(caught);
    }
    for (const done of batch) done(error);
    this.wake();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    const batch = this.take();
    let fd: number;
    try {
      fd = this.open();
    } catch (caught) {
      const error = this.fail(caught);
      for (const done of batch) done(error);
      return this.wake();
    }
    this.inFlight = true;
    fsync(fd, (caught) => {
      this.inFlight = false;
      const error = caught ? this.fail(caught) : undefined;
      for (const done of batch) done(error);
      if (this.waiting.length > 0) this.flush();
      else this.wake();
    });
  }

  private take(): ((error?: unknown) => void)[] {
    const batch = this.waiting;
    this.waiting = [];
    return batch;
  }

  private open(): number {
    // The log exists once the connection has committed; opened without O_CREAT so a wrong path fails loudly.
    this.fd ??= openSync(this.walPath, 'r+');
    return this.fd;
  }

  private fail(cause: unknown): NotDurableError {
    this.failure ??= new NotDurableError(cause);
    return this.failure;
  }

  private wake(): void {
    if (this.inFlight || this.waiting.length > 0) return;
    const idle = this.idle;
    this.idle = [];
    for (const resolve of idle) resolve();
  }
}
