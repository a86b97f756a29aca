/**
 * Issue 9: what one school enrolment costs in DynamoDB, pinned so that it cannot grow again
 * unnoticed (it went from 20 to 37 writes with the notification outbox and nobody saw it).
 * Counted like `npm run bench:platform` does: SDK middleware in the `finalizeRequest` step of
 * the runtime's own client, so a failed conditional write or an SDK retry is an attempt, not
 * a write. Only the writes about this application are counted (its items, its chain, its
 * notifications); the scheduled inspectors' rollup and anchors are not part of the path.
 */
import fs from 'node:fs';
import { GetCommand } from '../../../shared/aws/document-store';
import type { OneThingClient } from '../../../local/client';
import { eventually, startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getApplication, getService, submitExample } from '../support/flows';
import { ddbProbes } from '../support/client-probes';

let t: TestRuntime;
beforeAll(async () => {
  // A Monday in November: no holiday inside the limits. SMS are sent, so their writes count.
  t = await startTestRuntime({ clockStart: '2026-11-02T02:00:00Z', smsEveryMs: 200 });
});
afterAll(() => t.close());

type Call = { command: string; table: string; pk: string; sk: string; items: number };

/** Every successful call of the runtime's DynamoDB client while `on`, with the keys it wrote or read. */
function recordCalls() {
  const calls: Call[] = [];
  let on = true;
  const stack = ddbProbes(t.runtime.deps.ddb);
  stack.add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
      const out = await next(args);
      if (on) calls.push(describe(String(context.commandName).replace(/Command$/, ''), args.input));
      return out;
    },
    { step: 'finalizeRequest', priority: 'low', name: 'writeBudgetCalls' },
  );
  return {
    calls,
    stop: () => {
      on = false;
      stack.remove('writeBudgetCalls');
    },
  };
}

/** At `finalizeRequest` the document client has marshalled the input: `{ S: 'APP#…' }`. */
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'object' && v !== null && 'S' in v ? String(v.S) : '');

function describe(command: string, input: Record<string, any>): Call {
  const key = input.Item ?? input.Key ?? input.ExpressionAttributeValues ?? {};
  const batch = input.RequestItems as Record<string, Array<{ PutRequest?: { Item: any }; DeleteRequest?: { Key: any } }>> | undefined;
  if (batch) {
    const [table, requests] = Object.entries(batch)[0] ?? ['', []];
    const first = requests[0]?.PutRequest?.Item ?? requests[0]?.DeleteRequest?.Key ?? {};
    return { command, table, pk: str(first.pk), sk: str(first.sk), items: requests.length };
  }
  return { command, table: String(input.TableName), pk: str(key.pk ?? key[':pk']), sk: str(key.sk), items: 1 };
}

const WRITE = /^(Put|Update|Delete|BatchWrite|TransactWrite)/;

/** What a written item is, in the words of docs/DESIGN.md "Data model". */
function kindOf(c: Call, audit: string): string {
  if (c.table === audit) return 'timing-log event';
  if (c.pk.startsWith('INBOX#')) return 'in-app message';
  if (c.sk === 'APP') return 'application';
  if (c.sk.startsWith('TASK#')) return 'task';
  return `other ${c.pk.replace(/#.*/, '')}`;
}

test('a school enrolment with four approvals and its SMS: 33 DynamoDB writes, one call each, 11 reads of its own, and the platform never re-reads its chain', async () => {
  const { tableName, auditTableName } = t.runtime.deps.config;
  const citizen = await t.api.login({ role: 'citizen', sub: 'budget-parent' });
  const service = await getService(t.api, 'school-enrolment');
  let views = 0;
  const view = (who: OneThingClient, id: string) => {
    views++;
    return getApplication(who, id);
  };

  const recorder = recordCalls();
  const id = await submitExample(citizen, service);
  await eventually(async () => {
    const app = await view(citizen, id);
    return app.branches.every((b: { status: string }) => b.status === 'open') ? app : undefined;
  }, 'every branch open');
  for (const dept of service.departments.map((d) => d.id)) {
    const officer = await t.api.login({ role: 'officer', sub: `budget-${dept}`, dept });
    await decide(officer, (await findTask(officer, dept, id)).taskId, { decision: 'approve', comment: '符合条件' });
  }
  await eventually(async () => ((await view(citizen, id)).status === 'approved' ? true : undefined), 'approved');
  // The completion's one SMS (the result and the invitation to evaluate) handed out, sent and marked sent.
  await eventually(async () => {
    const lines = fs.existsSync(t.runtime.notifications.smsFile)
      ? fs
          .readFileSync(t.runtime.notifications.smsFile, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { id: string; applicationId: string })
          .filter((l) => l.applicationId === id)
      : [];
    if (lines.length < 1) return undefined;
    for (const line of lines) {
      const item = await t.runtime.deps.ddb.send(new GetCommand({ TableName: tableName, Key: { pk: 'INBOX#budget-parent', sk: line.id } }));
      if (!item.Item?.sentAt) return undefined;
    }
    return true;
  }, 'the SMS sent');
  recorder.stop();

  const mine = (c: Call) => c.pk === `APP#${id}` || c.pk === 'INBOX#budget-parent' || (c.table === auditTableName && c.pk.includes(id));
  const writes = recorder.calls.filter((c) => WRITE.test(c.command) && mine(c));
  const items: Record<string, number> = {};
  for (const w of writes) items[kindOf(w, auditTableName)] = (items[kindOf(w, auditTableName)] ?? 0) + w.items;
  // The application (put, start confirmed, final status), 4 tasks (opened, decided, delivery
  // confirmed), its 10 events (submitted, 4 branch-opened, 4 decided, completed), 6 in-app
  // messages (4 decisions, result, invitation to evaluate), the result carrying the one SMS of
  // the completion (leased, sent). See docs/DESIGN.md "Writes and calls per application".
  expect(items).toEqual({
    application: 3,
    task: 12,
    'timing-log event': 10,
    'in-app message': 6 + 2,
  });
  expect(writes.length).toBe(33);
  // Nothing else is written on the application's path (the scheduled facts rollup and anchors may run meanwhile).
  const others = recorder.calls.filter((c) => WRITE.test(c.command) && !mine(c)).map((c) => c.pk.replace(/#.*/, ''));
  expect(others.filter((pk) => pk !== 'AUDITFACTS' && pk !== 'ANCHOR')).toEqual([]);

  // The chain is read only for the applicant's views: every append starts from the chain this
  // process last wrote (shared/audit/chain-cache.ts), so intake, the four waits, the four
  // decisions and finalize read no event.
  const chainReads = recorder.calls.filter((c) => c.command === 'Query' && c.table === auditTableName && c.pk === `APP#${id}`);
  expect(chainReads).toHaveLength(views);

  // The platform's own reads of the application's partition (the applicant's views read it
  // once each on top): intake reads nothing (the execution input carries what its events
  // need), the four first waits and finalize one Query each, each decision its own task, the
  // SMS sender the application (the number, read at send time) once for its one SMS.
  const partitionReads = recorder.calls.filter((c) => /^(Get|Query)/.test(c.command) && c.table === tableName && c.pk === `APP#${id}`);
  const reads: Record<string, number> = {};
  for (const r of partitionReads) {
    const what = `${r.command} ${r.sk ? kindOf(r, auditTableName) : 'partition'}`;
    reads[what] = (reads[what] ?? 0) + 1;
  }
  expect(reads).toEqual({ 'Query partition': 5 + views, 'GetItem task': 4, 'GetItem application': 1 });
});
