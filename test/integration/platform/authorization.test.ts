import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { findTask, getService, submitExample, waitForBranches } from '../support/flows';
import { OneThingClient } from '../../../local/client';

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
