import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { approveInOrder, firstStage, getApplication, getService, submitExample, waitForBranches } from '../support/flows';
import { eventually } from '../support/runtime';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

test('the dev clock drives warnings and overdue escalation without ending the wait', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-overdue' });
  const service = await getService(t.api, 'newborn');
  const id = await submitExample(citizen, service);
  // The newborn service is staged (issue 15): its first stage (health) opens at intake.
  const opened = await waitForBranches(citizen, id, firstStage(service).length);
  const branch = opened.branches[0];
  const dept = service.departments.find((d) => d.id === branch.department)!;

  // Jump to one minute after the branch's due time: the warning and the overdue checkpoint fire in order.
  const now = Date.parse((await t.api.request<{ now: string }>('GET', '/v1/dev/clock')).now);
  await t.api.advanceClock(Math.ceil((Date.parse(branch.dueAt) - now) / 1000) + 60);

  const overdue = await eventually(async () => {
    const app = await getApplication(citizen, id);
    const b = app.branches.find((x: any) => x.department === dept.id);
    return b.overdue === true ? app : undefined;
  }, 'branch flagged overdue');
  const types = overdue.timeline.filter((e: any) => e.department === dept.id).map((e: any) => e.type);
  expect(types.indexOf('warned')).toBeGreaterThan(-1);
  expect(types.indexOf('overdue')).toBeGreaterThan(types.indexOf('warned'));
  expect(types).toContain('escalated');
  expect(overdue.branches.find((b: any) => b.department === dept.id).status).toBe('open');

  const officer = await t.api.login({ role: 'officer', sub: 'late-officer', dept: dept.id });
  const inbox = await officer.request<{ items: any[] }>('GET', `/v1/departments/${dept.id}/tasks?status=overdue`);
  expect(inbox.items.map((x) => x.applicationId)).toContain(id);

  // The wait never ended: the late decisions, stage after stage, still complete the application.
  const done = await approveInOrder(t.api, citizen, id, '逾期办结');
  const decided = done.timeline.find((e: any) => e.type === 'decided' && e.department === dept.id);
  expect(decided).toBeDefined();
});
