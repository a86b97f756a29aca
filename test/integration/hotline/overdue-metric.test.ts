import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { report, waitFor } from './support';

// An event whose acceptance (签收) is overdue counts in OverdueTasks{Department}, the metric the
// per-department alarms watch, at every overdue checkpoint (as a one-thing task does); a
// warning alone does not. EMF lines go to stdout (shared/observability/metrics.ts).
let t: TestRuntime;
let lines: string[];
let write: jest.SpyInstance;
beforeAll(async () => {
  t = await startTestRuntime();
});
beforeEach(() => {
  lines = [];
  const original = process.stdout.write.bind(process.stdout);
  write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: any[]) => {
    if (String(chunk).includes('"OverdueTasks"')) {
      lines.push(String(chunk));
      return true;
    }
    return original(chunk, ...rest);
  });
});
afterEach(() => write.mockRestore());
afterAll(() => t.close());

const overdueFor = (department: string) =>
  lines.map((l) => JSON.parse(l)).filter((emf) => emf.Department === department && emf.OverdueTasks === 1);

test('an overdue acceptance emits OverdueTasks for the dispatched department; a warning does not', async () => {
  // The runtime starts on Wed 2026-09-30 10:00 CST: one working hour to accept -> due 11:00.
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-metric' });
  const id = await report(citizen, 'air-pollution', 'gongyelu');
  const { department, acceptDueAt } = await waitFor(citizen, id, 'dispatched');
  const now = Date.parse(await t.api.advanceClock(0));

  // 75 % of the hour: warned, not overdue, no metric.
  await t.api.advanceClock((Date.parse(acceptDueAt) - now) / 1000 - 10 * 60);
  await waitFor(citizen, id, 'warned');
  expect(overdueFor(department)).toEqual([]);

  // Past the due time: overdue and escalated, and the metric names the department.
  await t.api.advanceClock(20 * 60);
  const late = await waitFor(citizen, id, 'escalated');
  expect(late).toMatchObject({ status: 'dispatched', overdue: true });
  expect(overdueFor(department)).toEqual([
    expect.objectContaining({ _aws: expect.objectContaining({ CloudWatchMetrics: [expect.objectContaining({ Namespace: 'OneThing' })] }) }),
  ]);
});
