/**
 * Benchmark sizes: full by default, small with `BENCH_QUICK=1` (or `--quick`); each size can
 * also be set on its own, e.g. `BENCH_EXECUTIONS=500 BENCH_WAITING=20000 npm run bench:engine`.
 */
export interface BenchConfig {
  /** Executions of the 20-state workload per concurrency level (target run: 2,000). */
  executions: number;
  /** Concurrency levels for the throughput runs. */
  concurrency: number[];
  /** Throughput runs per level and engine (interleaved); the median is reported. */
  repeats: number;
  /** SendTaskSuccess round trips sampled for the latency percentiles. */
  latencySamples: number;
  /** Executions left waiting on task tokens for the memory/restart figures (target: 100,000). */
  waiting: number;
  quick: boolean;
}

const FULL = { executions: 2000, latencySamples: 2000, waiting: 100_000, repeats: 3 };
const QUICK = { executions: 200, latencySamples: 200, waiting: 5_000, repeats: 1 };

/** Reads the sizes from the environment and argv; an invalid number fails naming the variable. */
export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): BenchConfig {
  const quick = env.BENCH_QUICK === '1' || argv.includes('--quick');
  const base = quick ? QUICK : FULL;
  return {
    executions: positiveInt(env, 'BENCH_EXECUTIONS', base.executions),
    concurrency: (env.BENCH_CONCURRENCY ?? '1,32').split(',').map((v) => parsePositive('BENCH_CONCURRENCY', v)),
    repeats: positiveInt(env, 'BENCH_REPEATS', base.repeats),
    latencySamples: positiveInt(env, 'BENCH_LATENCY_SAMPLES', base.latencySamples),
    waiting: positiveInt(env, 'BENCH_WAITING', base.waiting),
    quick,
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : parsePositive(name, raw);
}

function parsePositive(name: string, raw: string): number {
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive integer (got ${JSON.stringify(raw)})`);
  }
  return value;
}
