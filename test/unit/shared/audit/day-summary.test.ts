/**
 * Day summaries (shared/audit/day-summary.ts): the report merged from per-day summaries, and
 * from the stored (packed) form, equals the report over the applications themselves, for
 * every filter the report has; removing an application takes its contribution out exactly;
 * and the rows as of an instant replaced by the whole chains (what the live tail does) equal
 * the summary of the whole chains.
 */
import { factsOf, type ApplicationFacts } from '../../../../shared/audit/facts';
import {
  addApplication,
  emptySummary,
  mergeSummary,
  packSummary,
  reportFromSummary,
  statsOfHistogram,
  unpackSummary,
  type DaySummary,
} from '../../../../shared/audit/day-summary';
import { factsBefore } from '../../../../shared/audit/day-rows';
import { cstDateOf } from '../../../../shared/audit/period';
import { statsOf, timelinessReport } from '../../../../shared/audit/timeliness';
import { DEPTS, generate, NOW } from './generated-logs';

const chains = generate(400, 7);
const all = chains.map((c) => factsOf(c)!);
const Q = { from: '2026-03-01', to: '2026-04-30' };

/** One summary per CST submission day (and department scope), merged, through the packed text. */
function summaryOf(apps: readonly ApplicationFacts[], department?: string): DaySummary {
  const days = new Map<string, DaySummary>();
  for (const a of apps) {
    const day = cstDateOf(a.submittedAt);
    let s = days.get(day);
    if (!s) days.set(day, (s = emptySummary()));
    addApplication(s, a, 1, department);
  }
  const merged = emptySummary();
  for (const s of days.values()) mergeSummary(merged, unpackSummary(packSummary(s)));
  return merged;
}

const filters: Array<{ includeTests: boolean; serviceId?: string; department?: string }> = [
  { includeTests: false },
  { includeTests: true },
  { includeTests: false, serviceId: 's2' },
  ...DEPTS.map((department) => ({ includeTests: true, department })),
  { includeTests: false, serviceId: 's1', department: 'd2' },
];

test.each(filters)('merged day summaries give the same report as the applications (%o)', (f) => {
  const apps = all.filter((a) => (f.includeTests || !a.walkthrough) && (f.serviceId === undefined || a.serviceId === f.serviceId));
  const q = { ...Q, ...f };
  const expected = timelinessReport(apps, q, NOW);
  expect(reportFromSummary(summaryOf(apps, f.department), q, NOW)).toEqual(expected);
  // The data exercise what they must: several days, both services, percentiles over many values.
  expect(new Set(apps.map((a) => cstDateOf(a.submittedAt))).size).toBeGreaterThan(10);
  expect(expected.totals.completed).toBeGreaterThan(20);
});

test('removing applications takes their contribution out exactly (to the empty summary)', () => {
  const s = summaryOf(all);
  for (const a of all) addApplication(s, a, -1);
  expect(s).toEqual(emptySummary());
  const d = summaryOf(all, 'd1');
  for (const a of all) addApplication(d, a, -1, 'd1');
  expect(d).toEqual(emptySummary());
});

test('rows as of an instant, each chain then replaced by its whole fold, equal the whole folds', () => {
  const cut = '2026-03-12T00:00:00.000Z';
  const s = summaryOf(chains.map((c) => factsBefore(c, cut)).filter((f): f is ApplicationFacts => f !== undefined));
  let replaced = 0;
  for (const chain of chains) {
    if (!chain.some((e) => e.at >= cut)) continue;
    const before = factsBefore(chain, cut);
    if (before) {
      addApplication(s, before, -1);
      replaced++;
    }
    addApplication(s, factsOf(chain)!, 1);
  }
  expect(replaced).toBeGreaterThan(50);
  const q = { ...Q, includeTests: true };
  expect(reportFromSummary(s, q, NOW)).toEqual(timelinessReport(all, q, NOW));
});

test('histogram statistics are bit-identical to the statistics of the values, fractions included', () => {
  const values = [0.1, 0.2, 0.2, 0.30000000000000004, 7 / 3, 7 / 3, 1e-9, 1234.5678, 1234.5678, 99];
  const h = new Map<number, number>();
  for (const v of values) h.set(v, (h.get(v) ?? 0) + 1);
  expect(statsOfHistogram(h)).toEqual(statsOf(values));
  expect(statsOfHistogram(new Map())).toEqual(statsOf([]));
  // Milliseconds scaled to minutes as the brute force divides them.
  const ms = [61_234, 61_234, 3_600_001, 59_999, 120_000_017];
  const hm = new Map<number, number>();
  for (const v of ms) hm.set(v, (hm.get(v) ?? 0) + 1);
  expect(statsOfHistogram(hm, 60_000)).toEqual(statsOf(ms.map((v) => v / 60_000)));
});

test('the packed text of a busy day stays small', () => {
  const text = packSummary(summaryOf(all.slice(0, 300)));
  // ~300 applications and their ~700 branches: well under DynamoDB's 400 KB item.
  expect(text.length).toBeLessThan(20_000);
});
