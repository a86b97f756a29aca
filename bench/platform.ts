/**
 * `npm run bench:platform`: school-enrolment applications end to end over real HTTP on the
 * embedded runtime (submit with materials, every department approves), at rising concurrency.
 * Prints completed applications/s, p50/p99 submit and decision latency, and the AWS cost
 * drivers per application: state transitions and DynamoDB writes.
 *   BENCH_QUICK=1 for a short run; BENCH_APPS=<n> applications per concurrency level.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startRuntime } from '../local/runtime';
import { OneThingClient, sampleFiles } from '../local/client';
import { getPlatformDeps } from '../shared/deps';

const QUICK = process.env.BENCH_QUICK === '1';
const APPS = Number(process.env.BENCH_APPS ?? (QUICK ? 20 : 200));
const LEVELS = QUICK ? [1, 8] : [1, 4, 16, 32];
const PACED_RATE = 20;
const PACED_SECONDS = QUICK ? 3 : 10;
const SERVICE = 'school-enrolment';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Ctx {
  api: OneThingClient;
  service: any;
  citizen: OneThingClient;
  officers: Map<string, OneThingClient>;
}

async function submitOne(ctx: Ctx, key: string, submitMs: number[]): Promise<string> {
  const materials = [];
  for (const m of ctx.service.materials.filter((x: any) => x.required && !x.replacedBySharedData)) {
    const bytes = m.accept[0] === 'application/pdf' ? sampleFiles.pdf(key) : m.accept[0] === 'image/png' ? sampleFiles.png() : sampleFiles.jpeg();
    materials.push({ materialId: m.id, uploadId: await ctx.citizen.upload(SERVICE, { materialId: m.id, contentType: m.accept[0], bytes }) });
  }
  const t0 = performance.now();
  const { id } = await ctx.citizen.request('POST', '/v1/applications', { serviceId: SERVICE, form: ctx.service.formSchema.examples[0], materials }, { 'idempotency-key': key });
  submitMs.push(performance.now() - t0);
  return id;
}

async function completeOne(ctx: Ctx, key: string, submitMs: number[], decideMs: number[]): Promise<void> {
  const id = await submitOne(ctx, key, submitMs);
  await Promise.all(
    ctx.service.departments.map(async (d: any) => {
      const officer = ctx.officers.get(d.id)!;
      // Task ids are opaque to clients; the benchmark derives them (docs/DESIGN.md) instead of
      // polling inboxes, so that it measures the platform rather than inbox paging.
      const taskId = `T${Buffer.from(`${id}:${d.id}`).toString('base64url')}`;
      for (;;) {
        const t0 = performance.now();
        try {
          await officer.request('POST', `/v1/tasks/${taskId}/decision`, { decision: 'approve', comment: 'ok' });
          decideMs.push(performance.now() - t0);
          return;
        } catch (e: any) {
          if (e.status !== 404 && e.status !== 409) throw e;
          await sleep(5); // the branch is not open yet
        }
      }
    }),
  );
  for (;;) {
    const app = await ctx.citizen.request('GET', `/v1/applications/${id}`);
    if (app.status === 'approved') return;
    await sleep(5);
  }
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bench-'));
  const runtime = await startRuntime({
    dataDir, host: '127.0.0.1', ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 }, region: 'us-east-1', accountId: '000000000000', partition: 'aws',
  });
  let writes = 0;
  getPlatformDeps().ddb.middlewareStack.add(
    (next, context) => async (args) => {
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(String(context.commandName))) writes++;
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' },
  );
  const api = new OneThingClient(runtime.urls.api);
  const service = await api.request('GET', `/v1/services/${SERVICE}`);
  const officers = new Map<string, OneThingClient>();
  for (const d of service.departments) officers.set(d.id, await api.login({ role: 'officer', sub: `bench-${d.id}`, dept: d.id }));
  const ctx: Ctx = { api, service, citizen: await api.login({ role: 'citizen', sub: 'bench-citizen' }), officers };

  console.log(`bench:platform — ${SERVICE}, ${service.departments.length} departments, ${APPS} applications per level, node ${process.version}, ${os.cpus().length} cores`);
  console.log('| concurrency | completed apps/s | submit p50 ms | submit p99 ms | decision p50 ms | decision p99 ms | DynamoDB writes/app |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  let seq = 0;
  for (const level of LEVELS) {
    const submitMs: number[] = [];
    const decideMs: number[] = [];
    const writesBefore = writes;
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: level }, async () => {
        while (next < APPS) {
          next++;
          await completeOne(ctx, `bench-${seq++}`, submitMs, decideMs);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const f = (x: number) => x.toFixed(1);
    console.log(`| ${level} | ${f(APPS / seconds)} | ${f(pct(submitMs, 50))} | ${f(pct(submitMs, 99))} | ${f(pct(decideMs, 50))} | ${f(pct(decideMs, 99))} | ${f((writes - writesBefore) / APPS)} |`);
  }

  // Paced submissions at a fixed rate (the first-hour enrolment peak is ~14/s).
  const pacedMs: number[] = [];
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < PACED_RATE * PACED_SECONDS; i++) {
    pending.push(submitOne(ctx, `paced-${seq++}`, pacedMs));
    await sleep(1000 / PACED_RATE);
  }
  await Promise.all(pending);
  console.log(`\nsubmit latency at ${PACED_RATE} submissions/s for ${PACED_SECONDS} s: p50 ${pct(pacedMs, 50).toFixed(1)} ms, p99 ${pct(pacedMs, 99).toFixed(1)} ms`);

  // State transitions per application, from the engine's own history.
  const list = await runtime.engine.call('ListExecutions', { stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:onething-${SERVICE}`, statusFilter: 'SUCCEEDED', maxResults: 5 });
  const counts: number[] = [];
  for (const e of (list.executions as Array<{ executionArn: string }>) ?? []) {
    const history = await runtime.engine.call('GetExecutionHistory', { executionArn: e.executionArn, maxResults: 1000 });
    counts.push((history.events as Array<{ type: string }>).filter((ev) => ev.type.endsWith('StateEntered')).length);
  }
  console.log(`state transitions per application (states entered): ${counts.join(', ')}`);

  await runtime.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
