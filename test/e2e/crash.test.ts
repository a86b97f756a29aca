import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { OneThingClient } from '../../local/client';
import { decide, findTask, getService, submitExample, waitForBranches, waitForStatus } from '../integration/support/flows';
import { eventually } from '../integration/support/runtime';
import { testSeed } from '../integration/support/seed';
import fc from 'fast-check';

/** Chooses the order of the burst of decisions and how many of them are answered before the kill. */
const SEED = testSeed('crash', 7);

const ROOT = path.resolve(__dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The runtimes' output, shown when the test fails. */
const output: string[] = [];

function startPlatform(env: NodeJS.ProcessEnv): ChildProcess {
  // `node --import tsx` (not the tsx CLI, which forks a grandchild) so that SIGKILL hits the runtime itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'local/main.ts')], {
    cwd: ROOT,
    env: { ...env, POWERTOOLS_LOG_LEVEL: 'WARN' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  return child;
}

async function healthy(api: string): Promise<void> {
  await eventually(
    async () => ((await fetch(`${api}/healthz`).catch(() => undefined))?.status === 200 ? true : undefined),
    'platform healthy',
    60_000,
  );
}

test(`kill -9 of the whole runtime mid-flight loses no application, decision or log event (seed ${SEED})`, async () => {
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
    const tasks: Array<{ officer: OneThingClient; taskId: string }> = [];
    for (const id of ids) {
      for (const [i, d] of service.departments.entries())
        tasks.push({ officer: officers[i]!, taskId: (await findTask(officers[i]!, d.id, id)).taskId });
    }
    // A burst of decisions in the seed's order; the kill lands once the seed's number of them is answered.
    const [plan] = fc.sample(
      fc.record({
        order: fc.shuffledSubarray(tasks, { minLength: tasks.length }),
        answered: fc.integer({ min: 1, max: tasks.length - 1 }),
      }),
      { seed: SEED, numRuns: 1 },
    );
    const burst = plan!.order.map(({ officer, taskId }) => decide(officer, taskId, { decision: 'approve', comment: 'ok' }));
    await Promise.all(burst.slice(0, plan!.answered)); // these are through; the rest are in flight
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    await Promise.allSettled(burst);
    // (How many decisions were answered before the kill varies; the guarantees below must hold for any.)

    child = startPlatform(env);
    await healthy(url);
    // The officers repeat every decision, unsure which ones the crash swallowed: a recorded one
    // is answered again (same decision, 200), never duplicated.
    for (const { officer, taskId } of tasks) await decide(officer, taskId, { decision: 'approve', comment: 'ok' });
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
  } catch (error) {
    throw new Error(
      `seed ${SEED}: ${String(error)}\n--- runtime output (last 40 lines) ---\n${output.join('').split('\n').slice(-40).join('\n')}`,
    );
  } finally {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
