import { Duration } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { notificationsTickFunction, SMS_QUEUE_URL_ENV, smsSendFunction } from '../../functions/notifications/specs';
import { METRICS_NAMESPACE, UNANSWERED_BAD_REVIEWS_METRIC } from '../../shared/observability/metric-names';
import type { PlatformResources } from './access-policy';
import type { AlarmSpec } from './platform-alarms';
import { PlatformFunction } from './platform-function';

export interface NotificationsProps {
  readonly resources: PlatformResources;
  readonly logsKey?: IKey;
  /** @default Duration.minutes(1) */
  readonly tickEvery?: Duration;
}

const SEND_TIMEOUT = Duration.seconds(30);

/**
 * SMS delivery and the 好差评 check (docs/DESIGN.md "Notifications and evaluations"): the
 * scheduled `notifications-tick` hands due SMS ids to an encrypted SQS queue; `sms-send`
 * consumes it (partial batch failures, 5 receives, then the DLQ) and publishes with SNS.
 * Alarms: any message in the DLQ; any bad review whose follow-up is overdue.
 */
export class Notifications extends Construct {
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly tick: PlatformFunction;
  readonly sender: PlatformFunction;

  constructor(scope: Construct, id: string, props: NotificationsProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'SmsDeadLetters', {
      queueName: 'onething-sms-dlq',
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Sms', {
      queueName: 'onething-sms',
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // AWS's advice for Lambda sources: at least six times the function timeout.
      visibilityTimeout: Duration.seconds(SEND_TIMEOUT.toSeconds() * 6),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    const resources = { ...props.resources, smsQueue: this.queue };

    this.tick = new PlatformFunction(this, notificationsTickFunction.name, {
      spec: notificationsTickFunction,
      timeout: Duration.minutes(1),
      logsKey: props.logsKey,
      // One run at a time: two would lease the same items.
      reservedConcurrentExecutions: 1,
    }).bind(resources);
    this.tick.addEnvironment(SMS_QUEUE_URL_ENV, this.queue.queueUrl);
    new Rule(this, 'TickSchedule', {
      description: 'Hands due SMS to their queue; logs 好差评 events a crash left unlogged; emits UnansweredBadReviews.',
      schedule: Schedule.rate(props.tickEvery ?? Duration.minutes(1)),
      targets: [new LambdaFunction(this.tick, { retryAttempts: 2 })],
    });

    this.sender = new PlatformFunction(this, smsSendFunction.name, {
      spec: smsSendFunction,
      timeout: SEND_TIMEOUT,
      logsKey: props.logsKey,
    }).bind(resources);
    this.sender.addEventSource(new SqsEventSource(this.queue, { batchSize: 10, reportBatchItemFailures: true }));
  }

  /** The alarms of this construct, for the platform's alarm topic (infra/constructs/observability.ts). */
  alarms(): AlarmSpec[] {
    return [
      {
        id: 'SmsDeadLetters',
        metric: this.deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 1,
      },
      {
        id: 'UnansweredBadReviews',
        metric: new Metric({
          namespace: METRICS_NAMESPACE,
          metricName: UNANSWERED_BAD_REVIEWS_METRIC.name,
          statistic: 'Maximum',
          period: Duration.minutes(5),
        }),
        threshold: 1,
      },
    ];
  }
}
