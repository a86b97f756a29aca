/**
 * Validates an ASL definition and compiles it once into `CompiledDefinition`. Anything the
 * engine cannot run faithfully is a diagnostic here, so it is refused at CreateStateMachine
 * instead of misbehaving at run time.
 */
import { isDynamoDbAction } from '../tasks/dynamodb';
import { parseResource } from '../tasks/resources';
import { allowedFields, otherLanguageFields, STATE_TYPES, UNSUPPORTED_FIELDS } from './fields';
import { compileCatchers, compileRetriers } from './recovery';
import { checkStateFields } from './state-checks';
import type { CompiledDefinition, CompiledMachine, CompiledState, Diagnostic, QueryLanguage, StateType } from './types';

export type CompileResult = { definition: CompiledDefinition; diagnostics: [] } | { definition?: undefined; diagnostics: Diagnostic[] };

const TOP_FIELDS = new Set(['Comment', 'StartAt', 'States', 'Version', 'TimeoutSeconds', 'QueryLanguage']);
const BRANCH_FIELDS = new Set(['Comment', 'StartAt', 'States', 'ProcessorConfig', 'QueryLanguage']);

/** Parses and validates `text`; returns the compiled definition or every diagnostic found. */
export function compileDefinition(text: string): CompileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = `Invalid JSON: ${(err as Error).message}`;
    return { diagnostics: [{ code: 'INVALID_JSON_DESCRIPTION', message, location: '' }] };
  }
  const c = new Compiler();
  const definition = c.top(json);
  if (c.diagnostics.length > 0 || !definition) return { diagnostics: c.diagnostics };
  return { definition, diagnostics: [] };
}

/** AWS's InvalidDefinition message for a list of diagnostics. */
export function describeDiagnostics(diagnostics: Diagnostic[]): string {
  const parts = diagnostics.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ''}`);
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}

class Compiler {
  readonly diagnostics: Diagnostic[] = [];
  private readonly machines = new Map<string, CompiledMachine>();
  private readonly names = new Set<string>();

  fail(location: string, message: string, code = 'SCHEMA_VALIDATION_FAILED'): void {
    this.diagnostics.push({ code, message, location });
  }

  top(json: unknown): CompiledDefinition | undefined {
    if (!isObject(json)) {
      this.fail('', 'The definition must be a JSON object');
      return undefined;
    }
    for (const key of Object.keys(json)) if (!TOP_FIELDS.has(key)) this.fail(`/${key}`, `The field '${key}' is not supported`);
    const lang = this.language(json.QueryLanguage, '/QueryLanguage', 'JSONPath');
    const timeout = json.TimeoutSeconds;
    if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) > 0 && (timeout as number) <= 99999999)) {
      this.fail('/TimeoutSeconds', "The value for the field 'TimeoutSeconds' must be a positive integer");
    }
    const root = this.machine('', json, '', lang, TOP_FIELDS);
    if (!root) return undefined;
    return { root, machines: this.machines, timeoutSeconds: timeout as number | undefined };
  }

  private language(value: unknown, location: string, inherited: QueryLanguage): QueryLanguage {
    if (value === undefined) return inherited;
    if (value === 'JSONPath' || value === 'JSONata') {
      // AWS: a JSONata machine cannot contain JSONPath states.
      if (inherited === 'JSONata' && value === 'JSONPath')
        this.fail(location, "The QueryLanguage 'JSONPath' is not allowed inside a JSONata state machine");
      return value;
    }
    this.fail(location, "The value for the field 'QueryLanguage' must be one of [JSONPath, JSONata]");
    return inherited;
  }

  machine(
    id: string,
    json: Record<string, unknown>,
    at: string,
    lang: QueryLanguage,
    fields: Set<string>,
    owner?: CompiledMachine['owner'],
  ): CompiledMachine | undefined {
    if (fields === BRANCH_FIELDS)
      for (const key of Object.keys(json)) if (!fields.has(key)) this.fail(`${at}/${key}`, `The field '${key}' is not supported`);
    const machineLang = fields === BRANCH_FIELDS ? this.language(json.QueryLanguage, `${at}/QueryLanguage`, lang) : lang;
    if (!isObject(json.States) || Object.keys(json.States).length === 0) {
      this.fail(`${at}/States`, "The field 'States' is required and must be a non-empty object");
      return undefined;
    }
    const states = new Map<string, CompiledState>();
    const compiled: CompiledMachine = { id, owner, startAt: String(json.StartAt), states };
    this.machines.set(id, compiled);
    for (const [name, raw] of Object.entries(json.States)) {
      const state = this.state(name, raw, `${at}/States/${name}`, machineLang);
      if (state) states.set(name, state);
    }
    if (typeof json.StartAt !== 'string') this.fail(`${at}/StartAt`, "The field 'StartAt' is required and must be a string");
    else if (!(json.StartAt in json.States))
      this.fail(`${at}/StartAt`, `Missing 'Next' target: ${json.StartAt}`, 'MISSING_TRANSITION_TARGET');
    for (const state of states.values()) this.transitions(state, states, `${at}/States/${state.name}`);
    return compiled;
  }

  private state(name: string, raw: unknown, at: string, machineLang: QueryLanguage): CompiledState | undefined {
    if (name.length === 0 || name.length > 80) this.fail(at, 'State names must be 1 to 80 characters long');
    if (this.names.has(name)) this.fail(at, `Duplicate State name: ${name}`, 'DUPLICATE_STATE_NAME');
    this.names.add(name);
    if (!isObject(raw)) return void this.fail(at, 'A state must be a JSON object');
    if (typeof raw.Type !== 'string' || !STATE_TYPES.has(raw.Type)) {
      return void this.fail(
        `${at}/Type`,
        "The value for the field 'Type' must be one of [Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map]",
      );
    }
    const type = raw.Type as StateType;
    const lang = this.language(raw.QueryLanguage, `${at}/QueryLanguage`, machineLang);
    const allowed = allowedFields(type, lang);
    const other = otherLanguageFields(type, lang);
    for (const key of Object.keys(raw)) {
      if (allowed.has(key)) continue;
      if (UNSUPPORTED_FIELDS.has(key)) this.fail(`${at}/${key}`, `The field '${key}' is not supported by the local engine`);
      else if (other.has(key)) this.fail(`${at}/${key}`, `The field '${key}' is not supported for the QueryLanguage '${lang}'`);
      else this.fail(`${at}/${key}`, `The field '${key}' is not supported for state type '${type}'`);
    }
    const state: CompiledState = {
      name,
      type,
      lang,
      raw,
      end: raw.End === true,
      next: typeof raw.Next === 'string' ? raw.Next : undefined,
      retry: compileRetriers(raw.Retry, `${at}/Retry`, this.fail.bind(this)),
      catch: compileCatchers(raw.Catch, `${at}/Catch`, lang, this.fail.bind(this)),
    };
    checkStateFields(state, at, this.fail.bind(this));
    if (type === 'Task') {
      const resource = typeof raw.Resource === 'string' ? parseResource(raw.Resource) : "The field 'Resource' is required";
      if (typeof resource === 'string') this.fail(`${at}/Resource`, resource);
      else if (resource.kind === 'dynamodb' && !isDynamoDbAction(resource.action))
        this.fail(`${at}/Resource`, `The resource '${resource.arn}' is not a DynamoDB API action`);
      else state.resource = resource;
    }
    if (type === 'Parallel') this.parallel(state, at);
    if (type === 'Map') this.map(state, at);
    return state;
  }

  private parallel(state: CompiledState, at: string): void {
    const branches = state.raw.Branches;
    if (!Array.isArray(branches) || branches.length === 0)
      return this.fail(`${at}/Branches`, "The field 'Branches' must be a non-empty array");
    state.branches = branches.map((branch, i) => {
      const id = `${state.name}#${i}`;
      if (isObject(branch))
        this.machine(id, branch, `${at}/Branches[${i}]`, state.lang, BRANCH_FIELDS, { state: state.name, type: 'Parallel' });
      else this.fail(`${at}/Branches[${i}]`, 'A branch must be a JSON object');
      return id;
    });
  }

  private map(state: CompiledState, at: string): void {
    const field = state.raw.ItemProcessor !== undefined ? 'ItemProcessor' : 'Iterator';
    const processor = state.raw[field];
    if (state.raw.ItemProcessor !== undefined && state.raw.Iterator !== undefined)
      this.fail(at, "Only one of 'ItemProcessor' and 'Iterator' may be set");
    if (!isObject(processor)) return this.fail(`${at}/${field}`, "The field 'ItemProcessor' is required");
    const config = processor.ProcessorConfig;
    if (config !== undefined && (!isObject(config) || (config.Mode !== undefined && config.Mode !== 'INLINE'))) {
      this.fail(`${at}/${field}/ProcessorConfig`, 'Only the INLINE processor mode is supported by the local engine');
    }
    state.processor = state.name;
    this.machine(state.name, processor, `${at}/${field}`, state.lang, BRANCH_FIELDS, { state: state.name, type: 'Map' });
  }

  private transitions(state: CompiledState, states: Map<string, CompiledState>, at: string): void {
    const target = (next: unknown, where: string) => {
      if (typeof next !== 'string' || !states.has(next))
        this.fail(where, `Missing 'Next' target: ${String(next)}`, 'MISSING_TRANSITION_TARGET');
    };
    const terminal = state.type === 'Succeed' || state.type === 'Fail' || state.type === 'Choice';
    if (!terminal) {
      if (state.raw.End !== undefined && state.raw.End !== true) this.fail(`${at}/End`, "The value for the field 'End' must be true");
      if (state.next !== undefined && state.end) this.fail(at, "Only one of 'Next' and 'End' may be set");
      else if (state.next === undefined && !state.end) this.fail(at, "Exactly one of 'Next' or 'End' is required");
      else if (state.next !== undefined) target(state.next, `${at}/Next`);
    }
    state.catch.forEach((c, i) => target(c.next, `${at}/Catch[${i}]/Next`));
    if (state.type === 'Choice') {
      const choices = state.raw.Choices;
      if (Array.isArray(choices)) choices.forEach((rule, i) => isObject(rule) && target(rule.Next, `${at}/Choices[${i}]/Next`));
      if (state.raw.Default !== undefined) target(state.raw.Default, `${at}/Default`);
    }
  }
}

/** A JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
