/**
 * The timeliness report equals a brute-force recomputation straight from raw events, on
 * generated logs with approvals, rejections, withdrawals, failures, supplement rounds (due
 * dates moved), overdue branches (decided late and left open), evaluations and tests.
 */
import { factsOf } from '../../../../shared/audit/facts';
import { nearestRank, timelinessReport } from '../../../../shared/audit/timeliness';
import { bruteForce, generate, NOW } from './generated-logs';

test.each([
  [200, 1, false],
  [200, 2, true],
  [60, 3, false],
])('%i generated applications (seed %i, includeTests %s): the report equals the brute force', (n, seed, includeTests) => {
  const chains = generate(n, seed);
  const events = chains.flat();
  const from = '2026-03-05';
  const to = '2026-03-16';
  const startAt = '2026-03-04T16:00:00.000Z';
  const endAt = '2026-03-16T16:00:00.000Z';
  const apps = chains
    .map((c) => factsOf(c)!)
    .filter((f) => f.submittedAt >= startAt && f.submittedAt < endAt && (includeTests || !f.walkthrough));
  const report = timelinessReport(apps, { from, to, includeTests }, NOW);
  const expected = bruteForce(events, startAt, endAt, includeTests);
  expect(report.totals).toEqual(expected.totals);
  expect(report.byDepartment).toEqual(expected.byDepartment);
  // The data exercise what they must: every outcome, suspensions, overdue both ways.
  expect(expected.totals.withdrawn * expected.totals.failed * expected.totals.completed * expected.totals.inProgress).toBeGreaterThan(0);
  expect(expected.byDepartment.some((d) => d.overdueOpen > 0 && d.decidedOnTime < d.decided)).toBe(true);
  expect(expected.totals.evaluations).toBeGreaterThan(0);
});

test('nearest rank: the value at rank ceil(p*n/100)', () => {
  expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
  expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
  expect(nearestRank([7], 90)).toBe(7);
  expect(nearestRank([], 50)).toBeNull();
});
