import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DocumentStore, PutCommand, QueryCommand } from '../../../../shared/aws/document-store';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createTimingLog } from '../../../../shared/audit/store';
import { verifyChain, GENESIS_HASH } from '../../../../shared/audit/chain';
import { AuditConflictError } from '../../../../shared/audit/errors';
import type { TimingEventInput } from '../../../../shared/audit/types';
import { DevClock } from '../../../../local/dev/clock';

const ddbMock = mockDocumentStore();
const sleep = jest.fn(async (_ms: number) => undefined);
afterEach(() => {
  ddbMock.reset();
  sleep.mockClear();
});

const ddb = new DocumentStore(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
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
  expect(put!.args[0].input).toMatchObject({ TableName: 'audit', ConditionExpression: 'attribute_not_exists(sk)' });
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
  ddbMock.on(QueryCommand).resolves({ Items: [putItems()[0]!] });
  const more = await log.appendAll(APP, [
    event('decided:education:0', { type: 'decided' }),
    event('supplement-requested:education:0', { type: 'supplement-requested' }),
  ]);

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
  ddbMock
    .on(QueryCommand)
    .resolvesOnce({ Items: [] })
    .resolves({ Items: [rival] });
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
  const stored = await log.append(
    APP,
    event('decided:x', { type: 'decided', detail: { comment: '申请人 410102198503150010 信息不符', guardian: { name: '张伟' } } }),
  );

  expect(JSON.stringify(putItems()[0])).not.toContain('410102198503150010');
  expect(stored.detail).toEqual({ comment: '申请人 410102********0010 信息不符', guardian: { name: '张*' } });
  expect(verifyChain([stored]).ok).toBe(true);
});

test('list pages through the whole chain and strips the storage keys', async () => {
  const item = (seq: number) => ({
    pk: `APP#${APP}`,
    sk: String(seq).padStart(10, '0'),
    gsi1pk: 'DAY#x',
    gsi1sk: 'y',
    seq,
    key: `k${seq}`,
  });
  ddbMock
    .on(QueryCommand)
    .resolvesOnce({ Items: [item(1)], LastEvaluatedKey: { pk: 'p', sk: '1' } })
    .resolves({ Items: [item(2)] });
  const events = await log.list(APP);

  expect(events).toEqual([
    { seq: 1, key: 'k1' },
    { seq: 2, key: 'k2' },
  ]);
  expect(ddbMock.commandCalls(QueryCommand)[1]!.args[0].input.ExclusiveStartKey).toEqual({ pk: 'p', sk: '1' });
});

test('concurrent appends to one chain from this process take turns: no lost race, one write each', async () => {
  const stored: Record<string, any>[] = [];
  ddbMock.on(QueryCommand).callsFake(async () => ({ Items: [...stored] }));
  ddbMock.on(PutCommand).callsFake(async (input: { Item: Record<string, any> }) => {
    // The conditional put, as DynamoDB evaluates it: the slot must be free.
    if (stored.some((i) => i.sk === input.Item.sk)) throw new ConditionalCheckFailedException({ message: 'taken', $metadata: {} });
    stored.push(input.Item);
    return {};
  });
  const depts = ['education', 'hrss', 'police', 'health'];
  const events = await Promise.all(depts.map((d) => log.append(APP, event(`decided:${d}:0`, { type: 'decided', department: d }))));

  expect(events.map((e) => e.seq).sort()).toEqual([1, 2, 3, 4]);
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(4);
  expect(sleep).not.toHaveBeenCalled();
  expect(verifyChain([...events].sort((a, b) => a.seq - b.seq))).toEqual({ ok: true, checked: 4 });
});

test('a failed append does not block the next one on the same chain', async () => {
  ddbMock.on(QueryCommand).rejectsOnce(new Error('network down')).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const [failed, next] = await Promise.allSettled([log.append(APP, event('a')), log.append(APP, event('b'))]);

  expect(failed).toMatchObject({ status: 'rejected', reason: { message: 'network down' } });
  expect(next).toMatchObject({ status: 'fulfilled', value: { seq: 1, key: 'b' } });
});

test('newChain skips the first read; if the chain was not empty after all, the put fails and it re-reads', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  await log.append(APP, event('submitted', { type: 'submitted' }), { newChain: true });
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(0);

  ddbMock.reset();
  const reconciled = { pk: `APP#${APP}`, sk: '0000000001', seq: 1, key: 'submitted', hash: 'e'.repeat(64) };
  ddbMock.on(QueryCommand).resolves({ Items: [reconciled] });
  ddbMock.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }));
  const again = await log.append(APP, event('submitted', { type: 'submitted' }), { newChain: true });

  expect(again).toMatchObject({ seq: 1, hash: 'e'.repeat(64) });
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(1);
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(1);
});

test('ensure returns an event already logged after one read, without taking a turn or writing', async () => {
  const logged = {
    pk: `APP#${APP}`,
    sk: '0000000001',
    gsi1pk: 'DAY#x',
    gsi1sk: 'y',
    seq: 1,
    key: 'branch-opened:education',
    hash: 'a'.repeat(64),
  };
  let release!: () => void;
  const blocked = new Promise<void>((resolve) => (release = resolve));
  // An append in flight on the same chain holds the turn until released.
  ddbMock
    .on(QueryCommand)
    .callsFakeOnce(async () => {
      await blocked;
      return { Items: [logged] };
    })
    .resolves({ Items: [logged] });
  ddbMock.on(PutCommand).resolves({});
  const inFlight = log.append(APP, event('decided:hrss:0', { type: 'decided', department: 'hrss' }));
  await new Promise((resolve) => setImmediate(resolve));
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(1);
  const ensured = await log.ensure(APP, event('branch-opened:education'));

  expect(ensured).toMatchObject({ seq: 1, key: 'branch-opened:education' });
  expect(ensured).not.toHaveProperty('pk');
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
  release();
  await expect(inFlight).resolves.toMatchObject({ seq: 2 });
});

test('ensure appends the event when it is missing', async () => {
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const stored = await log.ensure(APP, event('branch-opened:education'));

  expect(stored).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
  expect(putItems().map((i) => i.key)).toEqual(['branch-opened:education']);
});
