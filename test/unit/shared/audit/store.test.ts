import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createTimingLog } from '../../../../shared/audit/store';
import { verifyChain, GENESIS_HASH } from '../../../../shared/audit/chain';
import { AuditConflictError } from '../../../../shared/audit/errors';
import type { TimingEventInput } from '../../../../shared/audit/types';
import { DevClock } from '../../../../shared/clock';

const ddbMock = mockClient(DynamoDBDocumentClient);
const sleep = jest.fn(async (_ms: number) => undefined);
afterEach(() => {
  ddbMock.reset();
  sleep.mockClear();
});

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const clock = new DevClock({ start: new Date('2026-09-30T02:00:00Z'), realNow: () => 0 });
const log = createTimingLog({ ddb, clock, tableName: 'audit', sleep });
const APP = 'A01J00000000000000000000000';

const event = (key: string, extra: Partial<TimingEventInput> = {}): TimingEventInput => ({
  key,
  type: 'branch-opened',
  actor: { role: 'system' },
  serviceId: 'school-enrolment',
  walkthrough: false,
  department: 'education',
  ...extra,
});

const putItems = () => ddbMock.commandCalls(PutCommand).map((c) => c.args[0].input.Item as Record<string, any>);

test('the first event links to the genesis hash under seq 1, with the day index keys', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const stored = await log.append(APP, event('branch-opened:education'));

  const [put] = ddbMock.commandCalls(PutCommand);
  expect(put.args[0].input).toMatchObject({ TableName: 'audit', ConditionExpression: 'attribute_not_exists(sk)' });
  expect(putItems()[0]).toMatchObject({
    pk: `APP#${APP}`,
    sk: '0000000001',
    gsi1pk: 'DAY#2026-09-30',
    gsi1sk: `2026-09-30T02:00:00.000Z#${APP}#0000000001`,
    seq: 1,
    prevHash: GENESIS_HASH,
  });
  expect(stored).not.toHaveProperty('pk');
  expect(verifyChain([stored])).toEqual({ ok: true, checked: 1 });
});

test('appendAll chains several events after the stored ones with one read', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const first = await log.append(APP, event('submitted', { type: 'submitted', department: undefined }));
  ddbMock.on(QueryCommand).resolves({ Items: [putItems()[0]] });
  const more = await log.appendAll(APP, [event('decided:education:0', { type: 'decided' }), event('supplement-requested:education:0', { type: 'supplement-requested' })]);

  expect(more.map((e) => e.seq)).toEqual([2, 3]);
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(2);
  expect(verifyChain([first, ...more])).toEqual({ ok: true, checked: 3 });
});

test('an event whose key is already logged is returned, not written again (retried steps)', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  await log.append(APP, event('branch-opened:education'));
  ddbMock.on(QueryCommand).resolves({ Items: putItems() });
  const again = await log.append(APP, event('branch-opened:education'));

  expect(again.seq).toBe(1);
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(1);
});

test('a concurrent writer taking the sequence number makes it re-read and retry on the next one', async () => {
  const rival = { pk: `APP#${APP}`, sk: '0000000001', seq: 1, key: 'submitted', hash: 'f'.repeat(64) };
  ddbMock.on(QueryCommand).resolvesOnce({ Items: [] }).resolves({ Items: [rival] });
  ddbMock
    .on(PutCommand)
    .rejectsOnce(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }))
    .resolves({});
  const stored = await log.append(APP, event('warned:education:x', { type: 'warned' }));

  expect(stored).toMatchObject({ seq: 2, prevHash: 'f'.repeat(64) });
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(2);
});

test('losing the race twelve times in a row is a retryable AuditConflictError', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
  const error = await log.append(APP, event('k')).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(AuditConflictError);
  expect(error).toMatchObject({ retryable: true, attempts: 12 });
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(12);
  // Between attempts it backs off with jitter, never longer than the cap.
  expect(sleep).toHaveBeenCalledTimes(11);
  for (const [ms] of sleep.mock.calls) expect(ms).toBeLessThanOrEqual(160);
});

test('personal data in the detail is masked before it is stored and hashed', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const stored = await log.append(APP, event('decided:x', { type: 'decided', detail: { comment: '申请人 410102198503150010 信息不符', guardian: { name: '张伟' } } }));

  expect(JSON.stringify(putItems()[0])).not.toContain('410102198503150010');
  expect(stored.detail).toEqual({ comment: '申请人 410102********0010 信息不符', guardian: { name: '张*' } });
  expect(verifyChain([stored]).ok).toBe(true);
});

test('list pages through the whole chain and strips the storage keys', async () => {
  const item = (seq: number) => ({ pk: `APP#${APP}`, sk: String(seq).padStart(10, '0'), gsi1pk: 'DAY#x', gsi1sk: 'y', seq, key: `k${seq}` });
  ddbMock.on(QueryCommand).resolvesOnce({ Items: [item(1)], LastEvaluatedKey: { pk: 'p', sk: '1' } }).resolves({ Items: [item(2)] });
  const events = await log.list(APP);

  expect(events).toEqual([{ seq: 1, key: 'k1' }, { seq: 2, key: 'k2' }]);
  expect(ddbMock.commandCalls(QueryCommand)[1].args[0].input.ExclusiveStartKey).toEqual({ pk: 'p', sk: '1' });
});
