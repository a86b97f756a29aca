/** The API operations behind SfnApi.call: shapes, idempotency, paging and AWS errors. */
import type { Engine } from '../../../src';
import { ROLE, createMachine, history, openEngine, removeDir, start, tempDir } from '../../support/engine';

let dir: string;
let engine: Engine;
const PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const WAIT = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 3600, End: true } } };

beforeEach(async () => {
  dir = tempDir();
  engine = await openEngine(dir);
});

afterEach(async () => {
  await engine.close();
  removeDir(dir);
});

describe('state machines', () => {
  test('create is idempotent for the same definition and refuses another one', async () => {
    const definition = JSON.stringify(PASS);
    const first = await engine.call('CreateStateMachine', { name: 'svc', definition, roleArn: ROLE });
    expect(first.stateMachineArn).toBe('arn:aws:states:us-east-1:000000000000:stateMachine:svc');
    const again = await engine.call('CreateStateMachine', { name: 'svc', definition, roleArn: 'arn:aws:iam::000000000000:role/other' });
    expect(again).toEqual(first);
    await expect(engine.call('CreateStateMachine', { name: 'svc', definition: JSON.stringify(WAIT), roleArn: ROLE })).rejects.toMatchObject(
      { code: 'StateMachineAlreadyExists' },
    );
  });

  test('bad requests get AWS errors', async () => {
    const definition = JSON.stringify(PASS);
    await expect(engine.call('CreateStateMachine', { name: 'x', definition })).rejects.toMatchObject({
      code: 'ValidationException',
      message: expect.stringContaining("'roleArn'"),
    });
    await expect(engine.call('CreateStateMachine', { name: 'has space', definition, roleArn: ROLE })).rejects.toMatchObject({
      code: 'InvalidName',
    });
    await expect(engine.call('CreateStateMachine', { name: 'x', definition, roleArn: 'not-an-arn' })).rejects.toMatchObject({
      code: 'InvalidArn',
    });
    await expect(engine.call('CreateStateMachine', { name: 'x', definition, roleArn: ROLE, type: 'EXPRESS' })).rejects.toMatchObject({
      code: 'ValidationException',
    });
    await expect(
      engine.call('CreateStateMachine', {
        name: 'x',
        definition: '{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","End":true}}}',
        roleArn: ROLE,
      }),
    ).rejects.toMatchObject({
      code: 'InvalidDefinition',
      message: expect.stringContaining('at /States/A/Resource'),
    });
    await expect(
      engine.call('DescribeStateMachine', { stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:nope' }),
    ).rejects.toMatchObject({ code: 'StateMachineDoesNotExist' });
    await expect(engine.call('DescribeStateMachine', { stateMachineArn: 'garbage' })).rejects.toMatchObject({ code: 'InvalidArn' });
  });

  test('describe, update, list and delete', async () => {
    const arn = await createMachine(engine, PASS, 'a-machine');
    await createMachine(engine, PASS, 'b-machine');
    const before = await engine.call('DescribeStateMachine', { stateMachineArn: arn });
    expect(before).toMatchObject({
      name: 'a-machine',
      status: 'ACTIVE',
      type: 'STANDARD',
      roleArn: ROLE,
      definition: JSON.stringify(PASS),
    });
    const updated = await engine.call('UpdateStateMachine', { stateMachineArn: arn, definition: JSON.stringify(WAIT) });
    expect(updated.revisionId).not.toBe(before.revisionId);
    expect((await engine.call('DescribeStateMachine', { stateMachineArn: arn })).definition).toBe(JSON.stringify(WAIT));
    const page1 = await engine.call('ListStateMachines', { maxResults: 1 });
    expect((page1.stateMachines as { name: string }[]).map((m) => m.name)).toEqual(['a-machine']);
    const page2 = await engine.call('ListStateMachines', { maxResults: 1, nextToken: page1.nextToken! });
    expect((page2.stateMachines as { name: string }[]).map((m) => m.name)).toEqual(['b-machine']);
    expect(page2.nextToken).toBeUndefined();
    await engine.call('DeleteStateMachine', { stateMachineArn: arn });
    await expect(engine.call('DescribeStateMachine', { stateMachineArn: arn })).rejects.toMatchObject({ code: 'StateMachineDoesNotExist' });
  });

  test('ValidateStateMachineDefinition reports OK or the diagnostics', async () => {
    expect(await engine.call('ValidateStateMachineDefinition', { definition: JSON.stringify(PASS) })).toEqual({
      result: 'OK',
      diagnostics: [],
      truncated: false,
    });
    const bad = await engine.call('ValidateStateMachineDefinition', {
      definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}',
    });
    expect(bad).toEqual({
      result: 'FAIL',
      truncated: false,
      diagnostics: [
        { severity: 'ERROR', code: 'MISSING_TRANSITION_TARGET', message: "Missing 'Next' target: B", location: '/States/A/Next' },
      ],
    });
  });
});

describe('executions', () => {
  test('StartExecution is idempotent for the same name and input while running', async () => {
    const sm = await createMachine(engine, WAIT);
    const a = await engine.call('StartExecution', { stateMachineArn: sm, name: 'app-1', input: '{"x":1}' });
    const b = await engine.call('StartExecution', { stateMachineArn: sm, name: 'app-1', input: '{"x":1}' });
    expect(b).toEqual(a);
    await expect(engine.call('StartExecution', { stateMachineArn: sm, name: 'app-1', input: '{"x":2}' })).rejects.toMatchObject({
      code: 'ExecutionAlreadyExists',
    });
    await expect(engine.call('StartExecution', { stateMachineArn: sm, input: '{nope' })).rejects.toMatchObject({
      code: 'InvalidExecutionInput',
    });
    await expect(engine.call('StartExecution', { stateMachineArn: `${sm}x`, input: '{}' })).rejects.toMatchObject({
      code: 'StateMachineDoesNotExist',
    });
    await expect(engine.call('DescribeExecution', { executionArn: `${a.executionArn}-nope` })).rejects.toMatchObject({
      code: 'ExecutionDoesNotExist',
    });
    await expect(
      engine.call('DescribeExecution', { executionArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:x' }),
    ).rejects.toMatchObject({ code: 'InvalidArn' });
  });

  test('StopExecution aborts with error and cause; ListExecutions filters and pages', async () => {
    const sm = await createMachine(engine, WAIT);
    const arns = [];
    for (let i = 0; i < 3; i += 1) arns.push(await start(engine, sm, {}, `e${i}`));
    await engine.idle();
    const stopped = await engine.call('StopExecution', { executionArn: arns[0]!, error: 'Withdrawn', cause: 'by applicant' });
    expect(typeof stopped.stopDate).toBe('number');
    expect(await engine.call('DescribeExecution', { executionArn: arns[0]! })).toMatchObject({
      status: 'ABORTED',
      error: 'Withdrawn',
      cause: 'by applicant',
    });
    expect((await history(engine, arns[0]!)).at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Withdrawn', cause: 'by applicant' },
    });
    const running = await engine.call('ListExecutions', { stateMachineArn: sm, statusFilter: 'RUNNING' });
    expect((running.executions as { name: string }[]).map((e) => e.name).sort()).toEqual(['e1', 'e2']);
    const page1 = await engine.call('ListExecutions', { stateMachineArn: sm, maxResults: 2 });
    const page2 = await engine.call('ListExecutions', { stateMachineArn: sm, maxResults: 2, nextToken: page1.nextToken! });
    const names = [...(page1.executions as { name: string }[]), ...(page2.executions as { name: string }[])].map((e) => e.name);
    expect(names.sort()).toEqual(['e0', 'e1', 'e2']);
    await expect(engine.call('ListExecutions', { stateMachineArn: sm, statusFilter: 'DONE' })).rejects.toMatchObject({
      code: 'ValidationException',
    });
  });

  test('GetExecutionHistory numbers events from 1, links them like AWS and pages both ways', async () => {
    const sm = await createMachine(engine, { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } });
    const arn = await start(engine, sm, { v: 1 });
    await engine.idle();
    const all = await history(engine, arn);
    expect(all.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 0, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'PassStateEntered'],
      [5, 4, 'PassStateExited'],
      [6, 5, 'ExecutionSucceeded'],
    ]);
    expect(all[0]).toMatchObject({ executionStartedEventDetails: { input: '{"v":1}', roleArn: ROLE } });
    const back1 = await engine.call('GetExecutionHistory', { executionArn: arn, reverseOrder: true, maxResults: 4 });
    const back2 = await engine.call('GetExecutionHistory', {
      executionArn: arn,
      reverseOrder: true,
      maxResults: 4,
      nextToken: back1.nextToken!,
    });
    expect([...(back1.events as { id: number }[]), ...(back2.events as { id: number }[])].map((e) => e.id)).toEqual([6, 5, 4, 3, 2, 1]);
    const noData = await engine.call('GetExecutionHistory', { executionArn: arn, includeExecutionData: false, maxResults: 1 });
    expect((noData.events as Record<string, unknown>[])[0]!.executionStartedEventDetails).toEqual({
      inputDetails: { truncated: false },
      roleArn: ROLE,
    });
  });
});

test('unknown operations and non-object inputs are refused', async () => {
  await expect(engine.call('StartSyncExecution' as never, {})).rejects.toMatchObject({ code: 'UnknownOperationException' });
  await expect(engine.call('ListStateMachines', [] as never)).rejects.toMatchObject({ code: 'SerializationException' });
});
