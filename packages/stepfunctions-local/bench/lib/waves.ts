/**
 * Runs `total` jobs in waves of `concurrency` (start a wave, wait for all of it), the one
 * scheme both engines can follow: ours reports completion through `idle()`, the peer through
 * per-run promises. Returns the elapsed wall time in milliseconds.
 */
export async function runInWaves(
  total: number,
  concurrency: number,
  runWave: (first: number, size: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  for (let first = 0; first < total; first += concurrency) {
    await runWave(first, Math.min(concurrency, total - first));
  }
  return performance.now() - started;
}
