/**
 * Appends to one chain from this process take turns (per client, table and application):
 * racing ourselves only bought failed conditional puts, re-reads and backoff pauses (the
 * four decisions of a school enrolment arrive together). Only in-flight turns are kept, so
 * nothing is cached; writers in other processes are still handled by the conditional put.
 */
const turns = new WeakMap<object, Map<string, Promise<unknown>>>();

export function inTurn<T>(client: object, key: string, run: () => Promise<T>): Promise<T> {
  let queue = turns.get(client);
  if (!queue) turns.set(client, (queue = new Map<string, Promise<unknown>>()));
  const previous = queue.get(key) ?? Promise.resolve();
  const result = previous.then(run);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  queue.set(key, settled);
  void settled.then(() => {
    if (queue.get(key) === settled) queue.delete(key);
  });
  return result;
}
