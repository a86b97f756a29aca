/**
 * Counts every request the platform's SDK clients send, per command, for `npm run bench:platform`.
 */
import { performance } from 'node:perf_hooks';

/** Per command (`dynamodb.PutItem`): HTTP attempts, successful ones, time spent in them. */
export type Tally = Record<string, { attempts: number; ok: number; ms: number }>;

interface MiddlewareClient {
  middlewareStack: { add: (...args: any[]) => void };
}

/**
 * Adds a counting middleware to each client: `attempts` (one per attempt, SDK retries and failed
 * conditional writes included), `ok` (those that succeeded) and the time spent in them.
 */
export function countCalls(clients: Record<string, MiddlewareClient>): Tally {
  const tally: Tally = {};
  for (const [service, client] of Object.entries(clients)) {
    client.middlewareStack.add(
      (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
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
      },
      // Inside the retry middleware (finalizeRequest, high priority) and outside the
      // deserializer, so that a service error such as ConditionalCheckFailed counts as failed.
      { step: 'finalizeRequest', priority: 'low', name: 'benchCountCalls' },
    );
  }
  return tally;
}
