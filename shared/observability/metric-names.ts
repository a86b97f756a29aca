/**
 * The platform's custom CloudWatch metrics, named once: the functions that emit them
 * (Embedded Metric Format, shared/observability/metrics.ts) and the CDK app that grants and
 * alarms on them (infra/) import these, so a renamed metric cannot silently orphan its alarm.
 */

/** Namespace of every custom metric (EMF `Namespace`, the `cloudwatch:namespace` condition). */
export const METRICS_NAMESPACE = 'OneThing';

/** One overdue branch seen at a checkpoint; dimension `Department`; unit Count; summed. */
export const OVERDUE_TASKS_METRIC = { name: 'OverdueTasks', unit: 'Count', dimensions: ['Department'] } as const;

/**
 * Emitted by `reconcile` once per run: the age, in seconds, of the oldest item it found
 * still waiting for repair (an application stored but not started, a decision recorded but
 * not delivered), 0 when it found none. No dimensions (EMF `Dimensions: [[]]`). The alarm
 * watches its Maximum: items that stay undelivered across several runs mean repair is stuck.
 */
export const RECONCILE_LAG_METRIC = { name: 'ReconcileLagSeconds', unit: 'Seconds', dimensions: [] } as const;

/** One application the state machine ended as `failed` (Finalize); dimension `ServiceId`; unit Count; summed. */
export const FAILED_APPLICATIONS_METRIC = { name: 'FailedApplications', unit: 'Count', dimensions: ['ServiceId'] } as const;

/**
 * One scheduled probe that failed (shared/walkthroughs/probes.ts): its example form no longer
 * validates, its application ended other than approved, or it did not finish within the
 * service's limit. Dimension `ServiceId`; unit Count; summed; the probe alarm watches it.
 */
export const PROBE_FAILURES_METRIC = { name: 'ProbeFailures', unit: 'Count', dimensions: ['ServiceId'] } as const;

/**
 * Emitted by the notifications tick once per run: bad reviews whose follow-up is past its due
 * date and unanswered (the inspectors' `bad-review-unanswered`), 0 when none. No dimensions;
 * the alarm watches its Maximum.
 */
export const UNANSWERED_BAD_REVIEWS_METRIC = { name: 'UnansweredBadReviews', unit: 'Count', dimensions: [] } as const;
