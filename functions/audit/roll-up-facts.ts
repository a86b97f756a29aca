/** Scheduled (EventBridge, every 15 minutes): roll the timing log up into the inspectors' fact rows. */
import { rollUpFacts } from '../../shared/audit/facts-rollup';
import { lambdaDeps } from '../deps';
import { loadAuditConfig } from '../../shared/audit/config';

/** Stops starting new days this long before the Lambda's 5-minute timeout; the next run continues. */
const BUDGET_MS = 4 * 60_000;

export const handler = async (): Promise<{ from: string; upTo: string; applications: number }> => {
  const deps = lambdaDeps();
  const started = Date.now();
  const result = await rollUpFacts(
    {
      ddb: deps.ddb,
      clock: deps.clock,
      calendar: deps.calendar,
      auditTableName: deps.config.auditTableName,
      tableName: deps.config.tableName,
    },
    // The site's thresholds (ONETHING_ANOMALY_THRESHOLDS): the anomaly index is rebuilt for them.
    { shouldContinue: () => Date.now() - started < BUDGET_MS, thresholds: loadAuditConfig().thresholds },
  );
  deps.logger.info('audit facts rolled up', { ...result });
  return result;
};
