/**
 * Advances one frame by one transition: enters the state, runs its handler, then exits to
 * the next state, retries, catches or ends the branch. All writes go through `Runtime`, so
 * they land in the scheduler's current turn (one sqlite transaction).
 */
import { applyResultPath, evaluateJsonata, evaluatePayloadTemplate, StatesError, type Variables } from '../expressions';
import type { Catcher, StateType } from '../definition/types';
import { json, stateEntered, stateExited } from './events';
import { planRecovery } from './recovery';
import { jsonataBindings, pathContext } from './scope';
import { runChoice } from './states/choice';
import { runMap } from './states/map';
import { runParallel } from './states/parallel';
import { runFail, runPass, runSucceed } from './states/pass';
import { runTask } from './states/task';
import { runWait } from './states/wait';
import type { Outcome, StepContext } from './types';

const HANDLERS: Record<StateType, (s: StepContext) => Promise<Outcome> | Outcome> = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** AWS's prefix for errors raised while evaluating a state's fields. */
export function causePrefix(s: StepContext): string {
  return `An error occurred while executing the state '${s.state.name}' (entered at the event id #${s.frame.entered}). `;
}

/** Runs one transition of `s.frame`. */
export async function step(s: StepContext): Promise<void> {
  const { rt, exec, frame, state } = s;
  if (frame.phase === 'enter') {
    frame.enteredAt = rt.now();
    frame.retries = [];
    frame.entered = rt.emit(exec, frame, stateEntered(state.type), {
      name: state.name,
      input: json(frame.input),
      inputDetails: { truncated: false },
    });
    frame.phase = 'exec';
  }
  if (s.resume.kind === 'timer' && s.resume.timer === 'retry') {
    frame.phase = 'exec';
    s.resume = { kind: 'run' };
  }
  let outcome: Outcome;
  try {
    outcome = await HANDLERS[state.type](s);
  } catch (err) {
    if (!(err instanceof StatesError)) throw err;
    outcome = { kind: 'error', error: err.error, cause: causePrefix(s) + err.cause };
  }
  await settle(s, outcome);
}

async function settle(s: StepContext, outcome: Outcome): Promise<void> {
  const { rt, exec, frame, state } = s;
  switch (outcome.kind) {
    case 'park':
      return rt.save(exec, frame);
    case 'next':
      return exit(s, outcome.output, outcome.assigned, outcome.next ?? state.next);
    case 'succeed':
      rt.emit(exec, frame, 'SucceedStateExited', { name: state.name, output: json(outcome.output), outputDetails: { truncated: false } });
      return rt.branchEnded(exec, frame, { ok: true, output: outcome.output });
    case 'fail':
      return rt.branchEnded(exec, frame, { ok: false, error: outcome.error, cause: outcome.cause });
    case 'error':
      return recover(s, outcome.error, outcome.cause);
  }
}

/** AWS's limit on a state's output (and on execution input/output): 256 KiB. */
const MAX_PAYLOAD_BYTES = 262_144;

function exit(s: StepContext, output: unknown, assigned: Variables | undefined, next: string | undefined): void {
  const { rt, exec, frame, state } = s;
  const details = exitDetails(state.name, output, assigned);
  if (Buffer.byteLength(details.output as string) > MAX_PAYLOAD_BYTES) {
    // A terminal error on AWS: neither Retry nor Catch (not even States.ALL) handles it.
    const cause = `The state/task '${state.name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
    return rt.branchEnded(exec, frame, { ok: false, error: 'States.DataLimitExceeded', cause });
  }
  rt.emit(exec, frame, stateExited(state.type), details);
  if (assigned) frame.vars = { ...frame.vars, ...assigned };
  frame.task = undefined;
  if (next === undefined) return rt.branchEnded(exec, frame, { ok: true, output });
  frame.state = next;
  frame.input = output;
  frame.phase = 'enter';
  rt.requeue(exec, frame);
}

function exitDetails(name: string, output: unknown, assigned: Variables | undefined): Record<string, unknown> {
  const details: Record<string, unknown> = { name, output: json(output), outputDetails: { truncated: false } };
  if (assigned) {
    details.assignedVariables = Object.fromEntries(Object.entries(assigned).map(([k, v]) => [k, json(v)]));
    details.assignedVariablesDetails = { truncated: false };
  }
  return details;
}

async function recover(s: StepContext, error: string | null, cause: string | null): Promise<void> {
  const { rt, exec, frame, state } = s;
  const plan = planRecovery(state.retry, state.catch, frame.retries, error);
  if (plan.kind === 'retry') {
    frame.retries[plan.index] = (frame.retries[plan.index] ?? 0) + 1;
    frame.phase = 'retry';
    frame.task = undefined;
    rt.setTimer(exec, frame, 'retry', rt.now() + plan.delayMs);
    return rt.save(exec, frame);
  }
  if (plan.kind === 'fail') return rt.branchEnded(exec, frame, { ok: false, error, cause });
  let caught: { output: unknown; assigned?: Variables };
  try {
    caught = await catchOutput(s, plan.catcher, errorOutput(error, cause));
  } catch (err) {
    if (!(err instanceof StatesError)) throw err;
    return rt.branchEnded(exec, frame, { ok: false, error: err.error, cause: causePrefix(s) + err.cause });
  }
  frame.retries = [];
  exit(s, caught.output, caught.assigned, plan.catcher.next);
}

/** `{Error, Cause}` as a Catch sees it; absent parts are left out (e.g. a timeout's cause). */
function errorOutput(error: string | null, cause: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (error !== null) out.Error = error;
  if (cause !== null) out.Cause = cause;
  return out;
}

async function catchOutput(
  s: StepContext,
  c: Catcher,
  errorOutput: Record<string, unknown>,
): Promise<{ output: unknown; assigned?: Variables }> {
  if (s.state.lang === 'JSONata') {
    const b = jsonataBindings(s, { errorOutput });
    const output = c.output === undefined ? errorOutput : await evaluateJsonata(c.output, 'Output', b);
    const assigned = c.assign === undefined ? undefined : ((await evaluateJsonata(c.assign, 'Assign', b)) as Variables);
    return { output, assigned };
  }
  const assigned = c.assign === undefined ? undefined : (evaluatePayloadTemplate(c.assign, pathContext(s, errorOutput)) as Variables);
  return { output: applyResultPath(s.frame.input, errorOutput, c.resultPath === undefined ? '$' : c.resultPath), assigned };
}
