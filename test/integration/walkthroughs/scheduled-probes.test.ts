import { startTestRuntime, eventually, type TestRuntime } from '../support/runtime';
import { seedCatalog } from '../../../workflows/catalog';
import type { Catalog } from '../../../workflows/types';

/**
 * The seed catalog, except that `newborn`'s example form no longer validates (as after a
 * form change nobody carried into the example): its probe must fail, the others pass.
 */
const broken: Catalog = {
  catalog: seedCatalog.catalog,
  getService: (id) => {
    const def = seedCatalog.getService(id);
    return id === 'newborn'
      ? { ...def, example: { ...(def.example as object), mother: { name: '王芳', idNumber: '410102199002100053' } } }
      : def;
  },
  getServiceVersion: (id, version) => seedCatalog.getServiceVersion(id, version),
};

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime({ catalog: broken });
});
afterAll(() => t.close());

const HOUR = 3600;
type Probes = { items: Array<{ serviceId: string; everyHours: number; enabled: boolean; nextRunAt?: string; lastRun?: any }> };

test('a scheduled probe fires as the dev clock advances, passes, and runs again every N hours; a broken one is reported failed', async () => {
  const official = await t.api.login({ role: 'official', sub: 'season-lead' });
  const put = await official.request<any>('PUT', '/v1/probes/school-enrolment', { everyHours: 6, enabled: true });
  expect(put).toMatchObject({ serviceId: 'school-enrolment', everyHours: 6, enabled: true });
  expect(put.lastRun).toBeUndefined();
  await official.request('PUT', '/v1/probes/newborn', { everyHours: 24, enabled: true });

  // Nothing runs until the platform clock moves.
  const before = await official.request<Probes>('GET', '/v1/probes');
  expect(before.items.every((p) => p.lastRun === undefined)).toBe(true);

  await t.api.advanceClock(60);
  const first = await official.request<Probes>('GET', '/v1/probes');
  const school = first.items.find((p) => p.serviceId === 'school-enrolment')!;
  expect(school.lastRun).toMatchObject({ walkthroughId: expect.stringMatching(/^W/) });
  const newborn = first.items.find((p) => p.serviceId === 'newborn')!;
  expect(newborn.lastRun).toMatchObject({ status: 'failed', reason: expect.stringContaining('form.mother.idNumber') });
  expect(newborn.lastRun.walkthroughId).toBeUndefined();

  // The probe's walk-through runs to approval with no officer; the next sweep records it passed.
  const firstRun = school.lastRun.walkthroughId as string;
  await eventually(async () => {
    const r = await official.request<any>('GET', `/v1/walkthroughs/${firstRun}`);
    return r.status === 'approved' ? r : undefined;
  }, 'first probe approved');
  await t.api.advanceClock(60);
  const passed = (await official.request<Probes>('GET', '/v1/probes')).items.find((p) => p.serviceId === 'school-enrolment')!;
  expect(passed.lastRun).toMatchObject({ walkthroughId: firstRun, status: 'passed' });

  // Six hours on: a new run, a new walk-through.
  await t.api.advanceClock(6 * HOUR);
  const again = (await official.request<Probes>('GET', '/v1/probes')).items.find((p) => p.serviceId === 'school-enrolment')!;
  expect(again.lastRun.walkthroughId).not.toBe(firstRun);
  const walks = await official.request<{ items: any[] }>('GET', '/v1/walkthroughs?serviceId=school-enrolment');
  expect(walks.items.filter((w) => w.mode === 'probe' && w.startedBy.role === 'system').map((w) => w.id)).toEqual(
    expect.arrayContaining([firstRun, again.lastRun.walkthroughId]),
  );

  // Paused: no new run however far the clock moves.
  await official.request('PUT', '/v1/probes/school-enrolment', { everyHours: 6, enabled: false });
  await t.api.advanceClock(12 * HOUR);
  const paused = (await official.request<Probes>('GET', '/v1/probes')).items.find((p) => p.serviceId === 'school-enrolment')!;
  expect(paused.lastRun.walkthroughId).toBe(again.lastRun.walkthroughId);
  expect(paused.nextRunAt).toBeUndefined();
});

test('probe settings: an unknown service is 404, bad settings 422 naming the field, nothing stored', async () => {
  const official = await t.api.login({ role: 'official', sub: 'season-lead' });
  await expect(official.request('PUT', '/v1/probes/no-such-service', { everyHours: 6, enabled: true })).rejects.toMatchObject({
    status: 404,
  });
  await expect(official.request('PUT', '/v1/probes/construction-permit', { everyHours: 0, enabled: true })).rejects.toMatchObject({
    status: 422,
    problem: { errors: [expect.objectContaining({ path: 'everyHours' })] },
  });
  const probes = await official.request<Probes>('GET', '/v1/probes');
  expect(probes.items.map((p) => p.serviceId)).not.toContain('construction-permit');
});
