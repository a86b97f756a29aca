import { InvalidToken, SendTaskSuccessCommand, SFNClient, SFNServiceException, TaskTimedOut } from '@aws-sdk/client-sfn';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../../../../shared/aws/document-store';
import { mockClient } from 'aws-sdk-client-mock';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createTaskService } from '../../../../shared/applications';
import { taskId } from '../../../../shared/applications/ids';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../../shared/errors';
import {
  APP_ID,
  START,
  appRecord,
  ccf,
  fakeAuditTable,
  loggedEvent,
  officer,
  taskRecord,
  testDeps,
  answerAtHttpEdge,
  DEPENDENCY_UNAVAILABLE,
} from './helpers';

const ddbMock = mockDocumentStore();
const sfnMock = mockClient(SFNClient);
afterEach(() => {
  ddbMock.reset();
  sfnMock.reset();
});
beforeEach(() => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  sfnMock.on(SendTaskSuccessCommand).resolves({});
});

const deps = testDeps();
const tasks = createTaskService(deps);
const edu = officer('education');
const TASK = taskId(APP_ID, 'education');
const stored = (overrides = {}) =>
  ddbMock
    .on(GetCommand, { TableName: 'main', Key: { pk: `APP#${APP_ID}`, sk: 'TASK#education' } })
    .resolves({ Item: taskRecord('education', overrides) });
const decided = (decision: string, status: string, extra = {}) =>
  taskRecord('education', {
    decision: decision as never,
    status: status as never,
    decidedAt: START.toISOString(),
    decidedBy: edu.sub,
    ...extra,
  });
const auditTypes = () => ddbMock.commandCalls(PutCommand).map((c) => c.args[0].input.Item?.type);
const deliveries = () => sfnMock.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input);

describe('decide', () => {
  test('records the decision conditionally, logs it, then delivers it through the stored token', async () => {
    stored();
    ddbMock.on(UpdateCommand).resolves({ Attributes: decided('approve', 'approved') });
    const result = await tasks.decide(edu, TASK, { decision: 'approve' });

    const update = ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.ConditionExpression).toBe('#s = :open AND attribute_not_exists(decision)');
    expect(update.ExpressionAttributeValues).toMatchObject({
      ':s': 'approved',
      ':d': 'approve',
      ':g': 'DEPT#education#done',
      ':by': edu.sub,
    });
    expect(auditTypes()).toEqual(['decided']);
    expect(deliveries()).toEqual([{ taskToken: 'token-education', output: '{"decision":"approve"}' }]);
    expect(result).toMatchObject({ taskId: TASK, decision: 'approve', decidedAt: START.toISOString(), status: 'approved' });
    expect(JSON.stringify(result)).not.toContain('token-education');
  });

  test('a supplement request lists every missing item and logs both events', async () => {
    stored();
    const missing = [
      { materialId: 'household-booklet', reason: '不清晰' },
      { field: 'guardian.phone', reason: '无法接通' },
    ];
    ddbMock.on(UpdateCommand).resolves({
      Attributes: decided('request-supplement', 'supplement-required', {
        supplementRequests: [{ requestedAt: START.toISOString(), missing }],
      }),
    });
    await tasks.decide(edu, TASK, { decision: 'request-supplement', missing });

    expect(ddbMock.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':req': [{ requestedAt: START.toISOString(), missing }],
      ':g': 'DEPT#education#waiting',
    });
    expect(auditTypes()).toEqual(['decided', 'supplement-requested']);
  });

  test.each([[TaskTimedOut], [InvalidToken]])(
    'a stale token (%p) leaves the delivery to the next wait and still answers',
    async (Stale) => {
      stored();
      ddbMock.on(UpdateCommand).resolves({ Attributes: decided('approve', 'approved') });
      sfnMock.on(SendTaskSuccessCommand).rejects(new Stale({ message: 'stale', $metadata: {} }));
      await expect(tasks.decide(edu, TASK, { decision: 'approve' })).resolves.toMatchObject({ decision: 'approve' });
    },
  );

  test('a decision recorded while the branch waits on a supplement token is not sent through it', async () => {
    stored({ tokenKind: 'supplement' });
    ddbMock.on(UpdateCommand).resolves({ Attributes: decided('approve', 'approved', { tokenKind: 'supplement' }) });
    await tasks.decide(edu, TASK, { decision: 'approve' });
    expect(deliveries()).toEqual([]);
  });

  test('Step Functions throttling after the decision is recorded is a retryable 503 at the HTTP edge (the retry re-delivers)', async () => {
    stored();
    ddbMock.on(UpdateCommand).resolves({ Attributes: decided('approve', 'approved') });
    sfnMock
      .on(SendTaskSuccessCommand)
      .rejects(new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
    await expect(answerAtHttpEdge(() => tasks.decide(edu, TASK, { decision: 'approve' }))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE);
  });

  test('the write that records the decision marks it undelivered; the delivery removes that mark only', async () => {
    stored();
    const mark = `${START.toISOString()}#${TASK}#d0`;
    ddbMock.on(UpdateCommand).resolves({ Attributes: decided('approve', 'approved', { gsi4pk: 'PENDING#delivery', gsi4sk: mark }) });
    await tasks.decide(edu, TASK, { decision: 'approve' });

    const [record, confirm] = ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input);
    expect(record!.ExpressionAttributeValues).toMatchObject({ ':p4': 'PENDING#delivery', ':s4': mark });
    expect(deliveries()).toHaveLength(1);
    expect(confirm).toMatchObject({
      UpdateExpression: 'REMOVE gsi4pk, gsi4sk',
      ConditionExpression: 'gsi4sk = :m',
      ExpressionAttributeValues: { ':m': mark },
    });
  });

  test('crash after SendTaskSuccess took the decision, before the mark was removed: the retry finds the token used, removes the mark, logs nothing twice', async () => {
    const mark = `${START.toISOString()}#${TASK}#d0`;
    ddbMock.on(GetCommand).resolves({ Item: decided('approve', 'approved', { gsi4pk: 'PENDING#delivery', gsi4sk: mark }) });
    const audit = fakeAuditTable(ddbMock, [
      loggedEvent(1, 'branch-opened:education', 'branch-opened'),
      loggedEvent(2, 'decided:education:0', 'decided'),
    ]);
    sfnMock.on(SendTaskSuccessCommand).rejects(new TaskTimedOut({ message: 'already closed', $metadata: {} }));
    await expect(tasks.decide(edu, TASK, { decision: 'approve' })).resolves.toMatchObject({ decision: 'approve' });

    // Only while the stored token is still the used one: a newer wait would settle for itself.
    expect(ddbMock.commandCalls(UpdateCommand).map((c) => c.args[0].input)).toEqual([
      expect.objectContaining({
        ConditionExpression: 'gsi4sk = :m AND #t = :t',
        ExpressionAttributeValues: { ':m': mark, ':t': 'token-education' },
      }),
    ]);
    expect(audit.counts()).toEqual({ 'branch-opened:education': 1, 'decided:education:0': 1 });
  });

  test('crash between recording and the log append: the same decision again logs it once and delivers', async () => {
    const mark = `${START.toISOString()}#${TASK}#d0`;
    stored();
    ddbMock.on(UpdateCommand).resolves({ Attributes: decided('approve', 'approved', { gsi4pk: 'PENDING#delivery', gsi4sk: mark }) });
    const audit = fakeAuditTable(ddbMock);
    audit.failNextPut();
    await expect(answerAtHttpEdge(() => tasks.decide(edu, TASK, { decision: 'approve' }))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE);
    expect(deliveries()).toEqual([]);

    ddbMock.on(GetCommand).resolves({ Item: decided('approve', 'approved', { gsi4pk: 'PENDING#delivery', gsi4sk: mark }) });
    await tasks.decide(edu, TASK, { decision: 'approve' });
    expect(deliveries()).toHaveLength(1);
    expect(audit.counts()).toEqual({ 'decided:education:0': 1 });
  });

  test('the same decision replayed returns the same result and re-delivers without writing', async () => {
    ddbMock.on(GetCommand).resolves({ Item: decided('approve', 'approved') });
    const result = await tasks.decide(edu, TASK, { decision: 'approve', comment: 'again' });
    expect(result).toMatchObject({ decision: 'approve', decidedAt: START.toISOString() });
    expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(deliveries()).toHaveLength(1);
  });

  test('a different decision on a decided task, or any on a cancelled one -> 409', async () => {
    ddbMock.on(GetCommand).resolves({ Item: decided('approve', 'approved') });
    await expect(tasks.decide(edu, TASK, { decision: 'reject', comment: '不符' })).rejects.toBeInstanceOf(ConflictError);
    ddbMock.on(GetCommand).resolves({ Item: taskRecord('education', { status: 'cancelled', cancelledBecause: 'withdrawn' }) });
    await expect(tasks.decide(edu, TASK, { decision: 'approve' })).rejects.toThrow(/cancelled \(withdrawn\)/);
    expect(deliveries()).toEqual([]);
  });

  test('losing the conditional write to a concurrent decision re-reads: same one -> replay, other -> 409', async () => {
    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: taskRecord('education') })
      .resolves({ Item: decided('approve', 'approved') });
    ddbMock.on(UpdateCommand).rejects(ccf());
    await expect(tasks.decide(edu, TASK, { decision: 'approve' })).resolves.toMatchObject({ decision: 'approve' });
    ddbMock
      .on(GetCommand)
      .resolvesOnce({ Item: taskRecord('education') })
      .resolves({ Item: decided('reject', 'rejected', { comment: 'x' }) });
    await expect(tasks.decide(edu, TASK, { decision: 'approve' })).rejects.toBeInstanceOf(ConflictError);
  });

  // Non-officers (403) and malformed decisions (422) stop at the edge: test/unit/functions/api/tasks.test.ts.
  test('another department or a stranger id cannot decide', async () => {
    stored();
    await expect(tasks.decide(officer('hrss'), TASK, { decision: 'approve' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(tasks.decide(edu, 'Tgarbage', { decision: 'approve' })).rejects.toBeInstanceOf(NotFoundError);
    expect(ddbMock.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});

describe('inbox and task detail', () => {
  test('overdue = open tasks due before now, soonest first; other departments are 403', async () => {
    ddbMock.on(QueryCommand).resolves({
      Items: [taskRecord('education', { dueAt: '2026-09-29T16:00:00.000Z' })],
      LastEvaluatedKey: { pk: 'a', sk: 'b', gsi3pk: 'DEPT#education#open', gsi3sk: '2026-09-29T16:00:00.000Z#T1' },
    });
    const page = await tasks.inbox(edu, 'education', { status: 'overdue', limit: 1 });

    expect(ddbMock.commandCalls(QueryCommand)[0]!.args[0].input).toMatchObject({
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk < :before',
      ExpressionAttributeValues: { ':pk': 'DEPT#education#open', ':before': START.toISOString() },
      Limit: 1,
    });
    expect(page.items).toEqual([expect.objectContaining({ taskId: TASK, overdue: true, status: 'open' })]);
    expect(page.nextCursor).toEqual(expect.any(String));
    await tasks.inbox(edu, 'education', { status: 'overdue', limit: 5, cursor: page.nextCursor });
    expect(ddbMock.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({
      pk: 'a',
      sk: 'b',
      gsi3pk: 'DEPT#education#open',
      gsi3sk: '2026-09-29T16:00:00.000Z#T1',
    });
    // A cursor is bound to its filters: the overdue page's cursor does not continue `done` or `open`.
    await expect(tasks.inbox(edu, 'education', { status: 'done', limit: 5, cursor: page.nextCursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(tasks.inbox(edu, 'education', { status: 'open', limit: 5, cursor: page.nextCursor })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(tasks.inbox(edu, 'hrss', { status: 'open', limit: 5 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(tasks.inbox(edu, 'education', { status: 'open', limit: 5, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  test("a task shows only its department's fields, materials and checks", async () => {
    ddbMock.on(GetCommand, { Key: { pk: `APP#${APP_ID}`, sk: 'TASK#public-security' } }).resolves({ Item: taskRecord('public-security') });
    ddbMock.on(GetCommand, { Key: { pk: `APP#${APP_ID}`, sk: 'APP' } }).resolves({ Item: appRecord() });
    const detail = await tasks.get(officer('public-security'), taskId(APP_ID, 'public-security'));

    expect(detail.form).toEqual({
      child: { name: '张小明', idNumber: '410106201909010034' },
      guardian: { name: '张伟', idNumber: '410102198503150010' },
    });
    expect(detail.materials).toEqual([
      {
        materialId: 'household-booklet',
        name: { zh: '户口簿', en: 'Household register booklet' },
        sizeBytes: 10,
        contentType: 'application/pdf',
      },
    ]);
    expect(detail.checks.map((c) => c.id)).toEqual(['household']);
    expect(JSON.stringify(detail)).not.toMatch(/token|ownerSub|requestHash/);
  });
});
