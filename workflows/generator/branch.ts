/** One department's Parallel branch: await the decision, checkpoint on timeouts, loop on supplements. */
import type { DepartmentSpec } from '../types';
import type { AslState, StateMachineBody, TaskState } from './asl';
import {
  APPLICATION_ID,
  decisionIs,
  jsonata,
  scheduleField,
  scheduleOutput,
  supplementTimeoutSeconds,
  timeoutSeconds,
} from './expressions';
import { branchStateNames, REJECTED_ERROR } from './names';
import { FUNCTION_ARNS, LAMBDA_INVOKE, LAMBDA_INVOKE_WAIT } from './placeholders';
import { transientRetry } from './retry';

type Names = ReturnType<typeof branchStateNames>;

/** The `task-await` call both waits make: it stores the token of a decision or supplement wait. */
function taskAwaitArguments(dept: DepartmentSpec, kind: 'decision' | 'supplement', extra: Record<string, string> = {}) {
  return {
    FunctionName: FUNCTION_ARNS.taskAwait,
    Payload: {
      applicationId: jsonata(APPLICATION_ID),
      department: dept.id,
      kind,
      token: jsonata('$states.context.Task.Token'),
      ...extra,
    },
  };
}

/** Waits for the officer's decision until the next checkpoint (warn, overdue, escalate). */
export function renderAwait(dept: DepartmentSpec, names: Names): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE_WAIT,
    Arguments: taskAwaitArguments(dept, 'decision', {
      dueAt: jsonata(scheduleField(dept.id, 'dueAt')),
      warnAt: jsonata(scheduleField(dept.id, 'warnAt')),
    }),
    TimeoutSeconds: jsonata(timeoutSeconds(dept.id)),
    Retry: transientRetry(),
    Catch: [{ ErrorEquals: ['States.Timeout'], Next: names.checkpoint }],
    Next: names.route,
  };
}

/** Logs the warning or the overdue escalation and returns the branch's schedule (the next checkpoint moved). */
export function renderCheckpoint(dept: DepartmentSpec, names: Names): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Arguments: {
      FunctionName: FUNCTION_ARNS.checkpoint,
      Payload: { applicationId: jsonata(APPLICATION_ID), department: dept.id },
    },
    Output: jsonata(scheduleOutput(dept.id, '$states.result.Payload')),
    Retry: transientRetry(),
    Next: names.await,
  };
}

/**
 * Waits for the applicant's supplement, at most the service's supplement limit; the
 * department's clock is suspended meanwhile. The result is the branch's new schedule (due
 * date moved by the suspension).
 */
export function renderSupplement(dept: DepartmentSpec, names: Names, supplementLimitWorkingDays: number): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE_WAIT,
    Arguments: taskAwaitArguments(dept, 'supplement'),
    TimeoutSeconds: jsonata(supplementTimeoutSeconds(supplementLimitWorkingDays)),
    Output: jsonata(scheduleOutput(dept.id, '$states.result')),
    Retry: transientRetry(),
    Catch: [{ ErrorEquals: ['States.Timeout'], Next: names.supplementExpiry }],
    Next: names.await,
  };
}

/**
 * The supplement wait timed out: the checkpoint function decides, from the task, whether the
 * limit has passed (`{decision: 'reject'}`: the branch ends, see DESIGN.md) or not yet, or the
 * answer is racing the cancellation (`{decision: 'request-supplement', supplementDueAt}`: wait
 * again; the wait delivers a recorded answer at once), or the answer is on the task but never
 * reached the wait (`{decision: 'resume', '<dept>': schedule}`: back to the decision wait).
 * Route takes it from there.
 */
export function renderSupplementExpiry(dept: DepartmentSpec, names: Names): TaskState {
  return {
    Type: 'Task',
    Resource: LAMBDA_INVOKE,
    Arguments: {
      FunctionName: FUNCTION_ARNS.checkpoint,
      Payload: { applicationId: jsonata(APPLICATION_ID), department: dept.id, wait: 'supplement' },
    },
    Output: jsonata('$states.result.Payload'),
    Retry: transientRetry(),
    Next: names.route,
  };
}

/** The branch of one department, entered at its Await state. */
export function renderBranch(dept: DepartmentSpec, supplementLimitWorkingDays: number): StateMachineBody {
  const names = branchStateNames(dept.id);
  const states: Record<string, AslState> = {
    [names.await]: renderAwait(dept, names),
    [names.checkpoint]: renderCheckpoint(dept, names),
    [names.route]: {
      Type: 'Choice',
      // No Default: an unknown decision fails the branch (States.NoChoiceMatched), and the
      // Parallel's catch-all ends the application as failed, loudly.
      Choices: [
        { Condition: jsonata(decisionIs('approve')), Next: names.approved },
        { Condition: jsonata(decisionIs('reject')), Next: names.rejected },
        { Condition: jsonata(decisionIs('request-supplement')), Next: names.supplement },
        // Only from SupplementExpiry: the answer is on the task, the decision wait goes on.
        { Condition: jsonata(decisionIs('resume')), Next: names.await },
      ],
    },
    [names.approved]: { Type: 'Succeed' },
    [names.rejected]: { Type: 'Fail', Error: REJECTED_ERROR, Cause: JSON.stringify({ department: dept.id }) },
    [names.supplement]: renderSupplement(dept, names, supplementLimitWorkingDays),
    [names.supplementExpiry]: renderSupplementExpiry(dept, names),
  };
  return { StartAt: names.await, States: states };
}
