import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import { QueryCommand } from '../../../../shared/aws/document-store';
import { mockClient } from 'aws-sdk-client-mock';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createApplicationService } from '../../../../shared/applications';
import { NotFoundError, ValidationError } from '../../../../shared/errors';
import { APP_ID, appRecord, citizen, officer, taskRecord, testDeps, answerAtHttpEdge, DEPENDENCY_UNAVAILABLE } from './helpers';

const ddbMock = mockDocumentStore();
const s3Mock = mockClient(S3Client);
afterEach(() => {
  ddbMock.reset();
  s3Mock.reset();
});

const service = createApplicationService(testDeps());
const events = [
  { seq: 1, key: 'submitted', type: 'submitted', at: '2026-09-30T02:00:00.000Z', actor: { role: 'proxy', sub: 'p1' }, hash: 'h1' },
  {
    seq: 2,
    key: 'branch-opened:education',
    type: 'branch-opened',
    department: 'education',
    at: '2026-09-30T02:00:01.000Z',
    actor: { role: 'system' },
    hash: 'h2',
  },
  {
    seq: 3,
    key: 'branch-opened:hrss',
    type: 'branch-opened',
    department: 'hrss',
    at: '2026-09-30T02:00:01.000Z',
    actor: { role: 'system' },
    hash: 'h3',
  },
];
const proxied = appRecord({
  ownerSub: 'p1',
  submittedAs: 'proxy',
  onBehalfOf: { name: '张伟', idNumber: '410102198503150010', relation: '代办' },
});
beforeEach(() => {
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({
    Items: [proxied, taskRecord('education', { dueAt: '2026-10-30T16:00:00.000Z' }), taskRecord('hrss', { status: 'supplement-required' })],
  });
  ddbMock.on(QueryCommand, { TableName: 'audit' }).resolves({ Items: events });
});
const proxy = { sub: 'p1', role: 'proxy' as const };

test('the applicant sees every branch, the derived status, the timeline without subs, masked onBehalfOf', async () => {
  const view = await service.get(proxy, APP_ID);
  expect(view).toMatchObject({
    status: 'supplement-required',
    dueAt: '2026-10-30T16:00:00.000Z',
    onBehalfOf: { name: '张*', idNumber: '410102********0010', relation: '代办' },
  });
  expect(view.branches.map((b) => [b.department, b.status])).toEqual([
    ['education', 'open'],
    ['public-security', 'pending'],
    ['real-estate', 'pending'],
    ['hrss', 'supplement-required'],
  ]);
  expect(view.timeline[0]).toEqual({ at: '2026-09-30T02:00:00.000Z', type: 'submitted', actor: { role: 'proxy' } });
  expect(JSON.stringify(view)).not.toMatch(/token|p1|410102198503150010|requestHash/);
});

test("an officer of one of its departments sees only that department's branch and events", async () => {
  const view = await service.get(officer('education'), APP_ID);
  expect(view.branches.map((b) => b.department)).toEqual(['education']);
  expect(view.timeline.map((e) => e.department ?? '-')).toEqual(['-', 'education']);
  expect(view.sharedDataChecks.map((c) => c.id)).toEqual(['household']);
});

// Roles outside the route's (403) stop at the edge: test/unit/functions/api/applications.test.ts.
test('strangers and officers of other departments get 404, inspectors read all', async () => {
  await expect(service.get(citizen, APP_ID)).rejects.toBeInstanceOf(NotFoundError);
  await expect(service.get(officer('tax'), APP_ID)).rejects.toBeInstanceOf(NotFoundError);
  await expect(service.get({ sub: 'i', role: 'inspector' }, APP_ID)).resolves.toMatchObject({ id: APP_ID });
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [] });
  await expect(service.get(proxy, APP_ID)).rejects.toBeInstanceOf(NotFoundError);
});

test("list: the caller's own applications newest first, with an opaque cursor", async () => {
  ddbMock
    .on(QueryCommand, { IndexName: 'gsi1' })
    .resolves({ Items: [proxied], LastEvaluatedKey: { pk: 'a', sk: 'b', gsi1pk: 'c', gsi1sk: 'd' } });
  const page = await service.list(proxy, { limit: 1 });
  expect(ddbMock.commandCalls(QueryCommand, { IndexName: 'gsi1' })[0]!.args[0].input).toMatchObject({
    ExpressionAttributeValues: { ':pk': 'OWNER#p1' },
    ScanIndexForward: false,
    Limit: 1,
  });
  // Not final yet: the list shows the same derived status and combined due date as the detail view.
  expect(page.items).toEqual([
    {
      id: APP_ID,
      serviceId: 'school-enrolment',
      status: 'supplement-required',
      submittedAt: proxied.submittedAt,
      dueAt: '2026-10-30T16:00:00.000Z',
      walkthrough: false,
    },
  ]);
  await service.list(proxy, { limit: 1, cursor: page.nextCursor });
  // The partition of the start key comes from the request (the caller), never from the cursor.
  expect(ddbMock.commandCalls(QueryCommand, { IndexName: 'gsi1' })[1]!.args[0].input.ExclusiveStartKey).toEqual({
    pk: 'a',
    sk: 'b',
    gsi1pk: 'OWNER#p1',
    gsi1sk: 'd',
  });
  await expect(service.list({ sub: 'p2', role: 'proxy' }, { limit: 1, cursor: page.nextCursor })).rejects.toBeInstanceOf(ValidationError);
  await expect(service.list(proxy, { limit: 1, cursor: '!!' })).rejects.toBeInstanceOf(ValidationError);
});

test('list: a final application needs no read of its tasks', async () => {
  const approved = appRecord({ ownerSub: 'p1', status: 'approved', completedAt: '2026-10-09T02:00:00.000Z' });
  ddbMock.on(QueryCommand, { IndexName: 'gsi1' }).resolves({ Items: [approved] });
  const page = await service.list(proxy, { limit: 5 });
  expect(page.items.map((i) => i.status)).toEqual(['approved']);
  expect(ddbMock.commandCalls(QueryCommand, { TableName: 'main' }).filter((c) => c.args[0].input.IndexName === undefined)).toHaveLength(0);
});

test('material links: the applicant, officers whose department sees the material, nobody else', async () => {
  const link = await service.materialLink(proxy, APP_ID, 'household-booklet');
  expect(new URL(link.url).pathname).toBe(`/applications/${APP_ID}/household-booklet`);
  ddbMock.on(QueryCommand, { TableName: 'main' }).resolves({ Items: [proxied, taskRecord('public-security'), taskRecord('education')] });
  await expect(service.materialLink(officer('public-security'), APP_ID, 'household-booklet')).resolves.toHaveProperty('url');
  // Education sees no materials at all (DepartmentSpec.sees.materials is empty).
  await expect(service.materialLink(officer('education'), APP_ID, 'household-booklet')).rejects.toBeInstanceOf(NotFoundError);
  await expect(service.materialLink(proxy, APP_ID, 'property-certificate')).rejects.toBeInstanceOf(NotFoundError);
});

test('a throttled table is a retryable 503 not a 500', async () => {
  ddbMock.on(QueryCommand).rejects(
    new DynamoDBServiceException({
      name: 'ProvisionedThroughputExceededException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    }),
  );
  await expect(answerAtHttpEdge(() => service.get(proxy, APP_ID))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE);
});
