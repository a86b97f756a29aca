import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, EXAMPLE_RESULTS, findTask, firstStage, getService, uploadNeeded, waitForBranches } from '../support/flows';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

test('the same Idempotency-Key and body returns the first response; another body is 422', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-idem' });
  const service = await getService(t.api, 'school-enrolment');
  const materials = await uploadNeeded(citizen, service);
  const body = { serviceId: service.id, form: service.formSchema.examples[0], materials };
  const headers = { 'idempotency-key': 'enrol-2026-0001' };

  const first = await citizen.request('POST', '/v1/applications', body, headers);
  const again = await citizen.request('POST', '/v1/applications', body, headers);
  expect(again).toEqual(first);
  const list = await citizen.request<{ items: any[] }>('GET', '/v1/applications');
  expect(list.items).toHaveLength(1);

  const changed = { ...body, form: { ...(body.form as object), note: 'different' } };
  await expect(citizen.request('POST', '/v1/applications', changed, headers)).rejects.toMatchObject({ status: 422 });
  // Another user's identical key is a different application.
  const other = await t.api.login({ role: 'citizen', sub: 'parent-idem-2' });
  const otherMaterials = await uploadNeeded(other, service);
  const theirs = await other.request('POST', '/v1/applications', { ...body, materials: otherMaterials }, headers);
  expect(theirs.id).not.toBe(first.id);
});

test('a replay after intake has moved the application on still answers the first response', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-idem-late' });
  const service = await getService(t.api, 'school-enrolment');
  const materials = await uploadNeeded(citizen, service);
  const body = { serviceId: service.id, form: service.formSchema.examples[0], materials };
  const headers = { 'idempotency-key': 'enrol-late-replay' };
  const first = await citizen.request('POST', '/v1/applications', body, headers);
  expect(first.status).toBe('submitted');
  // Every branch open: the application itself is in review by now.
  expect((await waitForBranches(citizen, first.id, 4)).status).toBe('in-review');
  // HTTP-API.md: "the same key with the same body returns the first response again".
  expect(await citizen.request('POST', '/v1/applications', body, headers)).toEqual(first);
});

test('a repeated decision is answered again; a different second decision is 409', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-double' });
  const service = await getService(t.api, 'newborn');
  const materials = await uploadNeeded(citizen, service);
  const { id } = await citizen.request('POST', '/v1/applications', {
    serviceId: service.id,
    form: service.formSchema.examples[0],
    materials,
  });
  // Staged (issue 15): health opens first and its approval hands the certificate number forward.
  await waitForBranches(citizen, id, firstStage(service).length);
  const dept = service.departments[0];
  const officer = await t.api.login({ role: 'officer', sub: 'dbl', dept: dept!.id });
  const task = await findTask(officer, dept!.id, id);

  const approval = { decision: 'approve', comment: 'ok', results: EXAMPLE_RESULTS[dept!.id] };
  const first = await decide(officer, task.taskId, approval);
  const replay = await decide(officer, task.taskId, approval);
  expect(replay).toEqual(first);
  await expect(decide(officer, task.taskId, { decision: 'reject', comment: 'changed my mind' })).rejects.toMatchObject({ status: 409 });
});
