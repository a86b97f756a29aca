import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type DescribeExecutionCommandOutput,
  type HistoryEvent,
  type SFNClient,
} from '@aws-sdk/client-sfn';

export const ROLE_ARN = 'arn:aws:iam::000000000000:role/onething-test';

/** A fresh temp folder and its remover. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `onething-${prefix}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Creates a state machine and returns its ARN. */
export async function createMachine(sfn: SFNClient, name: string, definition: object): Promise<string> {
  const out = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: ROLE_ARN }));
  if (out.stateMachineArn === undefined) throw new Error('CreateStateMachine returned no stateMachineArn');
  return out.stateMachineArn;
}

/**
 * Describes the execution once the engine has nothing runnable, due or in flight: the engine's
 * own hook instead of polling (an execution still waiting on a token or a future timer stays
 * RUNNING, and the test's expectation says so).
 */
export async function describeWhenIdle(
  env: { engine: { idle(): Promise<void> }; sfn: SFNClient },
  executionArn: string,
): Promise<DescribeExecutionCommandOutput> {
  await env.engine.idle();
  return env.sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/** The whole history, following nextToken. */
export async function fullHistory(sfn: SFNClient, executionArn: string, pageSize = 1000): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: pageSize, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Collects task tokens handed to a `lambda:invoke.waitForTaskToken` handler. The Task's
 * Payload must carry `{ "token.$": "$$.Task.Token", "key.$": <anything identifying the wait> }`.
 */
export function tokenInbox(): {
  handler: (event: unknown) => Promise<{ received: true }>;
  next(key: string, timeoutMs?: number): Promise<string>;
} {
  // Tokens nobody asked for yet, and askers waiting for a token: the handler hands a token
  // straight to a waiting `next` (no polling).
  const tokens = new Map<string, string[]>();
  const waiters = new Map<string, Array<(token: string) => void>>();
  return {
    async handler(event) {
      const { token, key } = event as { token?: unknown; key?: unknown };
      if (typeof token !== 'string' || typeof key !== 'string') {
        throw new Error(`tokenInbox: payload needs string "token" and "key" (got ${JSON.stringify(event)})`);
      }
      const waiter = waiters.get(key)?.shift();
      if (waiter) waiter(token);
      else tokens.set(key, [...(tokens.get(key) ?? []), token]);
      return { received: true };
    },
    next(key, timeoutMs = 10_000) {
      const queued = tokens.get(key)?.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      return new Promise<string>((resolve, reject) => {
        const waiter = (token: string) => {
          clearTimeout(timer);
          resolve(token);
        };
        const timer = setTimeout(() => {
          waiters.set(
            key,
            (waiters.get(key) ?? []).filter((w) => w !== waiter),
          );
          reject(new Error(`no task token for "${key}" after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(key, [...(waiters.get(key) ?? []), waiter]);
      });
    },
  };
}

/**
 * A machine that waits for a task token (Payload `{token, key}`, key = execution name). With
 * `catchTimeout`, a timed-out wait is caught and the execution waits again under the key
 * `<execution name>-again`, so it keeps running after the first task timed out.
 */
export function awaitTokenDefinition(options: { timeoutSeconds?: number; heartbeatSeconds?: number; catchTimeout?: boolean } = {}): object {
  const wait = (key: string) => ({
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: 'await-token', Payload: { 'token.$': '$$.Task.Token', 'key.$': key } },
  });
  const first = {
    ...wait('$$.Execution.Name'),
    ...(options.timeoutSeconds === undefined ? {} : { TimeoutSeconds: options.timeoutSeconds }),
    ...(options.heartbeatSeconds === undefined ? {} : { HeartbeatSeconds: options.heartbeatSeconds }),
  };
  if (!options.catchTimeout) return { StartAt: 'Await', States: { Await: { ...first, End: true } } };
  return {
    StartAt: 'Await',
    States: {
      Await: {
        ...first,
        Catch: [{ ErrorEquals: ['States.Timeout', 'States.HeartbeatTimeout'], ResultPath: '$.timedOut', Next: 'Again' }],
        End: true,
      },
      Again: { ...wait("States.Format('{}-again', $$.Execution.Name)"), End: true },
    },
  };
}
