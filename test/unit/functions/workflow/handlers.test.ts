import { GetCommand, PutCommand, QueryCommand } from '../../../../shared/aws/document-store';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createIntakeHandler } from '../../../../functions/workflow/intake';
import { createTaskAwaitHandler } from '../../../../functions/workflow/task-await';
import { createCheckpointHandler } from '../../../../functions/workflow/checkpoint';
import { createFinalizeHandler } from '../../../../functions/workflow/finalize';
import { createReconcileHandler } from '../../../../functions/workflow/reconcile';
import { createStepDeps } from '../../../../functions/workflow/steps';
import { asStepError } from '../../../../functions/workflow/step-handler';
import { AuditConflictError } from '../../../../shared/audit/errors';
import { lambdaContext } from '../../../fixtures/lambda-context';
import { appRecord, taskRecord, testDeps } from '../../shared/applications/helpers';
import intakeEvent from '../../../events/intake.json';
import awaitDecision from '../../../events/task-await-decision.json';
import awaitSupplement from '../../../events/task-await-supplement.json';
import checkpointEvent from '../../../events/checkpoint.json';
import finalizeRejected from '../../../events/finalize-rejected.json';

const ddbMock = mockDocumentStore();
// The handlers are built over the test's deps: nothing depends on which module loaded first.
const deps = testDeps();
const stepDeps = createStepDeps(() => deps);
const intake = createIntakeHandler(stepDeps);
const taskAwait = createTaskAwaitHandler(stepDeps);
const checkpoint = createCheckpointHandler(stepDeps);
const finalize = createFinalizeHandler(stepDeps);
const reconcile = createReconcileHandler(stepDeps);
afterEach(() => ddbMock.reset());
const context = lambdaContext();

test('intake parses the event and returns the step result', async () => {
  ddbMock.on(GetCommand).resolves({ Item: appRecord() });
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const out = await intake(intakeEvent, context);
  expect(Object.keys(out.branches)).toEqual(['education', 'public-security', 'real-estate', 'hrss']);
});

test('task-await opens the task of the fixture event', async () => {
  // The application partition (main table) holds the application but no task yet.
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(QueryCommand, { TableName: testDeps().config.tableName }).resolves({ Items: [appRecord()] });
  ddbMock.on(PutCommand).resolves({});
  await expect(taskAwait(awaitDecision, context)).resolves.toEqual({ outcome: 'waiting' });
});

test.each([
  ['a decision wait without dates', { ...awaitSupplement, kind: 'decision' }, ['dueAt', 'warnAt']],
  ['a bad application id', { ...checkpointEvent, applicationId: 'nope' }, ['applicationId']],
])('%s is a ValidationError naming the fields', async (_, event, fields) => {
  const run = 'kind' in event ? taskAwait : checkpoint;
  const error = await run(event as never, context).catch((e: Error) => e);
  expect(error).toMatchObject({ name: 'ValidationError', errors: fields.map((path) => ({ path, message: expect.any(String) })) });
});

test('finalize of a rejection needs rejectedBy', async () => {
  const { rejectedBy: _omitted, ...event } = finalizeRejected;
  await expect(finalize(event, context)).rejects.toMatchObject({
    name: 'ValidationError',
    errors: [{ path: 'rejectedBy', message: expect.any(String) }],
  });
});

test('a throttled DynamoDB surfaces as DependencyError, the name the state machine retries', async () => {
  ddbMock
    .on(GetCommand)
    .rejects(new DynamoDBServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } }));
  await expect(checkpoint(checkpointEvent, context)).rejects.toMatchObject({ name: 'DependencyError' });
});

test('retryable subclasses are renamed DependencyError; domain errors keep their name', async () => {
  expect(asStepError(new AuditConflictError('A1', 5, new Error('x')), 'checkpoint').name).toBe('DependencyError');
  ddbMock.on(GetCommand).resolves({});
  await expect(checkpoint(checkpointEvent, context)).rejects.toMatchObject({ name: 'NotFoundError' });
  ddbMock.on(GetCommand).resolves({ Item: taskRecord('education') });
  await expect(checkpoint(checkpointEvent, context)).resolves.toMatchObject({ nextCheckpointAt: '2026-10-13T16:00:00.000Z' });
});

test('a dependency that did not answer at all (connection refused) is retryable too', () => {
  const refused = Object.assign(new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:8000'), {
    $metadata: { attempts: 4 },
  });
  expect(asStepError(refused, 'finalize').name).toBe('DependencyError');
  const denied = Object.assign(new Error('no'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
  expect(asStepError(denied, 'finalize').name).toBe('AccessDeniedException');
});

test('reconcile takes the schedule event and reports what it repaired, reading only the index of unfinished work', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  await expect(reconcile({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, context)).resolves.toEqual({
    started: 0,
    stopped: 0,
    delivered: 0,
    read: 0,
    failed: 0,
    more: false,
    lagSeconds: 0,
  });
  // One Query per kind of mark: start, event-start (12345 events), stop, delivery.
  expect(ddbMock.commandCalls(QueryCommand).map((c) => c.args[0].input.IndexName)).toEqual(['gsi4', 'gsi4', 'gsi4', 'gsi4']);
});
