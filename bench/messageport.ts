/**
 * `npx tsx bench/messageport.ts`: what the DynamoDB worker thread's MessagePort costs per call,
 * with nothing else in the way (no SDK, no dynalite): a batch of requests goes to a thread that
 * answers it at once, as objects (the form before local/transport/wire.ts) and as one string
 * (wire.ts), side by side in one run, rounds interleaved. CPU µs per call of this process (both
 * threads) and round trips/s. The worker side decodes the requests and encodes answers of a
 * typical GetItem size in the same form.
 *   BENCH_TRIPS=<n> round trips per measure (default 20000), BENCH_ROUNDS=<n> (default 5;
 *   median), BENCH_BATCH=<n> calls per message (default 1: most platform messages carry 1-2).
 */
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { encodeRequests, decodeAnswers, type WireRequest, type WireAnswer } from '../local/transport/wire';

const TRIPS = Number(process.env.BENCH_TRIPS ?? 20000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BATCH = Number(process.env.BENCH_BATCH ?? 1);
const WIRE = path.join(__dirname, '../local/transport/wire.ts');

// The worker echoes an answer per request, in the form it was asked in.
const workerSource = `
require('tsx/cjs');
const { parentPort } = require('node:worker_threads');
const { decodeRequests, encodeAnswers } = require(${JSON.stringify(WIRE)});
const body = JSON.stringify({ Item: { pk: { S: 'APP#0123456789' }, sk: { S: 'APP' }, status: { S: 'SUBMITTED' }, name: { S: '张三' }, n: { N: '42' } } });
const answer = { status: 200, contentType: 'application/x-amz-json-1.0', body };
parentPort.on('message', (message) => {
  if (typeof message === 'string') parentPort.postMessage(encodeAnswers(decodeRequests(message).map(({ id }) => ({ id, answer }))));
  else parentPort.postMessage({ answers: message.requests.map(({ id }) => ({ id, answer })) });
});`;

const request = {
  method: 'POST',
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
  body: JSON.stringify({ TableName: 'main', Key: { pk: { S: 'APP#0123456789' }, sk: { S: 'APP' } }, ConsistentRead: true }),
};

type Form = 'objects' | 'string';

function measure(worker: Worker, form: Form): Promise<{ cpuUs: number; perSecond: number }> {
  return new Promise((resolve) => {
    let trips = 0;
    let id = 0;
    const send = () => {
      const batch: WireRequest[] = Array.from({ length: BATCH }, () => ({ id: id++, request }));
      worker.postMessage(form === 'string' ? encodeRequests(batch) : { requests: batch });
    };
    const cpu = process.cpuUsage();
    const start = performance.now();
    const onMessage = (message: string | { answers: WireAnswer[] }) => {
      const answers = typeof message === 'string' ? decodeAnswers(message) : message.answers;
      if (answers.length !== BATCH) throw new Error('lost an answer');
      if (++trips < TRIPS) return send();
      worker.off('message', onMessage);
      const used = process.cpuUsage(cpu);
      resolve({ cpuUs: (used.user + used.system) / (TRIPS * BATCH), perSecond: (TRIPS / (performance.now() - start)) * 1000 });
    };
    worker.on('message', onMessage);
    send();
  });
}

async function main(): Promise<void> {
  const worker = new Worker(workerSource, { eval: true });
  const forms: Form[] = ['objects', 'string'];
  const results = new Map<Form, Array<{ cpuUs: number; perSecond: number }>>();
  await measure(worker, 'string'); // warm-up: tsx and both code paths loaded
  await measure(worker, 'objects');
  for (let round = 0; round < ROUNDS; round++)
    for (const form of round % 2 === 0 ? forms : [...forms].reverse())
      results.set(form, [...(results.get(form) ?? []), await measure(worker, form)]);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `bench:messageport — ${TRIPS} round trips of ${BATCH} call(s) per measure, ${ROUNDS} rounds (median), node ${process.version}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  console.log('| batch form | µs CPU per call (both threads) | round trips/s |');
  console.log('|---|---:|---:|');
  for (const form of forms) {
    const rs = results.get(form)!;
    console.log(`| ${form} | ${median(rs.map((r) => r.cpuUs)).toFixed(1)} | ${median(rs.map((r) => r.perSecond)).toFixed(0)} |`);
  }
  await worker.terminate();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
