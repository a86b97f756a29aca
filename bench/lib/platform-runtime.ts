/**
 * The runtime process of `npm run bench:platform`: the embedded runtime in its own process, so
 * that the benchmark client does not share its event loop or its CPU figure. The local
 * transport comes from ONETHING_LOCAL_TRANSPORT like `npm start`; BENCH_RUNTIME_ROOT runs another
 * checkout's local/runtime.ts (the benchmark's A/B of two code versions). Over IPC it answers:
 *   'stats'       -> { stats: { cpu, calls, requests } } (cumulative; the client takes differences)
 *   'transitions' -> { transitions: number[] } states entered by the last succeeded executions
 *   'idle'        -> { idle: true } once the engine has nothing runnable (the intakes paced
 *                    submissions started are done), so the next runtime measured has the CPU
 *   'loop'        -> { loop: LoopDelay } the main thread's event-loop delay since the previous
 *                    'loop' (then starts a new window): how long a ready callback, such as an
 *                    arriving request, waited for the thread
 *   'stop'        -> closes the runtime, removes its data folder and exits
 * and, unasked, `{ watch: WatchEvent }` after each task put and final status write
 * (bench/lib/progress-watch.ts), which the client waits on instead of polling (BENCH_WAIT).
 */
import fs from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import path from 'node:path';
import type { startRuntime as StartRuntime } from '../../local/runtime';
import { countCalls, type Tally } from './call-tally';
import { watchApplications } from './progress-watch';

export interface RuntimeStats {
  /** process.cpuUsage() of this process (every thread of it), microseconds. */
  cpu: NodeJS.CpuUsage;
  calls: Tally;
  /** API requests per `METHOD route status`. */
  requests: Record<string, number>;
}

/** Event-loop delay of one window, milliseconds (perf_hooks.monitorEventLoopDelay, 10 ms resolution). */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** Share of the window's wall time the main thread was busy (performance.eventLoopUtilization). */
  utilization: number;
}

const SERVICE = process.env.BENCH_SERVICE ?? 'school-enrolment';

void (async () => {
  // BENCH_RUNTIME_ROOT: another checkout's runtime (an A/B of two code versions in one benchmark run).
  const root = process.env.BENCH_RUNTIME_ROOT ?? path.join(__dirname, '..', '..');
  const { startRuntime } = (await import(path.join(root, 'local', 'runtime.ts'))) as { startRuntime: typeof StartRuntime };
  const dataDir = process.env.BENCH_DATA_DIR as string;
  const requests: Record<string, number> = {};
  const { tally: calls, middleware: counting } = countCalls();
  // Unasked messages to the client: `{ watch: WatchEvent }` (bench/lib/progress-watch.ts).
  const watching = watchApplications((event) => process.send!({ watch: event }));
  const clientMiddleware = { ...counting, dynamodb: [...(counting.dynamodb ?? []), ...(watching.dynamodb ?? [])] };
  const runtime = await startRuntime(
    {
      dataDir,
      host: '127.0.0.1',
      ports: { api: 0, dynamodb: 0, s3: 0, sfn: 0 },
      region: 'us-east-1',
      accountId: '000000000000',
      partition: 'aws',
    },
    {
      clientMiddleware,
      accessLog: (e) => {
        const key = `${e.method} ${e.route} ${e.status}`;
        requests[key] = (requests[key] ?? 0) + 1;
      },
    },
  );
  // A checkout from before the document layer (BENCH_RUNTIME_ROOT) ignores `clientMiddleware`:
  // its lib-dynamodb client resolves its stack per call, so the counters go on after the start.
  const legacy = runtime.deps as unknown as Record<'ddb' | 's3' | 'sfn', { middlewareStack?: { use(p: unknown): void } }>;
  if (legacy.ddb.middlewareStack) {
    for (const [service, client] of [
      ['dynamodb', legacy.ddb],
      ['s3', legacy.s3],
      ['sfn', legacy.sfn],
    ] as const)
      for (const pluggable of clientMiddleware[service] ?? []) client.middlewareStack?.use(pluggable);
  }
  // The histogram samples every `resolution` ms how late a timer fired: a stall of the main
  // thread shows as its length. Windows are set by the client ('loop' at a phase's start and end).
  // The histogram holds whole sampling intervals (10.1 ms on an idle loop): the delay is that minus 10.
  const RESOLUTION_MS = 10;
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let utilizationFrom = performance.eventLoopUtilization();
  const loopWindow = (): LoopDelay => {
    const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
    const window: LoopDelay = {
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
      utilization: performance.eventLoopUtilization(utilizationFrom).utilization,
    };
    delay.reset();
    utilizationFrom = performance.eventLoopUtilization();
    return window;
  };

  const transitions = async (): Promise<number[]> => {
    const list = await runtime.engine.call('ListExecutions', {
      stateMachineArn: `arn:aws:states:us-east-1:000000000000:stateMachine:onething-${SERVICE}`,
      statusFilter: 'SUCCEEDED',
      maxResults: 5,
    });
    const counts: number[] = [];
    for (const e of (list.executions as Array<{ executionArn: string }>) ?? []) {
      const history = await runtime.engine.call('GetExecutionHistory', { executionArn: e.executionArn, maxResults: 1000 });
      counts.push((history.events as Array<{ type: string }>).filter((ev) => ev.type.endsWith('StateEntered')).length);
    }
    return counts;
  };

  process.on('message', (message: string) => {
    if (message === 'stats') {
      const stats: RuntimeStats = { cpu: process.cpuUsage(), calls, requests };
      process.send!({ stats });
    }
    if (message === 'loop') process.send!({ loop: loopWindow() });
    if (message === 'idle') void runtime.engine.idle().then(() => process.send!({ idle: true }));
    if (message === 'transitions') void transitions().then((counts) => process.send!({ transitions: counts }));
    if (message === 'stop')
      void runtime.close().then(() => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
  });
  process.send!({ api: runtime.urls.api });
})();
