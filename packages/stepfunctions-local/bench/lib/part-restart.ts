import { Engine } from '../../src';
import { partArgs, partResult } from './child';
import { settledRss } from './stats';

/**
 * Reopens the data dir left by part-waiting.ts in a fresh process: the time `Engine.open`
 * takes with that many executions waiting, RSS after it, then the time until the last
 * waiting execution, given its pre-restart token, has SUCCEEDED. Needs `--expose-gc`.
 */
interface Args {
  dataDir: string;
  count: number;
  lastToken: string;
}

async function main(): Promise<void> {
  const { dataDir, count, lastToken } = partArgs<Args>();
  const baseline = settledRss();
  const started = performance.now();
  const engine = await Engine.open({ dataDir });
  const openMs = performance.now() - started;
  engine.registerLambda('park', async () => ({}));
  const rssAfterOpen = settledRss();
  const executionArn = `arn:aws:states:us-east-1:000000000000:execution:waiting:w-${count - 1}`;
  const before = await engine.call('DescribeExecution', { executionArn });
  if (before.status !== 'RUNNING') throw new Error(`after restart ${executionArn} is ${String(before.status)}`);
  const sent = performance.now();
  await engine.call('SendTaskSuccess', { taskToken: lastToken, output: '{}' });
  await engine.idle();
  const firstCompletionMs = performance.now() - sent;
  const after = await engine.call('DescribeExecution', { executionArn });
  if (after.status !== 'SUCCEEDED') throw new Error(`${executionArn} is ${String(after.status)} after its token`);
  await engine.close();
  partResult({ openMs, rssDeltaPerExecution: (rssAfterOpen - baseline) / count, firstCompletionMs });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
