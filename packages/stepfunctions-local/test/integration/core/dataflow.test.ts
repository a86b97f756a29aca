/** Data flow through Task states in both query languages, Lambda results and errors. */
import type { Engine } from '../../../src';
import { describe as describeExec, history, openEngine, removeDir, run, tempDir } from '../../support/engine';

let dir: string;
let engine: Engine;
const seen: unknown[] = [];

beforeAll(async () => {
  dir = tempDir();
  engine = await openEngine(dir);
  engine.registerLambda('echo', async (event) => {
    seen.push(event);
    return { got: event };
  });
  engine.registerLambda('big', async () => 'x'.repeat(300_000));
  engine.registerLambda('boom', async () => {
    throw new RangeError('out of range');
  });
});

afterAll(async () => {
  await engine.close();
  removeDir(dir);
});

const output = async (definition: unknown, input: unknown) => {
  const out = await run(engine, definition, input);
  if (out.status !== 'SUCCEEDED') throw new Error(`${out.status}: ${out.error} ${out.cause}`);
  return JSON.parse(out.output as string);
};

test('JSONPath: InputPath → Parameters → ResultSelector → ResultPath → OutputPath, and Assign', async () => {
  const def = {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        InputPath: '$.order',
        Parameters: { FunctionName: 'echo', Payload: { 'id.$': '$.id', 'who.$': '$$.Execution.Name' } },
        ResultSelector: { 'echoed.$': '$.Payload.got.id', 'status.$': '$.StatusCode' },
        ResultPath: '$.result',
        OutputPath: '$.result',
        Assign: { 'lastId.$': '$.echoed' },
        Next: 'Use',
      },
      Use: { Type: 'Pass', Parameters: { 'fromVar.$': '$lastId', 'all.$': '$' }, End: true },
    },
  };
  expect(await output(def, { order: { id: 7 }, other: true })).toEqual({ fromVar: 7, all: { echoed: 7, status: 200 } });
  expect(seen.at(-1)).toMatchObject({ id: 7 });
});

test('lambda:invoke returns the AWS response document', async () => {
  const def = {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:echo', Payload: { a: 1 } },
        End: true,
      },
    },
  };
  const result = await output(def, {});
  expect(result).toMatchObject({
    ExecutedVersion: '$LATEST',
    Payload: { got: { a: 1 } },
    StatusCode: 200,
    SdkHttpMetadata: { HttpStatusCode: 200 },
  });
  expect(result.SdkResponseMetadata.RequestId).toEqual(result.SdkHttpMetadata.HttpHeaders['x-amzn-RequestId']);
});

test('JSONata: Arguments, Output and Assign see $states.input/result and earlier variables', async () => {
  const def = {
    QueryLanguage: 'JSONata',
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Assign: { base: 10 }, Next: 'T' },
      T: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:000000000000:function:echo',
        Arguments: { n: '{% $states.input.n + $base %}' },
        Output: { sum: '{% $states.result.got.n %}', input: '{% $states.input %}' },
        Assign: { base: '{% $base * 2 %}' },
        Next: 'Show',
      },
      Show: { Type: 'Pass', Output: '{% $merge([$states.input, {"base": $base}]) %}', End: true },
    },
  };
  expect(await output(def, { n: 1 })).toEqual({ sum: 11, input: { n: 1 }, base: 20 });
});

test('a throwing handler fails the task with its error type and a Lambda error document', async () => {
  const def = { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:boom', End: true } } };
  const out = await run(engine, def, {});
  expect(out).toMatchObject({ status: 'FAILED', error: 'RangeError' });
  expect(JSON.parse(out.cause as string)).toMatchObject({ errorType: 'RangeError', errorMessage: 'out of range' });
  const types = (await history(engine, out.arn)).map((e) => e.type);
  expect(types).toEqual([
    'ExecutionStarted',
    'TaskStateEntered',
    'LambdaFunctionScheduled',
    'LambdaFunctionStarted',
    'LambdaFunctionFailed',
    'ExecutionFailed',
  ]);
});

test('an unregistered function fails with Lambda.ResourceNotFoundException', async () => {
  const def = {
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'ghost' }, End: true } },
  };
  expect(await run(engine, def, {})).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
});

test('Choice, Succeed and Fail in JSONPath, with causes prefixed by the entered event id', async () => {
  const def = {
    StartAt: 'C',
    States: {
      C: { Type: 'Choice', Choices: [{ Variable: '$.kind', StringEquals: 'ok', Next: 'Ok' }], Default: 'Bad' },
      Ok: { Type: 'Succeed', OutputPath: '$.kind' },
      Bad: { Type: 'Fail', ErrorPath: '$.kind', Cause: 'not ok' },
    },
  };
  expect(await output(def, { kind: 'ok' })).toBe('ok');
  expect(await run(engine, def, { kind: 'nope' })).toMatchObject({ status: 'FAILED', error: 'nope', cause: 'not ok' });
  const broken = { StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$.missing', End: true } } };
  expect(await run(engine, broken, {})).toMatchObject({
    status: 'FAILED',
    error: 'States.Runtime',
    cause:
      "An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']",
  });
});

test('a Choice without a match and without Default fails with States.NoChoiceMatched', async () => {
  const def = {
    StartAt: 'C',
    States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsPresent: true, Next: 'E' }] }, E: { Type: 'Succeed' } },
  };
  expect(await run(engine, def, {})).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
});

test('describe shows the execution input; history records assigned variables', async () => {
  const def = { StartAt: 'P', States: { P: { Type: 'Pass', Assign: { x: 1 }, End: true } } };
  const out = await run(engine, def, { in: true });
  expect((await describeExec(engine, out.arn)).input).toBe('{"in":true}');
  const exited = (await history(engine, out.arn)).find((e) => e.type === 'PassStateExited');
  expect(exited?.stateExitedEventDetails).toMatchObject({ name: 'P', assignedVariables: { x: '1' } });
});

test('an output over 256 KiB fails the execution with States.DataLimitExceeded, even with a Catch', async () => {
  const def = {
    StartAt: 'Big',
    States: {
      Big: {
        Type: 'Task',
        Resource: 'arn:aws:lambda:us-east-1:000000000000:function:big',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        End: true,
      },
      Caught: { Type: 'Succeed' },
    },
  };
  const out = await run(engine, def, {});
  expect(out).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  await expect(
    engine.call('StartExecution', {
      stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x',
      input: JSON.stringify({ id: 'x'.repeat(300_000) }),
    }),
  ).rejects.toMatchObject({
    code: 'ValidationException',
    message:
      "1 validation error detected: Value (not shown) at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144",
  });
});
