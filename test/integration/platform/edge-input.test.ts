/**
 * Issue #14 items 1-3 at the HTTP edge, on the real runtime: lone surrogates anywhere in free
 * text, deep nesting and foreign cursors are 4xx naming the field, and nothing is written.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import {
  findTask,
  getApplication,
  getService,
  submitExample,
  uploadNeeded,
  waitForBranches,
  waitForStatus,
  type ServiceDoc,
} from '../support/flows';
import fs from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';
import type { OneThingClient } from '../../../local/client';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../local/dev/tokens';

let t: TestRuntime;
let citizen: OneThingClient;
let service: ServiceDoc;
beforeAll(async () => {
  t = await startTestRuntime();
  citizen = await t.api.login({ role: 'citizen', sub: 'edge-citizen' });
  service = await getService(t.api, 'school-enrolment');
});
afterAll(() => t.close());

const LONE = '\ud800';

/** The status and problem body of a request expected to fail. */
const problem = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected an error response');
    },
    (e: { status: number; problem: any }) => ({ status: e.status, ...e.problem }),
  );

/** A token as an identity provider could sign it, claims unchecked (the dev route refuses odd ones). */
async function signedToken(claims: Record<string, unknown>, sub: string): Promise<string> {
  const secret = fs.readFileSync(path.join(t.dataDir, 'dev-token-secret'), 'utf8').trim();
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
}

const paths = (res: { errors?: Array<{ path: string }> }) => (res.errors ?? []).map((e) => e.path);
const example = () => structuredClone(service.formSchema.examples[0]) as Record<string, any>;
const count = async (api: OneThingClient) => (await api.request<{ items: unknown[] }>('GET', '/v1/applications?limit=100')).items.length;

describe('lone surrogates', () => {
  let applicationId: string;
  let officer: OneThingClient;
  let taskId: string;
  const dept = () => service.departments[0]!.id;

  beforeAll(async () => {
    applicationId = await submitExample(citizen, service);
    await waitForBranches(citizen, applicationId, service.departments.length);
    officer = await t.api.login({ role: 'officer', sub: 'edge-officer', dept: dept() });
    taskId = (await findTask(officer, dept(), applicationId)).taskId;
  });

  test('in a decision comment -> 422 on comment, the task stays open, and a clean retry succeeds', async () => {
    const res = await problem(officer.request('POST', `/v1/tasks/${taskId}/decision`, { decision: 'approve', comment: `ok ${LONE}` }));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['comment']);
    const task = await officer.request('GET', `/v1/tasks/${taskId}`);
    expect(task.status).toBe('open');
    expect(task.decision).toBeUndefined();
    const app = await getApplication(citizen, applicationId);
    expect(app.timeline.filter((e: any) => e.type === 'decided')).toHaveLength(0);
  });

  test('in missing[].reason of a supplement request -> 422 naming it', async () => {
    const res = await problem(
      officer.request('POST', `/v1/tasks/${taskId}/decision`, {
        decision: 'request-supplement',
        missing: [{ field: 'form.contact.phone', reason: `bad ${LONE}` }],
      }),
    );
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['missing[0].reason']);
    expect((await officer.request('GET', `/v1/tasks/${taskId}`)).status).toBe('open');
  });

  test('in a form key of a supplement answer -> 422 naming the key, nothing amended', async () => {
    await officer.request('POST', `/v1/tasks/${taskId}/decision`, {
      decision: 'request-supplement',
      missing: [{ field: 'form.contact.phone', reason: '联系电话无法接通' }],
    });
    await waitForStatus(citizen, applicationId, 'supplement-required');
    const res = await problem(
      citizen.request('POST', `/v1/applications/${applicationId}/supplements`, { department: dept(), form: { [`k${LONE}`]: 'x' } }),
    );
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['form.k\ufffd']);
    const app = await getApplication(citizen, applicationId);
    expect(app.branches.find((b: any) => b.department === dept()).status).toBe('supplement-required');
  });

  test('in a submitted form string -> 422 naming the field, nothing stored', async () => {
    const before = await count(citizen);
    const form = example();
    const [key = ''] = Object.keys(form).filter((k) => typeof form[k] === 'object');
    form[key] = { ...form[key], note: LONE };
    const res = await problem(
      citizen.request('POST', '/v1/applications', { serviceId: service.id, form, materials: await uploadNeeded(citizen, service) }),
    );
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual([`form.${key}.note`]);
    expect(await count(citizen)).toBe(before);
  });

  test('in the token subject -> 401 before anything is stored', async () => {
    const odd = t.api.as(await signedToken({ role: 'citizen' }, `x${LONE}`));
    const materials = await uploadNeeded(citizen, service);
    const res = await problem(odd.request('POST', '/v1/applications', { serviceId: service.id, form: example(), materials }));
    expect(res.status).toBe(401);
    const scan = await problem(odd.request('GET', '/v1/applications'));
    expect(scan.status).toBe(401);
  });
});

test('a form nested 3,000 arrays deep -> 422 on the form, nothing stored', async () => {
  const before = await count(citizen);
  const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
  const body = `{"serviceId":"${service.id}","form":{"x":${deep}},"materials":[]}`;
  const res = await problem(citizen.request('POST', '/v1/applications', body));
  expect(res.status).toBe(422);
  expect(paths(res)[0]).toMatch(/^form\.x/);
  expect(await count(citizen)).toBe(before);
});

describe('cursors', () => {
  let officer: OneThingClient;
  let openCursor: string;
  let appsCursor: string;
  const dept = () => service.departments[0]!.id;

  beforeAll(async () => {
    // Two more applications so that every list has a second page at limit=1.
    for (let i = 0; i < 2; i++) await waitForBranches(citizen, await submitExample(citizen, service), service.departments.length);
    officer = await t.api.login({ role: 'officer', sub: 'edge-officer-2', dept: dept() });
    openCursor = (await officer.request('GET', `/v1/departments/${dept()}/tasks?status=open&limit=1`)).nextCursor;
    appsCursor = (await citizen.request('GET', '/v1/applications?limit=1')).nextCursor;
    expect(openCursor).toEqual(expect.any(String));
    expect(appsCursor).toEqual(expect.any(String));
  });

  test('a cursor works for the list it came from', async () => {
    const next = await officer.request('GET', `/v1/departments/${dept()}/tasks?status=open&limit=1&cursor=${openCursor}`);
    expect(next.items).toHaveLength(1);
  });

  test.each(['done', 'overdue'])('an open-inbox cursor reused with status=%s -> 422 on cursor', async (status) => {
    const res = await problem(officer.request('GET', `/v1/departments/${dept()}/tasks?status=${status}&limit=1&cursor=${openCursor}`));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['cursor']);
  });

  test("another caller's cursor, or one from another list -> 422 on cursor", async () => {
    const other = await t.api.login({ role: 'citizen', sub: 'edge-other' });
    for (const [api, url] of [
      [other, `/v1/applications?cursor=${appsCursor}`],
      [citizen, `/v1/applications?cursor=${openCursor}`],
      [officer, `/v1/departments/${dept()}/tasks?cursor=${appsCursor}`],
    ] as const) {
      const res = await problem(api.request('GET', url));
      expect(res.status).toBe(422);
      expect(paths(res)).toEqual(['cursor']);
    }
  });

  const forge = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  test.each([
    ['another partition', { pk: 'APP#A1', sk: 'APP', gsi1pk: 'OWNER#someone-else', gsi1sk: 'x' }],
    ['an extra key', { pk: 'APP#A1', sk: 'APP', gsi1pk: 'OWNER#edge-citizen', gsi1sk: 'x', more: 'y' }],
    ['empty keys', { pk: '', sk: '', gsi1pk: '', gsi1sk: '' }],
    ['wrong types', { pk: 1, sk: true, gsi1pk: null, gsi1sk: [] }],
  ])('a forged cursor (%s) -> 422 on cursor', async (_what, key) => {
    const res = await problem(citizen.request('GET', `/v1/applications?cursor=${forge(key)}`));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['cursor']);
  });

  test.each(['%%%', '____', 'e30', `${'A'.repeat(1000)}`])('garbage %s -> 422 on cursor', async (cursor) => {
    const res = await problem(citizen.request('GET', `/v1/applications?cursor=${encodeURIComponent(cursor)}`));
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['cursor']);
  });
});
