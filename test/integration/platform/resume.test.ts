import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { ApiError, type OneThingClient } from '../../../local/client';
import { executionArn } from '../../../shared/applications/executions';
import { reconcile } from '../../../shared/applications';
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
import { exitedStates, failNext, storedTask } from '../support/faults';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime';

/**
 * A failure injected between two steps of a multi-step change, on the real runtime; then the
 * client's retry, or (separately) reconcile days later, finishes the change: the branch moves
 * on, and the timeline has exactly one of each event.
 */
let t: TestRuntime;
let service: ServiceDoc;
let citizen: OneThingClient;
const officers = new Map<string, OneThingClient>();
beforeAll(async () => {
  // A Monday in November: no holidays in the days the clock is advanced over.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z' });
  service = await getService(t.api, 'school-enrolment');
  citizen = await t.api.login({ role: 'citizen', sub: 'parent-resume' });
  for (const d of service.departments) officers.set(d.id, await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id }));
}, 60_000);
afterAll(() => t.close());

const DAY = 86_400;
const EDU = 'education';
const officer = (dept: string) => officers.get(dept) as OneThingClient;
const isSendTaskSuccess = (command: string) => command === 'SendTaskSuccessCommand';
const isAuditPut = (command: string, input: Record<string, any>) =>
  ['PutCommand', 'PutItemCommand'].includes(command) && input.TableName === t.runtime.deps.config.auditTableName;
const reconcileNow = () => reconcile(t.runtime.deps, { graceMs: 0 });
const status = (error: unknown) => (error instanceof ApiError ? error.status : error);

/** An application whose education branch waits for the applicant's supplement (the machine in its supplement wait). */
async function waitingForSupplement(): Promise<string> {
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  const task = await findTask(officer(EDU), EDU, id);
  await decide(officer(EDU), task.taskId, {
    decision: 'request-supplement',
    comment: '请补充',
    missing: [{ field: 'form.guardian.phone', reason: '无法接通' }],
  });
  await eventually(
    async () => ((await storedTask(t.runtime.deps, id, EDU))?.tokenKind === 'supplement' ? true : undefined),
    'the supplement wait holding its token',
  );
  return id;
}

/** The machine took the answer: it left the supplement wait and the next decision wait holds its token. */
const answerArrived = (id: string) =>
  eventually(async () => {
    const task = await storedTask(t.runtime.deps, id, EDU);
    const left = (await exitedStates(t.runtime.deps, service.id, id)).includes('SupplementEducation');
    return left && task?.tokenKind === 'decision' && task.gsi4pk === undefined ? true : undefined;
  }, 'the supplement answer delivered');

/** Every other branch approves; the application completes; how many of each event its timeline has. */
async function finishAndCount(id: string, decidedAlready: string[] = []): Promise<Record<string, number>> {
  for (const d of service.departments.filter((x) => !decidedAlready.includes(x.id))) {
    const task = await findTask(officer(d.id), d.id, id);
    await decide(officer(d.id), task.taskId, { decision: 'approve', comment: 'ok' });
  }
  const done = await waitForStatus(citizen, id, 'approved');
  const counts: Record<string, number> = {};
  for (const e of done.timeline) {
    const key = `${e.type}${e.department ? `:${e.department}` : ''}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const once = (types: string[]) => Object.fromEntries(types.map((k) => [k, 1]));
const happyPath = (extra: Record<string, number> = {}) => ({
  submitted: 1,
  completed: 1,
  ...once(service.departments.flatMap((d) => [`branch-opened:${d.id}`, `decided:${d.id}`])),
  ...extra,
});
const supplementRound = {
  [`decided:${EDU}`]: 2,
  [`supplement-requested:${EDU}`]: 1,
  [`supplement-provided:${EDU}`]: 1,
  [`due-moved:${EDU}`]: 1,
};

describe('a supplement answer', () => {
  const answer = { department: EDU, form: { guardian: { phone: '13900139000' } }, note: '已更新电话' };

  test('SendTaskSuccess fails after the answer is recorded: the same request again delivers it; another answer is 409', async () => {
    const id = await waitingForSupplement();
    const fault = failNext(t.runtime.deps, 'sfn', isSendTaskSuccess, 'before');
    const failed = await citizen.request('POST', `/v1/applications/${id}/supplements`, answer).catch(status);
    expect([failed, fault.fired()]).toEqual([503, true]);

    const view = await citizen.request('POST', `/v1/applications/${id}/supplements`, answer);
    expect(view.branches.find((b: any) => b.department === EDU).status).toBe('open');
    await answerArrived(id);
    expect(await citizen.request('POST', `/v1/applications/${id}/supplements`, { ...answer, note: '另一个答复' }).catch(status)).toBe(409);
    expect(await finishAndCount(id)).toEqual(happyPath(supplementRound));
  });

  test('the log append fails after the answer is recorded, and nobody retries: reconcile, two days later, logs and delivers it', async () => {
    const id = await waitingForSupplement();
    const fault = failNext(t.runtime.deps, 'ddb', isAuditPut, 'before');
    expect(await citizen.request('POST', `/v1/applications/${id}/supplements`, answer).catch(status)).toBe(503);
    expect(fault.fired()).toBe(true);

    await t.api.advanceClock(2 * DAY);
    const report = await reconcileNow();
    expect(report).toMatchObject({ delivered: 1, failed: 0 });
    await answerArrived(id);
    expect(await reconcileNow()).toMatchObject({ read: 0 });
    expect(await finishAndCount(id)).toEqual(happyPath(supplementRound));
  });
});

describe('a decision', () => {
  test('days after submission, SendTaskSuccess fails after it is recorded: reconcile delivers it', async () => {
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    await t.api.advanceClock(2 * DAY);
    const task = await findTask(officer(EDU), EDU, id);
    failNext(t.runtime.deps, 'sfn', isSendTaskSuccess, 'before');
    expect(await decide(officer(EDU), task.taskId, { decision: 'approve', comment: 'ok' }).catch(status)).toBe(503);

    expect(await reconcileNow()).toMatchObject({ delivered: 1 });
    await eventually(
      async () => ((await exitedStates(t.runtime.deps, service.id, id)).includes('RouteEducation') ? true : undefined),
      'the decision delivered',
    );
    expect(await finishAndCount(id, [EDU])).toEqual(happyPath());
  });

  test('SendTaskSuccess took it but the process died before the mark was removed: the retry answers 200 and leaves nothing for reconcile', async () => {
    const id = await submitExample(citizen, service);
    await waitForBranches(citizen, id, service.departments.length);
    const task = await findTask(officer(EDU), EDU, id);
    failNext(t.runtime.deps, 'sfn', isSendTaskSuccess, 'after');
    expect(await decide(officer(EDU), task.taskId, { decision: 'approve', comment: 'ok' }).catch(status)).toBe(503);
    expect((await storedTask(t.runtime.deps, id, EDU))?.gsi4pk).toBe('PENDING#delivery');

    await expect(decide(officer(EDU), task.taskId, { decision: 'approve', comment: 'ok' })).resolves.toMatchObject({ decision: 'approve' });
    expect((await storedTask(t.runtime.deps, id, EDU))?.gsi4pk).toBeUndefined();
    expect(await reconcileNow()).toMatchObject({ read: 0 });
    expect(await finishAndCount(id, [EDU])).toEqual(happyPath());
  });
});

test('a submission whose StartExecution failed is started by reconcile days later', async () => {
  const fault = failNext(t.runtime.deps, 'sfn', (command) => command === 'StartExecutionCommand', 'before');
  const id = await submitExample(citizen, service);
  expect(fault.fired()).toBe(true);
  expect((await getApplication(citizen, id)).branches.every((b: any) => b.status === 'pending')).toBe(true);

  await t.api.advanceClock(3 * DAY);
  expect(await reconcileNow()).toMatchObject({ started: 1 });
  await waitForBranches(citizen, id, service.departments.length);
  expect(await finishAndCount(id)).toEqual(happyPath());
});

test('a withdrawal whose StopExecution failed: reconcile stops the execution and cancels the open branches', async () => {
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  failNext(t.runtime.deps, 'sfn', (command) => command === 'StopExecutionCommand', 'before');
  expect(await citizen.request('POST', `/v1/applications/${id}/withdraw`).catch(status)).toBe(503);
  expect((await getApplication(citizen, id)).branches.map((b: any) => b.status)).toEqual(service.departments.map(() => 'open'));

  expect(await reconcileNow()).toMatchObject({ stopped: 1, failed: 0 });
  const app = await getApplication(citizen, id);
  expect(app.branches.map((b: any) => b.status)).toEqual(service.departments.map(() => 'cancelled'));
  const { sfn, config } = t.runtime.deps;
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(config, service.id, id) }));
  expect(execution.status).toBe('ABORTED');
  const types = app.timeline.map((e: any) => `${e.type}${e.department ? `:${e.department}` : ''}`);
  expect(types.filter((x: string) => x === 'withdrawn')).toHaveLength(1);
  expect(types.filter((x: string) => x.startsWith('cancelled:')).sort()).toEqual(
    service.departments.map((d) => `cancelled:${d.id}`).sort(),
  );
  expect(await reconcileNow()).toMatchObject({ read: 0 });
});
