import {
  DescribeExecutionCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../../../../shared/aws/document-store';
import { mockClient } from 'aws-sdk-client-mock';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createWorkflowSteps } from '../../../../shared/applications';
import { ConflictError, NotFoundError } from '../../../../shared/errors';
import { APP_ID, START, appRecord, ccf, fakeAuditTable, fixedClock, loggedEvent, taskRecord, testDeps, throttled } from './helpers';

const ddbMock = mockDocumentStore();
const sfnMock = mockClient(SFNClient);
afterEach(() => {
  ddbMock.reset();
  sfnMock.reset();
  jest.restoreAllMocks();
});
beforeEach(() => {
  ddbMock.on(QueryCommand, { TableName: 'audit' }).resolves({ Items: [] });
  // The notification outbox reads the application of a notifying event; none stored here unless a test says so.
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  sfnMock.on(SendTaskSuccessCommand).resolves({});
});

const taskKey = (dept: string) => ({ pk: `APP#${APP_ID}`, sk: `TASK#${dept}` });
const appKey = { pk: `APP#${APP_ID}`, sk: 'APP' };
/** The application partition as task-await reads it: one Query on the main table. */
const partition = (...items: object[]) => ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: items });
const puts = (table: string) =>
  ddbMock
    .commandCalls(PutCommand)
    .filter((c) => c.args[0].input.TableName === table)
    .map((c) => c.args[0].input.Item as Record<string, any>);
const deliveries = () =>
  sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => [c.args[0].input.taskToken, JSON.parse(c.args[0].input.output ?? 'null')]);
const stepsAt = (at: Date) => createWorkflowSteps(testDeps(fixedClock(at)));
const steps = stepsAt(START);
const EDU_DATES = { dueAt: '2026-10-20T16:00:00.000Z', warnAt: '2026-10-16T16:00:00.000Z' };

test('intake with departments (a later stage opening): only those branches, due from now, one append', async () => {
  ddbMock.on(GetCommand, { Key: appKey }).resolves({ Item: appRecord() });
  const out = await steps.intake({ applicationId: APP_ID, serviceId: 'school-enrolment', serviceVersion: 1, departments: ['hrss'] });
  const ps = '2026-10-10T16:00:00.000Z';
  expect(out.branches).toStrictEqual({ hrss: { dueAt: ps, warnAt: ps, nextCheckpointAt: ps } });
  expect(puts('audit').map((e) => [e.key, e.dueAt])).toStrictEqual([['branch-opened:hrss', ps]]);
  await expect(
    steps.intake({ applicationId: APP_ID, serviceId: 'school-enrolment', serviceVersion: 1, departments: ['ghost'] }),
  ).rejects.toBeInstanceOf(NotFoundError);
});

test('intake: every branch due N working days after today, warned at the share, first checkpoint = warnAt', async () => {
  ddbMock.on(GetCommand, { Key: appKey }).resolves({ Item: appRecord() });
  const out = await steps.intake({ applicationId: APP_ID, serviceId: 'school-enrolment', serviceVersion: 1 });
  expect(out.branches.education).toEqual({ ...EDU_DATES, nextCheckpointAt: EDU_DATES.warnAt });
  // 3 working days after 9/30 across Golden Week: 10/8, 10/9 and the make-up Saturday 10/10.
  const ps = '2026-10-10T16:00:00.000Z';
  expect(out.branches['public-security']).toEqual({ dueAt: ps, warnAt: ps, nextCheckpointAt: ps });
  // One append for all branches (one read, four writes, no race between parallel branches).
  expect(puts('audit').map((e) => [e.key, e.seq, e.dueAt])).toEqual([
    ['branch-opened:education', 1, EDU_DATES.dueAt],
    ['branch-opened:public-security', 2, ps],
    ['branch-opened:real-estate', 3, ps],
    ['branch-opened:hrss', 4, ps],
  ]);
  expect(ddbMock.commandCalls(QueryCommand, { TableName: 'audit' })).toHaveLength(1);
  ddbMock.on(GetCommand, { Key: appKey }).resolves({});
  await expect(steps.intake({ applicationId: APP_ID, serviceId: 'school-enrolment', serviceVersion: 1 })).rejects.toBeInstanceOf(
    NotFoundError,
  );
});

test('intake given the walk-through flag by the execution input reads no application, and labels the events with it', async () => {
  const out = await steps.intake({ applicationId: APP_ID, serviceId: 'school-enrolment', serviceVersion: 1, walkthrough: true });
  expect(Object.keys(out.branches)).toEqual(['education', 'public-security', 'real-estate', 'hrss']);
  expect(ddbMock.commandCalls(GetCommand)).toHaveLength(0);
  expect(puts('audit').map((e) => [e.key, e.serviceId, e.walkthrough])).toEqual([
    ['branch-opened:education', 'school-enrolment', true],
    ['branch-opened:public-security', 'school-enrolment', true],
    ['branch-opened:real-estate', 'school-enrolment', true],
    ['branch-opened:hrss', 'school-enrolment', true],
  ]);
});

describe('taskAwait', () => {
  const wait = (kind: 'decision' | 'supplement', token: string) => ({
    applicationId: APP_ID,
    department: 'education',
    kind,
    token,
    ...(kind === 'decision' ? EDU_DATES : {}),
  });

  test('the first wait opens the task with its token and logs branch-opened', async () => {
    partition(appRecord(), taskRecord('hrss'));
    expect(await steps.taskAwait(wait('decision', 't1'))).toEqual({ outcome: 'waiting' });
    expect(ddbMock.commandCalls(GetCommand)).toHaveLength(0);

    const [task] = puts('main');
    expect(task).toMatchObject({
      status: 'open',
      token: 't1',
      tokenKind: 'decision',
      openedAt: START.toISOString(),
      ...EDU_DATES,
      gsi3pk: 'DEPT#education#open',
      gsi3sk: `${EDU_DATES.dueAt}#${task!.taskId}`,
    });
    // The event first, then the task: no decision on the task can precede branch-opened in the log.
    expect(ddbMock.commandCalls(PutCommand).map((c) => [c.args[0].input.TableName, c.args[0].input.ConditionExpression])).toEqual([
      ['audit', 'attribute_not_exists(sk)'],
      ['main', 'attribute_not_exists(pk)'],
    ]);
    expect(puts('audit').map((e) => [e.type, e.key, e.workingDaysUsed])).toEqual([['branch-opened', 'branch-opened:education', 0]]);
  });

  test("a probe's branch opens already approved by the system and is delivered before the step returns", async () => {
    partition(appRecord({ walkthrough: true, walkthroughMode: 'probe' }));
    ddbMock.on(UpdateCommand).resolves({});
    expect(await steps.taskAwait(wait('decision', 'p1'))).toEqual({ outcome: 'delivered' });
    const [task] = puts('main');
    // One put: decided, in the done inbox, marked undelivered; never an open task.
    expect(task).toMatchObject({
      status: 'approved',
      decision: 'approve',
      decidedAt: START.toISOString(),
      decidedBy: 'system:probe',
      probe: true,
      walkthrough: true,
      token: 'p1',
      gsi3pk: 'DEPT#education#done',
      gsi4pk: 'PENDING#delivery',
    });
    expect(deliveries()).toEqual([['p1', { decision: 'approve' }]]);
    const decided = puts('audit').find((e) => e.type === 'decided');
    expect(decided).toMatchObject({ actor: { role: 'system' }, detail: { decision: 'approve', probe: true }, walkthrough: true });
  });

  test('a probe step retried after a crash (task put, nothing delivered) delivers the approval to the new token', async () => {
    const decided = taskRecord('education', {
      status: 'approved',
      decision: 'approve',
      decidedAt: START.toISOString(),
      decidedBy: 'system:probe',
      probe: true,
      token: 'p2',
    });
    partition(appRecord({ walkthrough: true, walkthroughMode: 'probe' }), decided);
    ddbMock.on(UpdateCommand).resolves({ Attributes: decided });
    expect(await steps.taskAwait(wait('decision', 'p2'))).toEqual({ outcome: 'delivered' });
    expect(deliveries()).toEqual([['p2', { decision: 'approve' }]]);
  });

  test('a later wait only replaces the token', async () => {
    partition(appRecord(), taskRecord('education'));
    ddbMock.on(UpdateCommand).resolves({ Attributes: taskRecord('education', { token: 't2' }) });
    ddbMock.on(QueryCommand, { TableName: 'audit' }).resolves({ Items: [{ key: 'branch-opened:education', seq: 1, hash: 'x' }] });
    expect(await steps.taskAwait(wait('decision', 't2'))).toEqual({ outcome: 'waiting' });
    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      ConditionExpression: 'attribute_exists(pk) AND #s <> :cancelled',
      ExpressionAttributeValues: { ':t': 't2', ':k': 'decision', ':cancelled': 'cancelled' },
    });
    expect(puts('main')).toHaveLength(0);
    expect(deliveries()).toEqual([]);
  });

  test('a decision recorded while no token could take it is delivered to the new token at once', async () => {
    const recorded = taskRecord('education', {
      status: 'approved',
      decision: 'approve',
      decidedAt: START.toISOString(),
      decidedBy: 'o1',
      token: 't3',
    });
    partition(appRecord(), recorded);
    ddbMock.on(UpdateCommand).resolves({ Attributes: recorded });
    expect(await steps.taskAwait(wait('decision', 't3'))).toEqual({ outcome: 'delivered' });
    expect(deliveries()).toEqual([['t3', { decision: 'approve' }]]);
    // The crash that left it undelivered may have hit before the log: the event is ensured too.
    expect(puts('audit').map((e) => e.type)).toEqual(['branch-opened', 'decided']);
  });

  test('a supplement already provided is delivered to the supplement wait with the moved dates', async () => {
    const answered = taskRecord('education', {
      status: 'open',
      tokenKind: 'supplement',
      dueAt: '2026-10-23T16:00:00.000Z',
      warnAt: '2026-10-21T16:00:00.000Z',
      supplementRequests: [
        {
          requestedAt: START.toISOString(),
          missing: [{ field: 'x', reason: 'y' }],
          providedAt: '2026-10-01T02:00:00.000Z',
          dueBefore: EDU_DATES.dueAt,
          providedBy: { role: 'citizen', sub: 'c1' },
        },
      ],
    });
    partition(appRecord(), answered);
    ddbMock.on(UpdateCommand).resolves({ Attributes: { ...answered, token: 's1' } });
    // The request's own events were logged when the officer asked.
    fakeAuditTable(ddbMock, [
      loggedEvent(1, 'decided:education:0', 'decided'),
      loggedEvent(2, 'supplement-requested:education:0', 'supplement-requested'),
    ]);
    await steps.taskAwait(wait('supplement', 's1'));
    expect(deliveries()).toEqual([
      ['s1', { dueAt: '2026-10-23T16:00:00.000Z', warnAt: '2026-10-21T16:00:00.000Z', nextCheckpointAt: '2026-10-21T16:00:00.000Z' }],
    ]);
    expect(puts('audit').map((e) => e.type)).toEqual(['supplement-provided', 'due-moved']);
  });

  test('a supplement answered and then decided before it was delivered: the supplement wait gets the dates first', async () => {
    const decidedAfterAnswer = taskRecord('education', {
      status: 'approved',
      decision: 'approve',
      decidedAt: '2026-10-02T02:00:00.000Z',
      tokenKind: 'supplement',
      token: 's1',
      dueAt: '2026-10-23T16:00:00.000Z',
      warnAt: '2026-10-21T16:00:00.000Z',
      supplementRequests: [
        {
          requestedAt: START.toISOString(),
          missing: [{ field: 'x', reason: 'y' }],
          providedAt: '2026-10-01T02:00:00.000Z',
          dueBefore: EDU_DATES.dueAt,
        },
      ],
    });
    partition(appRecord(), decidedAfterAnswer);
    ddbMock.on(UpdateCommand).resolves({ Attributes: decidedAfterAnswer });
    expect(await steps.taskAwait(wait('supplement', 's1'))).toEqual({ outcome: 'delivered' });
    expect(deliveries()).toEqual([
      ['s1', { dueAt: '2026-10-23T16:00:00.000Z', warnAt: '2026-10-21T16:00:00.000Z', nextCheckpointAt: '2026-10-21T16:00:00.000Z' }],
    ]);
  });

  test('a wait that finds the task waiting for what it waits for removes the mark a crash left (the result did arrive)', async () => {
    const mark = `${START.toISOString()}#T#d0`;
    const waiting = taskRecord('education', {
      status: 'supplement-required',
      decision: 'request-supplement',
      decidedAt: START.toISOString(),
      tokenKind: 'supplement',
      token: 's2',
      gsi4pk: 'PENDING#delivery',
      gsi4sk: mark,
      supplementRequests: [{ requestedAt: START.toISOString(), missing: [{ field: 'x', reason: 'y' }] }],
    });
    partition(appRecord(), waiting);
    ddbMock.on(UpdateCommand).resolves({ Attributes: waiting });
    expect(await steps.taskAwait(wait('supplement', 's2'))).toEqual({ outcome: 'waiting' });
    expect(deliveries()).toEqual([]);
    expect(ddbMock.commandCalls(UpdateCommand)[1]!.args[0].input).toMatchObject({
      UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
      ExpressionAttributeValues: { ':m': mark, ':t': 's2' },
    });
  });

  test('a cancelled task or a finished application takes no token', async () => {
    partition(appRecord(), taskRecord('education', { status: 'cancelled' }));
    ddbMock.on(UpdateCommand).rejects(ccf());
    expect(await steps.taskAwait(wait('decision', 't4'))).toEqual({ outcome: 'closed' });
    partition(appRecord({ status: 'withdrawn' }));
    expect(await steps.taskAwait(wait('decision', 't5'))).toEqual({ outcome: 'closed' });
    expect(puts('main')).toHaveLength(0);
  });

  test('a supplement wait on a task never opened, or any wait of an unknown application, is a NotFoundError', async () => {
    partition(appRecord());
    await expect(steps.taskAwait(wait('supplement', 's2'))).rejects.toBeInstanceOf(NotFoundError);
    partition();
    await expect(steps.taskAwait(wait('decision', 't6'))).rejects.toThrow(/application .* not found/);
  });
});

describe('checkpoint', () => {
  const task = taskRecord('education', { openedAt: START.toISOString(), ...EDU_DATES });
  beforeEach(() => ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: task }));
  const run = (at: string) => stepsAt(new Date(at)).checkpoint({ applicationId: APP_ID, department: 'education' });

  test('before warnAt nothing is logged; the next checkpoint is warnAt', async () => {
    expect(await run('2026-10-10T00:00:00.000Z')).toEqual({ ...EDU_DATES, nextCheckpointAt: EDU_DATES.warnAt });
    expect(puts('audit')).toEqual([]);
  });

  test('at warnAt: warned (once per due date), next = dueAt', async () => {
    expect(await run(EDU_DATES.warnAt)).toEqual({ ...EDU_DATES, nextCheckpointAt: EDU_DATES.dueAt });
    expect(puts('audit').map((e) => [e.type, e.key])).toEqual([['warned', `warned:education:${EDU_DATES.dueAt}`]]);
  });

  test('after dueAt: flagged overdue, warned (if missing) + overdue + escalated logged, metric emitted, next = due + k * interval', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    ddbMock.on(UpdateCommand).resolves({ Attributes: { ...task, overdue: true } });
    expect(await run('2026-10-21T17:00:00.000Z')).toEqual({ ...EDU_DATES, nextCheckpointAt: '2026-10-22T16:00:00.000Z' });

    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input.ConditionExpression).toBe('#s = :open AND overdue = :f');
    expect(puts('audit').map((e) => [e.type, e.key])).toEqual([
      ['warned', `warned:education:${EDU_DATES.dueAt}`],
      ['overdue', `overdue:education:${EDU_DATES.dueAt}`],
      ['escalated', `escalated:education:${EDU_DATES.dueAt}:1`],
    ]);
    const emf = JSON.parse(String(write.mock.calls.find(([line]) => String(line).includes('OverdueTasks'))?.[0]));
    expect(emf).toMatchObject({
      Department: 'education',
      OverdueTasks: 1,
      _aws: { CloudWatchMetrics: [{ Namespace: 'OneThing', Dimensions: [['Department']] }] },
    });
  });

  test('past the escalation cap: no more escalated events, the metric still, and the next checkpoint a day later', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: { ...task, overdue: true } });
    // school-enrolment: escalations every 24 h, 10 at most (due + 0 d ... due + 9 d).
    expect(await run('2026-11-05T17:00:00.000Z')).toEqual({ ...EDU_DATES, nextCheckpointAt: '2026-11-06T16:00:00.000Z' });
    expect(puts('audit').map((e) => e.type)).toEqual(['warned', 'overdue']);
    expect(write.mock.calls.some(([line]) => String(line).includes('OverdueTasks'))).toBe(true);
  });

  test('a task that is not open (decided, or waiting for the applicant) is left alone', async () => {
    ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: { ...task, status: 'supplement-required' } });
    await run('2026-10-25T00:00:00.000Z');
    expect(puts('audit')).toEqual([]);
    expect(ddbMock.commandCalls(UpdateCommand)).toEqual([]);
  });
});

describe('supplement expiry', () => {
  // Requested 2026-09-30 10:00 CST: the 30th working day after it (10/1-10/7 off, 10/10 a make-up day) is 11/17, due at its end.
  const request = { requestedAt: START.toISOString(), missing: [{ field: 'x', reason: 'y' }] };
  const waiting = taskRecord('education', { status: 'supplement-required', tokenKind: 'supplement', supplementRequests: [request] });
  const run = (at: string) =>
    stepsAt(new Date(at)).supplementExpiry({ applicationId: APP_ID, department: 'education', wait: 'supplement' });
  const DEADLINE = '2026-11-17T16:00:00.000Z';

  test('before the exact deadline: wait again until it', async () => {
    ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: waiting });
    expect(await run('2026-10-30T02:00:00.000Z')).toEqual({ decision: 'request-supplement', supplementDueAt: DEADLINE });
    expect(ddbMock.commandCalls(UpdateCommand)).toEqual([]);
  });

  test('past it: the task is cancelled as expired, supplement-expired and cancelled are logged, the branch ends', async () => {
    ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: waiting });
    ddbMock.on(UpdateCommand).resolves({ Attributes: { ...waiting, status: 'cancelled', cancelledBecause: 'supplement-expired' } });
    expect(await run(DEADLINE)).toEqual({ decision: 'reject' });
    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      ConditionExpression: '#s = :waiting',
      ExpressionAttributeValues: { ':b': 'supplement-expired' },
    });
    expect(puts('audit').map((e) => [e.type, e.key, e.detail])).toEqual([
      [
        'supplement-expired',
        'supplement-expired:education:0',
        { requestedAt: START.toISOString(), supplementDueAt: DEADLINE, limitWorkingDays: 30, round: 1 },
      ],
      ['cancelled', 'cancelled:education', { because: 'supplement-expired' }],
    ]);
  });

  test('answered, but the answer never reached the wait (the officer even decided since): back to the decision wait with the moved schedule', async () => {
    const answered = taskRecord('education', {
      status: 'approved',
      decision: 'approve',
      decidedAt: '2026-10-20T02:00:00.000Z',
      tokenKind: 'supplement',
      ...EDU_DATES,
      supplementRequests: [
        {
          ...request,
          providedAt: '2026-10-10T02:00:00.000Z',
          dueBefore: '2026-10-14T16:00:00.000Z',
          providedBy: { role: 'citizen', sub: 'c1' },
        },
      ],
    });
    ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: answered });
    expect(await run(DEADLINE)).toEqual({ decision: 'resume', education: { ...EDU_DATES, nextCheckpointAt: '2026-11-18T16:00:00.000Z' } });
    // Every result event of the branch, rebuilt from the task (those already logged exist by key and are
    // skipped by the real log; this fake log starts empty): the request, the answer, the later decision.
    expect(puts('audit').map((e) => e.type)).toEqual(['decided', 'supplement-requested', 'supplement-provided', 'due-moved', 'decided']);
    expect(ddbMock.commandCalls(UpdateCommand)).toEqual([]);
  });

  test('answered at the last moment (the conditional update loses): the wait delivers the answer instead', async () => {
    ddbMock.on(GetCommand, { Key: taskKey('education') }).resolves({ Item: waiting });
    ddbMock.on(UpdateCommand).rejects(ccf());
    expect(await run('2026-11-20T00:00:00.000Z')).toEqual({ decision: 'request-supplement', supplementDueAt: DEADLINE });
    expect(puts('audit')).toEqual([]);
  });
});

describe('finalize', () => {
  const withTasks = (app = appRecord(), tasks = [taskRecord('education')]) =>
    ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [app, ...tasks] });

  test('approved: the status, completedAt and completed event', async () => {
    withTasks();
    ddbMock.on(UpdateCommand).resolves({});
    expect(await steps.finalize({ applicationId: APP_ID, outcome: 'approved' })).toEqual({
      status: 'approved',
      completedAt: START.toISOString(),
    });
    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      ConditionExpression: '#s = :submitted',
      ExpressionAttributeValues: { ':s': 'approved', ':r': { outcome: 'approved' } },
    });
    expect(puts('audit').map((e) => e.type)).toEqual(['completed']);
  });

  test("rejected: the rejecting department's reasons, every other open task cancelled saying why", async () => {
    const rejecting = taskRecord('real-estate', { status: 'rejected', decision: 'reject', comment: '房产信息与申报不符' });
    withTasks(appRecord(), [
      rejecting,
      taskRecord('education'),
      taskRecord('hrss', { status: 'supplement-required' }),
      taskRecord('public-security', { status: 'approved' }),
    ]);
    ddbMock.on(UpdateCommand).resolves({});
    await steps.finalize({ applicationId: APP_ID, outcome: 'rejected', rejectedBy: 'real-estate' });

    // Tasks first, the status last: whoever sees "rejected" sees the cancelled branches too.
    const updates = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates.map((u) => [u.Key?.sk, u.ExpressionAttributeValues?.[':b']])).toEqual([
      ['TASK#education', 'rejected-by:real-estate'],
      ['TASK#hrss', 'rejected-by:real-estate'],
      ['APP', undefined],
    ]);
    expect(updates[2]!.ExpressionAttributeValues?.[':r']).toEqual({
      outcome: 'rejected',
      rejectedBy: 'real-estate',
      reasons: '房产信息与申报不符',
    });
    expect(puts('audit').map((e) => `${e.type}:${e.department ?? ''}`)).toEqual(['cancelled:education', 'cancelled:hrss', 'completed:']);
  });

  test('failed: every open task cancelled with the error, failed logged, the metric, a status and message for the applicant', async () => {
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    withTasks(appRecord(), [
      taskRecord('education'),
      taskRecord('hrss', { status: 'supplement-required' }),
      taskRecord('public-security', { status: 'approved' }),
    ]);
    ddbMock.on(UpdateCommand).resolves({});
    expect(await steps.finalize({ applicationId: APP_ID, outcome: 'failed', error: 'Lambda.Unknown' })).toEqual({
      status: 'failed',
      completedAt: START.toISOString(),
    });
    const updates = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(updates.map((u) => [u.Key?.sk, u.ExpressionAttributeValues?.[':b'] ?? u.ExpressionAttributeValues?.[':s']])).toEqual([
      ['TASK#education', 'failed:Lambda.Unknown'],
      ['TASK#hrss', 'failed:Lambda.Unknown'],
      ['APP', 'failed'],
    ]);
    expect(updates[2]!.ExpressionAttributeValues?.[':r']).toMatchObject({
      outcome: 'failed',
      reason: 'processing-failed',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect(puts('audit').map((e) => `${e.type}:${e.department ?? ''}`)).toEqual(['cancelled:education', 'cancelled:hrss', 'failed:']);
    const emf = JSON.parse(String(write.mock.calls.find(([line]) => String(line).includes('FailedApplications'))?.[0]));
    expect(emf).toMatchObject({ ServiceId: 'school-enrolment', FailedApplications: 1 });
  });

  test('idempotent: a retry after the status was written re-runs the tail only', async () => {
    withTasks(appRecord({ status: 'approved', completedAt: '2026-10-01T00:00:00.000Z' }));
    expect(await steps.finalize({ applicationId: APP_ID, outcome: 'approved' })).toEqual({
      status: 'approved',
      completedAt: '2026-10-01T00:00:00.000Z',
    });
    expect(ddbMock.commandCalls(UpdateCommand)).toEqual([]);
    expect(puts('audit').map((e) => e.type)).toEqual(['completed']);
  });

  test('a withdrawn application stays withdrawn; a contradicting outcome is a ConflictError', async () => {
    withTasks(appRecord({ status: 'withdrawn' }));
    expect(await steps.finalize({ applicationId: APP_ID, outcome: 'approved' })).toEqual({ status: 'withdrawn' });
    withTasks(appRecord({ status: 'rejected' }));
    await expect(steps.finalize({ applicationId: APP_ID, outcome: 'approved' })).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('reconcile', () => {
  const gsi4 = (kind: string) => ({ TableName: 'main', IndexName: 'gsi4', ExpressionAttributeValues: { ':pk': `PENDING#${kind}` } });
  const indexQueries = () => ddbMock.commandCalls(QueryCommand, { IndexName: 'gsi4' }).map((c) => c.args[0].input);
  beforeEach(() => {
    ddbMock.on(QueryCommand, { IndexName: 'gsi4' }).resolves({ Items: [] });
    sfnMock.on(StartExecutionCommand).resolves({});
    ddbMock.on(UpdateCommand).resolves({});
  });

  test('starts the execution (and logs submitted) of an application stored days ago and never started, then removes its mark', async () => {
    const stored = appRecord({ gsi4pk: 'PENDING#start', gsi4sk: `${START.toISOString()}#${APP_ID}` });
    ddbMock.on(QueryCommand, gsi4('start')).resolves({ Items: [stored] });
    const report = await stepsAt(new Date('2026-10-03T20:00:00Z')).reconcile();
    // The lag metric: how long the oldest mark read had waited by the platform clock.
    const lagSeconds = (new Date('2026-10-03T20:00:00Z').getTime() - START.getTime()) / 1000;
    expect(report).toEqual({ started: 1, stopped: 0, delivered: 0, read: 1, failed: 0, more: false, lagSeconds });

    // Marks set more than the grace period ago, oldest first; nothing else is read to find work.
    expect(indexQueries().map((q) => [q.ExpressionAttributeValues?.[':pk'], q.ExpressionAttributeValues?.[':before']])).toEqual([
      ['PENDING#start', '2026-10-03T19:59:00.000Z'],
      ['PENDING#event-start', '2026-10-03T19:59:00.000Z'],
      ['PENDING#stop', '2026-10-03T19:59:00.000Z'],
      ['PENDING#delivery', '2026-10-03T19:59:00.000Z'],
    ]);
    expect(ddbMock.commandCalls(QueryCommand, { IndexName: 'gsi2' })).toEqual([]);
    expect(sfnMock.commandCalls(DescribeExecutionCommand)).toEqual([]);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(1);
    expect(puts('audit').map((e) => [e.type, e.actor])).toEqual([['submitted', { role: 'citizen', sub: 'citizen-1' }]]);
    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: appKey,
      UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
      ExpressionAttributeValues: { ':pk': 'PENDING#start' },
    });
  });

  test('finishes a withdrawal whose tail never ran: withdrawn logged, execution stopped, open tasks cancelled, mark removed', async () => {
    const withdrawn = appRecord({ status: 'withdrawn', gsi4pk: 'PENDING#stop', gsi4sk: `${START.toISOString()}#${APP_ID}` });
    ddbMock.on(QueryCommand, gsi4('stop')).resolves({ Items: [withdrawn] });
    ddbMock
      .on(QueryCommand, { TableName: 'main', KeyConditionExpression: 'pk = :pk' })
      .resolves({ Items: [withdrawn, taskRecord('education'), taskRecord('hrss', { status: 'approved' })] });
    sfnMock.on(StopExecutionCommand).resolves({});
    expect(await steps.reconcile({ graceMs: 0 })).toMatchObject({ stopped: 1, read: 1, failed: 0 });

    expect(sfnMock.commandCalls(StopExecutionCommand)).toHaveLength(1);
    expect(puts('audit').map((e) => `${e.type}:${e.department ?? ''}`)).toEqual(['withdrawn:', 'cancelled:education']);
    expect(
      ddbMock.commandCalls(UpdateCommand).map((c) => [c.args[0].input.Key?.sk, c.args[0].input.UpdateExpression?.slice(0, 6)]),
    ).toEqual([
      ['TASK#education', 'SET #s'],
      ['APP', 'REMOVE'],
    ]);
  });

  test('settles a result recorded on a task: logs what is missing, re-sends it through the stored token, removes the mark', async () => {
    const mark = `${START.toISOString()}#T#d0`;
    const recorded = taskRecord('education', {
      status: 'approved',
      decision: 'approve',
      decidedAt: START.toISOString(),
      token: 'tok',
      gsi4pk: 'PENDING#delivery',
      gsi4sk: mark,
    });
    ddbMock.on(QueryCommand, gsi4('delivery')).resolves({ Items: [recorded] });
    expect(await steps.reconcile({ graceMs: 0 })).toMatchObject({ started: 0, delivered: 1, read: 1 });
    expect(deliveries()).toEqual([['tok', { decision: 'approve' }]]);
    expect(puts('audit').map((e) => e.key)).toEqual(['decided:education:0']);
    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input).toMatchObject({
      Key: taskKey('education'),
      ConditionExpression: 'gsi4sk = :m',
      ExpressionAttributeValues: { ':m': mark },
    });
  });

  test('bounded per run: at most maxItems of each kind, in pages; the rest is reported for the next run', async () => {
    const marked = (i: number) =>
      taskRecord('education', {
        status: 'approved',
        decision: 'approve',
        decidedAt: START.toISOString(),
        token: `tok${i}`,
        gsi4pk: 'PENDING#delivery',
        gsi4sk: `m${i}`,
      });
    ddbMock.on(QueryCommand, gsi4('delivery')).callsFake((input) => ({
      Items: [marked(input.Limit)],
      LastEvaluatedKey: { pk: 'p', sk: 's', gsi4pk: 'PENDING#delivery', gsi4sk: 'm' },
    }));
    const report = await steps.reconcile({ pageSize: 2, maxItems: 3, graceMs: 0 });
    expect(
      indexQueries()
        .filter((q) => q.ExpressionAttributeValues?.[':pk'] === 'PENDING#delivery')
        .map((q) => q.Limit),
    ).toEqual([2, 2, 1]);
    expect(report).toMatchObject({ read: 3, delivered: 3, more: true });
  });

  test('a repair that fails is counted and logged; its mark stays and the others go on', async () => {
    const mark = (token: string) =>
      taskRecord('education', {
        status: 'approved',
        decision: 'approve',
        decidedAt: START.toISOString(),
        token,
        gsi4pk: 'PENDING#delivery',
        gsi4sk: token,
      });
    ddbMock.on(QueryCommand, gsi4('delivery')).resolves({ Items: [mark('bad'), mark('good')] });
    sfnMock.on(SendTaskSuccessCommand, { taskToken: 'bad' }).rejects(throttled());
    expect(await steps.reconcile({ graceMs: 0 })).toMatchObject({ read: 2, delivered: 1, failed: 1 });
    expect(ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input.ExpressionAttributeValues?.[':m'])).toEqual(['good']);
  });
});
