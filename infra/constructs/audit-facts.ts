import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { rollUpFactsFunction } from '../../functions/audit/specs';
import type { PlatformResources } from './access-policy';
import { PlatformFunction } from './platform-function';

export interface AuditFactsProps {
  readonly resources: PlatformResources;
  readonly logsKey?: IKey;
  /** @default 15 minutes (the live tail a report folds from chains is at most this old, plus a failed run) */
  readonly every?: Duration;
}

/**
 * Issue 8 "Scale" on AWS: the scheduled rollup of the application fact rows the timeliness
 * report and the anomalies read (docs/DESIGN.md "Inspectors: fact rows"). A run that times out
 * keeps the days it finished (the watermark moves per day); the next run continues.
 */
export class AuditFacts extends Construct {
  readonly rollUp: PlatformFunction;

  constructor(scope: Construct, id: string, props: AuditFactsProps) {
    super(scope, id);
    this.rollUp = new PlatformFunction(this, rollUpFactsFunction.name, {
      spec: rollUpFactsFunction,
      timeout: Duration.minutes(5),
      logsKey: props.logsKey,
    }).bind(props.resources);
    new Rule(this, 'RollupSchedule', {
      description: 'OneThing: roll the timing log up into the inspectors fact rows (issue 8)',
      schedule: Schedule.rate(props.every ?? Duration.minutes(15)),
      targets: [new LambdaFunction(this.rollUp, { retryAttempts: 2 })],
    });
  }
}
