import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  InvalidArn,
  InvalidExecutionInput,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineDoesNotExist,
} from '@aws-sdk/client-sfn';
import { createInProcessSfnHandler } from '../../../src/http/in-process';
import { DUMMY_CREDENTIALS, startEngineOverHttp, type EngineOverHttp } from '../../../support/http-harness';
import { createMachine, describeWhenIdle, tempDir } from '../../support/http';

const ADD = {
  StartAt: 'Add',
  States: {
    Add: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

/** What a call gave: the output without request metadata, or the error as the SDK deserialised it. */
async function outcome(send: () => Promise<object>): Promise<unknown> {
  try {
    const { $metadata: _metadata, ...output } = (await send()) as { $metadata: unknown };
    return { output };
  } catch (err) {
    const e = err as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } };
    return { error: e.name, message: e.message, fault: e.$fault, status: e.$metadata?.httpStatusCode, class: e.constructor.name };
  }
}

describe('the in-process request handler of @aws-sdk/client-sfn', () => {
  const tmp = tempDir('in-process');
  let env: EngineOverHttp;
  let inProcess: SFNClient;
  let addArn: string;
  const internalErrors: unknown[] = [];
  beforeAll(async () => {
    env = await startEngineOverHttp({ dataDir: tmp.dir });
    // The same endpoint as the HTTP client: the request is signed for it, but no socket opens.
    inProcess = new SFNClient({
      endpoint: env.server.url,
      region: 'us-east-1',
      credentials: DUMMY_CREDENTIALS,
      maxAttempts: 1,
      requestHandler: createInProcessSfnHandler(env.engine, { onInternalError: (err) => internalErrors.push(err) }),
    });
    addArn = await createMachine(env.sfn, 'add', ADD);
  });
  afterAll(async () => {
    inProcess.destroy();
    await env.close();
    tmp.remove();
  });

  it('runs an execution the HTTP server then describes identically', async () => {
    const { executionArn } = await inProcess.send(
      new StartExecutionCommand({ stateMachineArn: addArn, name: 'in-proc', input: '{"a":2,"b":3}' }),
    );
    expect(executionArn).toBe(`${addArn.replace(':stateMachine:', ':execution:')}:in-proc`);
    const overHttp = await describeWhenIdle(env, executionArn!);
    expect(overHttp.status).toBe('SUCCEEDED');
    expect(JSON.parse(overHttp.output!)).toEqual({ sum: 5 });
    const viaHandler = await outcome(() => inProcess.send(new DescribeExecutionCommand({ executionArn })));
    expect(viaHandler).toEqual(await outcome(() => env.sfn.send(new DescribeExecutionCommand({ executionArn }))));
  });

  it('gives the same modelled errors as the HTTP server, as the SDK error classes', async () => {
    const missing = `${addArn.replace(':stateMachine:', ':execution:')}:nope`;
    const cases: Array<[string, (c: SFNClient) => Promise<object>, new (...args: never[]) => Error]> = [
      ['unknown execution', (c) => c.send(new DescribeExecutionCommand({ executionArn: missing })), ExecutionDoesNotExist],
      ['bad ARN', (c) => c.send(new DescribeExecutionCommand({ executionArn: 'arn:nope' })), InvalidArn],
      [
        'unknown machine',
        (c) => c.send(new StartExecutionCommand({ stateMachineArn: `${addArn}-gone`, input: '{}' })),
        StateMachineDoesNotExist,
      ],
      ['input not JSON', (c) => c.send(new StartExecutionCommand({ stateMachineArn: addArn, input: '{' })), InvalidExecutionInput],
    ];
    for (const [label, call, ErrorClass] of cases) {
      const viaHandler = await outcome(() => call(inProcess));
      const overHttp = await outcome(() => call(env.sfn));
      expect({ label, ...(viaHandler as object) }).toEqual({ label, ...(overHttp as object) });
      await expect(call(inProcess)).rejects.toBeInstanceOf(ErrorClass);
    }
    expect(internalErrors).toEqual([]);
  });

  it('lists the same state machines', async () => {
    expect(await outcome(() => inProcess.send(new ListStateMachinesCommand({})))).toEqual(
      await outcome(() => env.sfn.send(new ListStateMachinesCommand({}))),
    );
  });

  it('answers an operation the engine does not serve as the HTTP server does (UnknownOperationException, 400)', async () => {
    const handler = createInProcessSfnHandler(env.engine);
    const { response } = await handler.handle({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.CreateActivity' },
      body: '{}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    expect(JSON.parse(Buffer.from(response.body).toString())).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message: 'Unknown operation "AWSStepFunctions.CreateActivity"',
    });
  });

  it('refuses a body over the limit with 413 before parsing it', async () => {
    const handler = createInProcessSfnHandler(env.engine, { bodyLimitBytes: 10 });
    const { response } = await handler.handle({
      method: 'POST',
      path: '/',
      headers: { 'x-amz-target': 'AWSStepFunctions.ListStateMachines' },
      body: '{"maxResults": 1000}',
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['x-amzn-errortype']).toBe('RequestEntityTooLargeException');
  });
});
