import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime';
import { findTask, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { OneThingClient, sampleFiles } from '../../../local/client';

let t: TestRuntime;
let appId: string;
let deptA: string;
let deptOther: string;
let taskId: string;

beforeAll(async () => {
  t = await startTestRuntime();
  const owner = await t.api.login({ role: 'citizen', sub: 'owner' });
  const service = await getService(t.api, 'school-enrolment');
  appId = await submitExample(owner, service);
  await waitForBranches(owner, appId, service.departments.length);
  deptA = service.departments[0]!.id;
  const construction = await getService(t.api, 'construction-permit');
  deptOther = construction.departments.find((d) => !service.departments.some((s) => s.id === d.id))!.id;
  const officer = await t.api.login({ role: 'officer', sub: 'oa', dept: deptA });
  taskId = (await findTask(officer, deptA, appId)).taskId;
});
afterAll(() => t.close());

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status: number }) => e.status,
  );

test('no or bad token -> 401', async () => {
  expect(await status(t.api.request('GET', '/v1/applications'))).toBe(401);
  expect(await status(new OneThingClient(t.api.baseUrl, 'not-a-jwt').request('GET', '/v1/applications'))).toBe(401);
});

test("another citizen's application is 404, never 403", async () => {
  const stranger = await t.api.login({ role: 'citizen', sub: 'stranger' });
  expect(await status(stranger.request('GET', `/v1/applications/${appId}`))).toBe(404);
  expect(await status(stranger.request('POST', `/v1/applications/${appId}/withdraw`))).toBe(404);
});

test('wrong role -> 403', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'owner' });
  expect(await status(citizen.request('GET', `/v1/departments/${deptA}/tasks`))).toBe(403);
  expect(await status(citizen.request('POST', `/v1/tasks/${taskId}/decision`, { decision: 'approve', comment: 'self' }))).toBe(403);
  const inspector = await t.api.login({ role: 'inspector', sub: 'ins' });
  expect(await status(inspector.request('POST', '/v1/applications', {}))).toBe(403);
});

test("officers see only their department's inbox and tasks", async () => {
  const other = await t.api.login({ role: 'officer', sub: 'ob', dept: deptOther });
  expect(await status(other.request('GET', `/v1/departments/${deptA}/tasks`))).toBe(403);
  expect(await status(other.request('GET', `/v1/tasks/${taskId}`))).toBe(404);
  expect(await status(other.request('POST', `/v1/tasks/${taskId}/decision`, { decision: 'approve', comment: 'x' }))).toBe(404);
});

test('a task shows only the fields its department may see, and never a task token', async () => {
  const officer = await t.api.login({ role: 'officer', sub: 'oa', dept: deptA });
  const task = await officer.request<Record<string, unknown>>('GET', `/v1/tasks/${taskId}`);
  const text = JSON.stringify(task);
  expect(text).not.toMatch(/token/i);
  const app = await (await t.api.login({ role: 'citizen', sub: 'owner' })).request('GET', `/v1/applications/${appId}`);
  expect(JSON.stringify(app)).not.toMatch(/token/i);
});

describe('walk-throughs and probes (officials and inspectors)', () => {
  let walk: { id: string; applicationId: string };
  beforeAll(async () => {
    const official = await t.api.login({ role: 'official', sub: 'walker' });
    walk = await official.request('POST', '/v1/walkthroughs', { serviceId: 'school-enrolment', mode: 'live' });
  });

  test('no token -> 401', async () => {
    expect(await status(t.api.request('POST', '/v1/walkthroughs', { serviceId: 'newborn', mode: 'probe' }))).toBe(401);
    expect(await status(t.api.request('GET', `/v1/walkthroughs/${walk.id}`))).toBe(401);
    expect(await status(t.api.request('GET', '/v1/probes'))).toBe(401);
    expect(await status(t.api.request('PUT', '/v1/probes/newborn', { everyHours: 6, enabled: true }))).toBe(401);
  });

  test('only officials and inspectors walk; only officials schedule probes (403)', async () => {
    const citizen = await t.api.login({ role: 'citizen', sub: 'owner' });
    const officer = await t.api.login({ role: 'officer', sub: 'oa', dept: deptA });
    for (const caller of [citizen, officer]) {
      expect(await status(caller.request('POST', '/v1/walkthroughs', { serviceId: 'newborn', mode: 'probe' }))).toBe(403);
      expect(await status(caller.request('GET', '/v1/walkthroughs'))).toBe(403);
      expect(await status(caller.request('GET', `/v1/walkthroughs/${walk.id}`))).toBe(403);
      expect(await status(caller.request('POST', `/v1/walkthroughs/${walk.id}/findings`, { text: 't', severity: 'low' }))).toBe(403);
      expect(await status(caller.request('GET', '/v1/probes'))).toBe(403);
    }
    const inspector = await t.api.login({ role: 'inspector', sub: 'ins' });
    expect(await status(inspector.request('PUT', '/v1/probes/newborn', { everyHours: 6, enabled: true }))).toBe(403);
    // The inspector's own walk-through is allowed; deciding anything is not.
    const own = await inspector.request<{ id: string }>('POST', '/v1/walkthroughs', { serviceId: 'newborn', mode: 'probe' });
    expect(own.id).toMatch(/^W/);
    expect(await status(inspector.request('POST', `/v1/tasks/${taskId}/decision`, { decision: 'approve', comment: 'x' }))).toBe(403);
  });

  test('not a walk-through, or not the walker -> 404', async () => {
    const official = await t.api.login({ role: 'official', sub: 'walker' });
    // A citizen's application under its walk-through name: exists, but is not a walk-through.
    expect(await status(official.request('GET', `/v1/walkthroughs/W${appId.slice(1)}`))).toBe(404);
    const other = await t.api.login({ role: 'official', sub: 'another-head' });
    expect(await status(other.request('POST', `/v1/walkthroughs/${walk.id}/supplements`, { department: deptA }))).toBe(404);
  });

  test("citizens never see a walk-through; officers see the live one's task, labelled a test", async () => {
    const citizen = await t.api.login({ role: 'citizen', sub: 'owner' });
    expect(await status(citizen.request('GET', `/v1/applications/${walk.applicationId}`))).toBe(404);
    const mine = await citizen.request<{ items: Array<{ id: string }> }>('GET', '/v1/applications');
    expect(mine.items.map((a) => a.id)).not.toContain(walk.applicationId);
    const officer = await t.api.login({ role: 'officer', sub: 'oa', dept: deptA });
    expect(await findTask(officer, deptA, walk.applicationId)).toMatchObject({ walkthrough: true, status: 'open' });
  });
});

// 好差评 and notifications (issue 12).
test('evaluation and notification routes: no token 401, wrong role 403, not yours 404', async () => {
  const LEAD = 'education'; // school-enrolment's leadDepartment
  const citizen = await t.api.login({ role: 'citizen', sub: 'eval-auth' });
  const service = await getService(t.api, 'school-enrolment');
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  await citizen.request('POST', `/v1/applications/${id}/withdraw`);
  await waitForStatus(citizen, id, 'withdrawn');
  const review = await citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 1 });
  const note = (await eventually(async () => (await citizen.request('GET', '/v1/notifications')).items[0], 'a notification')) as {
    id: string;
  };
  const anonymous = t.api;
  const inspector = await t.api.login({ role: 'inspector', sub: 'ins-auth' });
  const official = await t.api.login({ role: 'official', sub: 'head-auth' });
  const officer = await t.api.login({ role: 'officer', sub: 'edu-auth', dept: LEAD });
  const stranger = await t.api.login({ role: 'proxy', sub: 'proxy-auth' });

  for (const [method, path, body] of [
    ['POST', `/v1/applications/${id}/evaluation`, { level: 3 }],
    ['GET', '/v1/evaluations', undefined],
    ['POST', `/v1/evaluations/${review.id}/follow-up`, { note: 'n' }],
    ['GET', '/v1/notifications', undefined],
    ['POST', `/v1/notifications/${note.id}/read`, undefined],
  ] as const)
    expect([path, await status(anonymous.request(method, path, body))]).toEqual([path, 401]);

  // Wrong role.
  expect(await status(inspector.request('POST', `/v1/applications/${id}/evaluation`, { level: 3 }))).toBe(403);
  expect(await status(officer.request('POST', `/v1/applications/${id}/evaluation`, { level: 3 }))).toBe(403);
  expect(await status(citizen.request('GET', '/v1/evaluations'))).toBe(403);
  expect(await status(citizen.request('POST', `/v1/evaluations/${review.id}/follow-up`, { note: 'n' }))).toBe(403);
  expect(await status(inspector.request('POST', `/v1/evaluations/${review.id}/follow-up`, { note: 'n' }))).toBe(403);
  expect(await status(officer.request('GET', '/v1/notifications'))).toBe(403);
  expect(await status(inspector.request('POST', `/v1/notifications/${note.id}/read`))).toBe(403);
  // Allowed readers.
  expect(await status(inspector.request('GET', '/v1/evaluations'))).toBe(200);
  expect(await status(official.request('GET', '/v1/evaluations'))).toBe(200);
  expect(await status(officer.request('GET', '/v1/evaluations'))).toBe(200);
  // Not yours.
  expect(await status(stranger.request('POST', `/v1/applications/${id}/evaluation`, { level: 3 }))).toBe(404);
  expect(await status(stranger.request('POST', `/v1/notifications/${note.id}/read`))).toBe(404);
  const otherDept = await t.api.login({ role: 'officer', sub: 'hrss-auth', dept: 'hrss' });
  expect(await status(otherDept.request('POST', `/v1/evaluations/${review.id}/follow-up`, { note: 'n' }))).toBe(404);
});

// ---- 12345 events (issue 10) ----
test('12345 events: no token 401, wrong role 403, not yours 404', async () => {
  const owner = await t.api.login({ role: 'citizen', sub: 'event-owner' });
  const { id } = await owner.request<{ id: string }>('POST', '/v1/events', {
    category: 'garbage-collection',
    description: '垃圾未清运',
    location: { street: 'jiyuanlu', address: '昌盛小区3号楼' },
    contact: { name: '魏女士', phone: '13800000000' },
  });
  expect(await status(t.api.request('GET', `/v1/events/${id}`))).toBe(401);
  expect(await status(t.api.request('POST', '/v1/events', {}))).toBe(401);

  const stranger = await t.api.login({ role: 'citizen', sub: 'event-stranger' });
  expect(await status(stranger.request('GET', `/v1/events/${id}`))).toBe(404);
  expect(await status(stranger.request('POST', `/v1/events/${id}/rating`, { level: 1 }))).toBe(404);

  const inspector = await t.api.login({ role: 'inspector', sub: 'ins' });
  const proxy = await t.api.login({ role: 'proxy', sub: 'px' });
  const cm = await t.api.login({ role: 'officer', sub: 'cm', dept: 'city-management' });
  expect(await status(inspector.request('GET', `/v1/events/${id}`))).toBe(403);
  expect(await status(proxy.request('POST', '/v1/events', {}))).toBe(403);
  expect(await status(cm.request('POST', '/v1/events', {}))).toBe(403);
  expect(await status(cm.request('POST', `/v1/events/${id}/rating`, { level: 5 }))).toBe(403);
  expect(await status(owner.request('GET', '/v1/departments/city-management/events'))).toBe(403);
  expect(await status(owner.request('POST', `/v1/events/${id}/accept`))).toBe(403);
  expect(await status(owner.request('POST', `/v1/events/${id}/reply`, { text: '自己办了' }))).toBe(403);

  const other = await t.api.login({ role: 'officer', sub: 'env', dept: 'environment' });
  expect(await status(other.request('GET', '/v1/departments/city-management/events'))).toBe(403);
  expect(await status(other.request('POST', `/v1/events/${id}/accept`))).toBe(404);
  expect(await status(other.request('POST', `/v1/events/${id}/return`, { reason: 'x' }))).toBe(404);
  expect(await status(other.request('POST', `/v1/events/${id}/reply`, { text: 'x' }))).toBe(404);
});

// Issue 10: a report's photos: the reporter, the department it is dispatched to, inspectors.
test('12345 photos: no token 401, wrong role 403, not yours 404', async () => {
  const owner = await t.api.login({ role: 'citizen', sub: 'photo-owner' });
  const uploadId = await owner.upload('citizen-hotline', { materialId: 'photo', contentType: 'image/png', bytes: sampleFiles.png() });
  const { id } = await owner.request<{ id: string }>('POST', '/v1/events', {
    category: 'garbage-collection',
    description: '垃圾未清运',
    location: { street: 'jiyuanlu', address: '昌盛小区3号楼' },
    contact: { name: '魏女士', phone: '13800000000' },
    photos: [{ uploadId }],
  });
  const photo = `/v1/events/${id}/photos/1`;
  // Tickets for the event service's photo slot are the reporter's (citizens) alone.
  const ticket = { serviceId: 'citizen-hotline', materialId: 'photo', contentType: 'image/png', sizeBytes: 66, sha256: 'a'.repeat(64) };
  expect(await status((await t.api.login({ role: 'proxy', sub: 'px' })).request('POST', '/v1/uploads', ticket))).toBe(403);
  expect(await status(t.api.request('GET', photo))).toBe(401);
  for (const claims of [
    { role: 'proxy', sub: 'px' },
    { role: 'official', sub: 'off' },
  ])
    expect(await status((await t.api.login(claims)).request('GET', photo))).toBe(403);
  expect(await status((await t.api.login({ role: 'citizen', sub: 'photo-stranger' })).request('GET', photo))).toBe(404);
  expect(await status((await t.api.login({ role: 'officer', sub: 'env', dept: 'environment' })).request('GET', photo))).toBe(404);
  expect(await status((await t.api.login({ role: 'officer', sub: 'cm', dept: 'city-management' })).request('GET', photo))).toBe(200);
  expect(await status((await t.api.login({ role: 'inspector', sub: 'ins' })).request('GET', photo))).toBe(200);
  expect(await status(owner.request('GET', photo))).toBe(200);
});

// Issue 8: the inspector routes are the inspector's alone.
test('inspector routes: other roles 403, no token 401', async () => {
  const paths = [
    '/v1/audit/events?from=2026-09-30&to=2026-09-30',
    '/v1/audit/verify?from=2026-09-30&to=2026-09-30',
    '/v1/audit/reports/timeliness?from=2026-09-30&to=2026-09-30',
    '/v1/audit/anomalies?from=2026-09-30&to=2026-09-30',
    '/v1/audit/export?from=2026-09-30&to=2026-09-30',
    '/v1/audit/export?from=2026-09-30&to=2026-09-30&format=csv',
    '/v1/audit/public-key',
  ];
  for (const path of paths) {
    expect(await status(t.api.request('GET', path))).toBe(401);
    for (const claims of [
      { role: 'citizen', sub: 'owner' },
      { role: 'officer', sub: 'oa', dept: deptA },
      { role: 'official', sub: 'off' },
    ]) {
      expect(await status((await t.api.login(claims)).request('GET', path))).toBe(403);
    }
    expect(await status((await t.api.login({ role: 'inspector', sub: 'ins' })).request('GET', path))).toBe(200);
  }
});
