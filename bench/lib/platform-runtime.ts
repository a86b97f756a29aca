/**
 * The runtime process of `npm run bench:platform`: the embedded runtime in its own process, so
 * that the benchmark client does not share its event loop or its CPU figure. The local
 * transport comes from ONETHING_LOCAL_TRANSPORT like `npm start`. Over IPC it answers:
 *   'stats'       -> { stats: { cpu, calls, requests } } (cumulative; the client takes differences)
 *   'transitions' -> { transitions: number[] } states entered by the last succeeded executions
 *   'idle'        -> { idle: true } once the engine has nothing runnable (the intakes paced
 *                    submissions started are done), so the next runtime measured has the CPU
 *   'stop'        -> closes the runtime, removes its data folder and exits
 */
import fs from 'node:fs';
import { startRuntime } from '../../local/runtime';
import { countCalls, type Tally } from './call-tally';

export interface RuntimeStats {
  /** process.cpuUsage() of this process (every thread of it), microseconds. */
  cpu: NodeJS.CpuUsage;
  calls: Tally;
  /** API requests per `METHOD route status`. */
  requests: Record<string, number>;
}

const SERVICE = process.env.BENCH_SERVICE ?? 'school-enrolment';

void (async () => {
  const dataDir = process.env.BENCH_DATA_DIR as string;
  const requests: Record<string, number> = {};
  const { tally: calls, middleware: clientMiddleware } = countCalls();
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
