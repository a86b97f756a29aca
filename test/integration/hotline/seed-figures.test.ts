import { verifyChain } from '../../../shared/audit/chain';
import { createTimingLog } from '../../../shared/audit/store';
import type { TimingEvent } from '../../../shared/audit/types';
import { loadCalendar } from '../../../shared/calendar';
import { hotlineFigures } from '../../../local/seed/figures';
import { generateEvents } from '../../../local/seed/generate';
import { putAll, putSeededEvents, scanAll } from '../../../local/seed/store';
import { chainItems } from '../../../local/seed/chain';
import { district12345V1 } from '../../../workflows/events/district-12345';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { testSeed } from '../support/seed';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

test('the figures of a generated set, read back from the store, equal a recount from the generated records', async () => {
  const seed = testSeed('hotline-seed', 3);
  const events = generateEvents(district12345V1, loadCalendar(), { events: 400, seed, from: '2026-01-01', days: 30 });
  const { ddb, config } = rt.runtime.deps;
  await putSeededEvents(ddb, { main: config.tableName, audit: config.auditTableName }, events);

  const stored = await scanAll<TimingEvent>(ddb, config.auditTableName);
  const figures = hotlineFigures(stored, 'citizen-hotline', '2026-01-01', '2026-01-30');

  // The recount reads the event items only (status fields), never the timing log.
  const done = events.map((e) => e.record).filter((r) => r.completedAt !== undefined);
  const minutes = done.reduce((sum, r) => sum + (Date.parse(r.completedAt!) - Date.parse(r.submittedAt)) / 60_000, 0);
  expect(figures.accepted).toBe(400);
  expect(figures.completed).toBe(done.length);
  expect(figures.completionRate).toBe(Math.round((10_000 * done.length) / 400) / 100);
  expect(figures.avgHandlingMinutes).toBe(Math.round((10 * minutes) / done.length) / 10);
  expect(figures.returned).toBe(events.filter((e) => e.record.returns.length >= 1).length);
  expect(figures.rated).toBe(events.filter((e) => e.record.rating !== undefined).length);
  // A period that excludes them counts none; another service's chains never count.
  expect(hotlineFigures(stored, 'citizen-hotline', '2026-02-01', '2026-02-28').accepted).toBe(0);
  expect(hotlineFigures(stored, 'school-enrolment', '2026-01-01', '2026-01-30').accepted).toBe(0);
});

test('seeded chains are ordinary timing-log chains: the log reads them and every hash link verifies', async () => {
  const events = generateEvents(district12345V1, loadCalendar(), { events: 40, seed: 11, from: '2026-03-01', days: 7 });
  const { ddb, config, clock } = rt.runtime.deps;
  await putAll(
    ddb,
    config.auditTableName,
    events.flatMap((e) => chainItems(e.record.id, e.timeline)),
  );
  const log = createTimingLog({ ddb, clock, tableName: config.auditTableName });
  for (const e of events) {
    const chain = await log.list(e.record.id);
    expect(chain.map((c) => c.type)).toEqual(e.timeline.map((t) => t.input.type));
    expect(verifyChain(chain)).toEqual({ ok: true, checked: chain.length });
  }
});
