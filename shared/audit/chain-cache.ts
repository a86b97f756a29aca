/**
 * The chains this process last read or appended, per client and table+application: the next
 * append starts from them instead of re-reading the whole chain (one Query per append, the
 * largest share of a school enrolment's reads). Safe because the chain is append-only and
 * every put is conditional on its sequence slot being free: a chain another process (or a
 * direct write) has extended since makes that put fail, and the append then re-reads, as it
 * did after any lost race. A cached chain is therefore a prefix of the stored one, so a key
 * found in it is logged; a key not found in it is decided by the conditional put.
 * Bounded (least recently used first out); a process that restarts simply starts empty.
 */
export const CHAIN_CACHE_LIMIT = 512;

/** Only clients a composition root enabled remember (the Lambda's and the local runtime's; not a test's mock). */
const caches = new WeakMap<object, Map<string, readonly unknown[]>>();

/** Lets the timing logs on `client` remember chains (call once, where the process builds its deps). */
export function rememberChainsOn(client: object): void {
  if (!caches.has(client)) caches.set(client, new Map());
}

export function cachedChain<T>(client: object, key: string): readonly T[] | undefined {
  return caches.get(client)?.get(key) as readonly T[] | undefined;
}

/** Remembers `chain` unless a longer one (a later state of the same append-only chain) is known. */
export function rememberChain<T>(client: object, key: string, chain: readonly T[]): void {
  const cache = caches.get(client);
  if (!cache) return;
  const known = cache.get(key);
  if (known && known.length > chain.length) return;
  cache.delete(key);
  cache.set(key, chain);
  if (cache.size > CHAIN_CACHE_LIMIT) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
}

/** Forgets a chain whose cached state proved stale (a conditional put found its next slot taken). */
export function forgetChain(client: object, key: string): void {
  caches.get(client)?.delete(key);
}
