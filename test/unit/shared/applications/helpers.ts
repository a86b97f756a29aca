import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DocumentStore, PutCommand, QueryCommand } from '../../../../shared/aws/document-store';
import type { DocumentStoreMock } from '../../support/document-store-mock';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { Logger } from '@aws-lambda-powertools/logger';
import { loadCalendar } from '../../../../shared/calendar';
import { DevClock } from '../../../../local/dev/clock';
import type { Config } from '../../../../shared/config';
import type { PlatformDeps } from '../../../../shared/deps';
import { createSyntheticDataSharing } from '../../../../shared/registries';
import { keys, taskId } from '../../../../shared/applications/ids';
import type { ApplicationRecord, TaskRecord } from '../../../../shared/applications/records';
import { getService, seedCatalog } from '../../../../workflows/catalog';
import { httpHandler } from '../../../../functions/http/handler';
import { apiEvent } from '../../../events/api/events';
import { lambdaContext } from '../../../fixtures/lambda-context';

/** Shared fixtures of the applications tests: deps with real (mocked-at-send) clients and a fixed clock. */
export const config: Config = {
  local: false,
  region: 'us-east-1',
  tableName: 'main',
  auditTableName: 'audit',
  materialsBucket: 'materials',
  stateMachineArnPrefix: 'arn:aws:states:us-east-1:123456789012:stateMachine:',
  ports: { dynamodb: 8000, s3: 4569, sfn: 8083 },
};

export const START = new Date('2026-09-30T02:00:00.000Z'); // 10:00 CST, a Wednesday
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const calendar = loadCalendar();
const dataSharing = createSyntheticDataSharing();

/** A clock that stays where it is put: `advance()` moves it. */
export const fixedClock = (at = START) => new DevClock({ start: at, realNow: () => 0 });

export function testDeps(clock = fixedClock()): PlatformDeps & { clock: DevClock } {
  return {
    config,
    ddb: new DocumentStore(new DynamoDBClient({ region: 'us-east-1', credentials })),
    s3: new S3Client({ region: 'us-east-1', credentials }),
    sfn: new SFNClient({ region: 'us-east-1', credentials }),
    clock,
    calendar,
    dataSharing,
    logger: new Logger({ serviceName: 'test', logLevel: 'SILENT' }),
    catalog: seedCatalog,
  };
}

export const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

export const school = getService('school-enrolment');
export const APP_ID = 'A01J00000000000000000000000';
export const citizen = { sub: 'citizen-1', role: 'citizen' as const };
export const officer = (dept: string) => ({ sub: `officer-${dept}`, role: 'officer' as const, dept });

export function appRecord(overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  const submittedAt = START.toISOString();
  return {
    ...keys.application(APP_ID),
    id: APP_ID,
    serviceId: school.id,
    serviceVersion: school.version,
    ownerSub: citizen.sub,
    submittedAs: 'citizen',
    status: 'submitted',
    submittedAt,
    dueAt: '2026-10-22T16:00:00.000Z',
    walkthrough: false,
    form: school.example as Record<string, unknown>,
    materials: [
      {
        materialId: 'household-booklet',
        key: `applications/${APP_ID}/household-booklet`,
        sizeBytes: 10,
        contentType: 'application/pdf',
        sha256: 'a'.repeat(64),
      },
    ],
    checks: [
      {
        id: 'household',
        name: { zh: '户籍核验', en: 'Household' },
        passed: true,
        summary: { zh: '通过', en: 'ok' },
        detail: { people: 2 },
      },
    ],
    requestHash: 'h'.repeat(64),
    gsi1pk: keys.owner(citizen.sub),
    gsi1sk: `${submittedAt}#${APP_ID}`,
    gsi2pk: keys.day(submittedAt),
    gsi2sk: `${submittedAt}#${APP_ID}`,
    ...overrides,
  };
}

export function taskRecord(dept: string, overrides: Partial<TaskRecord> = {}): TaskRecord {
  const id = taskId(APP_ID, dept);
  return {
    ...keys.task(APP_ID, dept),
    taskId: id,
    applicationId: APP_ID,
    serviceId: school.id,
    serviceVersion: school.version,
    department: dept,
    walkthrough: false,
    status: 'open',
    openedAt: START.toISOString(),
    dueAt: '2026-10-15T16:00:00.000Z',
    warnAt: '2026-10-13T16:00:00.000Z',
    overdue: false,
    token: `token-${dept}`,
    tokenKind: 'decision',
    supplementRequests: [],
    gsi3pk: keys.inbox(dept, 'open'),
    gsi3sk: `2026-10-15T16:00:00.000Z#${id}`,
    ...overrides,
  };
}

/**
 * A timing-log table that keeps what is put into it (one application's chain), so that a
 * test can replay a request and count each event: audit Query returns the chain, audit Put
 * appends (a taken sequence number fails the condition, as DynamoDB would). `failNextPut`
 * makes the next append fail with throttling (a crash between two steps).
 */
export function fakeAuditTable(ddbMock: DocumentStoreMock, initial: Array<Record<string, any>> = []) {
  const chain = [...initial];
  let failNext = false;
  ddbMock.on(QueryCommand, { TableName: 'audit' }).callsFake(() => ({ Items: [...chain] }));
  ddbMock.on(PutCommand, { TableName: 'audit' }).callsFake((input: { Item: Record<string, any> }) => {
    if (failNext) {
      failNext = false;
      throw throttled();
    }
    if (chain.some((e) => e.sk === input.Item.sk)) throw ccf();
    chain.push(input.Item);
    return {};
  });
  return {
    chain,
    failNextPut: () => (failNext = true),
    /** How many times each event key was logged. */
    counts: () => chain.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.key]: (acc[e.key] ?? 0) + 1 }), {}),
  };
}

/** An AWS throttling error: transient, so the services answer 503 and the state machine retries. */
export const throttled = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 } });

/** An audit item as the store writes it, for chains a test starts from. */
export const loggedEvent = (seq: number, key: string, type: string) => ({
  pk: `APP#${APP_ID}`,
  sk: String(seq).padStart(10, '0'),
  seq,
  key,
  type,
  at: START.toISOString(),
  actor: { role: 'officer' },
  serviceId: school.id,
  walkthrough: false,
  hash: `h${seq}`,
});

/**
 * What the HTTP edge answers when a service call fails. The services throw AWS errors as they
 * come; the edge's `problemErrors` middleware is where they are classified (a transient one is
 * a retryable 503), so tests of that rule run the call through a real `httpHandler`.
 *
 * @example await expect(answerAtHttpEdge(() => service.get(p, id))).resolves.toMatchObject(DEPENDENCY_UNAVAILABLE)
 */
export async function answerAtHttpEdge(call: () => Promise<unknown>) {
  const handler = httpHandler({ auth: 'public', logger: new Logger({ logLevel: 'SILENT' }), timeoutEarlyInMillis: 0 }, async () => ({
    status: 200,
    body: await call(),
  }));
  const res = await handler(apiEvent({ routeKey: 'POST /v1/edge-test', claims: null }), lambdaContext());
  return { status: res.statusCode, problem: JSON.parse(res.body ?? 'null') as unknown, retryAfter: res.headers['retry-after'] };
}

/** The edge's answer to a transient AWS failure: retryable 503, never a 500. */
export const DEPENDENCY_UNAVAILABLE = {
  status: 503,
  problem: { type: 'https://onething.dev/problems/dependency-unavailable', status: 503 },
  retryAfter: '1',
};
