import { startTestRuntime, eventually, type TestRuntime } from '../support/runtime';
import {
  decide,
  findTask,
  getApplication,
  getService,
  submitExample,
  waitForBranches,
  waitForStatus,
  type ServiceDoc,
} from '../support/flows';
import { failNext } from '../support/faults';
import { createMetrics } from '../../../shared/observability/metrics';
import { createEvaluationCheck } from '../../../shared/notifications';
import type { OneThingClient } from '../../../local/client';
import { createTimingLog } from '../../../shared/audit/store';

let t: TestRuntime;
let service: ServiceDoc;
beforeAll(async () => {
  // Monday 2026-11-02 10:00 CST: five working days later is Monday 11-09, 24:00 CST.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z' });
  service = await getService(t.api, 'school-enrolment');
});
afterAll(() => t.close());

const LEAD = 'education'; // school-enrolment's leadDepartment

async function withdrawn(citizen: OneThingClient): Promise<string> {
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  await citizen.request('POST', `/v1/applications/${id}/withdraw`);
  await waitForStatus(citizen, id, 'withdrawn');
  return id;
}

/** The put of a timing-log event of `type` (the document client's command reaches the stack marshalled). */
const isEventPut = (type: string) => (command: string, input: Record<string, any>) =>
  ['PutCommand', 'PutItemCommand'].includes(command) &&
  input.TableName === t.runtime.deps.config.auditTableName &&
  (input.Item?.type === type || input.Item?.type?.S === type);

/** The events as stored (the API's timeline shows no actor `sub`). */
const storedEvents = (id: string) =>
  createTimingLog({ ddb: t.runtime.deps.ddb, clock: t.runtime.clock, tableName: t.runtime.deps.config.auditTableName }).list(id);

const timelineOf = async (citizen: OneThingClient, id: string) => (await getApplication(citizen, id)).timeline as any[];

test('an evaluation before the result is 409; after it, once (201), then 409; logged as `evaluated`', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'eval-parent' });
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  await expect(citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 5 })).rejects.toMatchObject({ status: 409 });

  for (const d of service.departments) {
    const o = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: '同意' });
  }
  await waitForStatus(citizen, id, 'approved');
  const stranger = await t.api.login({ role: 'citizen', sub: 'eval-stranger' });
  await expect(stranger.request('POST', `/v1/applications/${id}/evaluation`, { level: 1 })).rejects.toMatchObject({ status: 404 });

  const body = { level: 4, dimensions: { efficiency: 4, guidance: 5, convenience: 4, usability: 3 }, comment: '办理很快' };
  const evaluation = await citizen.request('POST', `/v1/applications/${id}/evaluation`, body);
  expect(evaluation).toMatchObject({ applicationId: id, level: 4, comment: '办理很快', dimensions: body.dimensions });
  expect(evaluation.followUp).toBeUndefined();
  await expect(citizen.request('POST', `/v1/applications/${id}/evaluation`, body)).rejects.toMatchObject({ status: 409 });
  await expect(citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 1 })).rejects.toMatchObject({ status: 409 });

  const evaluated = (await storedEvents(id)).filter((e) => e.type === 'evaluated');
  expect(evaluated).toHaveLength(1);
  expect(evaluated[0]).toMatchObject({ actor: { role: 'citizen', sub: 'eval-parent' }, detail: { evaluationId: evaluation.id, level: 4 } });
  expect(evaluated[0]!.detail!.followUpDueAt).toBeUndefined();
  // Bad input names the field and stores nothing.
  const other = await withdrawn(citizen);
  await expect(citizen.request('POST', `/v1/applications/${other}/evaluation`, { level: 6 })).rejects.toMatchObject({
    status: 422,
    problem: { errors: [expect.objectContaining({ path: 'level' })] },
  });
  expect((await timelineOf(citizen, other)).filter((e) => e.type === 'evaluated')).toEqual([]);
});

test('a crash right after `evaluated` is logged: the same request finishes it (one event), another is 409', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'eval-crash' });
  const id = await withdrawn(citizen);
  const fault = failNext(t.runtime.deps, 'ddb', isEventPut('evaluated'), 'after');
  await expect(citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 3 })).rejects.toMatchObject({ status: 503 });
  expect(fault.fired()).toBe(true);
  await expect(citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 5 })).rejects.toMatchObject({ status: 409 });
  expect(await citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 3 })).toMatchObject({ level: 3 });
  expect((await timelineOf(citizen, id)).filter((e) => e.type === 'evaluated')).toHaveLength(1);
  await expect(citizen.request('POST', `/v1/applications/${id}/evaluation`, { level: 3 })).rejects.toMatchObject({ status: 409 });
});

test('a bad review followed up in time, and one left overdue: the metric, the list and the events', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'eval-unhappy' });
  const lead = await t.api.login({ role: 'officer', sub: 'edu-head', dept: LEAD });
  const notLead = await t.api.login({ role: 'officer', sub: 'ps-1', dept: 'public-security' });
  const answered = await withdrawn(citizen);
  const ignored = await withdrawn(citizen);

  const bad = await citizen.request('POST', `/v1/applications/${answered}/evaluation`, { level: 2, comment: '窗口指引不清楚' });
  expect(bad.followUp).toEqual({ dueAt: '2026-11-09T16:00:00.000Z', overdue: false });
  const left = await citizen.request('POST', `/v1/applications/${ignored}/evaluation`, { level: 1, comment: '多次跑腿' });
  const [badEvent] = (await timelineOf(citizen, answered)).filter((e) => e.type === 'evaluated');
  expect(badEvent.detail).toEqual({ evaluationId: bad.id, level: 2, followUpDueAt: '2026-11-09T16:00:00.000Z' });

  // Only the lead department's officer answers; once.
  await expect(notLead.request('POST', `/v1/evaluations/${bad.id}/follow-up`, { note: 'x' })).rejects.toMatchObject({ status: 404 });
  const done = await lead.request('POST', `/v1/evaluations/${bad.id}/follow-up`, { note: '已电话回访，优化窗口指引' });
  expect(done.followUp).toMatchObject({ note: '已电话回访，优化窗口指引', overdue: false });
  await expect(lead.request('POST', `/v1/evaluations/${bad.id}/follow-up`, { note: 'again' })).rejects.toMatchObject({ status: 409 });
  const [followed] = (await storedEvents(answered)).filter((e) => e.type === 'followed-up');
  expect(followed).toMatchObject({ actor: { role: 'officer', sub: 'edu-head' }, department: LEAD, detail: { evaluationId: bad.id } });
  // The applicant hears back.
  const notes = await citizen.request('GET', '/v1/notifications?limit=100');
  const followUps = notes.items.filter((n: any) => n.kind === 'follow-up');
  expect(followUps).toHaveLength(1);
  expect(followUps[0]).toMatchObject({ applicationId: answered, body: { zh: expect.stringContaining('已电话回访') } });

  // Eight calendar days later the other one is past due, unanswered.
  const lines: string[] = [];
  const check = createEvaluationCheck(t.runtime.deps, createMetrics({ clock: t.runtime.clock, write: (l) => lines.push(l) }));
  expect((await check()).unanswered).toEqual([]);
  await t.api.advanceClock(8 * 86_400);
  const report = await check();
  expect(report.unanswered).toEqual([
    { evaluationId: left.id, applicationId: ignored, leadDepartment: LEAD, dueAt: '2026-11-09T16:00:00.000Z' },
  ]);
  expect(lines.map((l) => JSON.parse(l).UnansweredBadReviews)).toEqual([0, 1]);

  const inspector = await t.api.login({ role: 'inspector', sub: 'ins-1' });
  const badOnes = await eventually(async () => {
    const page = await inspector.request('GET', '/v1/evaluations?bad=true&serviceId=school-enrolment&from=2026-11-02&to=2026-11-02');
    return page.items.length >= 2 ? page.items : undefined;
  }, 'the bad reviews');
  const byId = new Map(badOnes.map((e: any) => [e.id, e]));
  expect((byId.get(left.id) as any).followUp).toEqual({ dueAt: '2026-11-09T16:00:00.000Z', overdue: true });
  expect((byId.get(bad.id) as any).followUp).toMatchObject({ overdue: false, answeredAt: expect.any(String) });
  expect(badOnes.every((e: any) => e.level <= 2)).toBe(true);
  // The lead department sees its services' evaluations; another department sees none of them.
  expect((await lead.request('GET', '/v1/evaluations?bad=true')).items.map((e: any) => e.id)).toEqual(
    expect.arrayContaining([bad.id, left.id]),
  );
  expect((await notLead.request('GET', '/v1/evaluations')).items).toEqual([]);
  expect((await inspector.request('GET', '/v1/evaluations?from=2026-10-01&to=2026-10-31')).items).toEqual([]);
  // A good review has nothing to follow up.
  const good = await citizen.request('POST', `/v1/applications/${await withdrawn(citizen)}/evaluation`, { level: 5 });
  await expect(lead.request('POST', `/v1/evaluations/${good.id}/follow-up`, { note: 'x' })).rejects.toMatchObject({ status: 409 });
});
