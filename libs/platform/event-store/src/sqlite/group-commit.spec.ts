import { GroupCommit, type BatchOutcome } from './group-commit';

/** Requests are numbers; odd ones are refused, a batch containing 13 fails as a whole. */
function recorder(maxBatch: number) {
  const batches: number[][] = [];
  const commits = new GroupCommit<number, string>((requests): BatchOutcome<string>[] => {
    batches.push([...requests]);
    if (requests.includes(13)) throw new Error('disk full');
    return requests.map((n) =>
      n % 2 === 0 ? { ok: true, result: `ok ${n}` } : { ok: false, error: new Error(`odd ${n}`) },
    );
  }, maxBatch);
  return { batches, commits };
}

describe('GroupCommit', () => {
  it('commits requests issued before the next macrotask together, in arrival order, settling each on its own', async () => {
    const { batches, commits } = recorder(256);
    const outcomes = await Promise.allSettled([0, 1, 2, 3, 4].map((n) => commits.submit(n)));
    expect(batches).toEqual([[0, 1, 2, 3, 4]]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      'ok 0',
      'odd 1',
      'ok 2',
      'odd 3',
      'ok 4',
    ]);
  });

  it('commits a lone request on its own without waiting for others', async () => {
    const { batches, commits } = recorder(256);
    expect(await commits.submit(2)).toBe('ok 2');
    expect(await commits.submit(4)).toBe('ok 4');
    expect(batches).toEqual([[2], [4]]);
  });

  it('bounds the batch size, leaving the rest for the next batch', async () => {
    const { batches, commits } = recorder(3);
    await Promise.allSettled([0, 2, 4, 6, 8, 10, 12].map((n) => commits.submit(n)));
    expect(batches).toEqual([[0, 2, 4], [6, 8, 10], [12]]);
  });

  it('rejects every request of a batch whose commit failed, and carries on with the next', async () => {
    const { batches, commits } = recorder(2);
    const outcomes = await Promise.allSettled([12, 13, 14].map((n) => commits.submit(n)));
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      'disk full',
      'disk full',
      'ok 14',
    ]);
    expect(batches).toEqual([[12, 13], [14]]);
  });

  it('drains the queue synchronously', async () => {
    const { batches, commits } = recorder(2);
    const pending = [0, 2, 4].map((n) => commits.submit(n));
    commits.drain();
    expect(batches).toEqual([[0, 2], [4]]);
    expect(await Promise.all(pending)).toEqual(['ok 0', 'ok 2', 'ok 4']);
  });
});

describe('GroupCommit with a durability hook', () => {
  it('settles a committed batch only when its writes are durable, while the next batch commits', async () => {
    const flushes: ((error?: unknown) => void)[] = [];
    const batches: number[][] = [];
    const commits = new GroupCommit<number, string>(
      (requests) => {
        batches.push([...requests]);
        return requests.map((n) => ({ ok: true, result: `ok ${n}` }));
      },
      256,
      (done) => flushes.push(done),
    );
    const settled: string[] = [];
    const first = commits.submit(1).then((r) => settled.push(r));
    await new Promise((resolve) => setImmediate(resolve));
    const second = commits.submit(2).then((r) => settled.push(r));
    await new Promise((resolve) => setImmediate(resolve));
    // Both batches are committed, neither is acknowledged: the disk has not answered.
    expect(batches).toEqual([[1], [2]]);
    expect(settled).toEqual([]);
    flushes[0]!();
    await first;
    expect(settled).toEqual(['ok 1']);
    flushes[1]!();
    await second;
    expect(settled).toEqual(['ok 1', 'ok 2']);
  });

  it('rejects every request of a batch whose flush failed, with the flush error', async () => {
    const commits = new GroupCommit<number, string>(
      (requests) => requests.map((n) => ({ ok: true, result: `ok ${n}` })),
      256,
      (done) => done(new Error('EIO: i/o error, fsync')),
    );
    const outcomes = await Promise.allSettled([2, 4].map((n) => commits.submit(n)));
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as Error).message : 'resolved'))).toEqual([
      'EIO: i/o error, fsync',
      'EIO: i/o error, fsync',
    ]);
  });
});
