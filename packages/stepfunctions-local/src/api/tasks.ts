/** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: task tokens are single use. */
import type { JsonObject } from '../api-types';
import { apiErrors } from '../errors';
import type { Exec, Frame, Resume } from '../interpreter/types';
import type { ApiContext } from './context';
import { jsonText, optionalString, requiredString } from './validate';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The waiting task of `token`, or the AWS error for a malformed, used or timed-out one. */
function waitingTask(api: ApiContext, token: string): { exec: Exec; frame: Frame } {
  const row = api.runs.getToken(token);
  if (!row) throw TOKEN_SHAPE.test(token) ? apiErrors.taskMissing() : apiErrors.invalidToken();
  if (row.status === 'timedout') throw apiErrors.taskTimedOut();
  if (row.status !== 'pending') throw apiErrors.taskMissing();
  const exec = api.execs.get(row.exec_id);
  const frame = exec && api.rt.loadFrame(exec, row.frame_id);
  if (!exec || !frame?.task || frame.task.token !== token) throw apiErrors.taskMissing();
  return { exec, frame };
}

function complete(api: ApiContext, token: string, resume: Resume): Promise<JsonObject> {
  return api.scheduler.command(() => {
    const { exec, frame } = waitingTask(api, token);
    api.runs.closeToken(token, 'done');
    api.scheduler.deliver(exec, frame, resume);
    return {};
  });
}

/** SendTaskSuccess: the task succeeds with `output` (JSON). */
export async function sendTaskSuccess(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const token = requiredString(input, 'taskToken', { min: 1, max: 2048 });
  const output = requiredString(input, 'output', { max: 262_144 });
  const value = jsonText(output, (message) => apiErrors.invalidOutput(message));
  return complete(api, token, { kind: 'taskSucceeded', output: value });
}

/** SendTaskFailure: the task fails with `error` and `cause`. */
export async function sendTaskFailure(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const token = requiredString(input, 'taskToken', { min: 1, max: 2048 });
  const error = optionalString(input, 'error', { max: 256 }) ?? null;
  const cause = optionalString(input, 'cause', { max: 32_768 }) ?? null;
  return complete(api, token, { kind: 'taskFailed', error, cause });
}

/** SendTaskHeartbeat: restarts the HeartbeatSeconds timer, if the task has one. */
export async function sendTaskHeartbeat(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const token = requiredString(input, 'taskToken', { min: 1, max: 2048 });
  return api.scheduler.command(() => {
    const { exec, frame } = waitingTask(api, token);
    const seconds = frame.task?.heartbeatSeconds;
    if (seconds !== undefined) api.rt.setTimer(exec, frame, 'heartbeat', api.now() + seconds * 1000);
    return {};
  });
}
