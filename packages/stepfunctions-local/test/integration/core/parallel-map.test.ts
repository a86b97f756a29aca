/** Parallel and Map: results, failures that abort siblings, concurrency, variable scopes. */
import type { Engine } from '../../../src';
import { history, openEngine, removeDir, run, settled, tempDir } from '../../support/engine';

let dir: string;
let engine: Engine;

beforeAll(async () => {
  dir = tempDir();
  engine = await openEngine(dir);
});

afterAll(async () => {
  await engine.close();
  removeDir(dir);
});

const pass = (name: string, extra: Record<string, unknown> = {}) => ({
  StartAt: name,
  States: { [name]: { Type: 'Pass', End: true, ...extra } },
});

test('concurrent branches link their events to their own previous event, as AWS does', async () => {
  const def = {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Pass', End: true } } },
        ],
      },
    },
  };
  const events = await history(engine, (await run(engine, def)).arn);
  const byName = (type: string, name: string) => events.find((e) => e.type === type && JSON.stringify(e).includes(`"name":"${name}"`));
  const started = events.find((e) => e.type === 'ParallelStateStarted');
  expect(events[1]).toMatchObject({ type: 'ParallelStateEntered', previousEventId: 0 });
  expect(byName('PassStateEntered', 'A')?.previousEventId).toBe(started?.id);
  expect(byName('PassStateEntered', 'B')?.previousEventId).toBe(started?.id);
  expect(byName('PassStateExited', 'B')?.previousEventId).toBe(byName('PassStateEntered', 'B')?.id);
  const succeeded = events.find((e) => e.type === 'ParallelStateSucceeded');
  expect([byName('PassStateExited', 'A')?.id, byName('PassStateExited', 'B')?.id]).toContain(succeeded?.previousEventId);
});

test('a failing branch fails the Parallel state, aborting the others, and Catch sees its error', async () => {
  const waiting = { StartAt: 'Slow', States: { Slow: { Type: 'Wait', Seconds: 3600, End: true } } };
  const failing = { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Branch.Failed', Cause: 'bad branch' } } };
  const def = {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [waiting, failing],
        Catch: [{ ErrorEquals: ['Branch.Failed'], ResultPath: '$.error', Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  };
  const out = await run(engine, def, { keep: 1 });
  expect(out.status).toBe('SUCCEEDED');
  expect(JSON.parse(out.output as string)).toEqual({ keep: 1, error: { Error: 'Branch.Failed', Cause: 'bad branch' } });
  const types = (await history(engine, out.arn)).map((e) => e.type);
  expect(types).toEqual([
    'ExecutionStarted',
    'ParallelStateEntered',
    'ParallelStateStarted',
    'WaitStateEntered',
    'FailStateEntered',
    'ParallelStateFailed',
    'ParallelStateExited',
    'PassStateEntered',
    'PassStateExited',
    'ExecutionSucceeded',
  ]);
});

test('Map runs iterations with MaxConcurrency, keeps result order and emits iteration events', async () => {
  const def = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        MaxConcurrency: 2,
        ItemsPath: '$.items',
        ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
        ItemProcessor: pass('Each'),
        End: true,
      },
    },
  };
  const out = await run(engine, def, { items: ['a', 'b', 'c'] });
  expect(JSON.parse(out.output as string)).toEqual([
    { v: 'a', i: 0 },
    { v: 'b', i: 1 },
    { v: 'c', i: 2 },
  ]);
  const types = (await history(engine, out.arn)).map((e) => e.type);
  expect(types.slice(0, 5)).toEqual([
    'ExecutionStarted',
    'MapStateEntered',
    'MapStateStarted',
    'MapIterationStarted',
    'MapIterationStarted',
  ]);
  // The third iteration starts only after one of the first two succeeded.
  const thirdStart = types.lastIndexOf('MapIterationStarted');
  expect(types.indexOf('MapIterationSucceeded')).toBeLessThan(thirdStart);
  expect(types.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(3);
  expect(types.slice(-3)).toEqual(['MapStateSucceeded', 'MapStateExited', 'ExecutionSucceeded']);
});

test('with MaxConcurrency, each waiting iteration starts once, in index order', async () => {
  // Both running iterations finish in the same turn: the second must not restart the
  // iteration the first one started.
  const each = { StartAt: 'P', States: { P: { Type: 'Pass', Next: 'Q' }, Q: { Type: 'Pass', End: true } } };
  const def = { StartAt: 'M', States: { M: { Type: 'Map', MaxConcurrency: 2, ItemProcessor: each, End: true } } };
  const out = await run(engine, def, [1, 2, 3, 4, 5]);
  expect(out.output).toBe('[1,2,3,4,5]');
  const started = (await history(engine, out.arn)).filter((e) => e.type === 'MapIterationStarted');
  expect(started.map((e) => (e.mapIterationStartedEventDetails as { index: number }).index)).toEqual([0, 1, 2, 3, 4]);
});

test('a failing iteration aborts the running ones and fails the Map', async () => {
  const processor = {
    StartAt: 'Check',
    States: {
      Check: { Type: 'Choice', Choices: [{ Variable: '$', NumericEquals: 1, Next: 'Bad' }], Default: 'Slow' },
      Bad: { Type: 'Fail', Error: 'Item.Bad' },
      Slow: { Type: 'Wait', Seconds: 3600, End: true },
    },
  };
  const out = await run(engine, { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: processor, End: true } } }, [0, 1, 2]);
  expect(out).toMatchObject({ status: 'FAILED', error: 'Item.Bad' });
  const events = await history(engine, out.arn);
  const types = events.map((e) => e.type);
  expect(types.filter((t) => t === 'MapIterationAborted')).toHaveLength(2);
  expect(types.slice(-2)).toEqual(['MapStateFailed', 'ExecutionFailed']);
});

test('branches read outer variables; their own assignments stay inside', async () => {
  const def = {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { outer: 'o', shadow: 'outer' }, Next: 'M' },
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: {
          StartAt: 'Set',
          States: {
            Set: { Type: 'Pass', Assign: { shadow: 'inner', 'mine.$': '$' }, Next: 'Read' },
            Read: { Type: 'Pass', Parameters: { 'outer.$': '$outer', 'shadow.$': '$shadow', 'mine.$': '$mine' }, End: true },
          },
        },
        ResultPath: '$.results',
        Next: 'After',
      },
      After: { Type: 'Pass', Parameters: { 'shadow.$': '$shadow', 'results.$': '$.results' }, End: true },
    },
  };
  const out = await run(engine, def, { items: [1, 2] });
  expect(JSON.parse(out.output as string)).toEqual({
    shadow: 'outer',
    results: [
      { outer: 'o', shadow: 'inner', mine: 1 },
      { outer: 'o', shadow: 'inner', mine: 2 },
    ],
  });
  const missing = {
    StartAt: 'M',
    States: {
      M: { Type: 'Map', ItemProcessor: pass('Set', { Assign: { inner: 1 } }), ResultPath: null, Next: 'Read' },
      Read: { Type: 'Pass', Parameters: { 'v.$': '$inner' }, End: true },
    },
  };
  expect(await run(engine, missing, [1])).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
});

test('a Parallel state is retried as a whole; the exhausted retry reports the branch error', async () => {
  const failing = { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Again', Cause: 'still failing' } } };
  const def = {
    StartAt: 'P',
    States: {
      P: { Type: 'Parallel', Branches: [failing], Retry: [{ ErrorEquals: ['Again'], IntervalSeconds: 1, MaxAttempts: 1 }], End: true },
    },
  };
  const out = await settled(engine, (await run(engine, def, {})).arn);
  expect(out).toMatchObject({ status: 'FAILED', error: 'Again', cause: 'still failing' });
  const types = (await history(engine, out.executionArn as string)).map((e) => e.type);
  expect(types.filter((t) => t === 'ParallelStateStarted')).toHaveLength(2);
  expect(types.filter((t) => t === 'ParallelStateEntered')).toHaveLength(1);
});
