/**
 * `npm run bench:enrolment` (in this folder): the engine's CPU per execution on the platform's
 * school-enrolment state machine (bench/lib/enrolment-machine.json, rendered from the
 * repository's generator with local ARNs): Intake, a Parallel of 4 departments each waiting on
 * a task token, Choice, Succeed, then Finalize — 15 states entered, 56 history events, JSONata.
 * The JSON is a snapshot (this package imports nothing from the app): re-render it with
 * `renderStateMachine` + `substituteDefinition` and `localSubstitutions` (local/state-machines.ts)
 * when the generator changes.
 * Lambdas are in-process stubs and each token is answered with SendTaskSuccess right after its
 * Lambda returned, so the figure is the engine alone (no DynamoDB, no HTTP).
 *
 *   ENROLMENT_ROOTS=/path/a,/path/b  A/B: one child process per checkout root (its
 *     packages/stepfunctions-local/src), interleaved round by round; default: this checkout.
 *   ENROLMENT_EXECUTIONS=400 per round, ENROLMENT_CONCURRENCY=16, ENROLMENT_ROUNDS=3.
 * Prints, per root, the median over rounds of CPU ms per execution (process.cpuUsage: every
 * thread, the WAL checkpointer included), executions/s and KB written per execution (WAL and
 * checkpoints, Linux /proc/self/io; it does not depend on the machine's load).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { partArgs, partResult, runPart } from './lib/child';
import { countSucceeded } from './lib/succeeded';

interface Args {
  root: string;
  executions: number;
  concurrency: number;
}
interface Result {
  cpuMsPerExecution: number;
  executionsPerSecond: number;
  /** Bytes the process wrote (WAL, then checkpoints into the database), from /proc/self/io; null elsewhere. */
  writtenKbPerExecution: number | null;
}

/** Bytes written by this process so far (Linux /proc/self/io `wchar`), or null without /proc. */
function bytesWritten(): number | null {
  try {
    return Number(/wchar: (\d+)/.exec(fs.readFileSync('/proc/self/io', 'utf8'))?.[1]);
  } catch {
    return null;
  }
}

const DEPARTMENTS = ['education', 'public-security', 'real-estate', 'hrss'];
const checkpoint = (days: number) => ({
  dueAt: new Date(Date.now() + days * 86_400_000).toISOString(),
  warnAt: new Date(Date.now() + (days - 1) * 86_400_000).toISOString(),
  nextCheckpointAt: new Date(Date.now() + (days - 1) * 86_400_000).toISOString(),
});

/** The part: one engine on a fresh data dir runs the workload; prints its CPU per execution. */
async function part(): Promise<void> {
  const { root, executions, concurrency } = partArgs<Args>();
  type EngineModule = typeof import('../src');
  const { Engine } = (await import(path.join(root, 'packages/stepfunctions-local/src/index.ts'))) as EngineModule;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-enrolment-'));
  const engine = await Engine.open({ dataDir });
  const answers: Promise<unknown>[] = [];
  engine.registerLambda(`onething-intake`, async () => ({
    branches: Object.fromEntries(DEPARTMENTS.map((d, i) => [d, checkpoint(6 + i)])),
  }));
  engine.registerLambda(`onething-task-await`, async (event) => {
    const { token } = event as { token: string };
    // Answered after the Lambda returned, as a department's decision would be.
    setImmediate(() => answers.push(engine.call('SendTaskSuccess', { taskToken: token, output: '{"decision":"approve"}' })));
    return { outcome: 'waiting' };
  });
  engine.registerLambda(`onething-finalize`, async () => ({ status: 'approved', completedAt: new Date().toISOString() }));
  engine.registerLambda(`onething-checkpoint`, async () => ({}));
  const definition = fs.readFileSync(path.join(__dirname, 'lib', 'enrolment-machine.json'), 'utf8');
  const created = await engine.call('CreateStateMachine', {
    name: 'enrolment',
    definition,
    roleArn: 'arn:aws:iam::000000000000:role/bench',
  });
  const stateMachineArn = String(created.stateMachineArn);
  const run = async (prefix: string, count: number) => {
    for (let first = 0; first < count; first += concurrency) {
      const starts = [];
      for (let i = first; i < Math.min(count, first + concurrency); i += 1) {
        const input = JSON.stringify({
          applicationId: `${prefix}-${i}`,
          serviceId: 'school-enrolment',
          serviceVersion: 1,
          walkthrough: false,
        });
        starts.push(engine.call('StartExecution', { stateMachineArn, name: `${prefix}-${i}`, input }));
      }
      await Promise.all(starts);
      // Tokens are answered asynchronously: wait until every answer settled and nothing is left.
      for (;;) {
        await engine.idle();
        const pending = answers.splice(0);
        if (pending.length === 0) break;
        await Promise.all(pending);
      }
    }
  };
  await run('warm', 50);
  const written = bytesWritten();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run('run', executions);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // Taken after close: the last checkpoint's writes belong to the run too.
  const closeAndMeasure = async () => {
    await engine.close();
    const after = bytesWritten();
    return written === null || after === null ? null : (after - written) / 1024 / executions;
  };
  const succeeded = await countSucceeded(engine, stateMachineArn);
  if (succeeded !== executions + 50) throw new Error(`expected every execution SUCCEEDED, saw ${succeeded}`);
  const writtenKbPerExecution = await closeAndMeasure();
  fs.rmSync(dataDir, { recursive: true, force: true });
  partResult({
    cpuMsPerExecution: (used.user + used.system) / 1000 / executions,
    executionsPerSecond: executions / (ms / 1000),
    writtenKbPerExecution,
  });
}

async function main(): Promise<void> {
  const roots = (process.env.ENROLMENT_ROOTS ?? path.join(__dirname, '..', '..', '..')).split(',');
  const executions = Number(process.env.ENROLMENT_EXECUTIONS ?? 400);
  const concurrency = Number(process.env.ENROLMENT_CONCURRENCY ?? 16);
  const rounds = Number(process.env.ENROLMENT_ROUNDS ?? 3);
  const results = new Map<string, Result[]>(roots.map((r) => [r, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const root of roots) {
      const result = await runPart<Result>('../enrolment.ts', { root, executions, concurrency });
      results.get(root)!.push(result);
      console.error(
        `round ${round + 1} ${root}: ${result.cpuMsPerExecution.toFixed(3)} CPU ms/execution, ${result.executionsPerSecond.toFixed(0)} executions/s`,
      );
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `enrolment workload, ${executions} executions x ${rounds} rounds, ${concurrency} at a time, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    '| root | CPU ms/execution (median) | runs | executions/s (median) | KB written/execution (median) |\n|---|---:|---|---:|---:|',
  );
  for (const [root, list] of results) {
    const cpu = list.map((r) => r.cpuMsPerExecution);
    const written = list.map((r) => r.writtenKbPerExecution).filter((kb): kb is number => kb !== null);
    console.log(
      `| ${root} | ${median(cpu).toFixed(3)} | ${cpu.map((c) => c.toFixed(2)).join(' / ')} | ${median(list.map((r) => r.executionsPerSecond)).toFixed(0)} | ${written.length ? median(written).toFixed(1) : 'n/a'} |`,
    );
  }
}

if (process.argv[2] === undefined) void main();
else void part();
