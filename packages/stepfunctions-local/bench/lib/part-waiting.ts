import { Engine } from '../../src';
import { partArgs, partResult } from './child';
import { settledMemory } from './stats';

/**
 * Leaves `count` executions waiting on task tokens and reports the resident memory they cost
 * (RSS after GC, minus the RSS before them, per execution). The data dir is kept for
 * part-restart.ts. Needs `--expose-gc`.
 */
interface Args {
  dataDir: string;
  count: number;
}

const WAITING_DEFINITION = {
  StartAt: 'Await',
  States: {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'park', Payload: { 'token.$': '$$.Task.Token', 'name.$': '$$.Execution.Name' } },
      End: true,
    },
  },
};

async function main(): Promise<void> {
  const { dataDir, count } = partArgs<Args>();
  const engine = await Engine.open({ dataDir });
  // Tokens are dropped (only the engine's own memory counts), except the last execution's:
  // part-restart.ts completes it after the restart.
  const lastName = `w-${count - 1}`;
  let lastToken = '';
  engine.registerLambda('park', async (event) => {
    const { token, name } = event as { token: string; name: string };
    if (name === lastName) lastToken = token;
    return {};
  });
  const { stateMachineArn } = await engine.call('CreateStateMachine', {
    name: 'waiting',
    definition: JSON.stringify(WAITING_DEFINITION),
    roleArn: 'arn:aws:iam::000000000000:role/bench',
  });
  if (typeof stateMachineArn !== 'string') throw new Error('CreateStateMachine returned no stateMachineArn');
  await engine.call('StartExecution', { stateMachineArn, name: 'warm' });
  await engine.idle();
  const before = settledMemory();
  const started = performance.now();
  const batch = 500;
  for (let first = 0; first < count; first += batch) {
    const starts = [];
    for (let i = first; i < Math.min(count, first + batch); i++) {
      starts.push(engine.call('StartExecution', { stateMachineArn, name: `w-${i}` }));
    }
    await Promise.all(starts);
    await engine.idle();
    if (first % 20_000 === 0 && first > 0) process.stderr.write(`  waiting: ${first} started\n`);
  }
  const startMs = performance.now() - started;
  if (lastToken === '') throw new Error(`no task token seen for ${lastName}`);
  const after = settledMemory();
  await engine.close();
  partResult({
    count,
    bytesPerExecution: (after.rss - before.rss) / count,
    heapBytesPerExecution: (after.heapUsed - before.heapUsed) / count,
    startMs,
    lastToken,
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
