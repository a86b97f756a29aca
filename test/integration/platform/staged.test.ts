/**
 * Staged services (issue 15) on the embedded runtime: the newborn one-thing in its real order
 * (卫健 -> 公安 -> 医保 + 人社) with results handed forward, the construction permit in the
 * order the law implies, a rejection in stage 1 cancelling the stages not yet open, and a
 * supplement in stage 2 moving only the later due dates.
 */
import type { OneThingClient } from '../../../local/client';
import { loadCalendar } from '../../../shared/calendar';
import { decide, findTask, getApplication, getService, submitExample, waitForStatus, type ServiceDoc } from '../support/flows';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime';

let t: TestRuntime;
beforeAll(async () => {
  // A Monday in November, no holiday near: suspended days are working days.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z' });
});
afterAll(() => t.close());

const DAY = 86_400;
const calendar = loadCalendar();
const BIRTH_CERTIFICATE_NO = 'Q410012345';
const HOUSEHOLD_NO = '410183001234';
const PLANNING_PERMIT_NO = '建字第410183202600012号';
/** What each approving department of the seed services hands forward in these tests. */
const RESULTS: Record<string, Record<string, string>> = {
  health: { birthCertificateNo: BIRTH_CERTIFICATE_NO },
  'public-security': { householdNo: HOUSEHOLD_NO },
  'natural-resources': { planningPermitNo: PLANNING_PERMIT_NO },
};

const officerOf = (dept: string) => t.api.login({ role: 'officer', sub: `staged-${dept}`, dept });
const branch = (app: any, dept: string) => app.branches.find((b: any) => b.department === dept);
const statuses = (app: any) => Object.fromEntries(app.branches.map((b: any) => [b.department, b.status]));

/** The stages as the catalog publishes them: each department one stage after its latest prerequisite. */
function stagesOf(service: ServiceDoc): string[][] {
  const level = new Map<string, number>();
  const levelOf = (id: string): number => {
    const dept = service.departments.find((d) => d.id === id)!;
    const after = dept.after ?? [];
    const value = level.get(id) ?? (after.length === 0 ? 0 : 1 + Math.max(...after.map(levelOf)));
    level.set(id, value);
    return value;
  };
  const stages: string[][] = [];
  for (const d of service.departments) (stages[levelOf(d.id)] ??= []).push(d.id);
  return stages;
}

async function waitForOpen(citizen: OneThingClient, id: string, departments: string[]) {
  return eventually(
    async () => {
      const app = await getApplication(citizen, id);
      return departments.every((d) => branch(app, d).status === 'open') ? app : undefined;
    },
    `${departments.join(', ')} open on ${id}`,
  );
}

async function approve(dept: string, id: string) {
  const officer = await officerOf(dept);
  const task = await findTask(officer, dept, id);
  const results = RESULTS[dept];
  await decide(officer, task.taskId, { decision: 'approve', comment: '符合条件', ...(results ? { results } : {}) });
}

describe.each(['newborn', 'construction-permit'])('%s runs stage after stage', (serviceId) => {
  test('only the first stage opens; each later stage opens when the previous approved, its clock starting then', async () => {
    const citizen = await t.api.login({ role: 'citizen', sub: `staged-${serviceId}` });
    const service = await getService(t.api, serviceId);
    const stages = stagesOf(service);
    expect(stages.length).toBe(3);
    const id = await submitExample(citizen, service);

    for (const [i, stage] of stages.entries()) {
      const app = await waitForOpen(citizen, id, stage);
      const later = stages.slice(i + 1).flat();
      const earlier = stages.slice(0, i).flat();
      // Not yet open: pending, waiting for the departments of this stage (and none already approved).
      for (const dept of later) {
        expect([dept, branch(app, dept).status, branch(app, dept).waitingFor]).toStrictEqual([
          dept,
          'pending',
          stages
            .slice(
              0,
              stages.findIndex((s) => s.includes(dept)),
            )
            .flat()
            .filter((d) => !earlier.includes(d)),
        ]);
      }
      // Each open branch's clock starts at its own opening, by the working-day rule.
      for (const dept of stage) {
        const b = branch(app, dept);
        const limit = service.departments.find((d) => d.id === dept)!.timeLimitWorkingDays;
        expect(b.dueAt).toBe(calendar.dueAt(new Date(b.openedAt), limit).dueAt.toISOString());
        if (i > 0) {
          const opened = app.timeline.find((e: any) => e.type === 'branch-opened' && e.department === dept);
          const lastApproval = Math.max(...earlier.map((d) => Date.parse(branch(app, d).decidedAt)));
          expect(Date.parse(opened.at)).toBeGreaterThanOrEqual(lastApproval);
          expect(opened.dueAt).toBe(b.dueAt);
        }
      }
      // The combined due date is the critical path: the latest projected due date of the last stage.
      const lastStage = stages.at(-1)!;
      const finalDues = lastStage.map((d) => branch(app, d).dueAt ?? branch(app, d).projectedDueAt);
      expect(app.dueAt).toBe(finalDues.sort().at(-1));
      const listed = await citizen.request<{ items: any[] }>('GET', '/v1/applications');
      expect(listed.items.find((x) => x.id === id)).toMatchObject({ status: 'in-review', dueAt: app.dueAt });
      await Promise.all(stage.map((dept) => approve(dept, id)));
    }

    const done = await waitForStatus(citizen, id, 'approved');
    expect(done.branches.every((b: any) => b.status === 'approved')).toBe(true);
    const types = done.timeline.map((e: any) => e.type);
    expect(types.filter((x: string) => x === 'branch-opened')).toHaveLength(service.departments.length);
    expect(types.filter((x: string) => x === 'decided')).toHaveLength(service.departments.length);
    expect(types.at(-1)).toBe('completed');
    // Every stage's branch-opened comes after every decision of the stages before it.
    const at = (type: string, dept: string) => done.timeline.findIndex((e: any) => e.type === type && e.department === dept);
    for (const [i, stage] of stages.entries()) {
      for (const dept of stage)
        for (const prior of stages.slice(0, i).flat()) expect(at('branch-opened', dept)).toBeGreaterThan(at('decided', prior));
    }
  });
});

test('newborn: the results are validated, handed forward to later stages and the applicant, and logged masked', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'staged-results' });
  const service = await getService(t.api, 'newborn');
  const id = await submitExample(citizen, service);
  await waitForOpen(citizen, id, ['health']);
  const health = await officerOf('health');
  const task = await findTask(health, 'health', id);

  // Bad results: 422 naming results.<field>, nothing stored.
  const bad = [
    [{ decision: 'approve', comment: 'ok' }, 'results.birthCertificateNo'],
    [{ decision: 'approve', comment: 'ok', results: { birthCertificateNo: '12345' } }, 'results.birthCertificateNo'],
    [
      { decision: 'approve', comment: 'ok', results: { birthCertificateNo: BIRTH_CERTIFICATE_NO, householdNo: HOUSEHOLD_NO } },
      'results.householdNo',
    ],
    [{ decision: 'reject', comment: '不符合', results: { birthCertificateNo: BIRTH_CERTIFICATE_NO } }, 'results'],
  ] as const;
  for (const [body, path] of bad) {
    const error = await decide(health, task.taskId, body).then(
      () => undefined,
      (e: any) => e,
    );
    expect([error?.status, error?.problem?.errors?.map((x: any) => x.path)]).toStrictEqual([422, [path]]);
  }
  const untouched = await getApplication(citizen, id);
  expect(branch(untouched, 'health').status).toBe('open');
  expect(untouched.timeline.some((e: any) => e.type === 'decided')).toBe(false);

  await approve('health', id);
  const afterHealth = await waitForOpen(citizen, id, ['public-security']);
  expect(branch(afterHealth, 'health').results).toStrictEqual([
    { id: 'birthCertificateNo', label: { zh: '出生医学证明编号', en: 'Birth medical certificate number' }, value: BIRTH_CERTIFICATE_NO },
  ]);
  // The timing log records them, masked (personal).
  const decided = afterHealth.timeline.find((e: any) => e.type === 'decided' && e.department === 'health');
  expect(decided.detail.results).toStrictEqual({ birthCertificateNo: '******2345' });

  const police = await officerOf('public-security');
  const policeTask = await police.request<any>('GET', `/v1/tasks/${(await findTask(police, 'public-security', id)).taskId}`);
  expect(policeTask.handedForward).toStrictEqual([
    {
      department: 'health',
      results: [
        {
          id: 'birthCertificateNo',
          label: { zh: '出生医学证明编号', en: 'Birth medical certificate number' },
          value: BIRTH_CERTIFICATE_NO,
        },
      ],
    },
  ]);
  await approve('public-security', id);
  await waitForOpen(citizen, id, ['medical-insurance', 'hrss']);
  const insurance = await officerOf('medical-insurance');
  const insuranceTask = await insurance.request<any>('GET', `/v1/tasks/${(await findTask(insurance, 'medical-insurance', id)).taskId}`);
  expect(insuranceTask.handedForward.map((h: any) => [h.department, h.results.map((r: any) => r.value)])).toStrictEqual([
    ['health', [BIRTH_CERTIFICATE_NO]],
    ['public-security', [HOUSEHOLD_NO]],
  ]);
  // A department of the same stage is not earlier: the police task sees nothing of medical insurance.
  const policeAgain = await police.request<any>('GET', `/v1/tasks/${policeTask.taskId}`);
  expect(policeAgain.handedForward.map((h: any) => h.department)).toStrictEqual(['health']);
  await approve('medical-insurance', id);
  await approve('hrss', id);
  const done = await waitForStatus(citizen, id, 'approved');
  expect(branch(done, 'public-security').results.map((r: any) => r.value)).toStrictEqual([HOUSEHOLD_NO]);
});

test('newborn: a rejection in stage 1 ends the application and cancels the stages not yet open, logged', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'staged-reject' });
  const service = await getService(t.api, 'newborn');
  const id = await submitExample(citizen, service);
  await waitForOpen(citizen, id, ['health']);
  const health = await officerOf('health');
  await decide(health, (await findTask(health, 'health', id)).taskId, { decision: 'reject', comment: '出生医学证明信息不符' });

  const rejected = await waitForStatus(citizen, id, 'rejected');
  expect(rejected.result).toMatchObject({ outcome: 'rejected', rejectedBy: 'health' });
  expect(statuses(rejected)).toStrictEqual({
    health: 'rejected',
    'public-security': 'cancelled',
    'medical-insurance': 'cancelled',
    hrss: 'cancelled',
  });
  const cancelled = rejected.timeline.filter((e: any) => e.type === 'cancelled');
  expect(cancelled.map((e: any) => [e.department, e.detail])).toStrictEqual([
    ['public-security', { because: 'rejected-by:health', pending: true }],
    ['medical-insurance', { because: 'rejected-by:health', pending: true }],
    ['hrss', { because: 'rejected-by:health', pending: true }],
  ]);
  // They never opened: no branch-opened, no task in any inbox.
  expect(rejected.timeline.filter((e: any) => e.type === 'branch-opened').map((e: any) => e.department)).toStrictEqual(['health']);
  const police = await officerOf('public-security');
  for (const status of ['open', 'done']) {
    const inbox = await police.request<{ items: any[] }>('GET', `/v1/departments/public-security/tasks?status=${status}&limit=100`);
    expect(inbox.items.map((x) => x.applicationId)).not.toContain(id);
  }
});

test('newborn: a supplement in stage 2 moves its own due date and the later stages, not the earlier one', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'staged-supplement' });
  const service = await getService(t.api, 'newborn');
  const id = await submitExample(citizen, service);
  await waitForOpen(citizen, id, ['health']);
  await approve('health', id);
  const before = await waitForOpen(citizen, id, ['public-security']);
  const police = await officerOf('public-security');
  await decide(police, (await findTask(police, 'public-security', id)).taskId, {
    decision: 'request-supplement',
    comment: '请补充',
    missing: [{ field: 'form.registration.registerWith', reason: '请确认随父或随母落户' }],
  });
  await waitForStatus(citizen, id, 'supplement-required');
  // Two working days pass (Tuesday and Wednesday) before the applicant answers.
  await t.api.advanceClock(2 * DAY);
  await citizen.request('POST', `/v1/applications/${id}/supplements`, { department: 'public-security', note: '随母落户' });
  const after = await eventually(async () => {
    const app = await getApplication(citizen, id);
    return branch(app, 'public-security').status === 'open' ? app : undefined;
  }, 'public security reopened');

  expect(branch(after, 'health').dueAt).toBe(branch(before, 'health').dueAt);
  const policeBefore = branch(before, 'public-security').dueAt;
  const request = branch(after, 'public-security').supplementRequests[0];
  const expected = calendar
    .dueAt(new Date(branch(after, 'public-security').openedAt), 2, [
      { from: new Date(request.requestedAt), to: new Date(request.providedAt) },
    ])
    .dueAt.toISOString();
  expect(branch(after, 'public-security').dueAt).toBe(expected);
  expect(expected > policeBefore).toBe(true);
  // The later stage's projection moves with it: 2 working days from public security's new due day.
  for (const dept of ['medical-insurance', 'hrss']) {
    expect(Date.parse(branch(after, dept).projectedDueAt)).toBeGreaterThan(Date.parse(branch(before, dept).projectedDueAt));
    expect(branch(after, dept).projectedDueAt).toBe(calendar.dueAt(new Date(Date.parse(expected) - 1), 2).dueAt.toISOString());
  }
  expect(after.dueAt).toBe(branch(after, 'hrss').projectedDueAt);
  await citizen.request('POST', `/v1/applications/${id}/withdraw`);
});
