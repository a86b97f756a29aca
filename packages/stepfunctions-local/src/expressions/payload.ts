/**
 * Payload templates of JSONPath states (Parameters, ResultSelector, ItemSelector, Assign):
 * a key ending in `.$` takes its value from a path (`$.a`, `$$.Map.Item.Value`, `$var`)
 * or an intrinsic call and loses the suffix; every other value is copied as written.
 */
import { ErrorNames, StatesError } from './errors';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';
import { compilePath, readPath } from './jsonpath';
import { isJsonObject, toAwsJsonString } from './json';
import type { PathContext } from './types';

type Plan = (ctx: PathContext) => unknown;

/** Templates are objects of the parsed definition, so a plan is built once per template. */
const plans = new WeakMap<object, Plan>();

/**
 * Evaluates a payload template against `ctx`. Parts without `.$` keys are returned as the
 * template's own objects (not copies): callers must treat the result as immutable.
 *
 * @example evaluatePayloadTemplate({ 'id.$': '$.a', kind: 'x' }, ctx) // { id: <input.a>, kind: 'x' }
 */
export function evaluatePayloadTemplate(template: unknown, ctx: PathContext): unknown {
  return planFor(template)(ctx);
}

function planFor(template: unknown): Plan {
  if (typeof template !== 'object' || template === null) return () => template;
  let plan = plans.get(template);
  if (!plan) {
    plan = Array.isArray(template) ? arrayPlan(template) : objectPlan(template as Record<string, unknown>);
    plans.set(template, plan);
  }
  return plan;
}

function arrayPlan(items: unknown[]): Plan {
  if (!items.some(isDynamic)) return () => items;
  const parts = items.map(planFor);
  return (ctx) => parts.map((part) => part(ctx));
}

function objectPlan(template: Record<string, unknown>): Plan {
  if (!isDynamic(template)) return () => template;
  const entries = Object.entries(template).map(([key, value]): [string, Plan] =>
    key.endsWith('.$') ? [key.slice(0, -2), valuePlan(key, value)] : [key, planFor(value)],
  );
  return (ctx) => {
    const out: Record<string, unknown> = {};
    for (const [key, plan] of entries) out[key] = plan(ctx);
    return out;
  };
}

/** True when a template part contains a `.$` key somewhere below it. */
function isDynamic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isDynamic);
  if (!isJsonObject(value)) return false;
  return Object.entries(value).some(([key, item]) => key.endsWith('.$') || isDynamic(item));
}

function valuePlan(field: string, expression: unknown): Plan {
  if (typeof expression !== 'string') {
    throw new StatesError(
      ErrorNames.runtime,
      `The value for the field '${field}' must be a STRING that contains a JSONPath or an intrinsic function but was ${toAwsJsonString(expression)}`,
    );
  }
  // Parse now so a malformed path fails on first use of the template, whatever the input.
  if (!isIntrinsic(expression)) compilePath(expression);
  return (ctx) => evaluatePathField(expression, field, ctx);
}

/**
 * Evaluates the value of a path-valued field (a `.$` key, ErrorPath, CausePath): an
 * intrinsic call or a path. An unresolvable `$`/`$$` path is reported as AWS does:
 * "The JSONPath '$.x' specified for the field 'ErrorPath' could not be found in the input '{...}'".
 */
export function evaluatePathField(expression: string, field: string, ctx: PathContext): unknown {
  if (isIntrinsic(expression)) return evaluateIntrinsic(expression, ctx);
  const compiled = compilePath(expression);
  try {
    return readPath(expression, ctx);
  } catch (error) {
    if (!(error instanceof StatesError) || compiled.root.kind === 'variable') throw error;
    const source = compiled.root.kind === 'context' ? ctx.context : ctx.input;
    throw new StatesError(
      ErrorNames.runtime,
      `The JSONPath '${expression}' specified for the field '${field}' could not be found in the input '${toAwsJsonString(source)}'`,
    );
  }
}
