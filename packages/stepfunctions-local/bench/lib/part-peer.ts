import { isDeepStrictEqual } from 'node:util';
import { StateMachine } from 'aws-local-stepfunctions';
import { partArgs, partResult } from './child';
import { runInWaves } from './waves';
import { TRANSITIONS_PER_EXECUTION, WORKLOAD_DEFINITION, WORKLOAD_INPUT, WORKLOAD_OUTPUT } from './workload';

/**
 * The peer: aws-local-stepfunctions (in memory, JSONPath) running the same 20-state workload.
 * Started by bench/engine.ts with `--require promise-with-resolvers.cjs` (it needs Node 22).
 */
interface Args {
  executions: number;
  concurrency: number;
}

async function main(): Promise<void> {
  const { executions, concurrency } = partArgs<Args>();
  const machine = new StateMachine(WORKLOAD_DEFINITION as never, { validationOptions: { checkArn: false } });
  const runOnce = async (): Promise<void> => {
    const output = await machine.run(WORKLOAD_INPUT).result;
    if (!isDeepStrictEqual(output, WORKLOAD_OUTPUT)) throw new Error(`peer output ${JSON.stringify(output)}`);
  };
  await runInWaves(Math.min(50, executions), concurrency, (_f, size) => all(size, runOnce)); // warm-up
  const ms = await runInWaves(executions, concurrency, (_f, size) => all(size, runOnce));
  partResult({ ms, transitionsPerSecond: (executions * TRANSITIONS_PER_EXECUTION) / (ms / 1000) });
}

async function all(size: number, run: () => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: size }, run));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
