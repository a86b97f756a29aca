/** Map (inline): runs the item processor once per item, at most MaxConcurrency at a time. */
import { evaluateJsonata, evaluatePayloadTemplate, jsonTypeName, readPath, StatesError, toAwsJsonString } from '../../expressions';
import { selectInput, stateOutput } from '../dataflow';
import { jsonataBindings, pathContext } from '../scope';
import type { Outcome, StepContext } from '../types';

/** Starts the iterations, then turns their outcome into the state's result or error. */
export async function runMap(s: StepContext): Promise<Outcome> {
  const { rt, exec, frame, state } = s;
  const r = s.resume;
  if (r.kind === 'children') return finish(s, rt.collect(frame));
  if (r.kind === 'childFailed') {
    rt.emit(exec, frame, 'MapStateFailed');
    return { kind: 'error', error: r.error as string, cause: r.cause };
  }
  const { items, input } = s.state.lang === 'JSONata' ? await jsonataItems(s) : { ...jsonPathItems(s) };
  const max = await maxConcurrency(s, input);
  const inputs: unknown[] = [];
  for (const [index, value] of items.entries()) inputs.push(await selectItem(s, input, index, value));
  rt.emit(exec, frame, 'MapStateStarted', { length: items.length });
  if (items.length === 0) return finish(s, []);
  frame.phase = 'children';
  frame.width = items.length;
  rt.spawn(exec, frame, state.processor as string, inputs, max === 0 ? inputs.length : Math.min(max, inputs.length), 0);
  return { kind: 'park' };
}

async function finish(s: StepContext, results: unknown[]): Promise<Outcome> {
  s.rt.emit(s.exec, s.frame, 'MapStateSucceeded');
  return { kind: 'next', ...(await stateOutput(s, results, { hasResultPath: true, jsonataDefault: results, withResult: true })) };
}

function jsonPathItems(s: StepContext): { items: unknown[]; input: unknown } {
  const input = selectInput(s);
  const path = s.state.raw.ItemsPath as string | undefined;
  const items = path === undefined || path === '$' ? input : readPath(path, pathContext(s, input));
  if (!Array.isArray(items)) {
    throw new StatesError('States.Runtime', `Map state input must be an array but was: ${jsonTypeName(items)}`);
  }
  return { items, input };
}

async function jsonataItems(s: StepContext): Promise<{ items: unknown[]; input: unknown }> {
  const raw = s.state.raw.Items;
  if (raw === undefined) {
    const items = s.frame.input;
    if (!Array.isArray(items))
      throw new StatesError('States.QueryEvaluationError', `Map state input must be an array but was: ${jsonTypeName(items)}`);
    return { items, input: items };
  }
  const items = await evaluateJsonata(raw, 'Items', jsonataBindings(s));
  const text = typeof raw === 'string' ? raw.replace(/^\{%\s*/, '').replace(/\s*%\}$/, '') : toAwsJsonString(raw);
  const prefix = `The JSONata expression '${text}' specified for the field 'Items' returned`;
  if (typeof items === 'function' || (typeof items === 'object' && items !== null && !Array.isArray(items) && isJsonataFunction(items))) {
    throw new StatesError('States.QueryEvaluationError', `${prefix} an unsupported result type.`);
  }
  if (!Array.isArray(items)) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `${prefix} an unexpected result type. Expected 'array', but was '${jsonTypeName(items)}' for value: ${toAwsJsonString(items)}`,
    );
  }
  return { items, input: s.frame.input };
}

/** jsonata returns lambdas as objects tagged `_jsonata_lambda`. */
function isJsonataFunction(value: object): boolean {
  return (value as Record<string, unknown>)._jsonata_lambda === true;
}

async function maxConcurrency(s: StepContext, input: unknown): Promise<number> {
  const raw = s.state.raw;
  if (raw.MaxConcurrencyPath !== undefined) {
    const path = raw.MaxConcurrencyPath as string;
    const value = readPath(path, pathContext(s, input));
    const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new StatesError(
        'States.Runtime',
        `The MaxConcurrencyPath field refers to value "${toAwsJsonString(value)}" which is not a valid integer: ${path}`,
      );
    }
    return n;
  }
  if (raw.MaxConcurrency === undefined) return 0;
  const value =
    s.state.lang === 'JSONata' ? await evaluateJsonata(raw.MaxConcurrency, 'MaxConcurrency', jsonataBindings(s)) : raw.MaxConcurrency;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new StatesError(
      'States.QueryEvaluationError',
      `The MaxConcurrency field must be a non-negative integer, but was: ${toAwsJsonString(value)}`,
    );
  }
  return value;
}

/** ItemSelector (or legacy Parameters) with `Map.Item` in the context object. */
async function selectItem(s: StepContext, input: unknown, index: number, value: unknown): Promise<unknown> {
  const raw = s.state.raw;
  const selector = raw.ItemSelector ?? raw.Parameters;
  if (selector === undefined) return value;
  const extra = { Map: { Item: { Index: index, Value: value } } };
  if (s.state.lang === 'JSONata') return evaluateJsonata(selector, 'ItemSelector', jsonataBindings(s, { context: extra }));
  return evaluatePayloadTemplate(selector, pathContext(s, input, extra));
}
