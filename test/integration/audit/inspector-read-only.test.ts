/**
 * The inspector is strictly read-only: every route of functions/routes.ts, called by an
 * inspector with a body that would be valid for its owner, leaves the main and audit tables
 * exactly as they were (the inspector's own access-log items aside), and every non-GET route
 * refuses the inspector with 403.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
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
  if (route.method !== 'GET') expect(status).toBe(403);
  else expect(status).toBeLessThan(500);
  if (QUERIES[route.name] !== undefined) expect(status).toBe(200);
  expect(await snapshot()).toBe(before);
});
