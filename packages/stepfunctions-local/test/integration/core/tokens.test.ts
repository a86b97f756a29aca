/** Task tokens: unguessable, single use, AWS errors for bad, used and unknown tokens. */
import type { Engine } from '../../../src';
import { createMachine, describe as describeExec, history, openEngine, removeDir, run, start, tempDir } from '../../support/engine';

let dir: string;
let engine: Engine;
let tokens: string[];

const def = {
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:park',
        Payload: { 'token.$': '$$.Task.Token', 'n.$': '$.n' },
      },
      Catch: [{ ErrorEquals: ['Rejected'], ResultPath: '$.why', Next: 'No' }],
      ResultPath: '$.answer',
      End: true,
    },
    No: { Type: 'Pass', End: true },
  },
};

beforeEach(async () => {
  dir = tempDir();
  engine = await openEngine(dir);
  tokens = [];
  engine.registerLambda('park', async (event) => {
    tokens.push((event as { token: string }).token);
    return { parked: true };
  });
});

afterEach(async () => {
  await engine.close();
  removeDir(dir);
});

test('SendTaskSuccess resumes the task once; the token cannot be used again', async () => {
  const out = await run(engine, def, { n: 1 });
  expect(tokens).toHaveLength(1);
  expect(tokens[0]).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
  expect((await describeExec(engine, out.arn)).status).toBe('RUNNING');
  await engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{"ok":true}' });
  await engine.idle();
  expect(JSON.parse((await describeExec(engine, out.arn)).output as string)).toEqual({ n: 1, answer: { ok: true } });
  await expect(engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{}' })).rejects.toMatchObject({ code: 'TaskDoesNotExist' });
  const types = (await history(engine, out.arn)).map((e) => e.type);
  expect(types).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'TaskScheduled',
    'TaskStarted',
    'TaskSubmitted',
    'TaskSucceeded',
    'TaskStateExited',
    'ExecutionSucceeded',
  ]);
});

test('a second completion racing the first is refused', async () => {
  await run(engine, def, { n: 2 });
  const first = engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{}' });
  const second = engine.call('SendTaskFailure', { taskToken: tokens[0]!, error: 'Rejected' });
  await expect(first).resolves.toEqual({});
  await expect(second).rejects.toMatchObject({ code: 'TaskDoesNotExist' });
});

test('SendTaskFailure fails the task with the given error and cause (caught here)', async () => {
  const out = await run(engine, def, { n: 3 });
  await engine.call('SendTaskFailure', { taskToken: tokens[0]!, error: 'Rejected', cause: 'missing papers' });
  await engine.idle();
  expect(JSON.parse((await describeExec(engine, out.arn)).output as string)).toEqual({
    n: 3,
    why: { Error: 'Rejected', Cause: 'missing papers' },
  });
});

test('bad requests get AWS errors', async () => {
  await run(engine, def, { n: 4 });
  await expect(engine.call('SendTaskSuccess', { taskToken: 'nope', output: '{}' })).rejects.toMatchObject({ code: 'InvalidToken' });
  await expect(engine.call('SendTaskSuccess', { taskToken: 'A'.repeat(43), output: '{}' })).rejects.toMatchObject({
    code: 'TaskDoesNotExist',
  });
  await expect(engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '{not json' })).rejects.toMatchObject({
    code: 'InvalidOutput',
  });
  await expect(engine.call('SendTaskSuccess', { output: '{}' })).rejects.toMatchObject({
    code: 'ValidationException',
    message: "1 validation error detected: Value null at 'taskToken' failed to satisfy constraint: Member must not be null",
  });
  await expect(engine.call('SendTaskFailure', { taskToken: tokens[0]!, error: 'x'.repeat(257) })).rejects.toMatchObject({
    code: 'ValidationException',
  });
});

test('a token delivered while its Lambda is still running completes the task', async () => {
  let release: () => void = () => undefined;
  let tokenHandedOut: () => void = () => undefined;
  const handedOut = new Promise<void>((resolve) => (tokenHandedOut = resolve));
  engine.registerLambda('park', async (event) => {
    tokens.push((event as { token: string }).token);
    tokenHandedOut();
    await new Promise<void>((resolve) => (release = resolve));
    return {};
  });
  const pending = run(engine, def, { n: 5 });
  await handedOut;
  await engine.call('SendTaskSuccess', { taskToken: tokens[0]!, output: '"early"' });
  release();
  const out = await pending;
  expect(out.status).toBe('SUCCEEDED');
  expect((await history(engine, out.arn)).map((e) => e.type)).not.toContain('TaskSubmitted');
});

test('executions waiting for a token are not kept in memory', async () => {
  const sm = await createMachine(engine, def);
  for (let i = 0; i < 50; i += 1) await start(engine, sm, { n: i });
  await engine.idle();
  expect(tokens).toHaveLength(50);
  expect(engine.stats()).toEqual({ executionsInMemory: 0, queuedFrames: 0, callsInFlight: 0 });
  await engine.call('SendTaskSuccess', { taskToken: tokens[7]!, output: '{}' });
  await engine.idle();
  expect(engine.stats().executionsInMemory).toBe(0);
});
