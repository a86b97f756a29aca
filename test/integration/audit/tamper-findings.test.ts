/**
 * Stored tamper findings (shared/audit/tamper-findings.ts, tamper-check.ts) on the real runtime:
 * events edited, a chain deleted whole, a chain recomputed after an edit and a chain cut short,
 * directly in DynamoDB, show up in `/v1/audit/anomalies?kind=tamper` and in the unfiltered list
 * after the scheduled anchor run (a dev-clock day) WITHOUT anyone calling verify; the list never
 * reads a chain; a finding keeps its first-found instant; a crash between finding and recording
 * loses nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentStore } from '../../../shared/aws/document-store';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { getService, submitExample, waitForBranches } from '../support/flows';
import { hashEvent } from '../../../shared/audit/chain';
import { rollUpFacts } from '../../../shared/audit/facts-rollup';
import { checkAndSeal } from '../../../shared/audit/tamper-check';
import { fileAnchorStore } from '../../../shared/audit/anchor-store';
import { ANOMALIES_PREFIX } from '../../../shared/audit/anomaly-rows';
import type { OneThingClient } from '../../../local/client';
import { ddbProbes } from '../support/client-probes';

let t: TestRuntime;
let inspector: OneThingClient;
const apps: string[] = [];
const DAY = '2026-09-30';
const Q = `from=${DAY}&to=${DAY}&limit=100`;

type Item = Record<string, any>;
type Page = { items: Item[]; nextCursor?: string };
const ddb = () => t.runtime.deps.ddb;
const auditTable = () => t.runtime.deps.config.auditTableName;
const chainOf = async (id: string): Promise<Item[]> =>
  (
    await ddb().send(
      new QueryCommand({ TableName: auditTable(), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `APP#${id}` } }),
    )
  ).Items as Item[];
const put = (item: Item) => ddb().send(new PutCommand({ TableName: auditTable(), Item: item }));
const remove = (item: Item) => ddb().send(new DeleteCommand({ TableName: auditTable(), Key: { pk: item.pk, sk: item.sk } }));
const rehash = (item: Item, prevHash: string): string => {
  const { pk: _p, sk: _s, gsi1pk: _g, gsi1sk: _h, hash: _x, ...event } = item;
  return hashEvent({ ...event, prevHash }, prevHash);
};
const advanceDay = () => t.api.request('POST', '/v1/dev/clock', { advanceSeconds: 25 * 3600 });
const tamperList = (query = `${Q}&kind=tamper`) => inspector.request<Page>('GET', `/v1/audit/anomalies?${query}`);
const named = (items: Item[]) =>
  items
    .filter((a) => a.kind === 'tamper')
    .map((a) => [a.applicationId, a.detail.reason, a.detail.seq])
    .sort();

/** The audit-table Queries of the runtime's own client that read a chain (key `APP#…`, no index) while `on`. */
function countChainReads() {
  let chainReads = 0;
  const stack = ddbProbes(ddb());
  stack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
      const { input } = args;
      const pk = input.ExpressionAttributeValues?.[':pk'];
      if (
        context.commandName === 'QueryCommand' &&
        input.TableName === auditTable() &&
        input.IndexName === undefined &&
        String(pk?.S ?? pk).startsWith('APP#')
      )
        chainReads++;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'countChainReads' },
  );
  return {
    count: () => chainReads,
    stop: () => void stack.remove('countChainReads'),
  };
}

beforeAll(async () => {
  // The rollup is run by the test itself (a timer step at the same time would be refused).
  t = await startTestRuntime({ factsRollupEveryMs: 0 });
  inspector = await t.api.login({ role: 'inspector', sub: 'ins-findings' });
  const service = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'findings-owner' });
  for (let i = 0; i < 6; i++) {
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    apps.push(id);
  }
  // A day later (platform time) the timer has checked the log and sealed every chain head.
  await advanceDay();
});
afterAll(() => t.close());

test('tampering directly in DynamoDB is listed after the scheduled run, without anyone calling verify', async () => {
  // apps[0]: an event edited in place (no hash recomputed).
  const [, second] = await chainOf(apps[0]!);
  await ddb().send(
    new UpdateCommand({
      TableName: auditTable(),
      Key: { pk: second!.pk, sk: second!.sk },
      UpdateExpression: 'SET dueAt = :d',
      ExpressionAttributeValues: { ':d': '2026-12-31T16:00:00.000Z' },
    }),
  );
  // apps[1]: the whole chain deleted.
  const deleted = await chainOf(apps[1]!);
  for (const item of deleted) await remove(item);
  // apps[2]: an edit with every later hash recomputed.
  const recomputed = await chainOf(apps[2]!);
  let prev = recomputed[0]!.hash as string;
  for (const item of recomputed.slice(1)) {
    const edited: Item = { ...item, prevHash: prev, ...(item.seq === 2 ? { dueAt: '2027-01-31T16:00:00.000Z' } : {}) };
    edited.hash = rehash(edited, prev);
    await put(edited);
    prev = edited.hash;
  }
  // apps[3]: cut short (its sealed head removed).
  const cut = await chainOf(apps[3]!);
  await remove(cut.at(-1)!);

  // Nothing is listed before the scheduled run: the list itself verifies nothing.
  expect((await tamperList()).items).toEqual([]);

  await advanceDay();
  const expected = [
    [apps[0], 'hash-mismatch', 2],
    [apps[1], 'chain-deleted', deleted.at(-1)!.seq],
    [apps[2], 'differs-from-anchor', recomputed.at(-1)!.seq],
    [apps[3], 'cut-short', cut.at(-1)!.seq],
  ].sort();
  const listed = await tamperList();
  expect(named(listed.items)).toEqual(expected);
  expect(listed.items.every((a) => a.at === listed.items[0]!.at)).toBe(true);
  // The unfiltered list has them too, alongside the other kinds.
  expect(named((await inspector.request<Page>('GET', `/v1/audit/anomalies?${Q}`)).items)).toEqual(expected);
  // A department filter matches no finding (a finding has no department); an earlier period none either.
  expect((await tamperList(`${Q}&kind=tamper&department=education`)).items).toEqual([]);
  expect((await tamperList('from=2026-09-01&to=2026-09-29&kind=tamper')).items).toEqual([]);
});

test('the list never reads a chain: kind=tamper, and the unfiltered list once the rollup has run', async () => {
  await rollUpFacts({
    ddb: ddb(),
    clock: t.runtime.clock,
    calendar: t.runtime.deps.calendar,
    auditTableName: auditTable(),
    tableName: t.runtime.deps.config.tableName,
  });
  const reads = countChainReads();
  try {
    const tamper = await tamperList();
    const all = await inspector.request<Page>('GET', `/v1/audit/anomalies?${Q}`);
    expect(named(tamper.items)).toHaveLength(4);
    expect(named(all.items)).toEqual(named(tamper.items));
    expect(reads.count()).toBe(0);
  } finally {
    reads.stop();
  }
});

test('a finding found again (next run, or verify) keeps its first instant and is listed once', async () => {
  const before = (await tamperList()).items;
  await advanceDay();
  await inspector.request('GET', `/v1/audit/verify?from=${DAY}&to=${DAY}`);
  expect((await tamperList()).items).toEqual(before);
});

test('found by an inspector verify first: listed at once, before any scheduled run', async () => {
  const [, second] = await chainOf(apps[4]!);
  await remove(second!);
  expect(named((await tamperList()).items)).not.toContainEqual([apps[4], 'seq-gap', 3]);
  await inspector.request('GET', `/v1/audit/verify?applicationId=${apps[4]}`);
  expect(named((await tamperList()).items)).toContainEqual([apps[4], 'seq-gap', 3]);
});

test('a crash between finding and recording loses nothing: the next run finds it again', async () => {
  const chain = await chainOf(apps[5]!);
  await remove(chain.at(-1)!);
  const anchorsFile = path.join(t.dataDir, 'anchors.ndjson');
  const anchorsBefore = fs.readFileSync(anchorsFile, 'utf8');
  const crashedAt = Date.parse(t.runtime.clock.now().toISOString());
  // The run crashes on its first list item write, after the first-found marker.
  const crashing = {
    send: (command: { input: { Item?: { pk?: string } } }) =>
      String(command.input.Item?.pk).startsWith(`${ANOMALIES_PREFIX}#tamper#`)
        ? Promise.reject(new Error('crash'))
        : ddb().send(command as never),
  } as unknown as DocumentStore;
  await expect(
    checkAndSeal({
      ddb: crashing,
      clock: t.runtime.clock,
      auditTableName: auditTable(),
      tableName: t.runtime.deps.config.tableName,
      anchors: fileAnchorStore(anchorsFile),
      logger: { error: () => undefined },
      writeMetric: () => undefined,
    }),
  ).rejects.toThrow('crash');
  // Nothing sealed, nothing listed for it yet.
  expect(fs.readFileSync(anchorsFile, 'utf8')).toBe(anchorsBefore);
  expect(named((await tamperList()).items)).not.toContainEqual([apps[5], 'cut-short', chain.at(-1)!.seq]);
  await advanceDay();
  const found = (await tamperList()).items.find((a) => a.applicationId === apps[5]);
  expect(found).toMatchObject({ detail: { reason: 'cut-short', seq: chain.at(-1)!.seq } });
  // Listed at the crashed run's instant (its first-found marker), not the day-later run's.
  expect(Date.parse(found!.at) - crashedAt).toBeLessThan(3_600_000);
});

/** One scheduled check-and-seal run as the anchor timer makes it, with the slice sizes given. */
const scheduledRun = (opts: { sweepChains?: number; headsPerRun?: number }) =>
  checkAndSeal(
    {
      ddb: ddb(),
      clock: t.runtime.clock,
      auditTableName: auditTable(),
      tableName: t.runtime.deps.config.tableName,
      anchors: fileAnchorStore(path.join(t.dataDir, 'anchors.ndjson')),
      logger: { error: () => undefined },
      writeMetric: () => undefined,
    },
    opts,
  );

test('the sweep re-hashes the sealed chains a slice per run and goes round; the other heads get one read each', async () => {
  const run = () => scheduledRun({ sweepChains: 4 });
  // Every earlier run swept all 6 sealed chains (fewer than SWEEP_CHAINS), so this one starts from the first.
  const first = await run();
  expect(first.check).toMatchObject({ rehashedChains: 4, headsChecked: 2 });
  expect(first.check.sweepNext).toBe([...apps].sort()[3]);
  const second = await run();
  expect(second.check).toMatchObject({ rehashedChains: 2, headsChecked: 4, sweepNext: '' });
  // apps[0]'s in-place edit is found only by re-hashing: by whichever run's slice held it.
  const hashFound = [first, second].filter((r) =>
    r.check.findings.some((f) => f.applicationId === apps[0] && f.reason === 'hash-mismatch'),
  );
  expect(hashFound).toHaveLength(1);
});

test('the heads check reads at most headsPerRun sealed heads per run, from its cursor, and goes round', async () => {
  // No sweep: every head is checked by the one read of step 2 only.
  const run = () => scheduledRun({ sweepChains: 0, headsPerRun: 4 });
  // The previous runs read every head (6 < HEADS_PER_RUN), so the cursor starts over.
  const first = await run();
  const sorted = [...apps].sort();
  expect(first.check).toMatchObject({ rehashedChains: 0, headsChecked: 4, headsNext: sorted[3] });
  const second = await run();
  expect(second.check).toMatchObject({ rehashedChains: 0, headsChecked: 2, headsNext: '' });
  // The chain deleted whole (apps[1]) is found by exactly the run whose slice held it.
  const deletionFound = [first, second].filter((r) =>
    r.check.findings.some((f) => f.applicationId === apps[1] && f.reason === 'chain-deleted'),
  );
  expect(deletionFound).toHaveLength(1);
  expect(deletionFound[0]).toBe(sorted.indexOf(apps[1]!) < 4 ? first : second);
});
