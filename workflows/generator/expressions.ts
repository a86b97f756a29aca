/**
 * The JSONata expressions of the generated ASL, one function each so that tests can
 * evaluate exactly what the state machine evaluates.
 *
 * No workflow variables: what AWS does with a variable read before any state assigned it is
 * not recorded, so nothing may depend on it (docs/WORKFLOWS.md). Each branch's state input is
 * instead the schedules keyed by department (`{ "<dept>": { dueAt, warnAt, nextCheckpointAt } }`):
 * Intake's output enters every branch, and Checkpoint and Supplement output the same shape
 * for their own department. The application id comes from the execution input.
 */
import { MIN_WAIT_SECONDS } from '../defaults';

/** Wraps a JSONata expression for an ASL field. */
export const jsonata = (expression: string): string => `{% ${expression} %}`;

/** A JSONata string literal; department ids are kebab-case, so no escaping is needed. */
const literal = (value: string): string => `'${value}'`;

/** The application id, from the execution input `{ applicationId, serviceId, serviceVersion, walkthrough }`. */
export const APPLICATION_ID = '$states.context.Execution.Input.applicationId';

/** The branch's current `{ dueAt, warnAt, nextCheckpointAt }`, from its state input. */
export function scheduleOf(department: string): string {
  return `$lookup($states.input, ${literal(department)})`;
}

/** One field of the branch's current schedule. */
export function scheduleField(department: string, field: 'dueAt' | 'warnAt' | 'nextCheckpointAt'): string {
  return `${scheduleOf(department)}.${field}`;
}

/**
 * Whole seconds from now until `instant`, rounded up so a timeout never fires before it, and
 * at least MIN_WAIT_SECONDS: an instant already past (a late turn, a clock jump, a bad
 * result) re-arms a minute later instead of spinning every second.
 */
const secondsUntil = (instant: string): string => `$max([${MIN_WAIT_SECONDS}, $ceil(($toMillis(${instant}) - $toMillis($now())) / 1000)])`;

/** The decision wait's timeout: until the branch's next checkpoint. */
export function timeoutSeconds(department: string): string {
  return secondsUntil(scheduleField(department, 'nextCheckpointAt'));
}

/**
 * The supplement wait's timeout. Entered from a decision, the wait does not know the exact
 * deadline (working days need the calendar): it waits the limit in calendar days, never
 * more than the limit in working days, and the expiry check then names the exact instant
 * (`supplementDueAt`), which the next wait uses.
 */
export function supplementTimeoutSeconds(limitWorkingDays: number): string {
  return `$exists($states.input.supplementDueAt) ? ${secondsUntil('$states.input.supplementDueAt')} : ${limitWorkingDays * 86_400}`;
}

/** A branch's state output: its own schedule under its department's key. */
export function scheduleOutput(department: string, schedule: string): string {
  return `{${literal(department)}: ${schedule}}`;
}

/** Choice condition on the decision delivered with the task token. */
export function decisionIs(decision: 'approve' | 'reject' | 'request-supplement' | 'resume'): string {
  return `$states.input.decision = ${literal(decision)}`;
}

/** Parallel Catch output: the rejecting department, from the Fail state's JSON Cause. */
export const REJECTED_OUTCOME = `{'outcome': 'rejected', 'rejectedBy': $parse($states.errorOutput.Cause).department}`;

/** Catch-all output: any other failure (a step failing after its retries, an expression error) ends in Finalize. */
export const FAILED_OUTCOME = `{'outcome': 'failed', 'error': $states.errorOutput.Error}`;

/** Finalize payload: the application id plus the outcome the previous state produced. */
export const FINALIZE_PAYLOAD = `$merge([{'applicationId': ${APPLICATION_ID}}, $states.input])`;
