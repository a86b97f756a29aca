import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { FAILED_APPLICATIONS_METRIC, OVERDUE_TASKS_METRIC, PROBE_FAILURES_METRIC } from '../../shared/observability/metric-names';
import { METRICS_NAMESPACE } from './access-policy';
import { platformAlarms, reconcileLagMetric, type AlarmSpec, type PlatformAlarmSources } from './platform-alarms';

export interface ObservabilityProps {
  /** State machines by service id. */
  readonly stateMachines: ReadonlyMap<string, StateMachine>;
  /** Every function of the platform, by spec name. */
  readonly functions: ReadonlyMap<string, IFunction>;
  /** Department ids of all services: `OverdueTasks` is emitted per `Department`. */
  readonly departments: readonly string[];
  /** Services whose scheduled probes can fail (the one-thing services; 12345 event services have none). */
  readonly probedServices: readonly string[];
  /** @default no subscription (subscribe later, e.g. a ticketing system) */
  readonly alarmEmail?: string;
  /** API, tables and machines for the platform-wide alarms (infra/constructs/platform-alarms.ts). */
  readonly platform: Omit<PlatformAlarmSources, 'stateMachines'>;
  /** Alarms other constructs define (e.g. the SMS dead letters), on the same topic. @default none */
  readonly extraAlarms?: readonly AlarmSpec[];
}

/**
 * Emitted by the platform (Embedded Metric Format, shared/observability/metrics.ts) at each
 * checkpoint that finds a branch past its due time, with the dimension `Department`.
 */
export const overdueTasksMetric = (department: string): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: OVERDUE_TASKS_METRIC.name,
    dimensionsMap: { Department: department },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

/**
 * Emitted by Finalize when the state machine's catch-all ended an application as `failed`
 * (a step failed after its retries), with the dimension `ServiceId`.
 */
export const failedApplicationsMetric = (serviceId: string): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: FAILED_APPLICATIONS_METRIC.name,
    dimensionsMap: { ServiceId: serviceId },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

/**
 * Emitted by the probe sweep (shared/walkthroughs/probes.ts) for a scheduled probe that failed
 * or did not finish within the service's limit, with the dimension `ServiceId`.
 */
export const probeFailuresMetric = (serviceId: string): Metric =>
  new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: PROBE_FAILURES_METRIC.name,
    dimensionsMap: { ServiceId: serviceId },
    statistic: 'Sum',
    period: Duration.minutes(5),
  });

/**
 * Alarms that page operators: failed and timed-out executions and failed applications per state machine, errors and
 * throttles per function, overdue tasks per department. All notify one encrypted SNS topic; a dashboard shows
 * the same metrics.
 */
export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const key = new Key(this, 'TopicKey', { description: 'OneThing alarm topic', enableKeyRotation: true });
    // CloudWatch alarms publish to the encrypted topic, so they need the key.
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Alarms', { topicName: 'onething-alarms', masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.allowAlarmsToPublish();

    const machineWidgets: IMetric[] = [];
    for (const [serviceId, machine] of props.stateMachines) {
      this.alarm(`${serviceId}-ExecutionsFailed`, machine.metricFailed({ period: Duration.minutes(5) }));
      this.alarm(`${serviceId}-ExecutionsTimedOut`, machine.metricTimedOut({ period: Duration.minutes(5) }));
      // The execution succeeded (Finalize ran) but the application did not: it failed.
      this.alarm(`${serviceId}-ApplicationsFailed`, failedApplicationsMetric(serviceId));
      // A scheduled probe of the service failed (walk-throughs, issue 11).
      if (props.probedServices.includes(serviceId)) this.alarm(`${serviceId}-ProbeFailures`, probeFailuresMetric(serviceId));
      machineWidgets.push(machine.metricStarted(), machine.metricFailed(), machine.metricTimedOut());
    }
    const fnErrors: IMetric[] = [];
    for (const [name, fn] of props.functions) {
      this.alarm(`${name}-Errors`, fn.metricErrors({ period: Duration.minutes(5) }));
      this.alarm(`${name}-Throttles`, fn.metricThrottles({ period: Duration.minutes(5) }));
      fnErrors.push(fn.metricErrors({ label: name }));
    }
    const departments = [...new Set(props.departments)];
    for (const department of departments) this.alarm(`OverdueTasks-${department}`, overdueTasksMetric(department));

    // Platform-wide alarms: API 5xx, DynamoDB throttles, ExecutionThrottled, reconcile lag.
    for (const spec of platformAlarms({ ...props.platform, stateMachines: props.stateMachines })) {
      this.alarm(spec.id, spec.metric, spec.threshold);
    }
    for (const spec of props.extraAlarms ?? []) this.alarm(spec.id, spec.metric, spec.threshold);

    new Dashboard(this, 'Dashboard', {
      dashboardName: 'onething',
      widgets: [
        [
          new GraphWidget({ title: 'Executions', left: machineWidgets, width: 12 }),
          new GraphWidget({ title: 'Overdue tasks', left: departments.map((d) => overdueTasksMetric(d).with({ label: d })), width: 12 }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: fnErrors, width: 12 }),
          new GraphWidget({ title: 'Reconcile lag (s)', left: [reconcileLagMetric()], width: 12 }),
        ],
      ],
    });
  }

  /**
   * The topic policy CDK writes (for enforceSSL) replaces SNS's default one, so without this
   * statement nothing may publish and alarms reach no one. Only CloudWatch, only for the
   * alarms of this account and region named `onething-*`.
   */
  private allowAlarmsToPublish(): void {
    const { account, region, partition } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:onething-*` },
        },
      }),
    );
  }

  /** At least `threshold` within 5 minutes alarms (default: any occurrence); no data is fine (nothing happened). */
  private alarm(id: string, metric: Metric, threshold = 1): void {
    const alarm = new Alarm(this, id, {
      alarmName: `onething-${id}`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
