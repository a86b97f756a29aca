/** JSONata mode: `{% expr %}` templates in Output, Arguments, Assign, Items, Condition, ... */
import jsonata, { type Expression } from 'jsonata';
import { ErrorNames, StatesError } from './errors';
import { FALLBACK, fastPathFor, type FastPath } from './jsonata-fast';
import { CLOCK_BINDING, registerStepFunctionsFunctions } from './jsonata-functions';
import { unassignedVariables } from './strict-variables';
import { isJsonObject } from './json';
import type { Variables } from './types';

export interface JsonataBindings {
  states: { input: unknown; context: unknown; result?: unknown; errorOutput?: unknown };
  variables: Variables;
  /** The engine's injectable clock: `$now()` and `$millis()` use it. */
  now: () => Date;
  /** Strict mode: reading a variable that no state assigned fails (see `strict-variables.ts`). */
  strictVariables?: boolean;
}

const MAX_CACHED = 10_000;
interface Compiled {
  fast: FastPath | undefined;
  expression?: Expression;
}
const compiled = new Map<string, Compiled>();

/** True for a string that is exactly `{% ... %}`; AWS leaves `" {% x %} "` as a literal. */
export function isJsonataTemplate(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}') && value.length >= 4;
}

/**
 * Evaluates every `{% %}` string in `value` (walking objects and arrays); other values stay
 * as written. `field` names the field in error causes and is extended per key
 * ('Output' → 'Output/result').
 *
 * @example await evaluateJsonata({ total: '{% $sum($states.input.n) %}' }, 'Output', bindings)
 */
export async function evaluateJsonata(value: unknown, field: string, b: JsonataBindings): Promise<unknown> {
  if (isJsonataTemplate(value)) return evaluateJsonataExpression(value.slice(2, -2), field, b);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i += 1) out.push(await evaluateJsonata(value[i], `${field}/${i}`, b));
    return out;
  }
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = await evaluateJsonata(item, `${field}/${key}`, b);
    return out;
  }
  return value;
}

/** Evaluates a bare JSONata expression (the text between `{%` and `%}`). */
export async function evaluateJsonataExpression(expr: string, field: string, b: JsonataBindings): Promise<unknown> {
  const text = expr.trim();
  const fail = (detail: string) =>
    new StatesError(ErrorNames.queryEvaluation, `The JSONata expression '${text}' specified for the field '${field}' ${detail}`);
  const entry = entryFor(text);
  const quick = entry.fast ? entry.fast({ states: b.states, variables: b.variables }) : FALLBACK;
  if (quick !== FALLBACK) {
    if (quick === undefined) throw fail('returned nothing (undefined).');
    return quick;
  }
  const bindings: Record<string, unknown> = { ...b.variables, states: b.states, [CLOCK_BINDING]: b.now };
  const threw = (error: unknown) => fail(`threw an error during evaluation. ${describe(error)}`);
  let expression: Expression;
  try {
    expression = expressionOf(entry, text);
  } catch (error) {
    throw threw(error);
  }
  // The fast path above only answers for bound roots, so only this path can read an unassigned one.
  if (b.strictVariables) {
    const missing = await unassignedVariables(text, bindings);
    if (missing.length > 0) throw fail(`reads ${missing.map((name) => `$${name}`).join(', ')}, which no state has assigned (strict mode).`);
  }
  let result: unknown;
  try {
    result = await expression.evaluate(undefined, bindings);
  } catch (error) {
    throw threw(error);
  }
  if (result === undefined) throw fail('returned nothing (undefined).');
  const plain = toPlainJson(result);
  if (plain === UNSUPPORTED) throw fail('returned an unsupported result type.');
  return plain;
}

function entryFor(text: string): Compiled {
  let entry = compiled.get(text);
  if (!entry) {
    entry = { fast: fastPathFor(text) };
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(text, entry);
  }
  return entry;
}

/** Compiles on first use, inside the caller's try: a syntax error is an evaluation error. */
function expressionOf(entry: Compiled, text: string): Expression {
  if (!entry.expression) {
    const expression = jsonata(text);
    registerStepFunctionsFunctions(expression);
    entry.expression = expression;
  }
  return entry.expression;
}

/** "T1006: Attempted to invoke a non-function" for JSONata errors, the message otherwise. */
function describe(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return `${code}: ${String(message)}`;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

const UNSUPPORTED = Symbol('unsupported');

/**
 * The result as plain JSON: JSONata marks the arrays it builds (`sequence`) and may return
 * functions, which JSON cannot carry. Unchanged parts are returned as they are.
 */
function toPlainJson(value: unknown): unknown {
  if (typeof value === 'function') return UNSUPPORTED;
  if (typeof value !== 'object' || value === null) return value;
  // JSONata lambdas are plain objects marked `_jsonata_lambda`.
  if ((value as { _jsonata_lambda?: unknown })._jsonata_lambda === true) return UNSUPPORTED;
  if (Array.isArray(value)) {
    const items = value.map(toPlainJson);
    if (items.includes(UNSUPPORTED)) return UNSUPPORTED;
    const marked = (value as { sequence?: unknown }).sequence !== undefined;
    return marked || items.some((item, i) => item !== value[i]) ? items : value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const plain = toPlainJson(item);
    if (plain === UNSUPPORTED) return UNSUPPORTED;
    if (plain !== item) (copy ??= { ...value })[key] = plain;
  }
  return copy ?? value;
}
