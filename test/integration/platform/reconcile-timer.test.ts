import { ApiError } from '../../../local/client';
import { decide, findTask, getService, submitExample, waitForBranches } from '../support/flows';
import { exitedStates, failNext, storedTask } from '../support/faults';
import { eventually, reconcileRuns, startTestRuntime, type TestRuntime } from '../support/runtime';

/** The local runtime runs reconcile on a timer, as the AWS schedule does: no restart needed. */
let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime({ reconcileEveryMs: 200 });
});
afterAll(() => t.close());

test('a decision left undelivered by a failure is delivered by the timer once it is older than the grace period', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-timer' });
  const service = await getService(t.api, 'school-enrolment');
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  const officer = await t.api.login({ role: 'officer', sub: 'o-edu', dept: 'education' });
  const task = await findTask(officer, 'education', id);
  failNext(t.runtime.deps, 'sfn', (command) => command === 'SendTaskSuccessCommand', 'before');
  const failed = await decide(officer, task.taskId, { decision: 'approve', comment: 'ok' }).catch((e: ApiError) => e.status);
  expect(failed).toBe(503);
  expect((await storedTask(t.runtime.deps, id, 'education'))?.gsi4pk).toBe('PENDING#delivery');

  // Younger than the grace period, the mark is left to the request that set it.
  await reconcileRuns(t, 3);
  expect((await storedTask(t.runtime.deps, id, 'education'))?.gsi4pk).toBe('PENDING#delivery');
  await t.api.advanceClock(120);
  await eventually(async () => {
    const delivered = (await exitedStates(t.runtime.deps, service.id, id)).includes('RouteEducation');
    return delivered && (await storedTask(t.runtime.deps, id, 'education'))?.gsi4pk === undefined ? true : undefined;
  }, 'the timer delivering the decision and removing its mark');
});
