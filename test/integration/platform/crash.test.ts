import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OneThingClient } from '../../../local/client';
import { decide, findTask, getApplication, getService, submitExample, waitForBranches, waitForStatus } from '../support/flows';
import { eventually } from '../support/runtime';

const ROOT = path.resolve(__dirname, '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function startPlatform(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'local/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function healthy(api: string): Promise<void> {
  await eventually(async () => ((await fetch(`${api}/healthz`).catch(() => undefined))?.status === 200 ? true : undefined), 'platform healthy', 60_000);
}

test('kill -9 of the whole runtime mid-flight loses no application, decision or log event', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-crash-'));
  const env = {
    ...process.env,
    ONETHING_DATA_DIR: dataDir,
    ONETHING_API_PORT: String(await freePort()),
    ONETHING_DYNAMODB_PORT: String(await freePort()),
    ONETHING_S3_PORT: String(await freePort()),
    ONETHING_SFN_PORT: String(await freePort()),
    ONETHING_CLOCK_START: '2026-09-30T02:00:00Z',
  };
  const url = `http://127.0.0.1:${env.ONETHING_API_PORT}`;
  let child = startPlatform(env);
  try {
    await healthy(url);
    const api = new OneThingClient(url);
    const citizen = await api.login({ role: 'citizen', sub: 'crash-parent' });
    const service = await getService(api, 'school-enrolment');
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push(await submitExample(citizen, service, `crash-${i}`));
    for (const id of ids) await waitForBranches(citizen, id, service.departments.length);

    const officers = await Promise.all(service.departments.map((d) => api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id })));
    // A burst of decisions, and the kill lands in the middle of it.
    const burst = ids.flatMap((id) =>
      service.departments.map(async (d, i) => {
        const task = await findTask(officers[i], d.id, id);
        return decide(officers[i], task.taskId, { decision: 'approve', comment: 'ok' }).catch(() => undefined);
      }),
    );
    await new Promise((r) => setTimeout(r, 150));
    child.kill('SIGKILL');
    await Promise.allSettled(burst);
    await new Promise((r) => child.once('exit', r));

    child = startPlatform(env);
    await healthy(url);
    // The officers repeat every decision they are unsure of: a recorded one is answered again, not duplicated.
    for (const id of ids) {
      for (const [i, d] of service.departments.entries()) {
        const app = await getApplication(citizen, id);
        const branch = app.branches.find((b: any) => b.department === d.id);
        if (branch.status !== 'open') continue;
        const task = await findTask(officers[i], d.id, id);
        await decide(officers[i], task.taskId, { decision: 'approve', comment: 'ok' });
      }
    }
    for (const id of ids) {
      const done = await waitForStatus(citizen, id, 'approved');
      for (const d of service.departments) {
        const events = done.timeline.filter((e: any) => e.department === d.id);
        expect(events.filter((e: any) => e.type === 'branch-opened')).toHaveLength(1);
        expect(events.filter((e: any) => e.type === 'decided')).toHaveLength(1);
      }
      expect(done.timeline.filter((e: any) => e.type === 'submitted')).toHaveLength(1);
      expect(done.timeline.filter((e: any) => e.type === 'completed')).toHaveLength(1);
    }
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
