import { Template } from 'aws-cdk-lib/assertions';
import { createMetrics } from '../../shared/observability/metrics';
import { TAMPER_METRIC } from '../../shared/audit/tamper-metric';
import {
  FAILED_APPLICATIONS_METRIC,
  METRICS_NAMESPACE,
  OVERDUE_TASKS_METRIC,
  RECONCILE_LAG_METRIC,
} from '../../shared/observability/metric-names';
import { synthesize } from './synth';

/**
 * The alarms watch the metrics the functions emit only if both use the same names: the
 * emitter (shared/observability/metrics.ts) and the CDK app read shared/observability/metric-names.ts.
 */
describe('custom metric names', () => {
  it('the checkpoint emits OverdueTasks under the shared namespace, name, dimension and unit', () => {
    const lines: string[] = [];
    createMetrics({ clock: { now: () => new Date('2026-09-01T00:00:00Z') }, write: (l) => lines.push(l) }).overdueTask('education');
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [[...OVERDUE_TASKS_METRIC.dimensions]],
        Metrics: [{ Name: OVERDUE_TASKS_METRIC.name, Unit: OVERDUE_TASKS_METRIC.unit }],
      },
    ]);
  });

  it('reconcile emits ReconcileLagSeconds with no dimension under the shared namespace, name and unit', () => {
    const lines: string[] = [];
    createMetrics({ clock: { now: () => new Date('2026-09-01T00:00:00Z') }, write: (l) => lines.push(l) }).reconcileLag(420);
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      { Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: RECONCILE_LAG_METRIC.name, Unit: RECONCILE_LAG_METRIC.unit }] },
    ]);
    expect(emf[RECONCILE_LAG_METRIC.name]).toBe(420);
  });

  it('Finalize emits FailedApplications per service under the shared namespace, name, dimension and unit', () => {
    const lines: string[] = [];
    createMetrics({ clock: { now: () => new Date('2026-09-01T00:00:00Z') }, write: (l) => lines.push(l) }).applicationFailed('newborn');
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [[...FAILED_APPLICATIONS_METRIC.dimensions]],
        Metrics: [{ Name: FAILED_APPLICATIONS_METRIC.name, Unit: FAILED_APPLICATIONS_METRIC.unit }],
      },
    ]);
    expect(emf.ServiceId).toBe('newborn');
  });

  it('the deployed alarms watch those names', () => {
    const template: Template = synthesize('us-east-1').template;
    const watched = Object.values(template.findResources('AWS::CloudWatch::Alarm'))
      .filter((a) => a.Properties.Namespace === METRICS_NAMESPACE)
      .map((a) => a.Properties.MetricName as string);
    expect(new Set(watched)).toEqual(
      new Set([OVERDUE_TASKS_METRIC.name, RECONCILE_LAG_METRIC.name, FAILED_APPLICATIONS_METRIC.name, TAMPER_METRIC.name]),
    );
  });
});
