import { coalescer } from '../../../../local/transport/coalesce';

/** The worker thread's MessagePort batching: one message per turn of the event loop, in order. */

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(['immediate', 'microtask'] as const)('%s', (mode) => {
  test('the items pushed in one turn leave as one batch, in the order pushed', async () => {
    const sent: number[][] = [];
    const queue = coalescer<number>(mode, (items) => sent.push(items));
    queue.push(1);
    queue.push(2);
    queue.push(3);
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toEqual([[1, 2, 3]]);
    queue.push(4);
    await nextTurn();
    expect(sent).toEqual([[1, 2, 3], [4]]);
  });

  test('flush sends what is queued at once, and the scheduled send then has nothing left', async () => {
    const sent: string[][] = [];
    const queue = coalescer<string>(mode, (items) => sent.push(items));
    queue.push('request');
    queue.flush();
    expect(sent).toEqual([['request']]);
    queue.flush();
    await nextTurn();
    expect(sent).toEqual([['request']]);
  });
});

test('immediate waits for the microtasks of the turn (promise chains) that microtask would miss', async () => {
  const batches = { immediate: [] as number[][], microtask: [] as number[][] };
  for (const mode of ['immediate', 'microtask'] as const) {
    const queue = coalescer<number>(mode, (items) => batches[mode].push(items));
    queue.push(1);
    // A second caller that reaches the queue a few awaits later, as an SDK middleware chain does.
    void Promise.resolve()
      .then(() => undefined)
      .then(() => undefined)
      .then(() => queue.push(2));
    await nextTurn();
  }
  expect(batches.immediate).toEqual([[1, 2]]);
  expect(batches.microtask).toEqual([[1], [2]]);
});

test('off sends each item on its own at once (the behaviour before batching)', () => {
  const sent: number[][] = [];
  const queue = coalescer<number>('off', (items) => sent.push(items));
  queue.push(1);
  queue.push(2);
  expect(sent).toEqual([[1], [2]]);
});
