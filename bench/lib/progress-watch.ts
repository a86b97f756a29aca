/**
 * What the benchmark's applicants would otherwise poll for, told as it happens: an
 * application's tasks are all open, or it reached its final status. Read off the runtime's
 * own successful DynamoDB writes (the task puts and the final status update of
 * shared/applications/task-repo.ts and application-repo.ts), so the runtime under test is
 * not changed and another checkout's runtime (BENCH_VARIANTS `root`) is watched the same way.
 *
 * Why not poll: each status read costs the platform a request and two Queries, and how many
 * reads an application gets then depends on how slow the platform already is, so a slower
 * runtime pays for more reads (`bench/platform.ts` keeps polling as BENCH_WAIT=poll).
 */
import type { ClientMiddleware } from '../../shared/aws/clients';

/** A task of application `id` was put (`task`: its sort key), or the application reached its final status. */
export type WatchEvent = { event: 'task'; id: string; task: string } | { event: 'ended'; id: string };

type Wire = Record<string, { S?: string } | string | undefined>;
/**
 * `{ S: 'APP#…' }` from the low-level client; a plain string from a lib-dynamodb DocumentClient,
 * where a checkout from before the document layer gets the watch (bench/lib/platform-runtime.ts).
 */
const str = (value: { S?: string } | string | undefined): string | undefined => (typeof value === 'string' ? value : value?.S);
const FINAL = new Set(['approved', 'rejected', 'withdrawn', 'failed']);

/** A DynamoDB middleware calling `tell` after each successful task put and final status update. */
export function watchApplications(tell: (event: WatchEvent) => void): ClientMiddleware {
  const seen = (input: Record<string, unknown>, command: string) => {
    if (command === 'PutItemCommand') {
      const item = input.Item as Wire | undefined;
      const pk = str(item?.pk);
      const sk = str(item?.sk);
      if (!pk?.startsWith('APP#') || !sk?.startsWith('TASK#')) return;
      tell({ event: 'task', id: pk.slice(4), task: sk });
    } else if (command === 'UpdateItemCommand') {
      const key = input.Key as Wire | undefined;
      const values = input.ExpressionAttributeValues as Wire | undefined;
      const status = str(values?.[':s']);
      if (str(key?.sk) !== 'APP' || status === undefined || !FINAL.has(status)) return;
      tell({ event: 'ended', id: str(key?.pk)!.slice(4) });
    }
  };
  const middleware =
    (next: (args: { input: Record<string, unknown> }) => Promise<unknown>, context: { commandName?: string }) =>
    async (args: { input: Record<string, unknown> }) => {
      const out = await next(args);
      seen(args.input, String(context.commandName));
      return out;
    };
  return {
    dynamodb: [
      {
        applyToStack: (stack: { add: (middleware: never, options: object) => void }) =>
          stack.add(middleware as never, { step: 'initialize', priority: 'low', name: 'benchWatchApplications' }),
      },
    ],
  };
}
