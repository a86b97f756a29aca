/**
 * The local anchor timer (issue 8): checks the log for tampering (tamper-check.ts) and seals the chain heads into `<data>/anchors.ndjson` whenever
 * the PLATFORM clock has moved `everyHours` past the last anchor (24 by default: at least daily).
 * It checks at start, after every dev-clock advance (so advancing the clock a day seals, before
 * the advance request answers) and once a real minute. One seal at a time; `stop` waits for it.
 */
import type { PlatformDeps } from '../shared/deps';
import type { DevClock } from './dev/clock';
import type { AnchorStore } from '../shared/audit/anchors';
import { checkAndSeal } from '../shared/audit/tamper-check';

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
        // The scheduled tamper check runs first (shared/audit/tamper-check.ts): found without anyone asking.
        if (await due())
          await checkAndSeal({
            ddb: deps.ddb,
            clock,
            auditTableName: deps.config.auditTableName,
            tableName: deps.config.tableName,
            anchors: store,
            logger: deps.logger,
          });
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
