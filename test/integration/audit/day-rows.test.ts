/**
 * Day summaries and the anomaly index (shared/audit/day-rows.ts, anomaly-rows.ts) on the real
 * store: every report (tests in and out, per service, per department, over two months and
 * over a period across the month boundary) and every anomaly list (each kind, all pages, per
 * department) served from the rows plus the live tail equals what the chains alone give
 * before any rollup, and the brute force from the raw events; through a rollup that crashes
 * between its fact rows and its day rows, one that crashes between its day rows and its
 * watermark, its resumption to mid-period (applications already summarised then changed in
 * the tail) and a full rollup.
 */
import { QueryCommand } from '../../../shared/aws/document-store';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { writeEvents } from '../support/audit-log';
import { bruteForce, generate, NOW } from '../../unit/shared/audit/generated-logs';
import { readWatermark, rollUpFacts } from '../../../shared/audit/facts-rollup';
import { DAYS_PREFIX } from '../../../shared/audit/day-rows';
import { ANOMALIES_PREFIX } from '../../../shared/audit/anomaly-rows';
import { ANOMALY_KINDS } from '../../../shared/audit/anomalies';
import type { LoggedEvent } from '../../../shared/audit/facts';
import type { OneThingClient } from '../../../local/client';

const DAY_MS = 86_400_000;
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
/** Every other chain moved 12 days later: submissions on both sides of 1 April. */
const chains: LoggedEvent[][] = generate(120, 11).map((chain, i) =>
  i % 2 === 0
    ? chain
    : chain.map((e) => ({
        ...e,
        at: shift(e.at, 12 * DAY_MS),
        ...(e.dueAt !== undefined ? { dueAt: shift(e.dueAt, 12 * DAY_MS) } : {}),
        ...(e.type === 'due-moved' && e.detail
          ? { detail: { from: shift(e.detail.from as string, 12 * DAY_MS), to: shift(e.detail.to as string, 12 * DAY_MS) } }
          : {}),
      })),
);
const PERIODS = [
  { from: '2026-03-01', to: '2026-04-30', startAt: '2026-02-28T16:00:00.000Z', endAt: '2026-04-30T16:00:00.000Z' },
  { from: '2026-03-25', to: '2026-04-05', startAt: '2026-03-24T16:00:00.000Z', endAt: '2026-04-05T16:00:00.000Z' },
];

let t: TestRuntime;
let inspector: OneThingClient;
const deps = () => ({
  ddb: t.runtime.deps.ddb,
  auditTableName: t.runtime.deps.config.auditTableName,
  tableName: t.runtime.deps.config.tableName,
  calendar: t.runtime.deps.calendar,
});
const clockAt = (iso: string) => ({ now: () => new Date(iso) });

async function allPages(query: string, limit = 100): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await inspector.request<{ items: unknown[]; nextCursor?: string }>(
      'GET',
      `/v1/audit/anomalies?${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** Everything an inspector sees: the reports and anomaly lists of every filter. */
async function served() {
  const out: Record<string, unknown> = {};
  for (const p of PERIODS) {
    for (const includeTests of [false, true])
      for (const filter of ['', '&department=d2', '&serviceId=s2&department=d3']) {
        const q = `from=${p.from}&to=${p.to}&includeTests=${includeTests}${filter}`;
        const { generatedAt: _g, ...report } = await inspector.request<Record<string, unknown>>('GET', `/v1/audit/reports/timeliness?${q}`);
        out[`report ${q}`] = report;
      }
    // Every kind the index holds (`tamper` is a live verify, and these logs carry no hashes);
    // one list in small pages (cursors across months and the tail).
    for (const kind of ANOMALY_KINDS.filter((k) => k !== 'tamper'))
      out[`anomalies ${p.from} ${kind}`] = await allPages(
        `from=${p.from}&to=${p.to}&kind=${kind}&includeTests=true`,
        kind === 'overdue' ? 9 : 100,
      );
    out[`anomalies ${p.from} overdue d1`] = await allPages(`from=${p.from}&to=${p.to}&kind=overdue&department=d1`);
  }
  return out;
}

const rowsOf = async (pk: string) =>
  (
    await deps().ddb.send(
      new QueryCommand({ TableName: deps().tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
    )
  ).Items ?? [];

let before: Awaited<ReturnType<typeof served>>;

beforeAll(async () => {
  t = await startTestRuntime({ clockStart: NOW.toISOString() });
  inspector = await t.api.login({ role: 'inspector', sub: 'ins-days' });
  await writeEvents(deps().ddb, deps().auditTableName, chains.flat());
  before = await served();
}, 400_000);
afterAll(() => t.close());

test('before any rollup: the chains give the brute force, and the data exercise every case', async () => {
  expect(await readWatermark(deps())).toBeUndefined();
  const events = chains.flat();
  for (const p of PERIODS)
    for (const includeTests of [false, true]) {
      const report = before[`report from=${p.from}&to=${p.to}&includeTests=${includeTests}`] as any;
      const expected = bruteForce(events, p.startAt, p.endAt, includeTests);
      expect(report.totals).toEqual(expected.totals);
      expect(report.byDepartment).toEqual(expected.byDepartment);
    }
  const wide = before['report from=2026-03-01&to=2026-04-30&includeTests=true'] as any;
  expect(wide.totals.withdrawn * wide.totals.failed * wide.totals.completed * wide.totals.inProgress).toBeGreaterThan(0);
  for (const kind of ['overdue', 'repeated-supplement', 'off-hours', 'resubmission'])
    expect((before[`anomalies 2026-03-01 ${kind}`] as unknown[]).length).toBeGreaterThan(0);
  expect((before['anomalies 2026-03-01 overdue'] as Array<{ detail: { open?: boolean } }>).some((a) => a.detail.open)).toBe(true);
  expect((before['anomalies 2026-03-01 overdue d1'] as unknown[]).length).toBeGreaterThan(0);
});

test('through crashes, a resumption to mid-period and a full rollup, the rows + tail serve the same', async () => {
  const mid = '2026-03-27T00:00:00.000Z';
  const crash = new Error('crash');
  // 1. Fact rows written, day rows and anomaly items not, watermark not moved.
  await expect(
    rollUpFacts(
      { ...deps(), clock: clockAt(mid) },
      {
        stepApplications: 10,
        beforeDayRows: async (upTo) => {
          if (upTo > '2026-03-10') throw crash;
        },
      },
    ),
  ).rejects.toBe(crash);
  expect(await served()).toEqual(before);

  // 2. The replayed step writes its day rows and anomaly items, then crashes before the watermark.
  const w1 = await readWatermark(deps());
  expect(w1! > '2026-03-02').toBe(true);
  await expect(
    rollUpFacts(
      { ...deps(), clock: clockAt(mid) },
      {
        stepApplications: 10,
        beforeAdvance: async () => {
          throw crash;
        },
      },
    ),
  ).rejects.toBe(crash);
  expect(await readWatermark(deps())).toBe(w1);
  const ahead = (await rowsOf(`${DAYS_PREFIX}#2026-03`)).filter((r) => (r.rev as string) > w1!);
  expect(ahead.length).toBeGreaterThan(0);
  expect(await served()).toEqual(before);

  // 3. Resumed to mid-period: applications summarised as of the watermark and changed after it
  // (the live tail replaces their row contribution).
  const resumed = await rollUpFacts({ ...deps(), clock: clockAt(mid) }, { stepApplications: 10 });
  expect(resumed.from).toBe(w1);
  const w2 = resumed.upTo;
  const replaced = chains.filter((c) => c[0]!.at < w2 && c.some((e) => e.at >= w2));
  expect(replaced.length).toBeGreaterThan(10);
  expect(await served()).toEqual(before);

  // 4. Fully rolled up: day rows in both months, the anomaly index filled, the tail empty.
  await rollUpFacts({ ...deps(), clock: t.runtime.clock });
  expect((await rowsOf(`${DAYS_PREFIX}#2026-03`)).length).toBeGreaterThan(15);
  expect((await rowsOf(`${DAYS_PREFIX}#2026-04#D#d2`)).length).toBeGreaterThan(0);
  const indexed = [...(await rowsOf(`${ANOMALIES_PREFIX}#all#2026-03`)), ...(await rowsOf(`${ANOMALIES_PREFIX}#all#2026-04`))];
  expect(indexed.filter((i) => i.gone !== true).length).toBeGreaterThan(0);
  // Anomalies that went away between two rollups (a due date moved, a branch decided) left tombstones.
  expect(indexed.filter((i) => i.gone === true).length).toBeGreaterThan(0);
  expect(await served()).toEqual(before);
}, 600_000);
