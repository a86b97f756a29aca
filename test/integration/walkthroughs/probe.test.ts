import { startTestRuntime, eventually, type TestRuntime } from '../support/runtime';
import { getApplication } from '../support/flows';
import { seedCatalog } from '../../../workflows/catalog';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const SEED = ['school-enrolment', 'construction-permit', 'utility-connection', 'newborn'];

test.each(SEED)('a probe of %s ends approved with no officer action, every branch decided by the system', async (serviceId) => {
  const official = await t.api.login({ role: 'official', sub: `head-${serviceId}` });
  const created = await official.request<{ id: string; applicationId: string; mode: string; links: { self: string } }>(
    'POST',
    '/v1/walkthroughs',
    { serviceId, mode: 'probe' },
  );
  expect(created.mode).toBe('probe');
  expect(created.links.self).toBe(`/v1/walkthroughs/${created.id}`);

  const report = await eventually(async () => {
    const r = await official.request<any>('GET', created.links.self);
    return r.status === 'approved' ? r : undefined;
  }, `probe of ${serviceId} approved`);

  const def = seedCatalog.getService(serviceId);
  expect(report.steps.map((s: any) => s.department)).toEqual(def.departments.map((d) => d.id));
  for (const step of report.steps) {
    expect(step.decision).toBe('approve');
    expect(step.withinLimit).toBe(true);
    expect(step.supplementRounds).toBe(0);
  }

  // The timing log, as an inspector reads it: every event a test, each decision the system's.
  const inspector = await t.api.login({ role: 'inspector', sub: 'cdi-1' });
  const app = await getApplication(inspector, created.applicationId);
  expect(app.walkthrough).toBe(true);
  const decided = app.timeline.filter((e: any) => e.type === 'decided');
  expect(decided).toHaveLength(def.departments.length);
  for (const e of decided) {
    expect(e.actor.role).toBe('system');
    expect(e.detail).toEqual({ decision: 'approve', probe: true });
  }
  expect(app.timeline.at(-1)).toMatchObject({ type: 'completed', detail: { outcome: 'approved' } });

  // No officer ever had anything to do: nothing open in any inbox, the done tab shows it as a probe.
  for (const d of def.departments) {
    const officer = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    const open = await officer.request<{ items: any[] }>('GET', `/v1/departments/${d.id}/tasks?status=open&limit=100`);
    expect(open.items.filter((x) => x.applicationId === created.applicationId)).toEqual([]);
    const done = await officer.request<{ items: any[] }>('GET', `/v1/departments/${d.id}/tasks?status=done&limit=100`);
    expect(done.items.find((x) => x.applicationId === created.applicationId)).toMatchObject({ walkthrough: true, probe: true });
  }
});
