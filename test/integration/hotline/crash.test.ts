/**
 * Crash recovery of 12345 events (docs/DESIGN.md "Crash consistency", row "POST /v1/events"):
 * a fault is injected at each step of the submission's tail (the `submitted` append,
 * StartExecution before and after it ran, the removal of the not-started mark) and nobody
 * retries; the reconcile pass, days later, finishes the event and a retry never duplicates.
 */
import { QueryCommand } from '../../../shared/aws/document-store';
import type { OneThingClient } from '../../../local/client';
import { reconcile } from '../../../shared/applications';
import { failNext } from '../support/faults';
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { act, getEvent, report, waitFor, type AnyView } from './support';

let t: TestRuntime;
beforeAll(async () => {
  t = await startTestRuntime();
});
afterAll(() => t.close());

const DAY = 86_400;
const reconcileNow = () => reconcile(t.runtime.deps, { graceMs: 0 });
const types = (view: AnyView): string[] => view.timeline.map((e: { type: string }) => e.type);
const count = (view: AnyView, type: string) => types(view).filter((x) => x === type).length;
/** An attribute as the middleware sees it: plain (document client) or marshalled (`{ S }`). */
const text = (v: any): string => String(v?.S ?? v ?? '');
const isEventItem = (input: Record<string, any>) => text(input.Key?.pk).startsWith('EVT#');
/** A put of a timing-log event on an event's chain (event ids start with `E`). */
const isEventChainPut = (command: string, input: Record<string, any>) =>
  ['PutCommand', 'PutItemCommand'].includes(command) && text(input.Item?.pk).startsWith('APP#E');

/** The citizen's stored events, read from the store (the failed request never returned an id). */
async function storedEventIds(sub: string): Promise<string[]> {
  const { ddb, config } = t.runtime.deps;
  const out = await ddb.send(
    new QueryCommand({
      TableName: config.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `EVOWNER#${sub}` },
    }),
  );
  return (out.Items ?? []).map((i) => i.id as string);
}

/** The event's machine is running and handles it: dispatched once, accepted, exactly one of each event. */
async function expectRunningOnce(citizen: OneThingClient, id: string): Promise<void> {
  const dispatched = await waitFor(citizen, id, 'dispatched');
  const officer = await t.api.login({ role: 'officer', sub: 'o-crash', dept: dispatched.department });
  await act(officer, id, 'accept');
  const accepted = await waitFor(citizen, id, 'accepted');
  for (const type of ['submitted', 'dispatched', 'branch-opened', 'accepted']) expect(count(accepted, type)).toBe(1);
  expect(accepted.status).toBe('accepted');
}

beforeEach(async () => {
  // Nothing left over from the test before: every mark older than now has been finished.
  expect(await reconcileNow()).toMatchObject({ read: 0, failed: 0 });
});

test('StartExecution fails: the event is accepted (stored and logged) and reconcile starts it days later', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-crash-start' });
  const fault = failNext(t.runtime.deps, 'sfn', (command) => command === 'StartExecutionCommand', 'before');
  const id = await report(citizen, 'garbage-collection', 'jiyuanlu');
  expect(fault.fired()).toBe(true);
  expect(types(await getEvent(citizen, id))).toEqual(['submitted']);

  await t.api.advanceClock(3 * DAY);
  expect(await reconcileNow()).toMatchObject({ started: 1, read: 1, failed: 0 });
  await expectRunningOnce(citizen, id);
  expect(await reconcileNow()).toMatchObject({ read: 0 });
});

test('the `submitted` append fails after the put: 5xx, nobody retries, reconcile logs it and starts the event', async () => {
  const sub = 'c-crash-log';
  const citizen = await t.api.login({ role: 'citizen', sub });
  const fault = failNext(t.runtime.deps, 'ddb', isEventChainPut, 'before');
  await expect(report(citizen, 'garbage-collection', 'jiyuanlu')).rejects.toMatchObject({ status: 503 });
  expect(fault.fired()).toBe(true);
  const [id] = await storedEventIds(sub);
  expect(id).toBeDefined();
  expect(types(await getEvent(citizen, id!))).toEqual([]);

  await t.api.advanceClock(DAY);
  expect(await reconcileNow()).toMatchObject({ started: 1, failed: 0 });
  await expectRunningOnce(citizen, id!);
});

test('StartExecution ran but the process died before hearing it: reconcile finds the execution and starts nothing twice', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-crash-after' });
  const fault = failNext(t.runtime.deps, 'sfn', (command) => command === 'StartExecutionCommand', 'after');
  const id = await report(citizen, 'farmland', 'xiawo');
  expect(fault.fired()).toBe(true);
  await waitFor(citizen, id, 'dispatched');

  await t.api.advanceClock(DAY);
  expect(await reconcileNow()).toMatchObject({ started: 1, failed: 0 });
  await expectRunningOnce(citizen, id);
});

test('the mark removal fails after the start: the event runs, and reconcile only removes the mark', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-crash-unmark' });
  const fault = failNext(
    t.runtime.deps,
    'ddb',
    (command, input) =>
      ['UpdateCommand', 'UpdateItemCommand'].includes(command) &&
      isEventItem(input) &&
      String(input.UpdateExpression).startsWith('REMOVE gsi4pk'),
    'before',
  );
  const id = await report(citizen, 'garbage-collection', 'jiyuanlu');
  expect(fault.fired()).toBe(true);
  await waitFor(citizen, id, 'dispatched');

  await t.api.advanceClock(DAY);
  expect(await reconcileNow()).toMatchObject({ read: 1, failed: 0 });
  await expectRunningOnce(citizen, id);
  expect(await reconcileNow()).toMatchObject({ read: 0 });
});

test('with an Idempotency-Key the client retry after a failed append finishes it; reconcile then has nothing to do', async () => {
  const citizen = await t.api.login({ role: 'citizen', sub: 'c-crash-retry' });
  const body = {
    category: 'garbage-collection',
    description: '测试：重试',
    location: { street: 'jiyuanlu', address: '测试路2号' },
    contact: { name: '李先生', phone: '13900000000' },
  };
  const headers = { 'Idempotency-Key': 'crash-retry-1' };
  const fault = failNext(t.runtime.deps, 'ddb', isEventChainPut, 'before');
  await expect(citizen.request('POST', '/v1/events', body, headers)).rejects.toMatchObject({ status: 503 });
  expect(fault.fired()).toBe(true);

  const retried = await citizen.request<{ id: string }>('POST', '/v1/events', body, headers);
  const again = await citizen.request<{ id: string }>('POST', '/v1/events', body, headers);
  expect(again.id).toBe(retried.id);
  await expectRunningOnce(citizen, retried.id);
  await t.api.advanceClock(DAY);
  expect(await reconcileNow()).toMatchObject({ read: 0 });
});
