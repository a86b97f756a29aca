import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { sealAnchorsFunction } from '../../functions/audit/specs';
import { TAMPER_METRIC } from '../../shared/audit/tamper-metric';
import { METRICS_NAMESPACE } from '../../shared/observability/metric-names';
import type { PlatformResources } from './access-policy';
import { PlatformFunction } from './platform-function';

export interface AuditAnchorsProps {
  readonly resources: PlatformResources;
  readonly logsKey?: IKey;
  /** @default 6 hours (anchors must be at least daily; a failed run is retried by the next) */
  readonly every?: Duration;
}

/**
 * Issue 8 on AWS: the scheduled function that seals chain heads into the Object Lock archive,
 * and the alarm on tamper findings (any `verify`, or the check the sealing function runs first).
 */
export class AuditAnchors extends Construct {
  readonly seal: PlatformFunction;
  readonly tamperAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AuditAnchorsProps) {
    super(scope, id);
    this.seal = new PlatformFunction(this, sealAnchorsFunction.name, {
      spec: sealAnchorsFunction,
      timeout: Duration.minutes(5),
      logsKey: props.logsKey,
    }).bind(props.resources);
    new Rule(this, 'SealSchedule', {
      description: 'OneThing: seal the timing-log chain heads into the archive (issue 8)',
      schedule: Schedule.rate(props.every ?? Duration.hours(6)),
      targets: [new LambdaFunction(this.seal, { retryAttempts: 2 })],
    });
    this.tamperAlarm = new Alarm(this, 'TamperAlarm', {
      alarmName: 'onething-timing-log-tamper',
      alarmDescription:
        'verify found an edited, deleted, inserted or reordered timing-log event, or a chain that disagrees with its anchor',
      metric: new Metric({ namespace: METRICS_NAMESPACE, metricName: TAMPER_METRIC.name, statistic: 'Sum', period: Duration.minutes(5) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
  }

  /** Notifies the platform's alarm topic. */
  notify(topic: ITopic): void {
    this.tamperAlarm.addAlarmAction(new SnsAction(topic));
  }
}
