import { BatchWriteCommand } from '../../../shared/aws/document-store';
import { reconcile } from '../../../shared/applications';
import { keys, taskId } from '../../../shared/applications/ids';
import { deliveryMark, startMark } from '../../../shared/applications/pending';
import type { ApplicationRecord, TaskRecord } from '../../../shared/applications/records';
import { createAwsClients } from '../../../shared/aws/clients';
import { getService } from '../../../workflows/catalog';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/**
 * Reconcile at scale: 10,000 unfinished applications (submitted, each with an open task,
 * all submitted within the last day) written straight into the store, among them a few with
 * unfinished work. Reconcile must read only those few, in bounded runs.
 */
const APPLICATIONS = 10_000;
const UNDELIVERED = 40;
const UNSTARTED = 3;

let t: TestRuntime;
const school = getService('school-enrolment');
const submittedAt = '2026-09-30T01:00:00.000Z'; // an hour before the test clock starts

/** A fixed, valid application id per number (A + 26 Crockford base32 characters). */
const appId = (i: number) => `A01J${String(i).padStart(23, '0')}`;

function application(i: number, unstarted: boolean): ApplicationRecord {
  const id = appId(i);
  return {
    ...keys.application(id),
    id,
    serviceId: school.id,
    serviceVersion: school.version,
    ownerSub: `scale-${i % 100}`,
    submittedAs: 'citizen',
    status: 'submitted',
    submittedAt,
    dueAt: '2026-10-22T16:00:00.000Z',
    walkthrough: false,
    form: school.example as Record<string, unknown>,
    materials: [],
    checks: [],
    requestHash: 'h'.repeat(64),
    gsi1pk: keys.owner(`scale-${i % 100}`),
    gsi1sk: `${submittedAt}#${id}`,
    gsi2pk: keys.day(submittedAt),
    gsi2sk: `${submittedAt}#${id}`,
    ...(unstarted ? startMark({ id, submittedAt }) : {}),
  };
}

function task(i: number, undelivered: boolean): TaskRecord {
  const id = appId(i);
  const tid = taskId(id, 'education');
  const decided = undelivered
    ? {
        status: 'approved' as const,
        decision: 'approve' as const,
        decidedAt: submittedAt,
        decidedBy: 'o',
        ...deliveryMark(submittedAt, tid, 'd0'),
      }
    : { status: 'open' as const };
  return {
    ...keys.task(id, 'education'),
    taskId: tid,
    applicationId: id,
    serviceId: school.id,
    serviceVersion: school.version,
    department: 'education',
    walkthrough: false,
    openedAt: submittedAt,
    dueAt: '2026-10-20T16:00:00.000Z',
    warnAt: '2026-10-16T16:00:00.000Z',
    overdue: false,
    // A token no execution holds: the engine answers that it takes nothing (stale).
    token: `no-such-token-${i}`,
    tokenKind: 'decision',
    supplementRequests: [],
    gsi3pk: keys.inbox('education', undelivered ? 'done' : 'open'),
    gsi3sk: `2026-10-20T16:00:00.000Z#${tid}`,
    ...decided,
  };
}

async function writeAll(items: object[]): Promise<void> {
  const { ddb, config } = t.runtime.deps;
  const batches: object[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map(async (batch) => {
        let pending: any = { [config.tableName]: batch.map((Item) => ({ PutRequest: { Item } })) };
        while (pending && Object.keys(pending).length)
          pending = (await ddb.send(new BatchWriteCommand({ RequestItems: pending }))).UnprocessedItems;
      }),
    );
  }
}

/**
 * Reconcile's deps with a client of its own that counts the main-table items each read
 * returns (Query, GetItem), by index: the executions reconcile starts read through the
 * platform's client meanwhile, and are not counted.
 */
function countingDeps() {
  const deps = t.runtime.deps;
  const { config } = deps;
  const counts: Record<string, number> = {};
  const countMainReads =
    (next: (a: any) => Promise<any>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
      const out = await next(args);
      const isRead = /^(Query|Scan|Get|GetItem|BatchGet|BatchGetItem)Command$/.test(context.commandName ?? '');
      if (isRead && args.input.TableName === config.tableName) {
        const read = out.output?.Items?.length ?? (out.output?.Item ? 1 : 0);
        const where = args.input.IndexName ?? 'table';
        counts[where] = (counts[where] ?? 0) + read;
      }
      return out;
    };
  // At construction: the client resolves its middleware once (cacheMiddleware).
  const { ddb } = createAwsClients(
    config,
    {},
    {
      dynamodb: [{ applyToStack: (stack) => stack.add(countMainReads as never, { step: 'initialize', name: 'count-main-reads' }) }],
    },
  );
  return { deps: { ...deps, ddb }, counts };
}

beforeAll(async () => {
  t = await startTestRuntime();
  const apps = Array.from({ length: APPLICATIONS }, (_, i) => application(i, i % 3_000 === 7 && i / 3_000 < UNSTARTED));
  const tasks = Array.from({ length: APPLICATIONS }, (_, i) => task(i, i % 250 === 11));
  expect(apps.filter((a) => a.gsi4pk).length).toBe(UNSTARTED);
  expect(tasks.filter((x) => x.gsi4pk).length).toBe(UNDELIVERED);
  await writeAll([...apps, ...tasks]);
}, 120_000);
afterAll(() => t.close());

test('reconcile reads only the unfinished work among 10,000 unfinished applications, in bounded runs that continue', async () => {
  const reads = countingDeps();
  {
    const run = () => reconcile(reads.deps, { pageSize: 10, maxItems: 25, graceMs: 0 });
    const first = await run();
    expect(first).toEqual({
      started: UNSTARTED,
      stopped: 0,
      delivered: 0,
      read: UNSTARTED + 25,
      failed: 0,
      more: true,
      lagSeconds: expect.any(Number),
    });
    expect(first.lagSeconds).toBeGreaterThan(0);
    // Each decision settled is logged with its notifications (issue 12), which read that one
    // application and its task (2 items): work on the unfinished item itself, nothing else.
    expect(reads.counts).toEqual({ gsi4: UNSTARTED + 25, table: 2 * 25 });

    const second = await run();
    expect(second).toEqual({
      started: 0,
      stopped: 0,
      delivered: 0,
      read: UNDELIVERED - 25,
      failed: 0,
      more: false,
      lagSeconds: expect.any(Number),
    });
    const third = await run();
    expect(third).toEqual({ started: 0, stopped: 0, delivered: 0, read: 0, failed: 0, more: false, lagSeconds: 0 });
    // Every item read was unfinished work: 43 of 20,000 items, never the day's applications (gsi2),
    // plus each settled decision's own application and task for its notifications.
    expect(reads.counts).toEqual({ gsi4: UNSTARTED + UNDELIVERED, table: 2 * UNDELIVERED });
  }
}, 60_000);
