import { S3Client } from '@aws-sdk/client-s3';
import { ExecutionDoesNotExist, SendTaskSuccessCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../../../../shared/aws/document-store';
import { mockClient } from 'aws-sdk-client-mock';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createApplicationService } from '../../../../shared/applications';
import { ConflictError, NotFoundError, ValidationError } from '../../../../shared/errors';
import type { TaskRecord } from '../../../../shared/applications/records';
import {
  APP_ID,
  START,
  appRecord,
  ccf,
  citizen,
  fakeAuditTable,
  fixedClock,
  loggedEvent,
  taskRecord,
  testDeps,
  throttled,
  answerAtHttpEdge,
  DEPENDENCY_UNAVAILABLE,
} from './helpers';

const ddbMock = mockDocumentStore();
const sfnMock = mockClient(SFNClient);
const s3Mock = mockClient(S3Client);
afterEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  s3Mock.reset();
});
beforeEach(() => {
  ddbMock.on(QueryCommand, { TableName: 'audit' }).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  sfnMock.on(SendTaskSuccessCommand).resolves({});
  sfnMock.on(StopExecutionCommand).resolves({});
});

const puts = (table: string) =>
  ddbMock
    .commandCalls(PutCommand)
    .filter((c) => c.args[0].input.TableName === table)
    .map((c) => c.args[0].input.Item as Record<string, any>);
const withTasks = (app = appRecord(), tasks = [taskRecord('education')]) =>
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [app, ...tasks] });

describe('supplement', () => {
  // Requested Thu 10-08 (CST), answered Sat 10-10 (a make-up working day): three working days suspended.
  const requestedAt = '2026-10-08T02:00:00.000Z';
  const waiting = taskRecord('education', {
    status: 'supplement-required',
    decision: 'request-supplement',
    tokenKind: 'supplement',
    token: 'sup-token',
    dueAt: '2026-10-20T16:00:00.000Z',
    warnAt: '2026-10-16T16:00:00.000Z',
    supplementRequests: [{ requestedAt, missing: [{ field: 'guardian.phone', reason: '无法接通' }] }],
  });
  const service = createApplicationService(testDeps(fixedClock(new Date('2026-10-10T02:00:00.000Z'))));
  /** The request's own events, logged when the officer asked. */
  const requestLogged = [
    loggedEvent(1, 'decided:education:0', 'decided'),
    loggedEvent(2, 'supplement-requested:education:0', 'supplement-requested'),
  ];

  test('moves the due date by the suspended working days, logs why, and sends the new dates through the token', async () => {
    withTasks(appRecord(), [waiting]);
    fakeAuditTable(ddbMock, requestLogged);
    ddbMock.on(UpdateCommand, { Key: { sk: 'APP' } }).resolves({});
    ddbMock.on(UpdateCommand, { Key: { sk: 'TASK#education' } }).callsFake((input) => ({
      Attributes: {
        ...waiting,
        status: 'open',
        dueAt: input.ExpressionAttributeValues[':due'],
        warnAt: input.ExpressionAttributeValues[':warn'],
        supplementRequests: [input.ExpressionAttributeValues[':answered']],
      },
    }));
    await service.supplement(citizen, APP_ID, {
      department: 'education',
      form: { guardian: { phone: '13900139000' } },
      note: '已更新电话',
    });

    const [amend, reopen] = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(amend!.ExpressionAttributeValues?.[':f']).toMatchObject({ guardian: { phone: '13900139000', name: '张伟' } });
    expect(reopen!.ConditionExpression).toBe('#s = :waiting');
    // Marked undelivered in the same write that records the answer.
    expect(reopen!.ExpressionAttributeValues).toMatchObject({
      ':p4': 'PENDING#delivery',
      ':s4': `2026-10-10T02:00:00.000Z#${waiting.taskId}#a0`,
    });
    expect(reopen!.ExpressionAttributeValues).toMatchObject({
      ':due': '2026-10-23T16:00:00.000Z',
      ':warn': '2026-10-21T16:00:00.000Z',
      ':answered': {
        requestedAt,
        providedAt: '2026-10-10T02:00:00.000Z',
        note: '已更新电话',
        fields: ['guardian'],
        materials: [],
        dueBefore: '2026-10-20T16:00:00.000Z',
      },
    });
    expect(puts('audit').map((e) => [e.type, e.detail])).toEqual([
      ['supplement-provided', { materials: [], fields: ['guardian'], withNote: true }],
      [
        'due-moved',
        {
          from: '2026-10-20T16:00:00.000Z',
          to: '2026-10-23T16:00:00.000Z',
          reason: 'supplement-suspension',
          suspendedFrom: requestedAt,
          suspendedTo: '2026-10-10T02:00:00.000Z',
        },
      ],
    ]);
    const sent = sfnMock.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input;
    expect(sent.taskToken).toBe('sup-token');
    expect(JSON.parse(sent.output ?? '')).toEqual({
      dueAt: '2026-10-23T16:00:00.000Z',
      warnAt: '2026-10-21T16:00:00.000Z',
      nextCheckpointAt: '2026-10-21T16:00:00.000Z',
    });
  });

  test('a supplemented form is validated whole, errors under form.', async () => {
    withTasks(appRecord(), [waiting]);
    const error = await service
      .supplement(citizen, APP_ID, { department: 'education', form: { guardian: { phone: '123' } } })
      .catch((e: ValidationError) => e);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['form.guardian.phone']);
  });

  test('409 when the branch is not waiting for a supplement (or lost the race), 422 for an unknown department', async () => {
    withTasks(appRecord(), [taskRecord('education')]);
    await expect(service.supplement(citizen, APP_ID, { department: 'education', note: 'x' })).rejects.toBeInstanceOf(ConflictError);
    withTasks(appRecord(), [waiting]);
    ddbMock.on(UpdateCommand).rejects(ccf());
    // The write lost to another answer (recorded meanwhile): not this one, so 409.
    ddbMock.on(GetCommand).resolves({
      Item: {
        ...waiting,
        status: 'open',
        supplementRequests: [{ ...waiting.supplementRequests[0], providedAt: START.toISOString(), requestHash: 'other' }],
      },
    });
    await expect(service.supplement(citizen, APP_ID, { department: 'education', note: 'x' })).rejects.toBeInstanceOf(ConflictError);
    await expect(service.supplement(citizen, APP_ID, { department: 'tax', note: 'x' })).rejects.toBeInstanceOf(ValidationError);
  });

  // Officers (403) stop at the edge: test/unit/functions/api/applications.test.ts.
  test('only the applicant: another citizen gets 404', async () => {
    withTasks(appRecord(), [waiting]);
    await expect(service.supplement({ sub: 'other', role: 'citizen' }, APP_ID, { department: 'education' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  /**
   * The task item as DynamoDB would keep it through the answer's writes: the conditional
   * answer (only while waiting), and the mark's removal (only while the mark, and the token
   * when given, are still the ones the caller saw).
   */
  function storedTask(initial: TaskRecord) {
    let task: TaskRecord = initial;
    ddbMock.on(QueryCommand, { TableName: 'main' }).callsFake(() => ({ Items: [appRecord(), task] }));
    ddbMock.on(GetCommand, { Key: { sk: 'TASK#education' } }).callsFake(() => ({ Item: task }));
    ddbMock.on(UpdateCommand, { Key: { sk: 'TASK#education' } }).callsFake((input) => {
      const v = input.ExpressionAttributeValues;
      if (String(input.UpdateExpression).startsWith('REMOVE gsi4pk')) {
        if (task.gsi4sk !== v[':m'] || (v[':t'] !== undefined && task.token !== v[':t'])) throw ccf();
        const { gsi4pk: _pk, gsi4sk: _sk, ...unmarked } = task;
        task = unmarked;
        return {};
      }
      if (task.status !== 'supplement-required') throw ccf();
      const { decision: _d, decidedAt: _at, decidedBy: _by, ...rest } = task;
      task = {
        ...rest,
        status: 'open',
        dueAt: v[':due'],
        warnAt: v[':warn'],
        supplementRequests: [v[':answered']],
        gsi4pk: v[':p4'],
        gsi4sk: v[':s4'],
      };
      return { Attributes: task };
    });
    return () => task;
  }
  const answer = { department: 'education', note: '已补充' };
  const sends = () => sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input.taskToken);

  test('crash between recording and SendTaskSuccess: the same answer again delivers it once, logs nothing twice and answers as the first would; another answer -> 409', async () => {
    const task = storedTask(waiting);
    const audit = fakeAuditTable(ddbMock, requestLogged);
    sfnMock.on(SendTaskSuccessCommand).rejectsOnce(throttled()).resolves({});

    await expect(answerAtHttpEdge(() => service.supplement(citizen, APP_ID, answer))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE);
    expect(task()).toMatchObject({ status: 'open', gsi4pk: 'PENDING#delivery' });

    const view = await service.supplement(citizen, APP_ID, answer);
    expect(view.branches.find((b) => b.department === 'education')).toMatchObject({ status: 'open', dueAt: '2026-10-23T16:00:00.000Z' });
    expect(sends()).toEqual(['sup-token', 'sup-token']);
    expect(task().gsi4pk).toBeUndefined();
    expect(audit.counts()).toEqual({
      'decided:education:0': 1,
      'supplement-requested:education:0': 1,
      'supplement-provided:education:0': 1,
      'due-moved:education:0': 1,
    });

    const updates = ddbMock.commandCalls(UpdateCommand).length;
    await expect(service.supplement(citizen, APP_ID, { ...answer, note: '另一个答复' })).rejects.toBeInstanceOf(ConflictError);
    expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(updates);
  });

  test('crash between recording and the log append: the same answer again logs the events once and delivers', async () => {
    const task = storedTask(waiting);
    const audit = fakeAuditTable(ddbMock, requestLogged);
    audit.failNextPut();

    await expect(answerAtHttpEdge(() => service.supplement(citizen, APP_ID, answer))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE);
    expect(sends()).toEqual([]);
    await service.supplement(citizen, APP_ID, answer);
    expect(sends()).toEqual(['sup-token']);
    expect(task().gsi4pk).toBeUndefined();
    expect(audit.counts()).toMatchObject({ 'supplement-provided:education:0': 1, 'due-moved:education:0': 1 });
  });

  test("a crash lost the request's own events before the applicant answered: the answer logs them first, from the request, who asked included", async () => {
    storedTask({
      ...waiting,
      supplementRequests: [{ ...waiting.supplementRequests[0]!, requestedBy: 'officer-education', comment: '请核对电话' }],
    });
    const audit = fakeAuditTable(ddbMock);
    await service.supplement(citizen, APP_ID, answer);
    expect(audit.chain.map((e) => [e.key, e.actor])).toEqual([
      ['decided:education:0', { role: 'officer', sub: 'officer-education' }],
      ['supplement-requested:education:0', { role: 'officer', sub: 'officer-education' }],
      ['supplement-provided:education:0', { role: 'citizen', sub: citizen.sub }],
      ['due-moved:education:0', { role: 'citizen', sub: citizen.sub }],
    ]);
    expect(audit.chain[0]!.detail).toEqual({ decision: 'request-supplement', comment: '请核对电话' });
  });

  test('the officer decided the reopened branch before the answer was delivered: the supplement wait gets the dates, the decision waits for the next wait', async () => {
    const task = storedTask(waiting);
    fakeAuditTable(ddbMock, requestLogged);
    sfnMock.on(SendTaskSuccessCommand).rejectsOnce(throttled()).resolves({});
    await expect(answerAtHttpEdge(() => service.supplement(citizen, APP_ID, answer))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE);
    // What the decision's write leaves: approved, the supplement token still stored.
    ddbMock
      .on(QueryCommand, { TableName: 'main' })
      .resolves({ Items: [appRecord(), { ...task(), status: 'approved', decision: 'approve', decidedAt: START.toISOString() }] });
    await service.supplement(citizen, APP_ID, answer);
    expect(JSON.parse(String(sfnMock.commandCalls(SendTaskSuccessCommand)[1]!.args[0].input.output))).toEqual({
      dueAt: '2026-10-23T16:00:00.000Z',
      warnAt: '2026-10-21T16:00:00.000Z',
      nextCheckpointAt: '2026-10-21T16:00:00.000Z',
    });
  });
});

describe('withdraw', () => {
  const service = createApplicationService(testDeps());

  test('status -> log -> StopExecution -> cancel open tasks', async () => {
    ddbMock.on(GetCommand).resolves({ Item: appRecord() });
    withTasks(appRecord({ status: 'withdrawn' }), [taskRecord('education'), taskRecord('hrss', { status: 'approved' })]);
    ddbMock.on(UpdateCommand).resolves({});
    const view = await service.withdraw(citizen, APP_ID);

    const [status, cancel, unmark] = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    // The status write marks the withdrawal unfinished, for reconcile if the tail never runs.
    expect(status).toMatchObject({
      ConditionExpression: '#s = :submitted',
      ExpressionAttributeValues: {
        ':s': 'withdrawn',
        ':c': START.toISOString(),
        ':p4': 'PENDING#stop',
        ':s4': `${START.toISOString()}#${APP_ID}`,
      },
    });
    expect(unmark).toMatchObject({
      Key: { sk: 'APP' },
      UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
      ExpressionAttributeValues: { ':pk': 'PENDING#stop' },
    });
    expect(cancel).toMatchObject({
      Key: { sk: 'TASK#education' },
      ExpressionAttributeValues: { ':b': 'withdrawn', ':g': 'DEPT#education#done' },
    });
    expect(sfnMock.commandCalls(StopExecutionCommand)[0]!.args[0].input).toEqual({
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:onething-school-enrolment:${APP_ID}`,
      error: 'OneThing.Withdrawn',
      cause: 'withdrawn by the applicant',
    });
    expect(puts('audit').map((e) => `${e.type}:${e.department ?? ''}`)).toEqual(['withdrawn:', 'cancelled:education']);
    expect(view.status).toBe('withdrawn');
  });

  test('withdrawing again re-runs the tail; an execution already gone is fine', async () => {
    ddbMock.on(GetCommand).resolves({ Item: appRecord({ status: 'withdrawn' }) });
    withTasks(appRecord({ status: 'withdrawn' }), [taskRecord('education', { status: 'cancelled' })]);
    sfnMock.on(StopExecutionCommand).rejects(new ExecutionDoesNotExist({ message: 'gone', $metadata: {} }));
    await expect(service.withdraw(citizen, APP_ID)).resolves.toMatchObject({ status: 'withdrawn' });
    expect(ddbMock.commandCalls(UpdateCommand)).toEqual([]);
  });

  test('a finished application -> 409; a concurrent finish seen through the condition -> 409', async () => {
    ddbMock.on(GetCommand).resolves({ Item: appRecord({ status: 'approved' }) });
    await expect(service.withdraw(citizen, APP_ID)).rejects.toBeInstanceOf(ConflictError);
    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: appRecord() })
      .resolves({ Item: appRecord({ status: 'rejected' }) });
    ddbMock.on(UpdateCommand).rejects(ccf());
    await expect(service.withdraw(citizen, APP_ID)).rejects.toThrow(/already rejected/);
    expect(sfnMock.commandCalls(StopExecutionCommand)).toEqual([]);
  });
});
