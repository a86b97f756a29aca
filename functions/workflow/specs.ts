import type { FunctionSpec } from '../access';
import { PLACEHOLDERS } from '../../workflows/generator/placeholders';
import { EVENT_PLACEHOLDERS } from '../../workflows/generator/event';

/**
 * The functions the state machines invoke. `substitution` is the `${...}` placeholder the
 * generated ASL uses for the function's ARN (CDK definitionSubstitutions; the local runtime
 * substitutes local ARNs the engine dispatches in-process).
 */
export interface WorkflowFunctionSpec extends FunctionSpec {
  substitution: string;
}

const wf = (name: string) => `functions/workflow/${name}.ts`;

export const workflowFunctions: readonly WorkflowFunctionSpec[] = [
  { name: 'intake', entry: wf('intake'), substitution: PLACEHOLDERS.intake, access: ['main:read', 'audit:read', 'audit:append'] },
  {
    name: 'task-await',
    entry: wf('task-await'),
    substitution: PLACEHOLDERS.taskAwait,
    access: ['main:read', 'main:write', 'audit:read', 'audit:append', 'sfn:task-response'],
  },
  {
    name: 'checkpoint',
    entry: wf('checkpoint'),
    substitution: PLACEHOLDERS.checkpoint,
    access: ['main:read', 'main:write', 'audit:read', 'audit:append'],
  },
  {
    name: 'finalize',
    entry: wf('finalize'),
    substitution: PLACEHOLDERS.finalize,
    access: ['main:read', 'main:write', 'audit:read', 'audit:append'],
  },
  // 12345 events (issue 10): the machines of event definitions.
  {
    name: 'event-step',
    entry: wf('event-step'),
    substitution: EVENT_PLACEHOLDERS.step,
    access: ['main:read', 'main:write', 'audit:read', 'audit:append'],
  },
  { name: 'event-await', entry: wf('event-await'), substitution: EVENT_PLACEHOLDERS.await, access: ['main:read', 'main:write'] },
];

/**
 * Scheduled repair after a crash: starts executions for applications stored but not started,
 * logs their `submitted` event, finishes withdrawals (StopExecution, cancellations) and
 * re-delivers recorded but undelivered results. Its main-table writes are those steps'
 * (task cancellations) and the removal of the marks of unfinished work (`gsi4`).
 */
export const reconcileFunction: FunctionSpec = {
  name: 'reconcile',
  entry: wf('reconcile'),
  access: ['main:read', 'main:write', 'audit:read', 'audit:append', 'sfn:start', 'sfn:stop', 'sfn:task-response'],
};
