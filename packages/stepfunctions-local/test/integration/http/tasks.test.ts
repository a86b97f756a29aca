import {
  InvalidToken,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { ManualClock } from '../../support/manual-clock';
import { startEngineOverHttp, type EngineOverHttp } from '../../../support/http-harness';
import { awaitTokenDefinition, createMachine, fullHistory, tempDir, tokenInbox, describeWhenIdle } from '../../support/http';

describe('task token operations over HTTP (@aws-sdk/client-sfn)', () => {
  const tmp = tempDir('tasks');
  const inbox = tokenInbox();
  const clock = new ManualClock(new Date('2026-09-01T01:00:00Z'));
  let env: EngineOverHttp;
  let plainArn: string;
  let timeoutArn: string;
  let heartbeatArn: string;

  const start = async (stateMachineArn: string, name: string): Promise<{ arn: string; token: string }> => {
    const { executionArn = '' } = await env.sfn.send(new StartExecutionCommand({ stateMachineArn, name }));
    return { arn: executionArn, token: await inbox.next(name) };
  };
  const timedOutEvents = async (arn: string) =>
    (await fullHistory(env.sfn, arn)).filter((e) => e.type === 'TaskTimedOut').map((e) => e.taskTimedOutEventDetails?.error);

  beforeAll(async () => {
    env = await startEngineOverHttp({ dataDir: tmp.dir, clock, lambdas: { 'await-token': inbox.handler } });
    plainArn = await createMachine(env.sfn, 'plain', awaitTokenDefinition());
    timeoutArn = await createMachine(env.sfn, 'timeout', awaitTokenDefinition({ timeoutSeconds: 60, catchTimeout: true }));
    heartbeatArn = await createMachine(env.sfn, 'heartbeat', awaitTokenDefinition({ heartbeatSeconds: 30, catchTimeout: true }));
  });
  afterAll(async () => {
    await env.close();
    tmp.remove();
  });

  it('SendTaskSuccess completes the task with its output; the token is then spent', async () => {
    const { arn, token } = await start(plainArn, 'ok');
    await env.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"decision":"approve"}' }));
    const done = await describeWhenIdle(env, arn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output ?? '')).toStrictEqual({ decision: 'approve' });
    await expect(env.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskDoesNotExist);
  });

  it('SendTaskFailure fails the execution with the given error and cause', async () => {
    const { arn, token } = await start(plainArn, 'fail');
    await env.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'OneThing.Rejected', cause: 'missing stamp' }));
    expect(await describeWhenIdle(env, arn)).toMatchObject({
      status: 'FAILED',
      error: 'OneThing.Rejected',
      cause: 'missing stamp',
    });
  });

  it('SendTaskHeartbeat keeps a task with HeartbeatSeconds alive; a missed one times it out', async () => {
    const { arn, token } = await start(heartbeatArn, 'beat');
    await clock.advance(20);
    await env.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await clock.advance(20); // 40 s since the start, 20 s since the heartbeat
    expect(await timedOutEvents(arn)).toEqual([]);
    await clock.advance(15); // 35 s without a heartbeat
    const again = await inbox.next('beat-again');
    expect(await timedOutEvents(arn)).toEqual(['States.HeartbeatTimeout']);
    await expect(env.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }))).rejects.toBeInstanceOf(TaskTimedOut);
    await env.sfn.send(new SendTaskSuccessCommand({ taskToken: again, output: '{}' }));
    expect((await describeWhenIdle(env, arn)).status).toBe('SUCCEEDED');
  });

  it('answers TaskTimedOut for the token of a task past its TimeoutSeconds', async () => {
    const { arn, token } = await start(timeoutArn, 'late');
    await clock.advance(61);
    const again = await inbox.next('late-again');
    expect(await timedOutEvents(arn)).toEqual(['States.Timeout']);
    await expect(env.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);
    await expect(env.sfn.send(new SendTaskFailureCommand({ taskToken: token, error: 'Late' }))).rejects.toBeInstanceOf(TaskTimedOut);
    await env.sfn.send(new SendTaskSuccessCommand({ taskToken: again, output: '{"second":true}' }));
    const done = await describeWhenIdle(env, arn);
    expect(JSON.parse(done.output ?? '')).toStrictEqual({ second: true });
  });

  it('answers InvalidToken for a token the engine never issued', async () => {
    for (const taskToken of ['not-a-token', 'x'.repeat(200)]) {
      await expect(env.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }))).rejects.toBeInstanceOf(InvalidToken);
      await expect(env.sfn.send(new SendTaskHeartbeatCommand({ taskToken }))).rejects.toBeInstanceOf(InvalidToken);
    }
  });
});
