/**
 * The generated state machine ends in Finalize whatever happens, and its waits are bounded:
 * a step failing after its retries, an expired supplement, escalations over many days, a
 * checkpoint instant already past. Real runtime; failures are injected by registering another
 * in-process Lambda under a workflow function's name.
 */
import { createWorkflowHandlers } from '../../../functions/workflow/handlers';
import { createStepDeps } from '../../../functions/workflow/steps';
import type { OneThingClient } from '../../../local/client';
import { loadCalendar } from '../../../shared/calendar';
import type { LambdaHandler } from '@onething/stepfunctions-local';
import { functionName, stateMachineArnPrefix } from '../../../local/state-machines';
import { DependencyError } from '../../../shared/errors';
import { decide, findTask, getApplication, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime';

const DAY = 86_400;

// One runtime for the file; each test puts the real handlers (built over the runtime's deps) back and leaves no execution running, so the shared dev clock moving on
// disturbs no later test.
let t: TestRuntime;
let real: ReturnType<typeof createWorkflowHandlers>;
beforeAll(async () => {
  t = await startTestRuntime();
  real = createWorkflowHandlers(createStepDeps(() => t.runtime.deps));
});
afterAll(() => t.close());
const running: Array<{ citizen: OneThingClient; id: string }> = [];
afterEach(async () => {
  inject('intake', (event, context) => real.intake(event, context));
  inject('checkpoint', (event, context) => real.checkpoint(event, context));
  for (const { citizen, id } of running.splice(0)) await citizen.request('POST', `/v1/applications/${id}/withdraw`);
});

const clockNow = async () => Date.parse((await t.api.request<{ now: string }>('GET', '/v1/dev/clock')).now);
/** Advances the dev clock to `seconds` after `instant` (the engine's due timers have run when it returns). */
const advanceTo = async (instant: string, seconds = 0) =>
  t.api.advanceClock(Math.max(1, Math.ceil((Date.parse(instant) - (await clockNow())) / 1000) + seconds));
const execution = (serviceId: string, id: string) =>
  t.runtime.engine.call('DescribeExecution', {
    executionArn: `${stateMachineArnPrefix(t.config).replace(':stateMachine:', ':execution:')}onething-${serviceId}:${id}`,
  });
const inject = (fn: string, handler: LambdaHandler) => t.runtime.engine.registerLambda(functionName(fn), handler);

const firstDueAt = (app: any): string => app.branches.map((b: any) => b.dueAt).sort()[0];

async function openApplication(serviceId: string, sub: string) {
  const citizen = await t.api.login({ role: 'citizen', sub });
  const service = await getService(t.api, serviceId);
  const id = await submitExample(citizen, service);
  const opened = await waitForBranches(citizen, id, service.departments.length);
  return { citizen, service, id, opened };
}

test('all approving still takes 15 state transitions for a school enrolment, and reads no unassigned variable (strict mode)', async () => {
  const { citizen, service, id } = await openApplication('school-enrolment', 'parent-count');
  for (const d of service.departments) {
    const o = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: 'ok' });
  }
  await waitForStatus(citizen, id, 'approved');
  const { executionArn } = await execution(service.id, id);
  const history = await t.runtime.engine.call('GetExecutionHistory', { executionArn: executionArn!, maxResults: 1000 });
  const entered = (history.events as Array<{ type: string }>).filter((e) => e.type.endsWith('StateEntered'));
  expect(entered).toHaveLength(15);
  expect((await execution(service.id, id)).status).toBe('SUCCEEDED');
});

test('a step failing after its retries ends the application as failed: every task closed, logged, a clear status', async () => {
  let calls = 0;
  inject('checkpoint', async () => {
    calls += 1;
    throw new DependencyError('DynamoDB unavailable');
  });
  const { citizen, service, id, opened } = await openApplication('school-enrolment', 'parent-failed');
  // Past the first due date: the first checkpoint fails (each retry is due within 30 s of the last).
  await advanceTo(firstDueAt(opened), 60);
  for (let i = 0; i < 10; i++) await t.api.advanceClock(60);

  const failed = await waitForStatus(citizen, id, 'failed');
  expect(calls).toBeGreaterThanOrEqual(7); // the first call and the 6 retries of one branch
  expect(failed.result).toMatchObject({
    outcome: 'failed',
    reason: 'processing-failed',
    message: { zh: expect.any(String), en: expect.any(String) },
  });
  expect(failed.branches.map((b: any) => b.status)).toStrictEqual(service.departments.map(() => 'cancelled'));
  const types = failed.timeline.map((e: any) => e.type);
  expect(types).toContain('failed');
  expect(types).not.toContain('completed');
  expect(types.filter((x: string) => x === 'cancelled')).toHaveLength(service.departments.length);
  // Finalize ran: the execution itself succeeded, and no department sees the task as open.
  expect((await execution(service.id, id)).status).toBe('SUCCEEDED');
  const officer = await t.api.login({ role: 'officer', sub: 'edu', dept: 'education' });
  const inbox = await officer.request<{ items: any[] }>('GET', '/v1/departments/education/tasks?status=open');
  expect(inbox.items.map((x) => x.applicationId)).not.toContain(id);
  // Final: no decision on a closed task, no withdrawal of a failed application.
  const task = await findTask(officer, 'education', id, 'done');
  await expect(decide(officer, task.taskId, { decision: 'approve', comment: 'late' })).rejects.toMatchObject({ status: 409 });
  await expect(citizen.request('POST', `/v1/applications/${id}/withdraw`)).rejects.toMatchObject({ status: 409 });
});

test('intake failing ends in Finalize too: failed, nothing left open', async () => {
  inject('intake', async () => {
    throw new TypeError('registry answer malformed');
  });
  const citizen = await t.api.login({ role: 'citizen', sub: 'parent-intake' });
  const service = await getService(t.api, 'newborn');
  const id = await submitExample(citizen, service);
  const failed = await waitForStatus(citizen, id, 'failed');
  expect(failed.branches.every((b: any) => b.status === 'cancelled')).toBe(true);
  // The newborn service is staged (issue 15): no branch opened, each is logged cancelled as pending.
  expect(failed.timeline.map((e: any) => e.type)).toEqual(['submitted', 'cancelled', 'cancelled', 'cancelled', 'cancelled', 'failed']);
  expect(failed.timeline.filter((e: any) => e.type === 'cancelled').map((e: any) => [e.department, e.detail.pending])).toEqual(
    service.departments.map((d) => [d.id, true]),
  );
  expect((await execution(service.id, id)).status).toBe('SUCCEEDED');
});

test('a supplement not provided within the limit ends the application, with the expiry logged', async () => {
  const { citizen, service, id } = await openApplication('school-enrolment', 'parent-late');
  const officer = await t.api.login({ role: 'officer', sub: 'edu-late', dept: 'education' });
  const task = await findTask(officer, 'education', id);
  await decide(officer, task.taskId, {
    decision: 'request-supplement',
    comment: '请补充',
    missing: [{ field: 'form.contact.phone', reason: '无法接通' }],
  });
  const waiting = await waitForStatus(citizen, id, 'supplement-required');
  const requestedAt = waiting.branches.find((b: any) => b.department === 'education').supplementRequests[0].requestedAt;

  // 30 calendar days: the first timeout only checks; the 30th working day after the request is not over.
  await advanceTo(requestedAt, 30 * DAY + 60);
  expect((await getApplication(citizen, id)).status).toBe('supplement-required');
  // Past the end of the 30th working day after the request (the site's default limit).
  const deadline = loadCalendar().dueAt(new Date(requestedAt), 30).dueAt.toISOString();
  await advanceTo(deadline, 60);

  const ended = await waitForStatus(citizen, id, 'rejected');
  expect(ended.result).toMatchObject({
    outcome: 'rejected',
    rejectedBy: 'education',
    reason: 'supplement-expired',
    message: { zh: expect.any(String), en: expect.any(String) },
  });
  const education = ended.branches.find((b: any) => b.department === 'education');
  expect(education.status).toBe('cancelled');
  const expiry = ended.timeline.filter((e: any) => e.type === 'supplement-expired');
  expect(expiry.map((e: any) => [e.department, Date.parse(e.at) >= Date.parse(deadline)])).toEqual([['education', true]]);
  expect(ended.branches.every((b: any) => b.status === 'cancelled')).toBe(true);
  expect((await execution(service.id, id)).status).toBe('SUCCEEDED');
});

test('escalations stop at the cap over many days of dev clock, and the wait goes on', async () => {
  const { citizen, service, id, opened } = await openApplication('school-enrolment', 'parent-slow');
  const publicSecurity = opened.branches.find((b: any) => b.department === 'public-security');
  await advanceTo(publicSecurity.dueAt, 60);
  for (let day = 0; day < 20; day++) await t.api.advanceClock(DAY);

  const app = await getApplication(citizen, id);
  expect(app.status).toBe('in-review');
  const escalated = app.timeline.filter((e: any) => e.type === 'escalated' && e.department === 'public-security');
  // school-enrolment escalates every 24 h, 10 times per due date (the site default): 20 days past due, still 10.
  expect(escalated.map((e: any) => e.detail?.escalation)).toStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

  for (const d of service.departments) {
    const o = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: '逾期办结' });
  }
  await waitForStatus(citizen, id, 'approved');
});

test('a checkpoint instant already past re-arms a minute later, not every second', async () => {
  let calls = 0;
  inject('checkpoint', async (event, context) => {
    calls += 1;
    const schedule = (await real.checkpoint(event, context)) as Record<string, unknown>;
    return { ...schedule, nextCheckpointAt: '2000-01-01T00:00:00.000Z' };
  });
  const { citizen, id, opened } = await openApplication('school-enrolment', 'parent-spin');
  // The three 3-day branches share their instants; education (10 days) stays far away.
  await advanceTo(firstDueAt(opened), 60);
  await eventually(async () => (calls > 0 ? calls : undefined), 'the first checkpoint');
  const first = calls;
  for (let s = 0; s < 120; s++) await t.api.advanceClock(1);

  // Each of the branches that checkpointed re-arms after 60 s: two more rounds in 120 s.
  expect(calls - first).toBeLessThanOrEqual(2 * first);
  expect(calls - first).toBeGreaterThanOrEqual(first);
  expect((await getApplication(citizen, id)).status).toBe('in-review');
  running.push({ citizen, id });
});
