/**
 * The inspector's timeliness report (`GET /v1/audit/reports/timeliness`, over real HTTP) on a
 * GENERATED half-month of 12345 events written straight into the test runtime's store (the
 * `npm run seed:hotline` generator), against a brute-force recount from the stored timing-log
 * events alone, one PRODUCT.md "Supervision" definition at a time. The set holds returned
 * (退单), overdue (open past due) and unrated events.
 */
import type { TimingEvent } from '../../../shared/audit/types';
import { loadCalendar } from '../../../shared/calendar';
import { rollUpFacts } from '../../../shared/audit/facts-rollup';
import { generateEvents } from '../../../local/seed/generate';
import { putSeededEvents, scanAll } from '../../../local/seed/store';
import { district12345V1 } from '../../../workflows/events/district-12345';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { testSeed } from '../support/seed';
import { bruteForceTimeliness } from '../../fixtures/timeliness-brute-force';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const FROM = '2026-01-05';
const TO = '2026-01-18';
// CST days, both ends included: [FROM 00:00 CST, the day after TO 00:00 CST).
const START_AT = '2026-01-04T16:00:00.000Z';
const END_AT = '2026-01-18T16:00:00.000Z';

test('the timeliness report over a generated hotline set equals the brute-force recount of its stored timing log', async () => {
  // Three weeks around the report's two, so that the period's edges cut through the set.
  const events = generateEvents(district12345V1, loadCalendar(), {
    events: 700,
    seed: testSeed('hotline-report', 7),
    from: '2026-01-01',
    days: 21,
  });
  const { ddb, config } = t.runtime.deps;
  await putSeededEvents(ddb, { main: config.tableName, audit: config.auditTableName }, events);

  const inspector = await t.api.login({ role: 'inspector', sub: 'i-report' });
  const report = await inspector.request<any>('GET', `/v1/audit/reports/timeliness?from=${FROM}&to=${TO}`);
  // Only the stored timing log (the report logs its own read as ACCESS#, which is not a chain).
  const stored = (await scanAll<TimingEvent & { pk: string }>(ddb, config.auditTableName)).filter((e) => e.pk.startsWith('APP#'));
  const expected = bruteForceTimeliness(stored, { startAt: START_AT, endAt: END_AT, includeTests: false, now: report.generatedAt });

  expect(report.totals).toEqual(expected.totals);
  expect(report.byService).toEqual([{ serviceId: 'citizen-hotline', ...expected.totals }]);
  expect([...report.byDepartment].sort((a, b) => a.department.localeCompare(b.department))).toEqual(expected.byDepartment);

  // The set exercises what it must: returns, overdue steps, branches open past due, unrated
  // replies, events outside the period; callback ratings are not 好差评.
  const { ids, chains } = expected;
  const types = (id: string) => chains.get(id)!.map((e) => e.type);
  expect(ids.filter((id) => types(id).includes('returned')).length).toBeGreaterThan(0);
  // Overdue: events with an `overdue` step, open past due. (The generator's overdue events are
  // the ones left open; it replies within the handling limit, so every decided branch is on time.)
  expect(ids.filter((id) => types(id).includes('overdue')).length).toBeGreaterThan(0);
  expect(expected.byDepartment.some((d) => d.overdueOpen > 0)).toBe(true);
  expect(expected.totals.inProgress).toBeGreaterThan(0);
  expect(ids.filter((id) => types(id).includes('completed') && !types(id).includes('rated')).length).toBeGreaterThan(0);
  expect(ids.filter((id) => types(id).includes('rated')).length).toBeGreaterThan(0);
  expect(expected.totals.evaluations).toBe(0);
  expect(expected.totals.applications).toBeLessThan(700);
  expect(expected.totals.applications).toBeGreaterThan(300);
  // The events' own figures: completion rate and average handling minutes, as the seed gives them.
  expect(expected.totals.completionRate).toBeGreaterThan(0.9);
  expect(report.totals.handlingMinutes.avg).toEqual(expected.totals.handlingMinutes.avg);

  // Once the inspectors' fact rollup has folded the chains into rows (the scheduled job), the
  // report reads the rows instead of the live tail and still says the same.
  const rolled = await rollUpFacts({
    ddb,
    auditTableName: config.auditTableName,
    tableName: config.tableName,
    clock: t.runtime.clock,
    calendar: t.runtime.deps.calendar,
  });
  expect(rolled.upTo > END_AT).toBe(true);
  expect(rolled.applications).toBe(700);
  const again = await inspector.request<any>('GET', `/v1/audit/reports/timeliness?from=${FROM}&to=${TO}`);
  const strip = ({ generatedAt: _g, ...r }: any) => r;
  expect(strip(again)).toEqual(strip(report));
});
