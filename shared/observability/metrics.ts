import type { Clock } from '../clock';
import {
  FAILED_APPLICATIONS_METRIC,
  METRICS_NAMESPACE,
  OVERDUE_TASKS_METRIC,
  PROBE_FAILURES_METRIC,
  RECONCILE_LAG_METRIC,
  UNANSWERED_BAD_REVIEWS_METRIC,
} from './metric-names';

/** Where an EMF line goes: stdout, which Lambda ships to CloudWatch Logs. */
export type LineWriter = (line: string) => void;

const stdout: LineWriter = (line) => {
  process.stdout.write(`${line}\n`);
};

/**
 * Metrics as CloudWatch Embedded Metric Format log lines: CloudWatch extracts them from the
 * function's log, so no SDK call and no `cloudwatch:PutMetricData` grant are needed.
 *
 * @example
 * createMetrics({ clock }).overdueTask('education'); // OneThing/OverdueTasks{Department=education} += 1
 */
export function createMetrics(deps: { clock: Clock; write?: LineWriter }) {
  const write = deps.write ?? stdout;
  const emit = (name: string, value: number, unit: 'Count' | 'Seconds', dimensions: Record<string, string>) =>
    write(
      JSON.stringify({
        _aws: {
          Timestamp: deps.clock.now().getTime(),
          CloudWatchMetrics: [
            { Namespace: METRICS_NAMESPACE, Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: unit }] },
          ],
        },
        ...dimensions,
        [name]: value,
      }),
    );
  return {
    /** One overdue task seen at a checkpoint (the alarm on overdue tasks watches this). */
    overdueTask: (department: string) => emit(OVERDUE_TASKS_METRIC.name, 1, OVERDUE_TASKS_METRIC.unit, { Department: department }),
    /** Once per reconcile run: age of the oldest unfinished item it found, 0 when none (the reconcile-lag alarm). */
    reconcileLag: (seconds: number) => emit(RECONCILE_LAG_METRIC.name, seconds, RECONCILE_LAG_METRIC.unit, {}),
    /** One application the state machine ended as `failed` (the alarm on failed applications watches this). */
    applicationFailed: (serviceId: string) =>
      emit(FAILED_APPLICATIONS_METRIC.name, 1, FAILED_APPLICATIONS_METRIC.unit, { ServiceId: serviceId }),
    /** One scheduled probe that failed (the probe alarm watches this). */
    probeFailed: (serviceId: string) => emit(PROBE_FAILURES_METRIC.name, 1, PROBE_FAILURES_METRIC.unit, { ServiceId: serviceId }),
    /** Once per notifications tick: bad reviews past their follow-up due date, unanswered (its alarm). */
    unansweredBadReviews: (count: number) => emit(UNANSWERED_BAD_REVIEWS_METRIC.name, count, UNANSWERED_BAD_REVIEWS_METRIC.unit, {}),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
