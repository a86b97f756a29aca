/**
 * The fact rows (shared/audit/facts-rollup.ts) on the real store: the report and the anomalies
 * served from rolled-up rows plus the live tail equal the brute-force recomputation from the
 * raw events (generated logs with supplement rounds, rejections, withdrawals, failures, overdue
 * branches, evaluations and walk-throughs), before any rollup, after a rollup that crashed
 * between its row writes and its watermark, after it resumed, and once fully rolled up.
 */
import { QueryCommand } from '../../../shared/aws/document-store';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { writeEvents } from '../support/audit-log';
import { bruteForce, generate, NOW } from '../../unit/shared/audit/generated-logs';
import { FACTS_PREFIX, readWatermark, rollUpFacts } from '../../../shared/audit/facts-rollup';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
let inspector: OneThingClient;
const chains = generate(300, 4);
const FROM = '2026-03-05';
const TO = '2026-03-16';
const START_AT = '2026-03-04T16:00:00.000Z';
const END_AT = '2026-03-16T16:00:00.000Z';

const deps = () => ({
  ddb: t.runtime.deps.ddb,
  auditTableName: t.runtime.deps.config.auditTableName,
  tableName: t.runtime.deps.config.tableName,
  calendar: t.runtime.deps.calendar,
});
const clockAt = (iso: string) => ({ now: () => new Date(iso) });

/** Everything an inspector sees for the period: both reports and every anomaly (all pages). */
async function served() {
  const report = (includeTests: boolean) =>
    inspector.request<any>('GET', `/v1/audit/reports/timeliness?from=${FROM}&to=${TO}&includeTests=${includeTests}`);
  const anomalies: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await inspector.request<{ items: unknown[]; nextCursor?: string }>(
      'GET',
      `/v1/audit/anomalies?from=${FROM}&to=${TO}&kind=overdue&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    anomalies.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const strip = ({ generatedAt: _g, ...r }: any) => r;
  return { without: strip(await report(false)), with: strip(await report(true)), anomalies };
}

const expectBruteForce = (s: Awaited<ReturnType<typeof served>>) => {
  const events = chains.flat();
  for (const [includeTests, report] of [
    [false, s.without],
    [true, s.with],
  ] as const) {
    const expected = bruteForce(events, START_AT, END_AT, includeTests);
    expect(report.totals).toEqual(expected.totals);
    expect(report.byDepartment).toEqual(expected.byDepartment);
  }
};

beforeAll(async () => {
  t = await startTestRuntime({ clockStart: NOW.toISOString() });
  inspector = await t.api.login({ role: 'inspector', sub: 'ins-facts' });
  await writeEvents(deps().ddb, deps().auditTableName, chains.flat());
});
afterAll(() => t.close());

test('rows + live tail equal the brute force, through a crashed rollup, its resumption and a full rollup', async () => {
  const before = await served();
  expectBruteForce(before);
  // The data exercise what they must: every outcome, suspensions, overdue both ways, evaluations.
  const totals = before.with.totals;
  expect(totals.withdrawn * totals.failed * totals.completed * totals.inProgress * totals.evaluations).toBeGreaterThan(0);
  expect(before.with.byDepartment.some((d: any) => d.overdueOpen > 0 && d.decidedOnTime < d.decided)).toBe(true);
  expect(before.anomalies.length).toBeGreaterThan(0);
  expect(await readWatermark(deps())).toBeUndefined();

  // A rollup up to mid-period, in steps of 20 applications, crashes between the rows and the
  // watermark of the first step that ends after 2026-03-08.
  const mid = '2026-03-12T00:00:00.000Z';
  const crash = new Error('crash between the rows and the watermark');
  await expect(
    rollUpFacts(
      { ...deps(), clock: clockAt(mid) },
      {
        stepApplications: 20,
        beforeAdvance: async (upTo) => {
          if (upTo > '2026-03-08') throw crash;
        },
      },
    ),
  ).rejects.toBe(crash);
  const crashedAt = await readWatermark(deps());
  expect(crashedAt! > '2026-03-02' && crashedAt! <= '2026-03-08T00:00:00.000Z').toBe(true);
  expect(await served()).toEqual(before);

  // Resumed: rows up to mid-period, the rest is the live tail.
  const resumed = await rollUpFacts({ ...deps(), clock: clockAt(mid) }, { stepApplications: 20 });
  expect(resumed.from).toBe(crashedAt);
  expect(resumed.upTo).toBe('2026-03-11T23:55:00.000Z');
  expect(await served()).toEqual(before);

  // Fully rolled up (to the runtime's now): the rows alone, the tail empty.
  const full = await rollUpFacts({ ...deps(), clock: t.runtime.clock });
  expect(full.upTo > '2026-04-29').toBe(true);
  const rows = await deps().ddb.send(
    new QueryCommand({
      TableName: deps().tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :day)',
      ExpressionAttributeValues: { ':pk': `${FACTS_PREFIX}#2026-03`, ':day': '2026-03-06#' },
    }),
  );
  const submittedThatDay = chains.filter((c) => c[0]!.at >= '2026-03-05T16:00:00.000Z' && c[0]!.at < '2026-03-06T16:00:00.000Z');
  expect(rows.Items?.map((r) => (r.sk as string).slice('2026-03-06#'.length)).sort()).toEqual(
    submittedThatDay.map((c) => c[0]!.applicationId).sort(),
  );
  expect(await served()).toEqual(before);
  // Three rollups from the empty days before the log and five full readings: more than the tier's minute on a shared machine.
}, 150_000);
