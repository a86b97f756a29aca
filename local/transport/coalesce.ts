/**
 * Coalescing for the MessagePort to the DynamoDB worker thread: the items queued in one turn of
 * the event loop leave as one message (an array) instead of one `postMessage` each, on both
 * sides. A message has a fixed cost (serialise, queue, wake the other thread: ~25-30 µs of CPU
 * per round trip here) that batching pays once per batch (docs/BENCHMARKS.md "Issue 9:
 * trimming the local transport").
 */

/**
 * When a batch is sent: `immediate` after the current turn's I/O callbacks and microtasks (the
 * most calls per message), `microtask` at the end of the current microtask queue (sooner, but
 * SDK calls a few awaits behind miss it: measured no better than `off`), `off` one message per
 * item (the behaviour before). The last two are kept for the side-by-side bench:transport rows.
 */
export const COALESCE_MODES = ['immediate', 'microtask', 'off'] as const;
export type CoalesceMode = (typeof COALESCE_MODES)[number];

/** Chosen by the side-by-side bench:transport and bench:platform figures. */
export const DEFAULT_COALESCE: CoalesceMode = 'immediate';

export interface Coalescer<Item> {
  push(item: Item): void;
  /** Sends what is queued now (before a message that must not overtake it, e.g. close). */
  flush(): void;
}

/** Queues items and hands each turn's items to `send` as one array, in the order pushed. */
export function coalescer<Item>(mode: CoalesceMode, send: (items: Item[]) => void): Coalescer<Item> {
  let queued: Item[] = [];
  const flush = () => {
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    send(items);
  };
  const schedule = mode === 'immediate' ? (f: () => void) => void setImmediate(f) : queueMicrotask;
  return {
    push(item) {
      if (mode === 'off') return send([item]);
      queued.push(item);
      if (queued.length === 1) schedule(flush);
    },
    flush,
  };
}
