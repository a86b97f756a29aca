import { startTestRuntime, eventually, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { failNext } from '../support/faults';
import type { ApiError, OneThingClient } from '../../../local/client';

/**
 * The process dies right after a notifying event is logged, before its notifications are
 * written (the fault answers the event's put with an error after it succeeded, so the rest of
 * that call never runs). Whoever replays the step writes them: exactly once each.
 */
let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z' });
});
afterAll(() => t.close());

const isEventPut = (type: string) => (command: string, input: Record<string, any>) =>
  ['PutCommand', 'PutItemCommand'].includes(command) &&
  input.TableName === t.runtime.deps.config.auditTableName &&
  (input.Item?.type === type || input.Item?.type?.S === type);

const kindsOf = async (citizen: OneThingClient, id: string): Promise<string[]> =>
  ((await citizen.request('GET', '/v1/notifications?limit=100')).items as Array<{ kind: string; applicationId: string }>)
    .filter((n) => n.applicationId === id)
    .map((n) => n.kind)
    .reverse();

test('a crash between a decision event and its notification (the officer retries) and between `completed` and its notifications (the state machine retries): each once', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'crash-notes' });
  const service = await getService(t.api, 'school-enrolment');
  const id = await submitExample(citizen, service);
  await waitForBranches(citizen, id, service.departments.length);
  const [first, ...others] = service.departments;

  const o1 = await t.api.login({ role: 'officer', sub: 'o-first', dept: first!.id });
  const task = await findTask(o1, first!.id, id);
  const decisionFault = failNext(t.runtime.deps, 'ddb', isEventPut('decided'), 'after');
  const failed = await decide(o1, task.taskId, { decision: 'approve', comment: '同意' }).catch((e: ApiError) => e.status);
  expect([failed, decisionFault.fired()]).toEqual([503, true]);
  expect(await kindsOf(citizen, id)).toEqual([]);
  // The officer, unsure, decides again: the same decision replays and writes what was missing.
  await decide(o1, task.taskId, { decision: 'approve', comment: '同意' });
  expect(await kindsOf(citizen, id)).toEqual(['department-decision']);

  const completedFault = failNext(t.runtime.deps, 'ddb', isEventPut('completed'), 'after');
  for (const d of others) {
    const o = await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id });
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: '同意' });
  }
  await waitForStatus(citizen, id, 'approved');
  expect(completedFault.fired()).toBe(true);
  const kinds = await eventually(async () => {
    const k = await kindsOf(citizen, id);
    return k.length >= service.departments.length + 2 ? k : undefined;
  }, 'every notification');
  expect(kinds).toEqual([...service.departments.map(() => 'department-decision'), 'result', 'evaluation-invitation']);
});
