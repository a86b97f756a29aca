import { isDeepStrictEqual } from 'node:util';
import { Engine } from '../../src';
import type { JsonObject } from '../../src/api-types';
import { partArgs, partResult } from './child';
import { countSucceeded } from './succeeded';
import { runInWaves } from './waves';
import { TRANSITIONS_PER_EXECUTION, WORKLOAD_DEFINITION, WORKLOAD_INPUT, WORKLOAD_OUTPUT } from './workload';

/**
 * Ours: the 20-state workload through the engine (`call`, no HTTP) on a real data dir with the
 * engine's normal durability. Completion of a wave is `engine.idle()`. Afterwards every
 * execution is checked: SUCCEEDED, the right output, the expected number of states entered.
 */
interface Args {
  dataDir: string;
  executions: number;
  concurrency: number;
  /** The engine's default 'NORMAL' survives a killed process; 'FULL' also fsyncs each commit. */
  synchronous: 'NORMAL' | 'FULL';
}

async function main(): Promise<void> {
  const { dataDir, executions, concurrency, synchronous } = partArgs<Args>();
  const engine = await Engine.open({ dataDir, synchronous });
  const { stateMachineArn } = await engine.call('CreateStateMachine', {
    name: 'bench',
    definition: JSON.stringify(WORKLOAD_DEFINITION),
    roleArn: 'arn:aws:iam::000000000000:role/bench',
  });
  if (typeof stateMachineArn !== 'string') throw new Error('CreateStateMachine returned no stateMachineArn');
  const input = JSON.stringify(WORKLOAD_INPUT);
  const wave = (prefix: string) => async (first: number, size: number) => {
    const starts = [];
    for (let i = first; i < first + size; i++) {
      starts.push(engine.call('StartExecution', { stateMachineArn, name: `${prefix}-${i}`, input }));
    }
    await Promise.all(starts);
    await engine.idle();
  };
  await runInWaves(Math.min(50, executions), concurrency, wave('warm'));
  const ms = await runInWaves(executions, concurrency, wave('run'));
  await verify(engine, String(stateMachineArn), executions);
  await engine.close();
  partResult({ ms, transitionsPerSecond: (executions * TRANSITIONS_PER_EXECUTION) / (ms / 1000) });
}

/** A fast but wrong engine must not score: check every run's status and a sample's details. */
async function verify(engine: Engine, stateMachineArn: string, executions: number): Promise<void> {
  const succeeded = await countSucceeded(engine, stateMachineArn);
  const expected = executions + Math.min(50, executions);
  if (succeeded !== expected) throw new Error(`${succeeded} of ${expected} executions SUCCEEDED`);
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:run-0`;
  const described = await engine.call('DescribeExecution', { executionArn });
  if (!isDeepStrictEqual(JSON.parse(String(described.output)), WORKLOAD_OUTPUT)) {
    throw new Error(`unexpected output ${String(described.output)}`);
  }
  const history = await engine.call('GetExecutionHistory', { executionArn, maxResults: 1000 });
  const entered = (history.events as JsonObject[]).filter((e) => String(e.type).endsWith('StateEntered')).length;
  if (entered !== TRANSITIONS_PER_EXECUTION) {
    throw new Error(`an execution entered ${entered} states, expected ${TRANSITIONS_PER_EXECUTION}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
