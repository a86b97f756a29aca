import { Template } from 'aws-cdk-lib/assertions';
import { createMetrics } from '../../shared/observability/metrics';
import { TAMPER_METRIC } from '../../shared/audit/tamper-metric';
import {
  FAILED_APPLICATIONS_METRIC,
  METRICS_NAMESPACE,
  OVERDUE_TASKS_METRIC,
  PROBE_FAILURES_METRIC,
  RECONCILE_LAG_METRIC,
  UNANSWERED_BAD_REVIEWS_METRIC,
} from '../../shared/observability/metric-names';
import { synthesize } from './synth';

/**
 * The alarms watch the metrics the functions emit only if both use the same names: the
 * emitter (shared/observability/metrics.ts) and the CDK app read shared/observability/metric-names.ts.
 */
describe('custom metric names', () => {
  it('the probe sweep emits ProbeFailures under the shared namespace, name, dimension and unit', () => {
    const lines: string[] = [];
    createMetrics({ clock: { now: () => new Date('2026-09-01T00:00:00Z') }, write: (l) => lines.push(l) }).probeFailed('newborn');
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [[...PROBE_FAILURES_METRIC.dimensions]],
        Metrics: [{ Name: PROBE_FAILURES_METRIC.name, Unit: PROBE_FAILURES_METRIC.unit }],
      },
    ]);
    expect(emf).toMatchObject({ ServiceId: 'newborn', ProbeFailures: 1 });
  });

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

  it('the notifications tick emits UnansweredBadReviews with no dimension under the shared namespace, name and unit', () => {
    const lines: string[] = [];
    createMetrics({ clock: { now: () => new Date('2026-09-01T00:00:00Z') }, write: (l) => lines.push(l) }).unansweredBadReviews(2);
    const emf = JSON.parse(lines[0] as string);
    expect(emf._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [[]],
        Metrics: [{ Name: UNANSWERED_BAD_REVIEWS_METRIC.name, Unit: UNANSWERED_BAD_REVIEWS_METRIC.unit }],
      },
    ]);
    expect(emf[UNANSWERED_BAD_REVIEWS_METRIC.name]).toBe(2);
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
    const { template, monitoring } = synthesize('us-east-1');
    // Most alarms are in the nested monitoring stack; the tamper alarm is in the parent.
    const watched = [template, monitoring]
      .flatMap((t: Template) => Object.values(t.findResources('AWS::CloudWatch::Alarm')))
      .filter((a) => a.Properties.Namespace === METRICS_NAMESPACE)
      .map((a) => a.Properties.MetricName as string);
    expect(new Set(watched)).toEqual(
      new Set([
        OVERDUE_TASKS_METRIC.name,
        RECONCILE_LAG_METRIC.name,
        FAILED_APPLICATIONS_METRIC.name,
        PROBE_FAILURES_METRIC.name,
        UNANSWERED_BAD_REVIEWS_METRIC.name,
        TAMPER_METRIC.name,
      ]),
    );
  });
});
