import { GetCommand } from '../../../shared/aws/document-store';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import type { PlatformDeps } from '../../../shared/deps';
import { ddbProbes } from './client-probes';
import { executionArn } from '../../../shared/applications/executions';

/**
 * Failure injection into the running platform's own AWS clients (the API handlers and the
 * workflow steps of the embedded runtime share them in this process): the next matching call
 * fails once, before it is sent (`before`) or after it succeeded (`after`, a process that died
 * right after the call), as a throttling error, the kind a crash or an outage leaves.
 */
type Stack = { add: (mw: any, opts: { step: 'initialize'; name: string }) => void; remove: (name: string) => boolean };

let counter = 0;

export function failNext(
  deps: PlatformDeps,
  client: 'sfn' | 'ddb' | 's3',
  matches: (command: string, input: Record<string, any>) => boolean,
  when: 'before' | 'after',
): { fired: () => boolean } {
  // DynamoDB: the runtime's probes (its client resolves its middleware once, see ./client-probes.ts).
  const stack = client === 'ddb' ? ddbProbes(deps.ddb) : (deps[client].middlewareStack as unknown as Stack);
  const name = `test-fault-${++counter}`;
  let fired = false;
  stack.add(
    (next: (args: any) => Promise<any>, context: { commandName?: string }) => async (args: { input: Record<string, any> }) => {
      if (fired || !matches(context.commandName ?? '', args.input)) return next(args);
      fired = true;
      stack.remove(name);
      if (when === 'after') await next(args);
      throw Object.assign(new Error(`injected failure ${when} ${context.commandName}`), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
    },
    { step: 'initialize', name },
  );
  return { fired: () => fired };
}

/** The task item as stored (token kind and the undelivered mark are not in the API). */
export async function storedTask(deps: PlatformDeps, applicationId: string, department: string): Promise<Record<string, any> | undefined> {
  const { ddb, config } = deps;
  const out = await ddb.send(
    new GetCommand({ TableName: config.tableName, Key: { pk: `APP#${applicationId}`, sk: `TASK#${department}` }, ConsistentRead: true }),
  );
  return out.Item;
}

/** The names of the states the application's execution has left, in order. */
export async function exitedStates(deps: PlatformDeps, serviceId: string, applicationId: string): Promise<string[]> {
  const { sfn, config } = deps;
  const out = await sfn.send(
    new GetExecutionHistoryCommand({ executionArn: executionArn(config, serviceId, applicationId), maxResults: 1000 }),
  );
  return (out.events ?? []).flatMap((e) =>
    e.type?.endsWith('StateExited') && e.stateExitedEventDetails?.name ? [e.stateExitedEventDetails.name] : [],
  );
}
