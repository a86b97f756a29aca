/**
 * The timing log on a client whose composition root lets it remember chains (issue 9): an
 * append starts from the chain this process last wrote or read; the conditional put on the
 * sequence slot still decides, so another writer's event is never overwritten or duplicated.
 */
import { DynamoDBClient, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DocumentStore, PutCommand, QueryCommand } from '../../../../shared/aws/document-store';
import { mockDocumentStore } from '../../support/document-store-mock';
import { createTimingLog } from '../../../../shared/audit/store';
import { CHAIN_CACHE_LIMIT, cachedChain, rememberChain, rememberChainsOn } from '../../../../shared/audit/chain-cache';
import { verifyChain } from '../../../../shared/audit/chain';
import type { TimingEventInput } from '../../../../shared/audit/types';
import { DevClock } from '../../../../local/dev/clock';

const ddbMock = mockDocumentStore();
afterEach(() => ddbMock.reset());

const newClient = () =>
  new DocumentStore(new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const clock = new DevClock({ start: new Date('2026-09-30T02:00:00Z'), realNow: () => 0 });
const APP = 'A01J00000000000000000000000';

const event = (key: string): TimingEventInput => ({
  key,
  type: 'branch-opened',
  actor: { role: 'system' },
  serviceId: 'school-enrolment',
  walkthrough: false,
  department: key.split(':')[1] ?? 'education',
});

const putItems = () => ddbMock.commandCalls(PutCommand).map((c) => c.args[0].input.Item as Record<string, any>);

/** A log on a fresh client that remembers chains (each test its own cache). */
function rememberingLog() {
  const ddb = newClient();
  rememberChainsOn(ddb);
  return { ddb, log: createTimingLog({ ddb, clock, tableName: 'audit', sleep: async () => undefined }) };
}

test('appends after the first read start from the remembered chain: one Query for three appends, a valid chain', async () => {
  const { log } = rememberingLog();
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const a = await log.append(APP, event('branch-opened:education'));
  const b = await log.append(APP, event('branch-opened:hrss'));
  const [c] = await log.appendAll(APP, [event('branch-opened:real-estate')]);

  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(1);
  expect(putItems().map((i) => i.sk)).toEqual(['0000000001', '0000000002', '0000000003']);
  expect(verifyChain([a, b, c!])).toEqual({ ok: true, checked: 3 });
});

test('a key already in the remembered chain is returned without a read or a write (a replayed step)', async () => {
  const { log } = rememberingLog();
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const first = await log.append(APP, event('branch-opened:education'));
  ddbMock.resetHistory();

  expect(await log.append(APP, event('branch-opened:education'))).toEqual(first);
  expect(await log.ensure(APP, event('branch-opened:education'))).toEqual(first);
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(0);
  expect(ddbMock.commandCalls(PutCommand)).toHaveLength(0);
});

test('another writer extended the chain meanwhile: the put on the taken slot fails, the chain is read again, nothing duplicated', async () => {
  const { log } = rememberingLog();
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  const mine = await log.append(APP, event('branch-opened:education'));
  const ours = putItems()[0]!;
  // Elsewhere (another Lambda) `branch-opened:hrss` took seq 2; this process does not know.
  const theirs: Record<string, any> = { ...ours, key: 'branch-opened:hrss', sk: '0000000002', seq: 2 };
  ddbMock.reset();
  ddbMock
    .on(PutCommand)
    .rejectsOnce(new ConditionalCheckFailedException({ message: 'taken', $metadata: {} }))
    .resolves({});
  ddbMock.on(QueryCommand).resolves({ Items: [ours, theirs] });

  // The other writer's event comes back as logged; only the new one is written, after it.
  const [hrss, realEstate] = await log.appendAll(APP, [event('branch-opened:hrss'), event('branch-opened:real-estate')]);
  expect(hrss!.seq).toBe(2);
  expect(realEstate!.seq).toBe(3);
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(1);
  // The first attempt tried slot 2 for hrss (refused); the retry wrote only real-estate, in slot 3.
  expect(putItems().map((i) => [i.key, i.sk])).toEqual([
    ['branch-opened:hrss', '0000000002'],
    ['branch-opened:real-estate', '0000000003'],
  ]);
  expect(realEstate!.prevHash).toBe(theirs.hash);
  expect(mine.seq).toBe(1);
});

test('a log on a client nobody enabled reads the chain before every append (unit-tested clients, tools)', async () => {
  const log = createTimingLog({ ddb: newClient(), clock, tableName: 'audit' });
  ddbMock.on(QueryCommand).resolves({ Items: [] });
  ddbMock.on(PutCommand).resolves({});
  await log.append(APP, event('branch-opened:education'));
  ddbMock.on(QueryCommand).resolves({ Items: [putItems()[0]!] });
  await log.append(APP, event('branch-opened:hrss'));
  expect(ddbMock.commandCalls(QueryCommand)).toHaveLength(2);
});

test('the cache keeps the longer of two states of a chain and is bounded, oldest out', () => {
  const client = {};
  rememberChainsOn(client);
  rememberChain(client, 'k', [1, 2, 3]);
  rememberChain(client, 'k', [1, 2]);
  expect(cachedChain(client, 'k')).toEqual([1, 2, 3]);
  for (let i = 0; i < CHAIN_CACHE_LIMIT; i++) rememberChain(client, `other-${i}`, [i]);
  expect(cachedChain(client, 'k')).toBeUndefined();
  expect(cachedChain(client, `other-${CHAIN_CACHE_LIMIT - 1}`)).toEqual([CHAIN_CACHE_LIMIT - 1]);
});
