import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, fileFor, findTask, getService, waitForBranches, waitForStatus } from '../support/flows';

/**
 * Each department sees the fields its branch needs (PRODUCT.md): an officer reading an
 * application sees, in every part of the view, only what its own task view shows.
 */
let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const REASONS = '不动产权证书与登记信息不符';

test('an officer of another department reads an application rejected by real-estate without its reasons, materials or checks', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-scope' });
  const service = await getService(t.api, 'school-enrolment');
  // Every material uploaded, replaced by shared data or not, so that each department has its own to see.
  const materials = [];
  for (const m of service.materials) materials.push({ materialId: m.id, uploadId: await citizen.upload(service.id, fileFor(m)) });
  const { id } = await citizen.request<{ id: string }>('POST', '/v1/applications', {
    serviceId: service.id,
    form: service.formSchema.examples[0],
    materials,
  });
  await waitForBranches(citizen, id, service.departments.length);

  const rejecter = await t.api.login({ role: 'officer', sub: 'o-re', dept: 'real-estate' });
  await decide(rejecter, (await findTask(rejecter, 'real-estate', id)).taskId, { decision: 'reject', comment: REASONS });
  const seenByApplicant = await waitForStatus(citizen, id, 'rejected');
  expect(seenByApplicant.result.reasons).toBe(REASONS);

  const police = await t.api.login({ role: 'officer', sub: 'o-ps', dept: 'public-security' });
  const app = await police.request('GET', `/v1/applications/${id}`);
  expect(JSON.stringify(app)).not.toContain(REASONS);
  expect(app.result).toEqual({ outcome: 'rejected', rejectedBy: 'real-estate' });
  const submitted = app.timeline.find((e: { type: string }) => e.type === 'submitted');
  expect(submitted.detail.materials).toEqual(['household-booklet']);
  expect(Object.keys(submitted.detail.checks)).toEqual(['household']);
  expect(app.sharedDataChecks.map((c: { id: string }) => c.id)).toEqual(['household']);
  expect(new Set(app.timeline.map((e: { department?: string }) => e.department ?? 'public-security'))).toEqual(
    new Set(['public-security']),
  );

  // The rejecting department still reads its own reasons.
  expect((await rejecter.request('GET', `/v1/applications/${id}`)).result.reasons).toBe(REASONS);
});
