import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { loadCalendar } from '../../../shared/calendar';

// The flat services; the staged ones (construction permit, newborn: issue 15) are restated for
// their order, stage by stage, in staged.test.ts.
const SERVICES = ['school-enrolment', 'utility-connection'];

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

describe.each(SERVICES)('%s: every department approves in parallel', (serviceId) => {
  test('one submission, parallel branches, one combined result, a complete timeline', async () => {
    const citizen = await t.api.login({ role: 'citizen', sub: `applicant-${serviceId}` });
    const service = await getService(t.api, serviceId);
    const id = await submitExample(citizen, service);

    const opened = await waitForBranches(citizen, id, service.departments.length);
    expect(opened.status).toBe('in-review');
    expect(opened.serviceVersion).toBe(service.version);
    // One status everywhere: the list agrees with the detail view.
    const listed = await citizen.request<{ items: any[] }>('GET', '/v1/applications');
    expect(listed.items.find((i) => i.id === id)).toMatchObject({ status: 'in-review', dueAt: opened.dueAt });

    // Every branch is due exactly where the working-day rule puts it.
    const calendar = loadCalendar();
    for (const dept of service.departments) {
      const branch = opened.branches.find((b: any) => b.department === dept.id);
      const expected = calendar.dueAt(new Date(branch.openedAt), dept.timeLimitWorkingDays).dueAt;
      expect(branch.dueAt).toBe(expected.toISOString());
    }
    const latest = Math.max(...opened.branches.map((b: any) => Date.parse(b.dueAt)));
    expect(Date.parse(opened.dueAt)).toBe(latest);

    // All officers decide at the same time.
    await Promise.all(
      service.departments.map(async (dept) => {
        const officer = await t.api.login({ role: 'officer', sub: `officer-${dept.id}`, dept: dept.id });
        const task = await findTask(officer, dept.id, id);
        await decide(officer, task.taskId, { decision: 'approve', comment: '符合条件' });
      }),
    );

    const done = await waitForStatus(citizen, id, 'approved');
    expect(done.completedAt).toEqual(expect.any(String));
    expect(done.branches.every((b: any) => b.status === 'approved')).toBe(true);
    const types = done.timeline.map((e: any) => e.type);
    expect(types[0]).toBe('submitted');
    expect(types.filter((x: string) => x === 'branch-opened')).toHaveLength(service.departments.length);
    expect(types.filter((x: string) => x === 'decided')).toHaveLength(service.departments.length);
    expect(types[types.length - 1]).toBe('completed');
    // Department events carry the branch's due time and the working days used so far.
    for (const e of done.timeline.filter((x: any) => x.type === 'decided')) {
      expect(e.dueAt).toEqual(expect.any(String));
      expect(e.workingDaysUsed).toEqual(expect.any(Number));
    }
    const times = done.timeline.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });
});
