/**
 * Counts every request the platform's SDK clients send, per command, for `npm run bench:platform`.
 */
import { performance } from 'node:perf_hooks';
import type { ClientMiddleware } from '../../shared/aws/clients';

/** Per command (`dynamodb.PutItem`): HTTP attempts, successful ones, time spent in them. */
export type Tally = Record<string, { attempts: number; ok: number; ms: number }>;

const SERVICES = ['dynamodb', 's3', 'sfn'] as const;

/**
 * A counting middleware for each client, to install at construction (`startRuntime`'s
 * `clientMiddleware`: the DynamoDB client resolves its middleware once, so one added later would
 * never run). `attempts` (one per attempt, SDK retries and failed conditional writes included),
 * `ok` (those that succeeded) and the time spent in them.
 */
export function countCalls(): { tally: Tally; middleware: ClientMiddleware } {
  const tally: Tally = {};
  const counter =
    (service: string) => (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      const name = `${service}.${String(context.commandName).replace(/Command$/, '')}`;
      const entry = (tally[name] ??= { attempts: 0, ok: 0, ms: 0 });
      entry.attempts++;
      const t0 = performance.now();
      try {
        const out = await next(args);
        entry.ok++;
        return out;
      } finally {
        entry.ms += performance.now() - t0;
      }
    };
  const pluggable = (service: string) => ({
    applyToStack: (stack: { add: (middleware: never, options: object) => void }) =>
      // Inside the retry middleware (finalizeRequest, high priority) and outside the
      // deserializer, so that a service error such as ConditionalCheckFailed counts as failed.
      stack.add(counter(service) as never, { step: 'finalizeRequest', priority: 'low', name: 'benchCountCalls' }),
  });
  const middleware = Object.fromEntries(SERVICES.map((service) => [service, [pluggable(service)]])) as ClientMiddleware;
  return { tally, middleware };
}
