import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { findTask, firstStage, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

test('withdrawing ends the application and cancels every open task; a repeat is harmless', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-withdraw' });
  const service = await getService(t.api, 'construction-permit');
  const id = await submitExample(citizen, service);
  // Staged (issue 15): the planning permit opens first; the later stages are pending.
  await waitForBranches(citizen, id, firstStage(service).length);

  await citizen.request('POST', `/v1/applications/${id}/withdraw`);
  const app = await waitForStatus(citizen, id, 'withdrawn');
  expect(app.branches.every((b: any) => b.status === 'cancelled')).toBe(true);
  expect(app.timeline.map((e: any) => e.type)).toContain('withdrawn');

  await citizen.request('POST', `/v1/applications/${id}/withdraw`);
  const again = await waitForStatus(citizen, id, 'withdrawn');
  expect(again.timeline.filter((e: any) => e.type === 'withdrawn')).toHaveLength(1);

  const dept = service.departments[0];
  const officer = await t.api.login({ role: 'officer', sub: 'o', dept: dept!.id });
  const task = await findTask(officer, dept!.id, id, 'done');
  expect(task.status).toBe('cancelled');
});
