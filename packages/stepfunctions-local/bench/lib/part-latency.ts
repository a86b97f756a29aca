import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { partArgs, partResult } from './child';
import { startEngineOverHttp } from '../../support/http-harness';
import { percentile } from './stats';

/**
 * SendTaskSuccess → next state entered, through the HTTP API with @aws-sdk/client-sfn
 * (keep-alive). The next state is a Task whose local Lambda stamps the time it is invoked,
 * so each sample also includes that state's input processing (a slight overestimate).
 */
interface Args {
  dataDir: string;
  samples: number;
}

const DEFINITION = {
  StartAt: 'Await',
  States: {
    Await: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'await', Payload: { 'token.$': '$$.Task.Token' } },
      Next: 'Mark',
    },
    Mark: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'mark' }, End: true },
  },
};

async function main(): Promise<void> {
  const { dataDir, samples } = partArgs<Args>();
  let onToken: (token: string) => void = () => undefined;
  let onMark: (at: number) => void = () => undefined;
  const env = await startEngineOverHttp({
    dataDir,
    lambdas: {
      await: async (event) => onToken((event as { token: string }).token),
      mark: async () => onMark(performance.now()),
    },
  });
  const { stateMachineArn } = await env.engine.call('CreateStateMachine', {
    name: 'latency',
    definition: JSON.stringify(DEFINITION),
    roleArn: 'arn:aws:iam::000000000000:role/bench',
  });
  const sample = async (name: string): Promise<number> => {
    const token = new Promise<string>((resolve) => (onToken = resolve));
    await env.sfn.send(new StartExecutionCommand({ stateMachineArn: String(stateMachineArn), name }));
    const taskToken = await token;
    const marked = new Promise<number>((resolve) => (onMark = resolve));
    const sentAt = performance.now();
    await env.sfn.send(new SendTaskSuccessCommand({ taskToken, output: '{}' }));
    return (await marked) - sentAt;
  };
  for (let i = 0; i < Math.min(100, samples); i++) await sample(`warm-${i}`);
  const ms: number[] = [];
  for (let i = 0; i < samples; i++) ms.push(await sample(`run-${i}`));
  await env.close();
  partResult({ samples, p50: percentile(ms, 50), p99: percentile(ms, 99), max: Math.max(...ms) });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
