/**
 * The tamper metric: one EMF line per verify run that found anything (the CDK app's tamper
 * alarm watches its Sum). Named here once for the emitter and the alarm.
 */
import type { Clock } from '../clock';
import { METRICS_NAMESPACE } from '../observability/metric-names';

export const TAMPER_METRIC = { name: 'TamperFindings', unit: 'Count', dimensions: [] } as const;

export function tamperMetricLine(clock: Clock, findings: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: clock.now().getTime(),
      CloudWatchMetrics: [
        { Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: TAMPER_METRIC.name, Unit: TAMPER_METRIC.unit }] },
      ],
    },
    [TAMPER_METRIC.name]: findings,
  });
}
