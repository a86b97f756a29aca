/**
 * Task: schedules the integration (the scheduler runs it after the commit), then handles
 * its completion, a task token, a timeout or a missed heartbeat.
 */
import { randomFillSync } from 'node:crypto';
import { evaluateJsonata, readPath, StatesError, toAwsJsonString } from '../../expressions';
import { eventResource, type TaskResource } from '../../tasks/resources';
import { effectiveInput, selectInput, stateOutput } from '../dataflow';
import { json } from '../events';
import { jsonataBindings, pathContext } from '../scope';
import type { Outcome, StepContext } from '../types';

const TOKEN_BYTES = 32;
/** Random bytes for tokens, filled 4 KiB at a time: a randomBytes(32) call per token cost ~10 µs. */
let tokenPool = Buffer.alloc(0);
let tokenOffset = 0;

/** A task token: 256 random bits (each byte of the pool used once), base64url (43 characters). */
export function newTaskToken(): string {
  if (tokenOffset + TOKEN_BYTES > tokenPool.length) {
    tokenPool = randomFillSync(Buffer.allocUnsafe(4096));
    tokenOffset = 0;
  }
  const token = tokenPool.toString('base64url', tokenOffset, tokenOffset + TOKEN_BYTES);
  tokenOffset += TOKEN_BYTES;
  return token;
}

/** One transition of a Task state, by how the frame was resumed. */
export async function runTask(s: StepContext): Promise<Outcome> {
  const resource = s.state.resource as TaskResource;
  const r = s.resume;
  switch (r.kind) {
    case 'run':
      return schedule(s, resource);
    case 'redispatch':
      // A side effect was in flight at the crash: run it again (at-least-once).
      s.rt.dispatch(effectOf(s, resource));
      return { kind: 'park' };
    case 'taskSubmitted':
      s.rt.emit(s.exec, s.frame, 'TaskSubmitted', {
        ...eventResource(resource),
        output: json(r.output),
        outputDetails: { truncated: false },
      });
      s.frame.phase = 'token';
      return { kind: 'park' };
    case 'taskSucceeded':
      closeTask(s, 'done');
      s.rt.emit(s.exec, s.frame, ...succeeded(resource, r.output));
      return { kind: 'next', ...(await stateOutput(s, r.output, { hasResultPath: true, jsonataDefault: r.output, withResult: true })) };
    case 'taskFailed':
      closeTask(s, 'done');
      s.rt.emit(s.exec, s.frame, ...failed(resource, 'Failed', r.error, r.cause));
      return { kind: 'error', error: r.error, cause: r.cause };
    case 'timer': {
      const error = r.timer === 'heartbeat' ? 'States.HeartbeatTimeout' : 'States.Timeout';
      closeTask(s, 'timedout');
      s.rt.emit(s.exec, s.frame, ...failed(resource, 'TimedOut', error, null));
      return { kind: 'error', error, cause: null };
    }
    default:
      throw new Error(`Task state '${s.state.name}' cannot handle ${r.kind}`);
  }
}

function closeTask(s: StepContext, status: 'done' | 'timedout'): void {
  const token = s.frame.task?.token;
  if (token) s.rt.closeToken(token, status);
  s.rt.clearTimer(s.frame, 'timeout');
  s.rt.clearTimer(s.frame, 'heartbeat');
  s.frame.task = undefined;
}

async function schedule(s: StepContext, resource: TaskResource): Promise<Outcome> {
  const { rt, exec, frame } = s;
  const waits = resource.kind !== 'lambda-function' && resource.waitForToken;
  // The token exists before the parameters are evaluated: they pass it on ($$.Task.Token).
  frame.task = { input: null, token: waits ? newTaskToken() : undefined };
  const input = await effectiveInput(s);
  const timeoutSeconds = await seconds(s, 'TimeoutSeconds');
  const heartbeatSeconds = await seconds(s, 'HeartbeatSeconds');
  if (timeoutSeconds !== undefined && heartbeatSeconds !== undefined && heartbeatSeconds >= timeoutSeconds) {
    throw new StatesError(
      'States.Runtime',
      `The HeartbeatSeconds (${heartbeatSeconds}) must be smaller than the TimeoutSeconds (${timeoutSeconds})`,
    );
  }
  frame.task = { input, token: frame.task.token, timeoutSeconds, heartbeatSeconds };
  frame.attempt += 1;
  frame.phase = 'task';
  if (resource.kind === 'lambda-function') {
    rt.emit(exec, frame, 'LambdaFunctionScheduled', {
      resource: resource.arn,
      input: json(input),
      inputDetails: { truncated: false },
      timeoutInSeconds: timeoutSeconds,
    });
    rt.emit(exec, frame, 'LambdaFunctionStarted');
  } else {
    const names = eventResource(resource);
    rt.emit(exec, frame, 'TaskScheduled', {
      ...names,
      region: rt.region,
      parameters: json(input),
      timeoutInSeconds: timeoutSeconds,
      heartbeatInSeconds: heartbeatSeconds,
    });
    rt.emit(exec, frame, 'TaskStarted', names);
  }
  if (frame.task.token) rt.issueToken(exec, frame, frame.task.token);
  const now = rt.now();
  if (timeoutSeconds !== undefined) rt.setTimer(exec, frame, 'timeout', now + timeoutSeconds * 1000);
  if (heartbeatSeconds !== undefined) rt.setTimer(exec, frame, 'heartbeat', now + heartbeatSeconds * 1000);
  rt.dispatch(effectOf(s, resource));
  return { kind: 'park' };
}

function effectOf(s: StepContext, resource: TaskResource) {
  const task = s.frame.task ?? { input: null };
  return {
    execId: s.exec.id,
    frameId: s.frame.id,
    attempt: s.frame.attempt,
    resource,
    input: task.input,
    token: task.token,
    timeoutSeconds: task.timeoutSeconds,
    state: s.state.name,
  };
}

/** TimeoutSeconds / HeartbeatSeconds as a number, a `...Path` or a JSONata expression. */
async function seconds(s: StepContext, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): Promise<number | undefined> {
  const raw = s.state.raw;
  let value: unknown = raw[field];
  if (s.state.lang === 'JSONata' && typeof value === 'string') value = await evaluateJsonata(value, field, jsonataBindings(s));
  else if (raw[`${field}Path`] !== undefined) value = readPath(raw[`${field}Path`] as string, pathContext(s, selectInput(s)));
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 99999999) {
    const error = s.state.lang === 'JSONata' ? 'States.QueryEvaluationError' : 'States.Runtime';
    throw new StatesError(error, `The ${field} value must be a positive integer, but was: ${toAwsJsonString(value)}`);
  }
  return value;
}

function succeeded(resource: TaskResource, output: unknown): [string, Record<string, unknown>] {
  const details = { output: json(output), outputDetails: { truncated: false } };
  if (resource.kind === 'lambda-function') return ['LambdaFunctionSucceeded', details];
  return ['TaskSucceeded', { ...eventResource(resource), ...details }];
}

function failed(
  resource: TaskResource,
  how: 'Failed' | 'TimedOut',
  error: string | null,
  cause: string | null,
): [string, Record<string, unknown>] {
  const details: Record<string, unknown> = {};
  if (error !== null) details.error = error;
  if (cause !== null) details.cause = cause;
  if (resource.kind === 'lambda-function') return [`LambdaFunction${how}`, details];
  return [`Task${how}`, { ...eventResource(resource), ...details }];
}
