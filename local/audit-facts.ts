/**
 * The local rollup timer (issue 8 "Scale"): rolls the inspectors' fact rows up every few real
 * minutes, like the scheduled function on AWS. Not on dev-clock advances: an advance can move
 * `now - SEAL_MARGIN_MS` past an append whose `at` was taken just before it and whose put has
 * not landed, which the rollup would then never see. Reports stay exact without it (the live
 * tail covers everything after the watermark); the rows only make them fast.
 */
import type { PlatformDeps } from '../shared/deps';
import type { Clock } from '../shared/clock';
import { rollUpFacts } from '../shared/audit/facts-rollup';
import type { AnomalyThresholds } from '../shared/audit/anomalies';

export const ROLLUP_EVERY_MS = 5 * 60_000;

export function startFactsRollupTimer(
  deps: PlatformDeps,
  clock: Clock,
  thresholds: AnomalyThresholds,
  everyMs = ROLLUP_EVERY_MS,
): { stop: () => Promise<void> } {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= rollUpFacts(
      {
        ddb: deps.ddb,
        clock,
        calendar: deps.calendar,
        auditTableName: deps.config.auditTableName,
        tableName: deps.config.tableName,
      },
      // The configured thresholds (ONETHING_ANOMALY_THRESHOLDS): the index is rebuilt for them.
      { thresholds },
    )
      .then(
        () => undefined,
        (error: unknown) => deps.logger.error('rolling up the audit facts failed', { error: error as Error }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
