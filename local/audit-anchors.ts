/**
 * The local anchor timer (issue 8): seals the chain heads into `<data>/anchors.ndjson` whenever
 * the PLATFORM clock has moved `everyHours` past the last anchor (24 by default: at least daily).
 * It checks at start, after every dev-clock advance (so advancing the clock a day seals, before
 * the advance request answers) and once a real minute. One seal at a time; `stop` waits for it.
 */
import type { PlatformDeps } from '../shared/deps';
import type { DevClock } from './dev/clock';
import { sealAnchor, type AnchorStore } from '../shared/audit/anchors';

const CHECK_EVERY_MS = 60_000;

export async function startAnchorTimer(
  deps: PlatformDeps,
  clock: DevClock,
  store: AnchorStore,
  everyHours: number,
): Promise<{ stop: () => Promise<void> }> {
  let running: Promise<void> | undefined;
  let stopped = false;
  const due = async () => {
    const last = (await store.list()).at(-1);
    return !last || clock.now().getTime() - Date.parse(last.sealedAt) >= everyHours * 3_600_000;
  };
  const check = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    running ??= (async () => {
      try {
        if (await due()) await sealAnchor({ ddb: deps.ddb, clock, tableName: deps.config.auditTableName, store });
      } catch (error) {
        deps.logger.error('sealing the anchor failed', { error: error as Error });
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
  await check();
  clock.onAdvance(() => check());
  const timer = setInterval(() => void check(), CHECK_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
