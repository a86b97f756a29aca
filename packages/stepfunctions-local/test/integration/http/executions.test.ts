import {
  DescribeExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  ListExecutionsCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  ValidationException,
} from '@aws-sdk/client-sfn';
import { startEngineOverHttp, type EngineOverHttp } from '../../../support/http-harness';
import { awaitTokenDefinition, createMachine, fullHistory, tempDir, tokenInbox, describeWhenIdle } from '../../support/http';

const ADD = {
  StartAt: 'Add',
  States: {
    Add: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

describe('execution operations over HTTP (@aws-sdk/client-sfn)', () => {
  const tmp = tempDir('exec');
  const inbox = tokenInbox();
  let env: EngineOverHttp;
  let addArn: string;
  let awaitArn: string;
  beforeAll(async () => {
    env = await startEngineOverHttp({ dataDir: tmp.dir, lambdas: { 'await-token': inbox.handler } });
    addArn = await createMachine(env.sfn, 'add', ADD);
    awaitArn = await createMachine(env.sfn, 'await', awaitTokenDefinition());
  });
  afterAll(async () => {
    await env.close();
    tmp.remove();
  });

  it('runs an execution and describes its input, output and dates', async () => {
    const started = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: addArn, name: 'one', input: '{"a":2,"b":3}' }));
    expect(started.executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:add:one');
    const done = await describeWhenIdle(env, started.executionArn ?? '');
    expect(done).toMatchObject({ status: 'SUCCEEDED', name: 'one', stateMachineArn: addArn });
    expect(JSON.parse(done.input ?? '')).toStrictEqual({ a: 2, b: 3 });
    expect(JSON.parse(done.output ?? '')).toStrictEqual({ sum: 5 });
    expect(done.stopDate?.getTime()).toBeGreaterThanOrEqual(done.startDate?.getTime() ?? Infinity);
  });

  it('is idempotent by name and input while running; ExecutionAlreadyExists otherwise', async () => {
    const input = '{"a":1,"b":1}';
    const first = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: awaitArn, name: 'idem', input }));
    const again = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: awaitArn, name: 'idem', input }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(
      env.sfn.send(new StartExecutionCommand({ stateMachineArn: awaitArn, name: 'idem', input: '{"a":9,"b":9}' })),
    ).rejects.toBeInstanceOf(ExecutionAlreadyExists);
    // Once the execution is closed, even the same input is refused (as on AWS).
    await env.sfn.send(new SendTaskSuccessCommand({ taskToken: await inbox.next('idem'), output: '{}' }));
    await describeWhenIdle(env, first.executionArn ?? '');
    await expect(env.sfn.send(new StartExecutionCommand({ stateMachineArn: awaitArn, name: 'idem', input }))).rejects.toBeInstanceOf(
      ExecutionAlreadyExists,
    );
  });

  it('lists executions by status, page by page', async () => {
    const listArn = await createMachine(env.sfn, 'listing', awaitTokenDefinition());
    for (const name of ['w1', 'w2', 'w3']) {
      await env.sfn.send(new StartExecutionCommand({ stateMachineArn: listArn, name }));
    }
    await env.sfn.send(new SendTaskSuccessCommand({ taskToken: await inbox.next('w3'), output: '{}' }));
    await describeWhenIdle(env, 'arn:aws:states:us-east-1:000000000000:execution:listing:w3');
    const running: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await env.sfn.send(
        new ListExecutionsCommand({ stateMachineArn: listArn, statusFilter: 'RUNNING', maxResults: 1, nextToken }),
      );
      expect(page.executions?.length).toBeLessThanOrEqual(1);
      running.push(...(page.executions ?? []).map((e) => e.name ?? ''));
      nextToken = page.nextToken;
    } while (nextToken !== undefined);
    expect(running.sort()).toEqual(['w1', 'w2']);
    const succeeded = await env.sfn.send(new ListExecutionsCommand({ stateMachineArn: listArn, statusFilter: 'SUCCEEDED' }));
    expect(succeeded.executions?.map((e) => [e.name, e.status])).toEqual([['w3', 'SUCCEEDED']]);
  });

  it('stops a running execution with its error and cause', async () => {
    const { executionArn } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn: awaitArn, name: 'stop-me' }));
    await inbox.next('stop-me');
    const stopped = await env.sfn.send(new StopExecutionCommand({ executionArn, error: 'Withdrawn', cause: 'by applicant' }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const d = await env.sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(d).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'by applicant' });
    const history = await fullHistory(env.sfn, executionArn ?? '');
    expect(history.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Withdrawn', cause: 'by applicant' },
    });
  });

  it('pages the history forwards and in reverse', async () => {
    const { executionArn = '' } = await env.sfn.send(
      new StartExecutionCommand({ stateMachineArn: addArn, name: 'history', input: '{"a":1,"b":2}' }),
    );
    await describeWhenIdle(env, executionArn);
    const all = await fullHistory(env.sfn, executionArn);
    expect(all.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
    expect(all.map((e) => e.id)).toEqual([1, 2, 3, 4, 5, 6]);
    // As AWS records it: the first state's event links to 0, not to ExecutionStarted.
    expect(all.map((e) => e.previousEventId)).toEqual([0, 0, 2, 3, 4, 5]);
    expect(await fullHistory(env.sfn, executionArn, 4)).toStrictEqual(all);

    const first = await env.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4, reverseOrder: true }));
    expect(first.events?.map((e) => e.id)).toEqual([6, 5, 4, 3]);
    const rest = await env.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 4, reverseOrder: true, nextToken: first.nextToken }),
    );
    expect(rest.events?.map((e) => e.id)).toEqual([2, 1]);
    expect(rest.nextToken).toBeUndefined();
  });

  it('answers with the AWS error names', async () => {
    const missing = 'arn:aws:states:us-east-1:000000000000:execution:add:never-started';
    await expect(env.sfn.send(new DescribeExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(env.sfn.send(new GetExecutionHistoryCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(env.sfn.send(new StopExecutionCommand({ executionArn: missing }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    await expect(env.sfn.send(new DescribeExecutionCommand({ executionArn: 'execution:add:x' }))).rejects.toBeInstanceOf(InvalidArn);
    await expect(env.sfn.send(new ListExecutionsCommand({ stateMachineArn: addArn, maxResults: 1001 }))).rejects.toBeInstanceOf(
      ValidationException,
    );
  });
});
