import type { Clock } from '../clock';

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
  const emit = (name: string, value: number, unit: 'Count', dimensions: Record<string, string>) =>
    write(
      JSON.stringify({
        _aws: {
          Timestamp: deps.clock.now().getTime(),
          CloudWatchMetrics: [{ Namespace: 'OneThing', Dimensions: [Object.keys(dimensions)], Metrics: [{ Name: name, Unit: unit }] }],
        },
        ...dimensions,
        [name]: value,
      }),
    );
  return {
    /** One overdue task seen at a checkpoint (the alarm on overdue tasks watches this). */
    overdueTask: (department: string) => emit('OverdueTasks', 1, 'Count', { Department: department }),
    /** One application the state machine ended as `failed` (the alarm on failed applications watches this). */
    applicationFailed: (serviceId: string) => emit('FailedApplications', 1, 'Count', { ServiceId: serviceId }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
