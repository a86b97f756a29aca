import type { PlatformDeps } from '../shared/deps';
import type { DevClock } from './dev/clock';
import { createWalkthroughService, type SweepReport } from '../shared/walkthroughs';

/**
 * The local probe scheduler: the same sweep the AWS rate schedule runs
 * (shared/walkthroughs/probes.ts), driven by the platform clock. It runs after every dev-clock
 * advance (awaited, so `POST /v1/dev/clock` returns after due probes started) and on a
 * real-time timer for time that passes on its own. One sweep at a time; `stop` waits for it.
 */
export function startProbeScheduler(opts: {
  deps: PlatformDeps;
  clock: Pick<DevClock, 'onAdvance'>;
  everyMs: number;
  log: (line: string) => void;
  ran: () => void;
}): { stop: () => Promise<void> } {
  const walks = createWalkthroughService(opts.deps);
  let stopped = false;
  let running: Promise<void> | undefined;
  const sweep = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    // A sweep already running covers this tick; the next one catches up.
    running ??= walks
      .sweepProbes()
      .then((r) => report(opts.log, r))
      .catch((error: unknown) => opts.deps.logger.error('probe sweep failed', { error: error as Error }))
      .finally(() => {
        running = undefined;
        opts.ran();
      });
    return running;
  };
  opts.clock.onAdvance(() => sweep());
  const timer = opts.everyMs > 0 ? setInterval(() => void sweep(), opts.everyMs) : undefined;
  timer?.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

function report(log: (line: string) => void, r: SweepReport): void {
  if (r.started + r.passed + r.failed > 0) log(`probes: ${r.started} started, ${r.passed} passed, ${r.failed} failed`);
}
