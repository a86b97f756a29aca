import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPart } from './lib/child';
import { percentile } from './lib/stats';
import { loadBenchConfig } from './lib/config';
import { renderMarkdown, renderTable, rows, type BenchResults } from './lib/report';
import { TRANSITIONS_PER_EXECUTION } from './lib/workload';

/**
 * `npm run bench:engine`: the embedded Step Functions engine against its targets and against
 * aws-local-stepfunctions. Prints a table and writes docs/ENGINE-BENCH.md.
 * Quick run: `BENCH_QUICK=1 npm run bench:engine` (sizes: see bench/lib/config.ts).
 */
const DOC = path.join(__dirname, '..', 'docs', 'ENGINE-BENCH.md');
const POLYFILL = path.join(__dirname, 'lib', 'promise-with-resolvers.cjs');

const NOTES = [
  `Workload (bench/lib/workload.ts): a 20-state JSONPath machine with Pass, Choice, Parallel (2 branches) and Map (2 items); one execution enters ${TRANSITIONS_PER_EXECUTION} states, counted as ${TRANSITIONS_PER_EXECUTION} transitions. Each run checks every execution SUCCEEDED, one output and one history.`,
  'Ours: `Engine.open` on a fresh data dir under the OS temp folder with the engine\'s default durability: sqlite in WAL mode with `synchronous=NORMAL`; the scheduler commits one transaction per turn (all transitions of the turn), API calls resolve after that commit and side effects start only after it, so a killed process loses nothing (the crash test checks this); a power loss can drop the last commits. The FULL row fsyncs every commit. Driven through `engine.call` (no HTTP). "N at a time" = waves of N StartExecution calls, each wave ending when `engine.idle()` resolves.',
  "Peer: aws-local-stepfunctions 3.0.0 (in memory, no durability) in its own process, preloaded with a `Promise.withResolvers` polyfill (it needs Node 22); same waves, each ending when its runs' promises resolve. Both get 50 warm-up executions first.",
  "Latency (median of the repeated runs by p99): an execution waits on `lambda:invoke.waitForTaskToken`; the clock starts just before `SendTaskSuccess` is sent with @aws-sdk/client-sfn over HTTP (keep-alive) and stops when the next state's local Lambda is invoked; samples are sequential.",
  'Memory: RSS after three forced GCs (`--expose-gc`) with N executions waiting on task tokens, minus RSS before them, divided by N. Restart: a fresh process runs `Engine.open` on that data dir (timed; waiting executions stay on disk until a token or timer wakes them), checks the last waiting execution is still RUNNING, then times SendTaskSuccess with its pre-restart token until the engine is idle with it SUCCEEDED.',
  "Reading the memory figures: in development runs the total RSS growth was nearly the same for 5,000, 50,000 and 100,000 waiting executions (40–48 MiB: sqlite's page cache, capped at 16 MB by the engine, plus allocator high-water from the start-up burst), while the V8 heap grew by tens of bytes per execution. Waiting executions live on disk, so the per-execution RSS figure falls as the count grows; quick runs (5,000) miss the 1 KB target for that reason alone.",
  'Each part runs in its own Node process (bench/lib/part-*.ts) so heaps do not mix.',
];

async function main(): Promise<void> {
  const config = loadBenchConfig();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'onething-bench-'));
  const dir = (name: string): string => path.join(root, name);
  try {
    const loadBefore = os.loadavg()[0] ?? 0;
    const throughput: BenchResults['throughput'] = [];
    for (const concurrency of config.concurrency) {
      const runs = { ours: [] as number[], oursFull: [] as number[], peer: [] as number[] };
      // Interleaved, so that load from other processes hits both engines alike.
      for (let r = 0; r < config.repeats; r++) {
        log(`throughput: ${config.executions} executions, ${concurrency} at a time (run ${r + 1}/${config.repeats})`);
        const part = (synchronous: string) =>
          runPart<{ transitionsPerSecond: number }>('part-throughput.ts', {
            dataDir: dir(`throughput-${synchronous}-${concurrency}-${r}`),
            executions: config.executions,
            concurrency,
            synchronous,
          });
        runs.ours.push((await part('NORMAL')).transitionsPerSecond);
        runs.oursFull.push((await part('FULL')).transitionsPerSecond);
        const peer = await runPart<{ transitionsPerSecond: number }>('part-peer.ts', { executions: config.executions, concurrency }, [
          '--require',
          POLYFILL,
        ]);
        runs.peer.push(peer.transitionsPerSecond);
      }
      throughput.push({
        concurrency,
        ours: percentile(runs.ours, 50),
        oursFull: percentile(runs.oursFull, 50),
        peer: percentile(runs.peer, 50),
      });
    }
    const latencyRuns: Array<BenchResults['latency']> = [];
    for (let r = 0; r < config.repeats; r++) {
      log(`latency: ${config.latencySamples} samples (run ${r + 1}/${config.repeats})`);
      latencyRuns.push(
        await runPart<BenchResults['latency']>('part-latency.ts', {
          dataDir: dir(`latency-${r}`),
          samples: config.latencySamples,
        }),
      );
    }
    const latency = medianRun(latencyRuns);
    log(`memory: ${config.waiting} executions waiting on task tokens`);
    const waiting = await runPart<BenchResults['waiting']>('part-waiting.ts', { dataDir: dir('waiting'), count: config.waiting }, [
      '--expose-gc',
    ]);
    const restart = await runPart<BenchResults['restart']>(
      'part-restart.ts',
      { dataDir: dir('waiting'), count: config.waiting, lastToken: waiting.lastToken },
      ['--expose-gc'],
    );

    const results: BenchResults = { throughput, latency, waiting, restart, load: [loadBefore, os.loadavg()[0] ?? 0] };
    const table = rows(results, config);
    console.log(`\n${renderTable(table)}\n`);
    fs.writeFileSync(DOC, renderMarkdown(table, config, results, NOTES));
    log(`wrote ${path.relative(process.cwd(), DOC)}`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The run with the median p99 (all runs' p99 are kept for the report). */
function medianRun(runs: Array<BenchResults['latency']>): BenchResults['latency'] {
  const sorted = [...runs].sort((a, b) => a.p99 - b.p99);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (!median) throw new Error('medianRun of no runs');
  return { ...median, p99Runs: runs.map((r) => r.p99) };
}

function log(line: string): void {
  process.stderr.write(`bench: ${line}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
