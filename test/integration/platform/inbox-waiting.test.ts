import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

test('the inbox tab "waiting" lists a task from its supplement request until the applicant answers', async () => {
  const service = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'waiting-parent' });
  const id = await submitExample(citizen, service, 'waiting-1');
  await waitForBranches(citizen, id, service.departments.length);
  const officer = await t.api.login({ role: 'officer', sub: 'o-edu', dept: 'education' });
  const inbox = (status: string) =>
    officer.request<{ items: Array<{ applicationId: string; status: string }> }>('GET', `/v1/departments/education/tasks?status=${status}`);

  const task = await findTask(officer, 'education', id);
  expect((await inbox('waiting')).items.map((x) => x.applicationId)).not.toContain(id);
  await decide(officer, task.taskId, {
    decision: 'request-supplement',
    comment: '补正',
    missing: [{ field: 'school.preferred', reason: '请确认' }],
  });
  await waitForStatus(citizen, id, 'supplement-required');

  expect((await inbox('waiting')).items).toEqual([expect.objectContaining({ applicationId: id, status: 'supplement-required' })]);
  expect((await inbox('open')).items.map((x) => x.applicationId)).not.toContain(id);

  await citizen.request('POST', `/v1/applications/${id}/supplements`, {
    department: 'education',
    form: { school: { preferred: '上街区实验小学' } },
  });
  await eventually(
    async () => ((await inbox('open')).items.some((x) => x.applicationId === id) ? true : undefined),
    'the task back in the open tab',
  );
  expect((await inbox('waiting')).items.map((x) => x.applicationId)).not.toContain(id);
});
