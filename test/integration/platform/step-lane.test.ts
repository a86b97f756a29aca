import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';

// Issue 9 (paced submit latency): the workflow steps wait in the runtime's lane
// (local/step-lane.ts). The narrowest lane (one step at a time, always) must change nothing but
// when steps start: every application reaches its departments and completes as without it.
let t: TestRuntime;
const seen: Array<{ running: number; waiting: number }> = [];
let stopWatching: () => void;
beforeAll(async () => {
  t = await startTestRuntime({ stepLane: { concurrency: 1, whilePriority: 1 } });
  // After each step settles: how many run and wait (the lane starts the next one first).
  stopWatching = t.runtime.progress.onProgress((what) => {
    if (what === 'step') seen.push(t.runtime.stepLane.stats());
  });
});
afterAll(async () => {
  stopWatching();
  await t.close();
});

describe('a lane of one workflow step at a time', () => {
  test('the parallel branches of one application wait their turn, and all open', async () => {
    const citizen = await t.api.login({ role: 'citizen', sub: 'lane-applicant' });
    const service = await getService(t.api, 'school-enrolment');
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    // The branches' openings were started together by the engine: all but one waited.
    expect(Math.max(...seen.map((s) => s.running))).toBe(1);
    expect(Math.max(...seen.map((s) => s.waiting))).toBeGreaterThanOrEqual(service.departments.length - 2);
  });

  test('a burst of submissions: every one answered, every branch opened, each completes', async () => {
    const service = await getService(t.api, 'school-enrolment');
    const citizens = await Promise.all([1, 2, 3, 4, 5].map((n) => t.api.login({ role: 'citizen', sub: `lane-burst-${n}` })));
    const ids = await Promise.all(citizens.map((c, n) => submitExample(c, service, `lane-burst-${n}`)));
    expect(new Set(ids).size).toBe(ids.length);
    await Promise.all(ids.map((id, n) => waitForBranches(citizens[n]!, id, service.departments.length)));

    const officers = await Promise.all(
      service.departments.map((d) => t.api.login({ role: 'officer', sub: `lane-officer-${d.id}`, dept: d.id })),
    );
    await Promise.all(
      ids.flatMap((id) =>
        service.departments.map(async (d, i) => {
          const task = await findTask(officers[i]!, d.id, id);
          await decide(officers[i]!, task.taskId, { decision: 'approve', comment: '符合条件' });
        }),
      ),
    );
    for (const [n, id] of ids.entries()) {
      const done = await waitForStatus(citizens[n]!, id, 'approved');
      expect(done.branches.map((b: any) => b.status)).toEqual(service.departments.map(() => 'approved'));
    }
    // Nothing is left behind in the lane once the engine has nothing in flight.
    await t.runtime.engine.idle();
    expect(t.runtime.stepLane.stats()).toEqual({ running: 0, waiting: 0 });
  });
});
