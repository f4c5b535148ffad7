import { StatementBatcher } from './statement-batcher';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('StatementBatcher', () => {
  it('runs a lone request at once, and gathers those arriving meanwhile into one batch', async () => {
    const batches: number[][] = [];
    const batcher = new StatementBatcher(async (requests: number[]) => {
      batches.push(requests);
      await tick();
      return requests.map((n) => n * 10);
    });
    const answers = await Promise.all([1, 2, 3, 4].map((n) => batcher.submit(n)));
    expect(answers).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps batches to the maximum size', async () => {
    const sizes: number[] = [];
    const batcher = new StatementBatcher(async (requests: number[]) => {
      sizes.push(requests.length);
      await tick();
      return requests;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n)));
    expect(sizes).toEqual([1, 2, 2, 1]);
  });

  it('fails only the request that fails, by running a failed batch one by one', async () => {
    const batcher = new StatementBatcher(async (requests: number[]) => {
      await tick();
      if (requests.includes(3)) throw new Error('no threes');
      return requests;
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => batcher.submit(n)));
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });

  it('goes on after a failure', async () => {
    let fail = true;
    const batcher = new StatementBatcher(async (requests: string[]) => {
      if (fail) throw new Error('connection lost');
      return requests;
    });
    await expect(batcher.submit('a')).rejects.toThrow('connection lost');
    fail = false;
    await expect(batcher.submit('b')).resolves.toBe('b');
  });
});
