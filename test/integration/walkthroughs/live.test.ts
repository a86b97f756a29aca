import { startTestRuntime, eventually, type TestRuntime } from '../support/runtime';
import { decide, findTask, getApplication } from '../support/flows';
import { createTimingLog } from '../../../shared/audit/store';
import type { TimingEvent } from '../../../shared/audit/types';
import { seedCatalog } from '../../../workflows/catalog';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
beforeAll(async () => {
  // A Monday in November: the supplement days are working days, so the suspension shows.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z' });
});
afterAll(() => t.close());

const HOUR = 3600;
const SERVICE = 'school-enrolment';

const timingLog = (appId: string) =>
  createTimingLog({ ddb: t.runtime.deps.ddb, clock: t.runtime.clock, tableName: t.runtime.deps.config.auditTableName }).list(appId);

/** The report's steps as PRODUCT.md "Supervision" defines them, read straight from the timing log. */
function stepsFromLog(events: TimingEvent[]) {
  const def = seedCatalog.getService(SERVICE);
  return def.departments.map((d) => {
    const mine = events.filter((e) => e.department === d.id);
    const opened = mine.find((e) => e.type === 'branch-opened')!;
    const final = mine.filter((e) => e.type === 'decided' && ['approve', 'reject'].includes(String(e.detail?.decision))).at(-1)!;
    return {
      department: d.id,
      openedAt: opened.at,
      decidedAt: final.at,
      decision: final.detail?.decision,
      limitWorkingDays: d.timeLimitWorkingDays,
      dueAt: final.dueAt,
      workingDaysUsed: final.workingDaysUsed,
      elapsedMinutes: Math.round((Date.parse(final.at) - Date.parse(opened.at)) / 6000) / 10,
      withinLimit: final.at <= final.dueAt!,
      supplementRounds: mine.filter((e) => e.type === 'supplement-requested').length,
    };
  });
}

async function inboxItem(officer: OneThingClient, dept: string, appId: string, status: string) {
  const page = await officer.request<{ items: any[] }>('GET', `/v1/departments/${dept}/tasks?status=${status}&limit=100`);
  return page.items.find((x) => x.applicationId === appId);
}

test('a live walk-through decided by officers (one supplement round): its report equals the timing log', async () => {
  const official = await t.api.login({ role: 'official', sub: 'district-head' });
  const created = await official.request<{ id: string; applicationId: string }>('POST', '/v1/walkthroughs', {
    serviceId: SERVICE,
    mode: 'live',
  });
  const def = seedCatalog.getService(SERVICE);
  const [first, ...others] = def.departments;

  // Real officers handle it: the task is in their open inbox, labelled a test.
  const officers = new Map<string, OneThingClient>();
  for (const d of def.departments) {
    const officer = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    officers.set(d.id, officer);
    const task = await findTask(officer, d.id, created.applicationId);
    expect(task).toMatchObject({ walkthrough: true, status: 'open' });
    expect(task.probe).toBeUndefined();
  }

  // Live while it runs: every branch open, nothing decided yet.
  const running = await official.request<any>('GET', `/v1/walkthroughs/${created.id}`);
  expect(running).toMatchObject({ id: created.id, mode: 'live', status: 'in-review', applicationId: created.applicationId });
  expect(running.steps).toHaveLength(def.departments.length);
  expect(running.steps.every((s: any) => s.decidedAt === undefined && s.withinLimit)).toBe(true);
  expect(running.burden).toEqual({
    formFields: expect.any(Number),
    requiredMaterials: def.materials.filter((m) => m.required).length,
    replacedBySharedData: expect.any(Number),
    uploadsNeeded: expect.any(Number),
  });
  expect(running.burden.formFields).toBeGreaterThan(0);

  // The first department asks for a material; the official answers it a working day later.
  const material = def.materials[0]!;
  const firstOfficer = officers.get(first!.id)!;
  const task = await findTask(firstOfficer, first!.id, created.applicationId);
  await t.api.advanceClock(2 * HOUR);
  await decide(firstOfficer, task.taskId, {
    decision: 'request-supplement',
    comment: '请补充',
    missing: [{ materialId: material.id, reason: '不清晰' }],
  });
  await eventually(async () => {
    const r = await official.request<any>('GET', `/v1/walkthroughs/${created.id}`);
    return r.status === 'supplement-required' ? r : undefined;
  }, 'supplement-required');
  await t.api.advanceClock(24 * HOUR);
  const answered = await official.request<any>('POST', `/v1/walkthroughs/${created.id}/supplements`, {
    department: first!.id,
    note: '已补充',
  });
  expect(answered.steps.find((s: any) => s.department === first!.id).supplementRounds).toBe(1);

  // Everyone approves, a few hours apart.
  const reopened = await findTask(firstOfficer, first!.id, created.applicationId);
  await t.api.advanceClock(3 * HOUR);
  await decide(firstOfficer, reopened.taskId, { decision: 'approve', comment: '通过' });
  for (const d of others) {
    await t.api.advanceClock(HOUR);
    const officer = officers.get(d.id)!;
    await decide(officer, (await findTask(officer, d.id, created.applicationId)).taskId, { decision: 'approve', comment: 'ok' });
  }
  const report = await eventually(async () => {
    const r = await official.request<any>('GET', `/v1/walkthroughs/${created.id}`);
    return r.status === 'approved' ? r : undefined;
  }, 'walk-through approved');

  const events = await timingLog(created.applicationId);
  expect(events.every((e) => e.walkthrough)).toBe(true);
  expect(report.steps).toEqual(stepsFromLog(events));
  expect(report.steps.find((s: any) => s.department === first!.id).supplementRounds).toBe(1);
  const uploads = events
    .filter((e) => e.type === 'submitted' || e.type === 'supplement-provided')
    .reduce((n, e) => n + (e.detail?.materials as unknown[]).length, 0);
  expect(report.burden.uploadsNeeded).toBe(uploads);
  expect(report.completedAt).toBe(events.find((e) => e.type === 'completed')!.at);
  expect(report.startedBy).toEqual({ role: 'official' });

  // The application itself: a test everywhere, as an inspector reads it.
  const inspector = await t.api.login({ role: 'inspector', sub: 'cdi-1' });
  const app = await getApplication(inspector, created.applicationId);
  expect(app.walkthrough).toBe(true);
  expect(app.timeline[0]).toMatchObject({ type: 'submitted', actor: { role: 'official' } });
});

test('walk-throughs stay out of the overdue inbox unless includeTests=true', async () => {
  const official = await t.api.login({ role: 'official', sub: 'district-head' });
  const created = await official.request<{ id: string; applicationId: string }>('POST', '/v1/walkthroughs', {
    serviceId: 'newborn',
    mode: 'live',
  });
  const dept = seedCatalog.getService('newborn').departments[0]!.id;
  const officer = await t.api.login({ role: 'officer', sub: `o-${dept}`, dept });
  await findTask(officer, dept, created.applicationId);
  // A month later every branch is long overdue.
  await t.api.advanceClock(30 * 24 * HOUR);
  const open = await eventually(() => inboxItem(officer, dept, created.applicationId, 'open'), 'open task');
  expect(open.overdue).toBe(true);
  expect(await inboxItem(officer, dept, created.applicationId, 'overdue')).toBeUndefined();
  const withTests = await officer.request<{ items: any[] }>(
    'GET',
    `/v1/departments/${dept}/tasks?status=overdue&includeTests=true&limit=100`,
  );
  expect(withTests.items.find((x) => x.applicationId === created.applicationId)).toMatchObject({ walkthrough: true, overdue: true });
});

test('bad input is 422 naming the field and stores nothing; an Idempotency-Key replays, another body is 422', async () => {
  const official = await t.api.login({ role: 'official', sub: 'careful-head' });
  const before = await official.request<{ items: any[] }>('GET', '/v1/walkthroughs?serviceId=construction-permit&limit=50');
  const bad = await official
    .request('POST', '/v1/walkthroughs', { serviceId: 'construction-permit', mode: 'live', form: { applicant: {} } })
    .catch((e: { status: number; problem: { errors: Array<{ path: string }> } }) => e);
  expect(bad).toMatchObject({ status: 422 });
  expect((bad as { problem: { errors: Array<{ path: string }> } }).problem.errors.every((e) => e.path.startsWith('form.'))).toBe(true);
  await expect(official.request('POST', '/v1/walkthroughs', { serviceId: 'no-such-service', mode: 'live' })).rejects.toMatchObject({
    status: 404,
  });
  const after = await official.request<{ items: any[] }>('GET', '/v1/walkthroughs?serviceId=construction-permit&limit=50');
  expect(after.items.length).toBe(before.items.length);

  const key = { 'idempotency-key': 'season-check-1' };
  const first = await official.request<{ id: string }>(
    'POST',
    '/v1/walkthroughs',
    { serviceId: 'construction-permit', mode: 'probe' },
    key,
  );
  const again = await official.request<{ id: string }>(
    'POST',
    '/v1/walkthroughs',
    { serviceId: 'construction-permit', mode: 'probe' },
    key,
  );
  expect(again).toEqual(first);
  await expect(official.request('POST', '/v1/walkthroughs', { serviceId: 'construction-permit', mode: 'live' }, key)).rejects.toMatchObject(
    { status: 422 },
  );
  const listed = await official.request<{ items: any[] }>('GET', '/v1/walkthroughs?serviceId=construction-permit&limit=50');
  expect(listed.items.filter((w) => w.id === first.id)).toHaveLength(1);
});
