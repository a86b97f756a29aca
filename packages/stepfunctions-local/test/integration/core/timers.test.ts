/** Wait, Retry back-off, Task timeouts/heartbeats and the execution timeout, on a manual clock. */
import { ManualClock } from '../../support/manual-clock';
import type { Engine } from '../../../src';
import { createMachine, describe as describeExec, history, openEngine, removeDir, run, start, tempDir } from '../../support/engine';

const WAIT_TOKEN = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
let dir: string;
let engine: Engine;
let clock: ManualClock;
let tokens: string[];

beforeEach(async () => {
  dir = tempDir();
  // Time moves only through clock.advance().
  clock = new ManualClock(new Date('2026-03-01T00:00:00Z'));
  engine = await openEngine(dir, { clock });
  tokens = [];
  engine.registerLambda('park', async (event) => {
    tokens.push((event as { token: string }).token);
    return {};
  });
});

afterEach(async () => {
  await engine.close();
  removeDir(dir);
});

const parkTask = (extra: Record<string, unknown>) => ({
  Type: 'Task',
  Resource: WAIT_TOKEN,
  Parameters: { FunctionName: 'park', Payload: { 'token.$': '$$.Task.Token' } },
  ...extra,
});

test('a Wait state fires only when the clock reaches its due time', async () => {
  const out = await run(engine, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } }, { a: 1 });
  expect(out.status).toBe('RUNNING');
  await clock.advance(3599);
  expect((await describeExec(engine, out.arn)).status).toBe('RUNNING');
  await clock.advance(1);
  const done = await describeExec(engine, out.arn);
  expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"a":1}' });
  const events = await history(engine, out.arn);
  expect(events.map((e) => e.type)).toEqual(['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded']);
  expect((events[2]!.timestamp as number) - (events[1]!.timestamp as number)).toBe(3600);
});

test('advancing past several timers fires them in due order', async () => {
  const wait = (name: string, seconds: number) => ({ StartAt: name, States: { [name]: { Type: 'Wait', Seconds: seconds, End: true } } });
  const def = { StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [wait('Late', 200), wait('Early', 100)] } } };
  const out = await run(engine, def);
  await clock.advance(500);
  expect((await describeExec(engine, out.arn)).status).toBe('SUCCEEDED');
  const exits = (await history(engine, out.arn)).filter((e) => e.type === 'WaitStateExited');
  expect(exits.map((e) => (e.stateExitedEventDetails as { name: string }).name)).toEqual(['Early', 'Late']);
});

test('Retry waits IntervalSeconds × BackoffRate^n between attempts, then Catch applies', async () => {
  let calls = 0;
  engine.registerLambda('flaky', async () => {
    calls += 1;
    const err = new Error('not yet');
    err.name = 'Flaky';
    throw err;
  });
  const def = {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'flaky' },
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 10, BackoffRate: 3, MaxAttempts: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.err', Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Pass', End: true },
    },
  };
  const out = await run(engine, def, {});
  expect(calls).toBe(1);
  await clock.advance(9);
  expect(calls).toBe(1);
  await clock.advance(1);
  expect(calls).toBe(2);
  await clock.advance(29);
  expect(calls).toBe(2);
  await clock.advance(1);
  expect(calls).toBe(3);
  const done = await describeExec(engine, out.arn);
  expect(done.status).toBe('SUCCEEDED');
  const { err } = JSON.parse(done.output as string);
  expect(err.Error).toBe('Flaky');
  expect(JSON.parse(err.Cause)).toMatchObject({ errorType: 'Flaky', errorMessage: 'not yet' });
});

test('TimeoutSeconds on a callback task raises States.Timeout; the token then reports TaskTimedOut', async () => {
  const def = {
    StartAt: 'T',
    States: {
      T: parkTask({ TimeoutSeconds: 60, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Again' }], End: true }),
      Again: parkTask({ End: true }),
    },
  };
  const out = await run(engine, def);
  await clock.advance(60);
  const events = await history(engine, out.arn);
  expect(events.map((e) => e.type)).toContain('TaskTimedOut');
  expect(
    JSON.parse(
      (
        events.find((e) => e.type === 'TaskStateEntered' && (e.stateEnteredEventDetails as { name: string }).name === 'Again')
          ?.stateEnteredEventDetails as { input: string }
      ).input,
    ),
  ).toEqual({ Error: 'States.Timeout' });
  await expect(engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({ code: 'TaskTimedOut' });
  await engine.call('SendTaskSuccess', { taskToken: tokens[1]!, output: '{"late":true}' });
  await engine.idle();
  expect(await describeExec(engine, out.arn)).toMatchObject({ status: 'SUCCEEDED' });
});

test('HeartbeatSeconds fails a silent task with States.HeartbeatTimeout; heartbeats keep it alive', async () => {
  const def = { StartAt: 'T', States: { T: parkTask({ HeartbeatSeconds: 10, End: true }) } };
  const out = await run(engine, def);
  await clock.advance(8);
  await engine.call('SendTaskHeartbeat', { taskToken: tokens[0]! });
  await clock.advance(8);
  expect((await describeExec(engine, out.arn)).status).toBe('RUNNING');
  await expect(engine.call('SendTaskHeartbeat', { taskToken: tokens[0]! })).resolves.toEqual({});
  await clock.advance(10);
  expect(await describeExec(engine, out.arn)).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
});

test('TimeoutSecondsPath and JSONata TimeoutSeconds are read from the input', async () => {
  const jsonPath = { StartAt: 'T', States: { T: parkTask({ TimeoutSecondsPath: '$.limit', End: true }) } };
  const jsonata = {
    QueryLanguage: 'JSONata',
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: WAIT_TOKEN,
        Arguments: { FunctionName: 'park', Payload: { token: '{% $states.context.Task.Token %}' } },
        TimeoutSeconds: '{% $states.input.limit * 2 %}',
        End: true,
      },
    },
  };
  const a = await run(engine, jsonPath, { limit: 5 });
  const b = await run(engine, jsonata, { limit: 5 });
  await clock.advance(5);
  expect((await describeExec(engine, a.arn)).error).toBe('States.Timeout');
  expect((await describeExec(engine, b.arn)).status).toBe('RUNNING');
  await clock.advance(5);
  expect((await describeExec(engine, b.arn)).error).toBe('States.Timeout');
  const bad = await run(engine, jsonPath, { limit: 'soon' });
  expect((await describeExec(engine, bad.arn)).error).toBe('States.Runtime');
});

test('the top-level TimeoutSeconds times the execution out', async () => {
  const arn = await start(
    engine,
    await createMachine(engine, { TimeoutSeconds: 30, StartAt: 'T', States: { T: parkTask({ End: true }) } }),
  );
  await engine.idle();
  await clock.advance(30);
  const done = await describeExec(engine, arn);
  expect(done).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
  expect((await history(engine, arn)).at(-1)?.type).toBe('ExecutionTimedOut');
});

test('timers also fire when time passes by itself (a Node timer is armed for the next due time)', async () => {
  const realDir = tempDir();
  const real = await openEngine(realDir);
  try {
    const started = Date.now();
    const out = await run(real, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } });
    expect(out.status).toBe('RUNNING');
    while ((await describeExec(real, out.arn)).status === 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await describeExec(real, out.arn)).status).toBe('SUCCEEDED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  } finally {
    await real.close();
    removeDir(realDir);
  }
});
