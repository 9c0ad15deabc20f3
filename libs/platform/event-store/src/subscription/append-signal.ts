/**
 * Wakes live subscriptions when this process appends. A counter (not a bare event) is what makes
 * it race-free: a subscriber remembers the count before reading, and a wait started after an
 * append it has not read yet returns at once instead of sleeping through it.
 */
export class AppendSignal {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.count;
  }

  notify(): void {
    this.count += 1;
    const woken = [...this.waiters];
    this.waiters.clear();
    for (const wake of woken) wake();
  }

  /**
   * Resolves when the count moves past `seen`, after `timeoutMs` (if given), or when `cancel`
   * is called on the returned handle, whichever comes first.
   */
  waitForChange(seen: number, timeoutMs: number | undefined): { readonly done: Promise<void>; cancel(): void } {
    if (this.count !== seen) return { done: Promise.resolve(), cancel: () => undefined };
    let wake!: () => void;
    const done = new Promise<void>((resolve) => {
      wake = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (timer) clearTimeout(timer);
      this.waiters.delete(finish);
      wake();
    };
    this.waiters.add(finish);
    if (timeoutMs !== undefined) {
      timer = setTimeout(finish, timeoutMs);
    }
    return { done, cancel: finish };
  }
}
