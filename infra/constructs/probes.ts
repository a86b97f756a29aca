import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { probeSchedulerFunction } from '../../functions/walkthroughs/specs';
import type { PlatformResources } from './access-policy';
import { PlatformFunction } from './platform-function';

export interface ProbesProps {
  readonly resources: PlatformResources;
  /** How often the sweep looks for due probes. @default Duration.minutes(10) */
  readonly sweepEvery?: Duration;
  readonly logsKey?: IKey;
}

/**
 * Scheduled probes on AWS: ONE EventBridge rate schedule runs the sweep, which reads the probe
 * items (`PUT /v1/probes/{serviceId}` writes them) and starts what is due. Chosen over one
 * EventBridge Scheduler schedule per probe created by the API: no `iam:PassRole` and no
 * Scheduler permissions for an API function, no schedule that can drift from its item (a
 * crash between the item write and the schedule call), and the same sweep locally and on
 * AWS. The price: a probe starts up to `sweepEvery` late, which hour-scale probes do not feel.
 */
export class Probes extends Construct {
  readonly scheduler: PlatformFunction;

  constructor(scope: Construct, id: string, props: ProbesProps) {
    super(scope, id);
    this.scheduler = new PlatformFunction(this, probeSchedulerFunction.name, {
      spec: probeSchedulerFunction,
      timeout: Duration.minutes(2),
      logsKey: props.logsKey,
    }).bind(props.resources);
    new Rule(this, 'ProbeSchedule', {
      description: 'Starts due walk-through probes and records how the running ones ended (DESIGN.md "Walk-throughs and probes").',
      schedule: Schedule.rate(props.sweepEvery ?? Duration.minutes(10)),
      targets: [new LambdaFunction(this.scheduler, { retryAttempts: 2 })],
    });
  }
}
