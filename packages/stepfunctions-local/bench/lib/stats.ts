/** Nearest-rank percentile of `values` (0 < p <= 100); the array is not modified. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('percentile of an empty sample');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!; // an index within the non-empty sample
}

/** Resident set size after a full GC (needs `--expose-gc`; fails loudly without it). */
export function settledRss(): number {
  return settledMemory().rss;
}

/** RSS and V8 heap in use after three full GCs (needs `--expose-gc`). */
export function settledMemory(): { rss: number; heapUsed: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc to measure memory');
  for (let i = 0; i < 3; i++) gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
