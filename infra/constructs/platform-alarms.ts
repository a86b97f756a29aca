import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { METRICS_NAMESPACE, RECONCILE_LAG_METRIC } from '../../shared/observability/metric-names';

/** What the platform-wide alarms watch (issue #14 item 9), next to the per-resource ones. */
export interface PlatformAlarmSources {
  /** The HTTP API: its 5xx count. */
  readonly httpApi: IHttpApi;
  /** Tables by name: read and write throttle events. */
  readonly tables: ReadonlyMap<string, ITable>;
  /** State machines by service id: `ExecutionThrottled`. */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
}

/** One alarm to create: its id (`onething-<id>` is the alarm name), metric and threshold. */
export interface AlarmSpec {
  readonly id: string;
  readonly metric: Metric;
  readonly threshold: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Reconcile runs every 5 minutes; an item still waiting after three runs (15 minutes) means
 * repair is not keeping up or keeps failing on it.
 */
export const RECONCILE_LAG_ALARM_SECONDS = 900;

/** `OneThing/ReconcileLagSeconds`, the maximum over 5 minutes (see shared/observability/metric-names.ts). */
export const reconcileLagMetric = (): Metric =>
  new Metric({ namespace: METRICS_NAMESPACE, metricName: RECONCILE_LAG_METRIC.name, statistic: 'Maximum', period: FIVE_MINUTES });

/**
 * Alarms on the shared dependencies: any API 5xx (the contract answers bad input with 4xx,
 * so a 5xx is a defect or an outage), any DynamoDB throttling (on-demand tables throttle
 * past twice their previous peak), any throttled Step Functions transition, and reconcile lag.
 */
export function platformAlarms(sources: PlatformAlarmSources): AlarmSpec[] {
  const specs: AlarmSpec[] = [
    { id: 'Api-5xx', metric: sources.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }), threshold: 1 },
  ];
  for (const [name, table] of sources.tables) {
    for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
      specs.push({
        id: `${name}-${metricName}`,
        metric: table.metric(metricName, { period: FIVE_MINUTES, statistic: 'Sum' }),
        threshold: 1,
      });
    }
  }
  for (const [serviceId, machine] of sources.stateMachines) {
    specs.push({
      id: `${serviceId}-ExecutionThrottled`,
      metric: machine.metric('ExecutionThrottled', { period: FIVE_MINUTES, statistic: 'Sum' }),
      threshold: 1,
    });
  }
  specs.push({ id: 'ReconcileLag', metric: reconcileLagMetric(), threshold: RECONCILE_LAG_ALARM_SECONDS });
  return specs;
}
