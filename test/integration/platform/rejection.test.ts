import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { ApiError } from '../../../local/client';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

test('one rejection ends the application with its reasons and cancels the other open tasks', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-reject' });
  const service = await getService(t.api, 'school-enrolment');
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);

  const [first, second, ...rest] = service.departments;
  const approver = await t.api.login({ role: 'officer', sub: 'o1', dept: first!.id });
  await decide(approver, (await findTask(approver, first!.id, id)).taskId, { decision: 'approve', comment: 'ok' });

  const rejecter = await t.api.login({ role: 'officer', sub: 'o2', dept: second!.id });
  const task = await findTask(rejecter, second!.id, id);
  await decide(rejecter, task.taskId, { decision: 'reject', comment: '房产信息与申报不符' });

  const app = await waitForStatus(citizen, id, 'rejected');
  expect(app.result).toEqual(expect.objectContaining({ rejectedBy: second!.id }));
  expect(JSON.stringify(app.result)).toContain('房产信息与申报不符');
  const byDept = Object.fromEntries(app.branches.map((b: any) => [b.department, b]));
  expect(byDept[first!.id].status).toBe('approved');
  expect(byDept[second!.id].status).toBe('rejected');
  for (const d of rest) expect(byDept[d.id].status).toBe('cancelled');
  const cancelled = app.timeline.filter((e: any) => e.type === 'cancelled');
  expect(cancelled.map((e: any) => e.department).sort()).toEqual(rest.map((d) => d.id).sort());

  // A cancelled task cannot be decided any more.
  const late = await t.api.login({ role: 'officer', sub: 'o3', dept: rest[0]!.id });
  const lateTask = await findTask(late, rest[0]!.id, id, 'done');
  await expect(decide(late, lateTask.taskId, { decision: 'approve', comment: 'late' })).rejects.toMatchObject({ status: 409 });
  // A finished application cannot be withdrawn.
  await expect(citizen.request('POST', `/v1/applications/${id}/withdraw`)).rejects.toBeInstanceOf(ApiError);
});
