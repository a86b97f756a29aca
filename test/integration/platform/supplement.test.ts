import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, fileFor, findTask, getApplication, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { eventually } from '../support/runtime';
import { loadCalendar } from '../../../shared/calendar';

let t: TestRuntime;
beforeAll(async () => {
  // A Monday in November: the suspended days are working days, so the due date must move.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z' });
});
afterAll(() => t.close());

const DAY = 86_400;

test('a supplement request lists every missing item at once, suspends the clock and moves the due date', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-supplement' });
  const service = await getService(t.api, 'school-enrolment');
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);

  const dept = service.departments[0];
  const officer = await t.api.login({ role: 'officer', sub: 'edu-1', dept: dept!.id });
  const task = await findTask(officer, dept!.id, id);
  const material = service.materials[0];
  await decide(officer, task.taskId, {
    decision: 'request-supplement',
    comment: '请补充材料',
    missing: [
      { materialId: material!.id, reason: '照片不清晰' },
      { field: 'form.contact.phone', reason: '联系电话无法接通' },
    ],
  });

  const waiting = await waitForStatus(citizen, id, 'supplement-required');
  const branch = waiting.branches.find((b: any) => b.department === dept!.id);
  expect(branch.status).toBe('supplement-required');
  expect(branch.supplementRequests).toHaveLength(1);
  expect(branch.supplementRequests[0].missing).toHaveLength(2);
  const dueBefore = branch.dueAt;

  // The citizen takes three calendar days to prepare it.
  await t.api.advanceClock(3 * DAY);
  const uploadId = await citizen.upload(service.id, fileFor(material!));
  await citizen.request('POST', `/v1/applications/${id}/supplements`, {
    department: dept!.id,
    materials: [{ materialId: material!.id, uploadId }],
    note: '已重新上传',
  });

  const resumed = await eventually(async () => {
    const app = await getApplication(citizen, id);
    const b = app.branches.find((x: any) => x.department === dept!.id);
    return b.status === 'open' ? app : undefined;
  }, 'branch reopened after the supplement');
  const after = resumed.branches.find((b: any) => b.department === dept!.id);
  expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(dueBefore));
  // Suspended days: from the day of the request through the day it was provided, by the calendar.
  const calendar = loadCalendar();
  const req = after.supplementRequests[0];
  const expected = calendar.dueAt(new Date(after.openedAt), dept!.timeLimitWorkingDays, [
    { from: new Date(req.requestedAt), to: new Date(req.providedAt) },
  ]).dueAt;
  expect(after.dueAt).toBe(expected.toISOString());
  const types = resumed.timeline.map((e: any) => e.type);
  expect(types).toEqual(expect.arrayContaining(['supplement-requested', 'supplement-provided', 'due-moved']));

  for (const d of service.departments) {
    const o = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: 'ok' });
  }
  await waitForStatus(citizen, id, 'approved');
});
