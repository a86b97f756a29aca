/** StartExecution, DescribeExecution, ListExecutions, StopExecution. */
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../api-types';
import { errorDetails } from '../interpreter/events';
import { apiErrors, SfnError, validationError } from '../errors';
import type { Frame } from '../interpreter/types';
import type { ExecutionRow } from '../store/catalog-store';
import { checkExecutionArn, checkName, executionArn, parseStateMachineArn } from './arn';
import type { ApiContext } from './context';
import { epochSeconds, jsonText, optionalInt, optionalString, requiredString } from './validate';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

/** StartExecution: creates the execution row, its root frame and ExecutionStarted in one turn. */
export async function startExecution(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const smArn = requiredString(input, 'stateMachineArn', { min: 1, max: 256 });
  const smName = parseStateMachineArn(api.scope, smArn);
  const name = optionalString(input, 'name', { min: 1, max: 80 }) ?? randomUUID();
  checkName(name);
  const text = optionalString(input, 'input', { max: 262_144 }) ?? '{}';
  jsonText(text, (message) => apiErrors.invalidInput(message));
  const arn = executionArn(api.scope, smName, name);
  return api.scheduler.command(() => {
    const machine = api.catalog.machineForWrite(smArn);
    if (!machine) throw apiErrors.machineMissing(smArn);
    const existing = api.catalog.executionForWrite(arn);
    if (existing) {
      // AWS (STANDARD): same name and input while it runs → the same execution.
      if (existing.status === 'RUNNING' && existing.input === text)
        return { executionArn: arn, startDate: epochSeconds(existing.started_at) };
      throw apiErrors.executionExists(arn);
    }
    const now = api.now();
    const id = api.catalog.insertExecution({
      arn,
      sm_arn: smArn,
      name,
      definition_id: machine.definition_id,
      role_arn: machine.role_arn,
      input: text,
      started_at: now,
    });
    const exec = api.execs.get(id);
    if (!exec) throw new Error(`Execution ${arn} vanished while starting`);
    const root: Frame = {
      id: 0,
      execId: id,
      parentId: null,
      index: 0,
      machine: '',
      state: exec.definition.root.startAt,
      phase: 'enter',
      input: JSON.parse(text),
      vars: {},
      outer: null,
      lastEvent: 0,
      entered: 0,
      enteredAt: 0,
      attempt: 0,
      retries: [],
    };
    root.id = api.runs.insertFrame(root, 'run');
    api.rt.emit(exec, null, 'ExecutionStarted', { input: text, inputDetails: { truncated: false }, roleArn: machine.role_arn });
    const timeout = exec.definition.timeoutSeconds;
    if (timeout !== undefined) api.rt.setTimer(exec, root, 'execution', now + timeout * 1000);
    api.rt.requeue(exec, root, { kind: 'run' });
    return { executionArn: arn, startDate: epochSeconds(now) };
  });
}

function executionOrThrow(api: ApiContext, input: JsonObject): ExecutionRow {
  const arn = requiredString(input, 'executionArn', { min: 1, max: 256 });
  checkExecutionArn(api.scope, arn);
  const row = api.catalog.execution(arn);
  if (!row) throw apiErrors.executionMissing(arn);
  return row;
}

/** DescribeExecution from the committed row. */
export async function describeExecution(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const row = executionOrThrow(api, input);
  const out: JsonObject = {
    executionArn: row.arn,
    stateMachineArn: row.sm_arn,
    name: row.name,
    status: row.status,
    startDate: epochSeconds(row.started_at),
    input: row.input,
    inputDetails: { included: true },
    redriveCount: 0,
    redriveStatus: 'NOT_REDRIVABLE',
  };
  if (row.stopped_at !== null) out.stopDate = epochSeconds(row.stopped_at);
  if (row.output !== null) {
    out.output = row.output;
    out.outputDetails = { included: true };
  }
  if (row.error !== null) out.error = row.error;
  if (row.cause !== null) out.cause = row.cause;
  return out;
}

/** ListExecutions, newest first, with a keyset `nextToken`. */
export async function listExecutions(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const smArn = requiredString(input, 'stateMachineArn', { min: 1, max: 256 });
  parseStateMachineArn(api.scope, smArn);
  const status = optionalString(input, 'statusFilter');
  if (status !== undefined && !STATUSES.includes(status))
    throw validationError('statusFilter', `Member must satisfy enum value set: [${STATUSES.join(', ')}]`, status);
  const max = optionalInt(input, 'maxResults', 0, 1000) || 100;
  const token = optionalString(input, 'nextToken', { min: 1, max: 3096 });
  if (!api.catalog.machine(smArn)) throw apiErrors.machineMissing(smArn);
  const before = token === undefined ? { at: Number.MAX_SAFE_INTEGER, id: Number.MAX_SAFE_INTEGER } : decodeCursor(token);
  const rows = api.catalog.executions(smArn, status ?? null, before, max + 1);
  const page = rows.slice(0, max);
  const out: JsonObject = {
    executions: page.map((r) => {
      const item: JsonObject = {
        executionArn: r.arn,
        stateMachineArn: r.sm_arn,
        name: r.name,
        status: r.status,
        startDate: epochSeconds(r.started_at),
      };
      if (r.stopped_at !== null) item.stopDate = epochSeconds(r.stopped_at);
      return item;
    }),
  };
  if (rows.length > max) {
    const last = page[page.length - 1]!; // rows.length > max >= 1, so the page is not empty
    out.nextToken = Buffer.from(`${last.started_at}:${last.id}`).toString('base64url');
  }
  return out;
}

function decodeCursor(token: string): { at: number; id: number } {
  const m = /^(\d+):(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!m) throw new SfnError('InvalidToken', 'Invalid pagination token');
  return { at: Number(m[1]), id: Number(m[2]) };
}

/** StopExecution: ExecutionAborted with the given error and cause. */
export async function stopExecution(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const row = executionOrThrow(api, input);
  const error = optionalString(input, 'error', { max: 256 });
  const cause = optionalString(input, 'cause', { max: 32_768 });
  return api.scheduler.command(() => {
    const exec = api.execs.get(row.id);
    // Already ended: AWS answers with the time it stopped.
    if (!exec) return { stopDate: epochSeconds(api.catalog.executionById(row.id)?.stopped_at ?? api.now()) };
    api.rt.finish(exec, 'ABORTED', errorDetails(error, cause));
    return { stopDate: epochSeconds(api.now()) };
  });
}
