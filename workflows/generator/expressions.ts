/**
 * The JSONata expressions of the generated ASL, one function each so that tests can
 * evaluate exactly what the state machine evaluates.
 *
 * Variables: `$applicationId` and `$intake` (the intake function's result) are assigned
 * by `Intake` in the outer scope; each Parallel branch assigns its own `$schedule` (branch
 * scope) after a checkpoint or a supplement. Before that, `$schedule` is undefined and
 * JSONata drops it from the array, so the branch's schedule is the intake's.
 */

/** Wraps a JSONata expression for an ASL field. */
export const jsonata = (expression: string): string => `{% ${expression} %}`;

/** A JSONata string literal; department ids are kebab-case, so no escaping is needed. */
const literal = (value: string): string => `'${value}'`;

/** The branch's current `{ dueAt, warnAt, nextCheckpointAt }`: intake's, overlaid by `$schedule`. */
export function scheduleOf(department: string): string {
  return `$merge([$lookup($intake.branches, ${literal(department)}), $schedule])`;
}

/** One field of the branch's current schedule. */
export function scheduleField(department: string, field: 'dueAt' | 'warnAt' | 'nextCheckpointAt'): string {
  return `${scheduleOf(department)}.${field}`;
}

/**
 * Whole seconds from now until the branch's next checkpoint, at least 1 (a checkpoint that
 * is already due fires at once). Rounded up so the timeout never fires before the instant.
 */
export function timeoutSeconds(department: string): string {
  return `$max([1, $ceil(($toMillis(${scheduleField(department, 'nextCheckpointAt')}) - $toMillis($now())) / 1000)])`;
}

/** After a checkpoint: the same schedule with the checkpoint function's next instant. */
export function scheduleAfterCheckpoint(department: string): string {
  return `$merge([${scheduleOf(department)}, {'nextCheckpointAt': $states.result.Payload.nextCheckpointAt}])`;
}

/** Choice condition on the decision delivered with the task token. */
export function decisionIs(decision: 'approve' | 'reject' | 'request-supplement'): string {
  return `$states.input.decision = ${literal(decision)}`;
}

/** Parallel Catch output: the rejecting department, from the Fail state's JSON Cause. */
export const REJECTED_OUTCOME = `{'outcome': 'rejected', 'rejectedBy': $parse($states.errorOutput.Cause).department}`;

/** Finalize payload: the application id plus the outcome the Parallel state produced. */
export const FINALIZE_PAYLOAD = `$merge([{'applicationId': $applicationId}, $states.input])`;
