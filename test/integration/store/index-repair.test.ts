import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { startDynamoDb } from '../../../local/components/dynamodb';
import { LOCAL_NAMES, startRuntime } from '../../../local/runtime';
import { OneThingClient } from '../../../local/client';
import { startTestRuntime } from '../support/runtime';
import { findTask, getService, submitExample, waitForBranches } from '../support/flows';
import { appItem, clientFor, createTestTable, editIndexEntry, indexDisagreements, queryIndex, TABLE } from './store-fixture';

const x = appItem('X', 't1');
const y = appItem('Y', 't2');

test('the store repairs index entries left by a crash before it serves', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-store-repair-'));
  try {
    const first = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
    const client = clientFor(`http://127.0.0.1:${first.port}`);
    await createTestTable(client);
    for (const item of [x, y]) await client.send(new PutItemCommand({ TableName: TABLE, Item: item }));
    client.destroy();
    await first.close();

    // What unbatched writes left after kills: a stale entry beside the live one, entries of an
    // item never written, an item without its entry, an entry with older attribute values.
    await editIndexEntry(dir, TABLE, 'gsi1', 'put', { ...x, gsi1sk: { S: 't0#X' } });
    await editIndexEntry(dir, TABLE, 'gsi1', 'put', { ...x, pk: { S: 'Z' }, gsi1sk: { S: 't3#Z' } });
    await editIndexEntry(dir, TABLE, 'gsi2', 'put', { ...x, pk: { S: 'Z' }, gsi2sk: { S: 't3#Z' } });
    await editIndexEntry(dir, TABLE, 'gsi2', 'del', y);
    await editIndexEntry(dir, TABLE, 'gsi1', 'put', { ...y, status: { S: 'never-stored' } });

    const restarted = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
    const reader = clientFor(`http://127.0.0.1:${restarted.port}`);
    try {
      expect(await indexDisagreements(reader)).toEqual([]);
      expect((await queryIndex(reader, 'gsi1', 'OWNER#a')).map((e) => e.gsi1sk?.S)).toEqual(['t1#X', 't2#Y']);
      expect((await queryIndex(reader, 'gsi1', 'OWNER#a'))[1]?.status).toBeUndefined();
      expect(restarted.repaired).toEqual({ removed: 3, rewritten: 2 });
    } finally {
      reader.destroy();
      await restarted.close();
    }
    // A healthy folder: nothing to repair.
    const again = await startDynamoDb({ host: '127.0.0.1', port: 0, dir });
    await again.close();
    expect(again.repaired).toEqual({ removed: 0, rewritten: 0 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('an old data folder with ghost entries shows each application once, and no ghost inbox task', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-store-ghost-'));
  const dbDir = path.join(dataDir, 'dynamodb');
  try {
    const t = await startTestRuntime({ dataDir });
    const citizen = await t.api.login({ role: 'citizen', sub: 'ghost-parent' });
    const service = await getService(t.api, 'school-enrolment');
    const id = await submitExample(citizen, service, 'ghost-1');
    await waitForBranches(citizen, id, service.departments.length);
    // The handler modules keep the clients of their first start (as on Lambda), so the second
    // start binds the same ports.
    const port = (url: string) => Number(new URL(url).port);
    const ports = {
      api: port(t.runtime.urls.api),
      dynamodb: port(t.runtime.urls.dynamodb),
      s3: port(t.runtime.urls.s3),
      sfn: port(t.runtime.urls.sfn),
    };
    const config = { ...t.config, ports };
    await t.close();

    // The application item as stored, re-indexed under an earlier submission time (the stale
    // gsi1 entry of the issue), and an inbox entry for a task that was never written.
    const owner = `OWNER#ghost-parent`;
    const stored = await readApplicationItems(dbDir, id);
    const app = stored.find((i) => i.sk?.S === 'APP')!;
    const task = stored.find((i) => i.sk?.S?.startsWith('TASK#'))!;
    expect(app.gsi1pk?.S).toBe(owner);
    await editIndexEntry(dbDir, LOCAL_NAMES.main, 'gsi1', 'put', { ...app, gsi1sk: { S: `2026-09-30T01:59:59.000Z#${id}` } });
    const dept = task.sk!.S!.slice('TASK#'.length);
    await editIndexEntry(dbDir, LOCAL_NAMES.main, 'gsi3', 'put', {
      ...task,
      sk: { S: 'TASK#ghost' },
      gsi3sk: { S: `2026-09-30T00:00:00.000Z#Tghost` },
    });

    const runtime = await startRuntime(config);
    try {
      const api = new OneThingClient(runtime.urls.api);
      const again = await api.login({ role: 'citizen', sub: 'ghost-parent' });
      const list = await again.request<{ items: Array<{ id: string }> }>('GET', '/v1/applications');
      expect(list.items.map((a) => a.id)).toEqual([id]);
      const officer = await api.login({ role: 'officer', sub: `o-${dept}`, dept });
      await findTask(officer, dept, id);
      const inbox = await officer.request<{ items: Array<{ applicationId: string }> }>(
        'GET',
        `/v1/departments/${dept}/tasks?status=open&limit=100`,
      );
      expect(inbox.items.map((i) => i.applicationId)).toEqual([id]);
    } finally {
      await runtime.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);

/** The application item and its task items, as stored (the runtime is stopped). */
async function readApplicationItems(dbDir: string, id: string) {
  const store = await startDynamoDb({ host: '127.0.0.1', port: 0, dir: dbDir });
  const client = clientFor(`http://127.0.0.1:${store.port}`);
  try {
    const page = await client.send(
      new QueryCommand({
        TableName: LOCAL_NAMES.main,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `APP#${id}` } },
      }),
    );
    return page.Items ?? [];
  } finally {
    client.destroy();
    await store.close();
  }
}
