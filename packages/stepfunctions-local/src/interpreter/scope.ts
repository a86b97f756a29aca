/** Builds what expressions see: `$`/`$states.input`, the context object and the variables. */
import type { JsonataBindings, PathContext, Variables } from '../expressions';
import type { StepContext } from './types';

/** The context object (`$$` / `$states.context`) of the state being run. */
export function contextObject(s: StepContext, extra?: Record<string, unknown>): Record<string, unknown> {
  const { exec, frame } = s;
  exec.parsedInput ??= JSON.parse(exec.input);
  const ctx: Record<string, unknown> = {
    Execution: {
      Id: exec.arn,
      Input: exec.parsedInput,
      Name: exec.name,
      RoleArn: exec.roleArn,
      StartTime: new Date(exec.startedAt).toISOString(),
      RedriveCount: 0,
    },
    StateMachine: { Id: exec.smArn, Name: exec.smName },
    State: {
      EnteredTime: new Date(frame.enteredAt).toISOString(),
      Name: frame.state,
      RetryCount: frame.retries.reduce((a, b) => a + b, 0),
    },
  };
  if (frame.task?.token) ctx.Task = { Token: frame.task.token };
  return extra ? { ...ctx, ...extra } : ctx;
}

/** Variables visible in the frame: its own over those of the enclosing scopes. */
export function visibleVariables(s: StepContext): Variables {
  const { frame } = s;
  if (!frame.outer) return frame.vars;
  return { ...frame.outer, ...frame.vars };
}

/** A JSONPath evaluation context with `$` bound to `input`. */
export function pathContext(s: StepContext, input: unknown, extra?: Record<string, unknown>): PathContext {
  return { input, context: contextObject(s, extra), variables: visibleVariables(s) };
}

/** JSONata bindings: `$states.input` is the state's raw input. */
export function jsonataBindings(
  s: StepContext,
  more: { result?: unknown; errorOutput?: unknown; context?: Record<string, unknown> } = {},
): JsonataBindings {
  // The context object is built on first read: most expressions never read $states.context.
  let context: Record<string, unknown> | undefined;
  const states: JsonataBindings['states'] = {
    input: s.frame.input,
    get context() {
      return (context ??= contextObject(s, more.context));
    },
  };
  if ('result' in more) states.result = more.result;
  if ('errorOutput' in more) states.errorOutput = more.errorOutput;
  return { states, variables: visibleVariables(s), now: () => new Date(s.rt.now()), strictVariables: s.rt.strictVariables };
}
