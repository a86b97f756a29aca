/**
 * Tamper tests: events edited, deleted, inserted, reordered, a chain recomputed after an edit,
 * cut short or deleted whole, directly in DynamoDB (as someone with table access would), and
 * `GET /v1/audit/verify` must name each. The chain heads are sealed by the local anchor timer
 * when the dev clock passes a day.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '../../../shared/aws/document-store';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { getService, submitExample, waitForBranches } from '../support/flows';
import { hashEvent } from '../../../shared/audit/chain';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
let inspector: OneThingClient;
const apps: string[] = [];
const DAY = '2026-09-30';

type Item = Record<string, any>;
const table = () => t.runtime.deps.config.auditTableName;
const chainOf = async (id: string): Promise<Item[]> =>
  (
    await t.runtime.deps.ddb.send(
      new QueryCommand({ TableName: table(), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `APP#${id}` } }),
    )
  ).Items as Item[];
const put = (item: Item) => t.runtime.deps.ddb.send(new PutCommand({ TableName: table(), Item: item }));
const remove = (item: Item) => t.runtime.deps.ddb.send(new DeleteCommand({ TableName: table(), Key: { pk: item.pk, sk: item.sk } }));
const verifyApp = (id: string) =>
  inspector.request<{ ok: boolean; broken: any[]; checked: number }>('GET', `/v1/audit/verify?applicationId=${id}`);
/** An event's hash as the store computes it (the stored item minus its keys and hash). */
const rehash = (item: Item, prevHash: string): string => {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _h, hash: _x, ...event } = item;
  return hashEvent({ ...event, prevHash }, prevHash);
};

beforeAll(async () => {
  t = await startTestRuntime();
  inspector = await t.api.login({ role: 'inspector', sub: 'ins-tamper' });
  const service = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'tamper-owner' });
  for (let i = 0; i < 8; i++) {
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    apps.push(id);
  }
  // A day later (platform time) the timer has sealed every chain head into an anchor.
  await t.api.request('POST', '/v1/dev/clock', { advanceSeconds: 25 * 3600 });
});
afterAll(() => t.close());

test('untouched: every chain verifies, alone and over the period, against a sealed anchor', async () => {
  const anchors = fs
    .readFileSync(path.join(t.dataDir, 'anchors.ndjson'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Item);
  expect(anchors.length).toBeGreaterThanOrEqual(2);
  expect(anchors.at(-1)!.chains).toBe(apps.length);
  expect(anchors[1]!.prev).toBe(anchors[0]!.hash);
  for (const id of apps) expect(await verifyApp(id)).toMatchObject({ ok: true, broken: [] });
  const all = await inspector.request('GET', `/v1/audit/verify?from=${DAY}&to=${DAY}`);
  expect(all).toMatchObject({ ok: true, chains: apps.length, broken: [] });
});

test('an edited event: hash-mismatch at its seq', async () => {
  const [, second] = await chainOf(apps[0]!);
  await t.runtime.deps.ddb.send(
    new UpdateCommand({
      TableName: table(),
      Key: { pk: second!.pk, sk: second!.sk },
      UpdateExpression: 'SET dueAt = :d',
      ExpressionAttributeValues: { ':d': '2026-12-31T16:00:00.000Z' },
    }),
  );
  expect((await verifyApp(apps[0]!)).broken).toEqual([{ applicationId: apps[0], seq: 2, reason: 'hash-mismatch' }]);
});

test('a deleted event: the next one is out of sequence', async () => {
  const [, second] = await chainOf(apps[1]!);
  await remove(second!);
  expect((await verifyApp(apps[1]!)).broken).toEqual([{ applicationId: apps[1], seq: 3, reason: 'seq-gap' }]);
});

test('an inserted event, even with a valid hash, breaks the sequence after it', async () => {
  const [, second, third] = await chainOf(apps[2]!);
  const fake: Item = { ...second!, sk: `${second!.sk}x`, seq: 3, key: 'forged', prevHash: second!.hash, detail: { forged: true } };
  fake.hash = rehash(fake, second!.hash);
  await put(fake);
  expect((await verifyApp(apps[2]!)).broken).toEqual([{ applicationId: apps[2], seq: third!.seq, reason: 'seq-gap' }]);
});

test('two events reordered: out of sequence where the swap starts', async () => {
  const [, second, third] = await chainOf(apps[3]!);
  await put({ ...third!, sk: second!.sk });
  await put({ ...second!, sk: third!.sk });
  expect((await verifyApp(apps[3]!)).broken).toEqual([{ applicationId: apps[3], seq: 3, reason: 'seq-gap' }]);
});

test('an edit with every later hash recomputed passes the chain but not the anchor', async () => {
  const chain = await chainOf(apps[4]!);
  let prev = chain[0]!.hash as string;
  for (const item of chain.slice(1)) {
    const edited: Item = { ...item, prevHash: prev, ...(item.seq === 2 ? { dueAt: '2027-01-31T16:00:00.000Z' } : {}) };
    edited.hash = rehash(edited, prev);
    await put(edited);
    prev = edited.hash;
  }
  const sealed = chain.at(-1)!;
  expect((await verifyApp(apps[4]!)).broken).toEqual([{ applicationId: apps[4], seq: sealed.seq, reason: 'differs-from-anchor' }]);
});

test('a chain cut short after its seal: cut-short at the sealed head', async () => {
  const chain = await chainOf(apps[5]!);
  await remove(chain.at(-1)!);
  expect((await verifyApp(apps[5]!)).broken).toEqual([{ applicationId: apps[5], seq: chain.at(-1)!.seq, reason: 'cut-short' }]);
});

test('a whole chain deleted: found by the application and by the period', async () => {
  const chain = await chainOf(apps[6]!);
  for (const item of chain) await remove(item);
  expect((await verifyApp(apps[6]!)).broken).toEqual([{ applicationId: apps[6], seq: chain.at(-1)!.seq, reason: 'chain-deleted' }]);
  const period = await inspector.request<{ ok: boolean; broken: any[] }>('GET', `/v1/audit/verify?from=${DAY}&to=${DAY}`);
  expect(period.ok).toBe(false);
  expect(period.broken.map((b) => [b.applicationId, b.reason]).sort()).toEqual(
    [
      [apps[0], 'hash-mismatch'],
      [apps[1], 'seq-gap'],
      [apps[2], 'seq-gap'],
      [apps[3], 'seq-gap'],
      [apps[4], 'differs-from-anchor'],
      [apps[5], 'cut-short'],
      [apps[6], 'chain-deleted'],
    ].sort(),
  );
  expect(await verifyApp(apps[7]!)).toMatchObject({ ok: true });
});

test('an edited anchor is found too', async () => {
  const file = path.join(t.dataDir, 'anchors.ndjson');
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  const first = JSON.parse(lines[0]!) as Item;
  lines[0] = JSON.stringify({ ...first, sealedAt: '2026-09-29T00:00:00.000Z' });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  expect((await verifyApp(apps[7]!)).broken).toEqual(
    expect.arrayContaining([{ applicationId: '*', seq: 1, reason: 'anchor-hash-mismatch' }]),
  );
});

test('verify: bad queries are 422 naming the parameter', async () => {
  const bad = (q: string) => inspector.request('GET', `/v1/audit/verify?${q}`).catch((e: { status: number; problem: any }) => e);
  expect(await bad('')).toMatchObject({
    status: 422,
    problem: { errors: expect.arrayContaining([expect.objectContaining({ path: 'from' })]) },
  });
  expect(await bad(`applicationId=${apps[0]}&from=${DAY}&to=${DAY}`)).toMatchObject({
    status: 422,
    problem: { errors: [{ path: 'applicationId' }] },
  });
  expect(await bad('applicationId=nope')).toMatchObject({ status: 422, problem: { errors: [{ path: 'applicationId' }] } });
});
