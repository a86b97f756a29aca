/** CreateStateMachine, Describe/Update/Delete/ListStateMachines, ValidateStateMachineDefinition. */
import { createHash } from 'node:crypto';
import type { JsonObject } from '../api-types';
import { compileDefinition, describeDiagnostics } from '../definition/compile';
import { apiErrors, SfnError, validationError } from '../errors';
import type { MachineRow } from '../store/catalog-store';
import { checkName, parseStateMachineArn, stateMachineArn } from './arn';
import type { ApiContext } from './context';
import { epochSeconds, optionalInt, optionalString, requiredString } from './validate';

const DEFINITION = { min: 1, max: 1_048_576 };
const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;

/** Compiles `definition` or throws InvalidDefinition with AWS's message. */
function compileOrThrow(definition: string): void {
  const result = compileDefinition(definition);
  if (!result.definition) throw apiErrors.invalidDefinition(describeDiagnostics(result.diagnostics));
}

function roleArn(input: JsonObject, required: boolean): string | undefined {
  const role = required ? requiredString(input, 'roleArn', { min: 1, max: 256 }) : optionalString(input, 'roleArn', { min: 1, max: 256 });
  if (role !== undefined && !ROLE.test(role)) throw apiErrors.invalidArn(role);
  return role;
}

function revisionOf(definitionId: number, roleArn: string): string {
  return createHash('sha256').update(`${definitionId}\n${roleArn}`).digest('hex').slice(0, 32);
}

/** CreateStateMachine (STANDARD), idempotent for the same name, definition and type. */
export async function createStateMachine(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const name = requiredString(input, 'name', { min: 1, max: 80 });
  const definition = requiredString(input, 'definition', DEFINITION);
  const role = roleArn(input, true) as string;
  const type = optionalString(input, 'type') ?? 'STANDARD';
  checkName(name);
  if (type !== 'STANDARD')
    throw validationError('type', 'Member must satisfy enum value set: [STANDARD] (EXPRESS is not supported by the local engine)', type);
  compileOrThrow(definition);
  const arn = stateMachineArn(api.scope, name);
  return api.scheduler.command(() => {
    const definitionId = api.catalog.definitionId(definition);
    const existing = api.catalog.machineForWrite(arn);
    // AWS: idempotent on name + definition + type; roleArn differences are ignored.
    if (existing) {
      if (existing.definition_id !== definitionId || existing.type !== type) throw apiErrors.machineExists(arn);
      return { stateMachineArn: arn, creationDate: epochSeconds(existing.created_at) };
    }
    const now = api.now();
    api.catalog.insertMachine({
      arn,
      name,
      definition_id: definitionId,
      role_arn: role,
      type,
      created_at: now,
      updated_at: now,
      revision: revisionOf(definitionId, role),
    });
    return { stateMachineArn: arn, creationDate: epochSeconds(now) };
  });
}

function machineOrThrow(api: ApiContext, input: JsonObject): MachineRow {
  const arn = requiredString(input, 'stateMachineArn', { min: 1, max: 256 });
  parseStateMachineArn(api.scope, arn);
  const machine = api.catalog.machine(arn);
  if (!machine) throw apiErrors.machineMissing(arn);
  return machine;
}

/** DescribeStateMachine. */
export async function describeStateMachine(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const m = machineOrThrow(api, input);
  return {
    stateMachineArn: m.arn,
    name: m.name,
    status: 'ACTIVE',
    definition: api.catalog.definitionBody(m.definition_id),
    roleArn: m.role_arn,
    type: m.type,
    creationDate: epochSeconds(m.created_at),
    revisionId: m.revision,
    loggingConfiguration: { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: { enabled: false },
  };
}

/** UpdateStateMachine: new definition and/or role; running executions keep theirs. */
export async function updateStateMachine(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const m = machineOrThrow(api, input);
  const definition = optionalString(input, 'definition', DEFINITION);
  const role = roleArn(input, false);
  if (definition === undefined && role === undefined) {
    throw new SfnError('MissingRequiredParameter', 'Either the definition or the roleArn must be specified');
  }
  if (definition !== undefined) compileOrThrow(definition);
  return api.scheduler.command(() => {
    const current = api.catalog.machineForWrite(m.arn);
    if (!current) throw apiErrors.machineMissing(m.arn);
    const definitionId = definition === undefined ? current.definition_id : api.catalog.definitionId(definition);
    const newRole = role ?? current.role_arn;
    const now = api.now();
    const revision = revisionOf(definitionId, newRole);
    api.catalog.updateMachine(m.arn, definitionId, newRole, now, revision);
    return { updateDate: epochSeconds(now), revisionId: revision };
  });
}

/** DeleteStateMachine. */
export async function deleteStateMachine(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const arn = requiredString(input, 'stateMachineArn', { min: 1, max: 256 });
  parseStateMachineArn(api.scope, arn);
  // AWS: deleting is idempotent and running executions go on to their end.
  await api.scheduler.command(() => api.catalog.deleteMachine(arn));
  return {};
}

/** ListStateMachines by name, with `nextToken`. */
export async function listStateMachines(api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const max = optionalInt(input, 'maxResults', 0, 1000) || 100;
  const token = optionalString(input, 'nextToken', { min: 1, max: 1024 });
  const after = token === undefined ? '' : decodeToken(token);
  const rows = api.catalog.machines(after, max + 1);
  const page = rows.slice(0, max);
  const out: JsonObject = {
    stateMachines: page.map((m) => ({ stateMachineArn: m.arn, name: m.name, type: m.type, creationDate: epochSeconds(m.created_at) })),
  };
  if (rows.length > max) out.nextToken = Buffer.from(page[page.length - 1]!.name).toString('base64url');
  return out;
}

function decodeToken(token: string): string {
  const name = Buffer.from(token, 'base64url').toString();
  if (!name) throw new SfnError('InvalidToken', 'Invalid pagination token');
  return name;
}

/** ValidateStateMachineDefinition: OK, or FAIL with the diagnostics. */
export async function validateStateMachineDefinition(_api: ApiContext, input: JsonObject): Promise<JsonObject> {
  const definition = requiredString(input, 'definition', DEFINITION);
  const type = optionalString(input, 'type') ?? 'STANDARD';
  const max = optionalInt(input, 'maxResults', 0, 100) || 100;
  const result = compileDefinition(definition);
  const diagnostics = result.diagnostics.map((d) => ({ severity: 'ERROR', code: d.code, message: d.message, location: d.location }));
  if (type !== 'STANDARD')
    diagnostics.push({
      severity: 'ERROR',
      code: 'UNSUPPORTED_TYPE',
      message: 'Only STANDARD state machines are supported by the local engine',
      location: '',
    });
  return {
    result: diagnostics.length === 0 ? 'OK' : 'FAIL',
    diagnostics: diagnostics.slice(0, max),
    truncated: diagnostics.length > max,
  };
}
