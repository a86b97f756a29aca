/**
 * `GET /v1/audit/events` on the real runtime: time order across applications, every filter,
 * cursors, masking, and the access log of every inspector read.
 */
import { ScanCommand } from '../../../shared/aws/document-store';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus, type ServiceDoc } from '../support/flows';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
let inspector: OneThingClient;
let service: ServiceDoc;
const apps: string[] = [];
const DAY = '2026-09-30';

const status = (p: Promise<unknown>) =>
  p.then(
    () => 200,
    (e: { status: number }) => e.status,
  );

beforeAll(async () => {
  t = await startTestRuntime();
  inspector = await t.api.login({ role: 'inspector', sub: 'ins-1' });
  service = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'events-owner' });
  for (let i = 0; i < 2; i++) {
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    apps.push(id);
  }
  const dept = service.departments[0]!.id;
  const officer = await t.api.login({ role: 'officer', sub: 'events-officer', dept });
  await decide(officer, (await findTask(officer, dept, apps[0]!)).taskId, { decision: 'reject', comment: 'not eligible' });
  await waitForStatus(citizen, apps[0]!, 'rejected');
});
afterAll(() => t.close());

const all = async (query: string): Promise<any[]> => {
  const out: any[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: any[]; nextCursor: string | null } = await inspector.request(
      'GET',
      `/v1/audit/events?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
};

test('every event of the period, in time order across applications, each chain complete', async () => {
  const events = await all(`from=${DAY}&to=${DAY}&limit=100`);
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.applicationId < b.applicationId ? -1 : 1));
  expect(events).toEqual(sorted);
  for (const id of apps) {
    const chain = events.filter((e) => e.applicationId === id);
    expect(chain.map((e) => e.seq)).toEqual(chain.map((_, i) => i + 1));
    expect(chain[0]).toMatchObject({ type: 'submitted', actor: { role: 'citizen', sub: 'events-owner' }, walkthrough: false });
    expect(chain[0].hash).toMatch(/^[0-9a-f]{64}$/);
  }
  // The whole log of both applications, as each chain holds it.
  const perApp = await Promise.all(apps.map((id) => all(`applicationId=${id}`)));
  expect(events).toHaveLength(perApp.flat().length);
});

test('pages of 3 walk the same list as one page; a cursor works only with its filters', async () => {
  const whole = await all(`from=${DAY}&to=${DAY}&limit=100`);
  const paged = await all(`from=${DAY}&to=${DAY}&limit=3`);
  expect(paged).toEqual(whole);
  const first = await inspector.request<{ nextCursor: string }>('GET', `/v1/audit/events?from=${DAY}&to=${DAY}&limit=3`);
  const misuse = await inspector
    .request('GET', `/v1/audit/events?from=${DAY}&to=${DAY}&type=decided&limit=3&cursor=${encodeURIComponent(first.nextCursor)}`)
    .catch((e: { status: number; problem: any }) => e);
  expect(misuse).toMatchObject({ status: 422, problem: { errors: [{ path: 'cursor' }] } });
});

test('filters: type, department, service, application; days outside the period are empty', async () => {
  const dept = service.departments[0]!.id;
  const decided = await all(`from=${DAY}&to=${DAY}&type=decided`);
  expect(decided).toEqual([
    expect.objectContaining({
      applicationId: apps[0],
      type: 'decided',
      department: dept,
      detail: expect.objectContaining({ decision: 'reject' }),
    }),
  ]);
  const ofDept = await all(`from=${DAY}&to=${DAY}&department=${dept}`);
  expect(ofDept.length).toBeGreaterThan(0);
  expect(ofDept.every((e) => e.department === dept)).toBe(true);
  expect(await all(`from=${DAY}&to=${DAY}&serviceId=newborn`)).toEqual([]);
  const one = await all(`applicationId=${apps[1]}`);
  expect(one.every((e) => e.applicationId === apps[1])).toBe(true);
  expect(await all('from=2026-09-28&to=2026-09-29')).toEqual([]);
});

test('bad queries are 422 naming the field; other roles 403; no token 401', async () => {
  const bad = (q: string) => inspector.request('GET', `/v1/audit/events?${q}`).catch((e: { status: number; problem: any }) => e);
  expect(await bad('')).toMatchObject({
    status: 422,
    problem: { errors: expect.arrayContaining([expect.objectContaining({ path: 'from' })]) },
  });
  expect(await bad('from=2026-02-30&to=2026-03-01')).toMatchObject({ status: 422, problem: { errors: [{ path: 'from' }] } });
  expect(await bad('from=2026-10-02&to=2026-10-01')).toMatchObject({ status: 422, problem: { errors: [{ path: 'to' }] } });
  expect(await bad('from=2025-01-01&to=2026-12-31')).toMatchObject({ status: 422, problem: { errors: [{ path: 'to' }] } });
  expect(await bad(`from=${DAY}&to=${DAY}&type=nope`)).toMatchObject({ status: 422 });
  const citizen = await t.api.login({ role: 'citizen', sub: 'events-owner' });
  expect(await status(citizen.request('GET', `/v1/audit/events?from=${DAY}&to=${DAY}`))).toBe(403);
  expect(await status(t.api.request('GET', `/v1/audit/events?from=${DAY}&to=${DAY}`))).toBe(401);
});

test('every inspector read is logged (who, what, when) outside every chain', async () => {
  const reader = await t.api.login({ role: 'inspector', sub: 'ins-logged' });
  await reader.request('GET', `/v1/audit/events?from=${DAY}&to=${DAY}&type=submitted`);
  await reader.request('GET', `/v1/applications/${apps[1]}`);
  const out = await t.runtime.deps.ddb.send(new ScanCommand({ TableName: t.runtime.deps.config.auditTableName }));
  const reads = (out.Items ?? []).filter((i) => String(i.pk).startsWith('ACCESS#') && i.who.sub === 'ins-logged');
  expect(reads.map((r) => [r.route, r.what])).toEqual([
    ['list-audit-events', { from: DAY, to: DAY, type: 'submitted', includeTests: 'false', limit: '20' }],
    ['get-application', { id: apps[1] }],
  ]);
  expect(reads.every((r) => r.who.role === 'inspector' && r.pk === `ACCESS#${DAY}` && r.gsi1pk === undefined)).toBe(true);
  // A citizen's read of their own application is not an inspector read.
  const citizen = await t.api.login({ role: 'citizen', sub: 'events-owner' });
  await citizen.request('GET', `/v1/applications/${apps[1]}`);
  const after = await t.runtime.deps.ddb.send(new ScanCommand({ TableName: t.runtime.deps.config.auditTableName }));
  expect((after.Items ?? []).filter((i) => String(i.pk).startsWith('ACCESS#') && i.who.sub === 'events-owner')).toEqual([]);
});
