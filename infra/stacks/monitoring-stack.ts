import { NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { Observability, type ObservabilityProps } from '../constructs/observability';

export interface MonitoringStackProps extends NestedStackProps {
  readonly observability: ObservabilityProps;
}

/**
 * The alarms, dashboard and alarm topic (with its key) in a nested stack of their own: they
 * are a third of the platform's resources and only read the parent's (function names, state
 * machine ARNs, API and table ids arrive as nested-stack parameters), so moving them keeps the
 * parent well under CloudFormation's 500-resource limit without cross-stack exports.
 */
export class MonitoringStack extends NestedStack {
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    const { observability, ...nestedProps } = props;
    super(scope, id, { description: 'OneThing (高效办成一件事): alarms, dashboard, alarm topic', ...nestedProps });
    this.observability = new Observability(this, 'Observability', observability);
  }
}
