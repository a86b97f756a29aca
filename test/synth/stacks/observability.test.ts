import { Match } from 'aws-cdk-lib/assertions';
import { platformFunctionSpecs } from '../../../infra/specs';
import { catalog } from '../../../workflows/catalog';
import { renderCatalog } from '../../../infra/services';

/** Every deployed machine: the one-thing services, then the 12345 event services (issue 10). */
const machines = renderCatalog();
import { functionLogicalId, nestedOutputValue, synthesize } from '../synth';

// Alarms, dashboard and topic live in the nested monitoring stack, seen with the parent's values.
const { template, monitoring } = synthesize('us-east-1');

const alarmOn = (metricName: string, namespace: string, dimensions?: unknown) =>
  monitoring.hasResourceProperties('AWS::CloudWatch::Alarm', {
    MetricName: metricName,
    Namespace: namespace,
    ...(dimensions ? { Dimensions: dimensions } : {}),
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [{ Ref: Match.anyValue() }],
  });

describe('alarms and dashboard', () => {
  const departments = [...new Set(machines.flatMap((m) => m.departments))];

  it('counts: three per state machine, one probe alarm per one-thing service, two per function, one per department for overdue tasks, and the platform-wide ones', () => {
    // Platform-wide (stacks/hardening.test.ts): API 5xx, 2 throttle alarms x 2 tables, ExecutionThrottled per machine, reconcile lag,
    // and the notifications' SMS dead letters and unanswered bad reviews.
    // and the timing-log tamper alarm (issue 8).
    const platformWide = 1 + 2 * 2 + machines.length + 1 + 2 + 1;
    const total = 3 * machines.length + catalog.length + 2 * platformFunctionSpecs.length + departments.length + platformWide;
    // All but the tamper alarm (defined next to the anchors, in the parent) are in the nested stack.
    monitoring.resourceCountIs('AWS::CloudWatch::Alarm', total - 1);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1);
    monitoring.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  it.each(catalog.map((d) => d.id))('alarms on failed and timed-out executions of onething-%s', (serviceId) => {
    const [machineId] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine')).find(
      ([, r]) => r.Properties.StateMachineName === `onething-${serviceId}`,
    ) ?? [''];
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      alarmOn(metric, 'AWS/States', [{ Name: 'StateMachineArn', Value: { Ref: machineId } }]);
    }
  });

  it.each(catalog.map((d) => d.id))(
    'alarms on FailedApplications{ServiceId=%s}, the metric Finalize emits for a failed application',
    (serviceId) => {
      alarmOn('FailedApplications', 'OneThing', [{ Name: 'ServiceId', Value: serviceId }]);
    },
  );

  it.each(catalog.map((d) => d.id))('alarms on ProbeFailures{ServiceId=%s}, the metric the probe sweep emits', (serviceId) => {
    alarmOn('ProbeFailures', 'OneThing', [{ Name: 'ServiceId', Value: serviceId }]);
  });

  it('runs the probe sweep on one rate schedule', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(10 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId(template, 'probe-scheduler'), 'Arn'] } })],
    });
  });

  it.each(platformFunctionSpecs.map((s) => s.name))('alarms on errors and throttles of onething-%s', (name) => {
    const dimensions = [{ Name: 'FunctionName', Value: { Ref: functionLogicalId(template, name) } }];
    alarmOn('Errors', 'AWS/Lambda', dimensions);
    alarmOn('Throttles', 'AWS/Lambda', dimensions);
  });

  it.each(departments)('alarms on OverdueTasks{Department=%s}, the metric the platform emits', (department) => {
    alarmOn('OverdueTasks', 'OneThing', [{ Name: 'Department', Value: department }]);
  });

  it('notifies an encrypted, TLS-only topic', () => {
    monitoring.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'onething-alarms', KmsMasterKeyId: Match.anyValue() });
    monitoring.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });
});

it('alarms on tamper findings (issue 8), notifying the alarm topic', () => {
  template.hasResourceProperties('AWS::CloudWatch::Alarm', {
    AlarmName: 'onething-timing-log-tamper',
    Namespace: 'OneThing',
    MetricName: 'TamperFindings',
    Statistic: 'Sum',
    Threshold: 1,
    AlarmActions: [Match.objectLike({ 'Fn::GetAtt': Match.anyValue() })],
  });
  // The action is the nested stack's output for its alarm topic.
  const [tamper] = Object.values(
    template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'onething-timing-log-tamper' } }),
  );
  const [topicId] = Object.keys(monitoring.findResources('AWS::SNS::Topic'));
  expect(nestedOutputValue(monitoring, tamper?.Properties.AlarmActions[0])).toEqual({ Ref: topicId });
});

it('seals the chain heads every 6 hours (at least daily) with the seal-anchors function', () => {
  template.hasResourceProperties('AWS::Events::Rule', {
    ScheduleExpression: 'rate(6 hours)',
    State: 'ENABLED',
    Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId(template, 'seal-anchors'), 'Arn'] } })],
  });
});
