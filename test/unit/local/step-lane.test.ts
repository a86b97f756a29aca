import { createStepLane, DEFAULT_STEP_LANE, stepLaneFromEnv } from '../../../local/step-lane';

/** A step whose end the test decides; `started` lists the events of the steps that began. */
function harness(lane: ReturnType<typeof createStepLane>) {
  const started: string[] = [];
  const finish = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
  const step = lane.wrap(
    (event: string, context: { id: number }) =>
      new Promise<string>((resolve, reject) => {
        started.push(event);
        finish.set(event, { resolve: (v) => resolve(`${v}#${context.id}`), reject });
      }),
  );
  return { started, finish, step };
}

/** Lets every callback that is ready run (the lane starts steps from promise continuations). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('step lane', () => {
  test('runs at most `concurrency` steps at once and starts the others in arrival order', async () => {
    const lane = createStepLane({ concurrency: 2, whilePriority: 1 });
    const { started, finish, step } = harness(lane);
    const results = ['a', 'b', 'c', 'd'].map((e, i) => step(e, { id: i }));
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(lane.stats()).toEqual({ running: 2, waiting: 2 });

    finish.get('b')!.resolve('B');
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    finish.get('a')!.resolve('A');
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    finish.get('c')!.resolve('C');
    finish.get('d')!.resolve('D');
    // Arguments and results pass through unchanged.
    await expect(Promise.all(results)).resolves.toEqual(['A#0', 'B#1', 'C#2', 'D#3']);
    expect(lane.stats()).toEqual({ running: 0, waiting: 0 });
  });

  test('below a pile a priority request changes nothing: every step starts', async () => {
    const lane = createStepLane({ concurrency: 3, whilePriority: 1 });
    const { started, finish, step } = harness(lane);
    const settled = lane.priority();
    const results = ['a', 'b', 'c'].map((e, i) => step(e, { id: i }));
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    settled();
    for (const e of ['a', 'b', 'c']) finish.get(e)!.resolve(e);
    await expect(Promise.all(results)).resolves.toEqual(['a#0', 'b#1', 'c#2']);
  });

  test('with a pile and a priority request in flight only `whilePriority` steps run until the pile is gone', async () => {
    const lane = createStepLane({ concurrency: 2, whilePriority: 1 });
    const { started, finish, step } = harness(lane);
    const settled = lane.priority();
    const results = ['a', 'b', 'c', 'd'].map((e, i) => step(e, { id: i }));
    await settle();
    // a and b came before the pile did; c and d make it.
    expect(started).toEqual(['a', 'b']);
    finish.get('a')!.resolve('a');
    await settle();
    // Still a pile (1 running + 2 waiting > 2) and a submission in flight: one step at a time.
    expect(started).toEqual(['a', 'b']);
    expect(lane.stats()).toEqual({ running: 1, waiting: 2 });
    finish.get('b')!.resolve('b');
    await settle();
    // c starts; then 1 running + 1 waiting is no pile: d starts too.
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    settled();
    finish.get('c')!.resolve('c');
    finish.get('d')!.resolve('d');
    await expect(Promise.all(results)).resolves.toEqual(['a#0', 'b#1', 'c#2', 'd#3']);
  });

  test('once the priority request settles the pile runs up to `concurrency` again', async () => {
    const lane = createStepLane({ concurrency: 2, whilePriority: 1 });
    const { started, finish, step } = harness(lane);
    const results = ['a', 'b', 'c', 'd', 'e'].map((e, i) => step(e, { id: i }));
    await settle();
    expect(started).toEqual(['a', 'b']);
    const settled = lane.priority();
    finish.get('a')!.resolve('a');
    await settle();
    // A pile (1 running + 3 waiting) under a priority request: c waits for b.
    expect(started).toEqual(['a', 'b']);
    settled();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const e of ['b', 'c']) finish.get(e)!.resolve(e);
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    for (const e of ['d', 'e']) finish.get(e)!.resolve(e);
    await expect(Promise.all(results)).resolves.toEqual(['a#0', 'b#1', 'c#2', 'd#3', 'e#4']);
  });

  test('a failing step gives its place to the next one and its error reaches the caller', async () => {
    const lane = createStepLane({ concurrency: 1, whilePriority: 1 });
    const { started, finish, step } = harness(lane);
    const first = step('a', { id: 0 });
    const second = step('b', { id: 1 });
    await settle();
    finish.get('a')!.reject(new Error('boom'));
    await expect(first).rejects.toThrow('boom');
    await settle();
    expect(started).toEqual(['a', 'b']);
    finish.get('b')!.resolve('b');
    await expect(second).resolves.toBe('b#1');
  });

  test('settling a priority request twice counts once', async () => {
    const lane = createStepLane({ concurrency: 2, whilePriority: 1 });
    const { started, finish, step } = harness(lane);
    const first = lane.priority();
    const second = lane.priority();
    first();
    first();
    const results = ['a', 'b', 'c', 'd'].map((e, i) => step(e, { id: i }));
    await settle();
    finish.get('a')!.resolve('a');
    await settle();
    // `second` is still in flight: the priority limit holds over the pile (1 running + 2 waiting).
    expect(started).toEqual(['a', 'b']);
    second();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    for (const e of ['b', 'c']) finish.get(e)!.resolve(e);
    await settle();
    finish.get('d')!.resolve('d');
    await Promise.all(results);
    expect(lane.stats()).toEqual({ running: 0, waiting: 0 });
  });

  test('refuses limits that could starve steps', () => {
    expect(() => createStepLane({ concurrency: 2, whilePriority: 0 })).toThrow('1 <= whilePriority <= concurrency');
    expect(() => createStepLane({ concurrency: 1, whilePriority: 2 })).toThrow('1 <= whilePriority <= concurrency');
  });
});

test('no lane (the default): every step starts at once, a submission changes nothing, failures pass through', async () => {
  const lane = createStepLane(DEFAULT_STEP_LANE);
  const { started, finish, step } = harness(lane);
  const done = lane.priority();
  const results = ['a', 'b', 'c'].map((e, i) => step(e, { id: i }));
  expect(started).toEqual(['a', 'b', 'c']);
  expect(lane.stats()).toEqual({ running: 3, waiting: 0 });
  done();
  finish.get('a')!.resolve('A');
  finish.get('b')!.reject(new Error('step broke'));
  finish.get('c')!.resolve('C');
  await expect(Promise.allSettled(results)).resolves.toEqual([
    { status: 'fulfilled', value: 'A#0' },
    { status: 'rejected', reason: new Error('step broke') },
    { status: 'fulfilled', value: 'C#2' },
  ]);
  expect(lane.stats()).toEqual({ running: 0, waiting: 0 });
});

describe('ONETHING_STEP_LANE', () => {
  test('no lane when unset or empty (the default, as off)', () => {
    expect(DEFAULT_STEP_LANE).toEqual({ concurrency: Infinity, whilePriority: Infinity });
    expect(stepLaneFromEnv({})).toEqual(DEFAULT_STEP_LANE);
    expect(stepLaneFromEnv({ ONETHING_STEP_LANE: '' })).toEqual(DEFAULT_STEP_LANE);
    expect(stepLaneFromEnv({ ONETHING_STEP_LANE: 'off' })).toEqual(DEFAULT_STEP_LANE);
  });

  test('takes <concurrency>,<whilePriority>, or off for no lane', () => {
    expect(stepLaneFromEnv({ ONETHING_STEP_LANE: '16,2' })).toEqual({ concurrency: 16, whilePriority: 2 });
    expect(stepLaneFromEnv({ ONETHING_STEP_LANE: 'off' })).toEqual({ concurrency: Infinity, whilePriority: Infinity });
  });

  test.each(['8', '0,1', '2,3', '1.5,1', 'a,b', '8,1,1', 'unlimited'])('refuses %s, naming the variable', (value) => {
    expect(() => stepLaneFromEnv({ ONETHING_STEP_LANE: value })).toThrow(`ONETHING_STEP_LANE: expected <concurrency>,<whilePriority>`);
  });
});
