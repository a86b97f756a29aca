/**
 * `npm run bench:soak`: N school enrolments end to end over HTTP (submit with materials, four
 * departments approve, wait for `approved`) against the embedded runtime in its own process,
 * sampling that process's RSS and V8 heap (after a full GC) every 1,000 applications.
 * A leak shows as RSS growing with every sample; a bounded runtime plateaus after warm-up.
 *   SOAK_APPS=<n> (default 10000), SOAK_CONCURRENCY=<n> (default 8)
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { OneThingClient, sampleFileFor } from '../local/client';

const APPS = Number(process.env.SOAK_APPS ?? 10_000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
const SAMPLE_EVERY = Number(process.env.SOAK_SAMPLE_EVERY ?? 1_000);
const SERVICE = 'school-enrolment';
const POLL_MS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => (bytes / 1e6).toFixed(0);

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-soak-'));
  const child = fork(path.join(__dirname, 'lib', 'soak-runtime.ts'), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
    env: { ...process.env, SOAK_DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'WARN' },
  });
  const replies: Array<(message: any) => void> = [];
  child.on('message', (message) => replies.shift()?.(message));
  const reply = () => new Promise<any>((resolve) => replies.push(resolve));
  const sample = async (): Promise<Memory> => {
    const answer = reply();
    child.send('sample');
    return (await answer).memory;
  };

  try {
    const { api: url } = await reply();
    const api = new OneThingClient(url);
    const service = await api.request<any>('GET', `/v1/services/${SERVICE}`);
    const officers = new Map<string, OneThingClient>();
    for (const d of service.departments) officers.set(d.id, await api.login({ role: 'officer', sub: `soak-${d.id}`, dept: d.id }));
    const citizen = await api.login({ role: 'citizen', sub: 'soak-citizen' });

    const completeOne = async (key: string) => {
      const materials = [];
      for (const m of service.materials.filter((x: any) => x.required && !x.replacedBySharedData)) {
        materials.push({ materialId: m.id, uploadId: await citizen.upload(SERVICE, sampleFileFor(m, key)) });
      }
      const { id } = await citizen.request<any>(
        'POST',
        '/v1/applications',
        { serviceId: SERVICE, form: service.formSchema.examples[0], materials },
        { 'idempotency-key': key },
      );
      while ((await citizen.request<any>('GET', `/v1/applications/${id}`)).branches.some((b: any) => b.status === 'pending'))
        await sleep(POLL_MS);
      await Promise.all(
        service.departments.map((d: any) =>
          officers.get(d.id)!.request('POST', `/v1/tasks/T${Buffer.from(`${id}:${d.id}`).toString('base64url')}/decision`, {
            decision: 'approve',
            comment: 'ok',
          }),
        ),
      );
      while ((await citizen.request<any>('GET', `/v1/applications/${id}`)).status !== 'approved') await sleep(POLL_MS);
    };

    console.log(
      `bench:soak — ${APPS} ${SERVICE} applications, concurrency ${CONCURRENCY}, runtime in its own process, node ${process.version}, ${os.cpus().length} cores`,
    );
    console.log('| applications | elapsed s | apps/s (window) | runtime RSS MB | V8 heap used MB | V8 heap committed MB | external MB |');
    console.log('|---:|---:|---:|---:|---:|---:|---:|');
    const memoryCells = (m: Memory) => `${mb(m.rss)} | ${mb(m.heapUsed)} | ${mb(m.heapTotal)} | ${mb(m.external)}`;
    const first = { apps: 0, memory: await sample() };
    const samples: Array<{ apps: number; memory: Memory }> = [first];
    const t0 = performance.now();
    let windowStart = t0;
    let started = 0;
    let done = 0;
    let sampling: Promise<void> = Promise.resolve();
    console.log(`| 0 | 0 | | ${memoryCells(first.memory)} |`);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (started < APPS) {
          await completeOne(`soak-${started++}`);
          if (++done % SAMPLE_EVERY === 0) {
            const apps = done;
            // Sampled while the others keep running: the GC pause is the runtime's, not the client's.
            sampling = sampling.then(async () => {
              const memory = await sample();
              const now = performance.now();
              samples.push({ apps, memory });
              console.log(
                `| ${apps} | ${((now - t0) / 1000).toFixed(0)} | ${(SAMPLE_EVERY / ((now - windowStart) / 1000)).toFixed(1)} | ${memoryCells(memory)} |`,
              );
              windowStart = now;
            });
          }
        }
      }),
    );
    await sampling;
    const warm = samples.find((s) => s.apps >= SAMPLE_EVERY) ?? first;
    const last = samples.at(-1) ?? first;
    console.log(
      `\nRSS after warm-up (${warm.apps} applications) ${mb(warm.memory.rss)} MB -> ${mb(last.memory.rss)} MB after ${last.apps}: ` +
        `${mb(last.memory.rss - warm.memory.rss)} MB over ${last.apps - warm.apps} applications ` +
        `(${((last.memory.rss - warm.memory.rss) / 1e3 / Math.max(1, last.apps - warm.apps)).toFixed(1)} KB per application); heap ${mb(warm.memory.heapUsed)} -> ${mb(last.memory.heapUsed)} MB`,
    );
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
