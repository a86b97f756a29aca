/**
 * The inspector is strictly read-only: every route of functions/routes.ts, called by an
 * inspector with a body that would be valid for its owner, leaves the main and audit tables
 * exactly as they were (the inspector's own access-log items aside), and every non-GET route
 * refuses the inspector with 403 — except the walk-through routes: issue 11 lets the district
 * discipline commission walk the process itself, so an inspector may start a walk-through (its
 * own test application) and record findings on it, which changes nothing that existed before.
 */
import { ScanCommand } from '../../../shared/aws/document-store';
import { routes } from '../../../functions/routes';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { findTask, getService, submitExample, uploadNeeded, waitForBranches, type ServiceDoc } from '../support/flows';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
let inspector: OneThingClient;
let service: ServiceDoc;
const params: Record<string, string> = {};
let bodies: Record<string, unknown>;

beforeAll(async () => {
  t = await startTestRuntime();
  inspector = await t.api.login({ role: 'inspector', sub: 'ins-ro' });
  service = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'ro-owner' });
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  const dept = service.departments[0]!.id;
  const officer = await t.api.login({ role: 'officer', sub: 'ro-officer', dept });
  Object.assign(params, {
    id,
    dept,
    serviceId: service.id,
    taskId: (await findTask(officer, dept, id)).taskId,
    materialId: service.materials[0]!.id,
  });
  const materials = await uploadNeeded(citizen, service);
  // What each POST's owner would send: a valid body, so only the role can stop it (routes
  // added later get `{}`; the role check comes before the body's).
  bodies = {
    'create-upload': {
      serviceId: service.id,
      materialId: service.materials[0]!.id,
      contentType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
    },
    'submit-application': { serviceId: service.id, form: service.formSchema.examples[0], materials },
    'provide-supplement': { department: service.departments[0]!.id, note: 'here' },
    'withdraw-application': undefined,
    'decide-task': { decision: 'approve', comment: 'ok' },
  };
});
afterAll(() => t.close());

/** Both tables, without the inspector's own access-log items, in a stable order. */
async function snapshot(): Promise<string> {
  const items: unknown[] = [];
  for (const TableName of [t.runtime.deps.config.tableName, t.runtime.deps.config.auditTableName]) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await t.runtime.deps.ddb.send(new ScanCommand({ TableName, ExclusiveStartKey: start, ConsistentRead: true }));
      items.push(...(page.Items ?? []).filter((i) => !String(i.pk).startsWith('ACCESS#')));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return JSON.stringify(items.map((i) => JSON.stringify(i)).sort());
}

/** Routes an inspector may call (issue 11): only on its own walk-through, never on anything else. */
const INSPECTOR_WALKS = new Set(['create-walkthrough', 'answer-walkthrough-supplement', 'create-finding', 'rectify-finding']);

const pathOf = (template: string) => template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
// Routes that need a query to do their work get one, so the read itself runs (not only its 422).
const QUERIES: Record<string, string> = {
  'export-audit': '?from=2026-09-30&to=2026-09-30&format=csv',
};

test.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: an inspector changes nothing', async (_label, route) => {
  const before = await snapshot();
  const status = await inspector
    .request(
      route.method,
      pathOf(route.path) + (QUERIES[route.name] ?? ''),
      route.method === 'POST' ? (bodies[route.name] ?? {}) : undefined,
    )
    .then(
      () => 200,
      (e: { status: number }) => e.status,
    );
  // Aimed at a citizen's application (not a walk-through: 404) or with an empty body (422).
  if (INSPECTOR_WALKS.has(route.name)) expect([404, 422]).toContain(status);
  else if (route.method !== 'GET') expect(status).toBe(403);
  else expect(status).toBeLessThan(500);
  if (QUERIES[route.name] !== undefined) expect(status).toBe(200);
  expect(await snapshot()).toBe(before);
});

test("an inspector's own walk-through adds its test application and leaves every existing item as it was", async () => {
  const before = JSON.parse(await snapshot()) as string[];
  const walk = await inspector.request<{ id: string; applicationId: string }>('POST', '/v1/walkthroughs', {
    serviceId: service.id,
    mode: 'probe',
  });
  await inspector.request('POST', `/v1/walkthroughs/${walk.id}/findings`, { text: '材料清单与办事指南不一致', severity: 'low' });
  const after = new Set(JSON.parse(await snapshot()) as string[]);
  for (const item of before) expect(after.has(item)).toBe(true);
  const added = [...after].filter((i) => !before.includes(i));
  expect(added.length).toBeGreaterThan(0);
  // Everything new belongs to the walk-through: its application, tasks, events or keys.
  for (const item of added) expect(item).toMatch(new RegExp(`${walk.applicationId}|${walk.id}|ins-ro`));
});
