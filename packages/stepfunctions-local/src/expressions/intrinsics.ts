/** Evaluation of intrinsic function calls (JSONPath mode), parsed once per distinct text. */
import { malformed } from './errors';
import { intrinsicFunctions } from './intrinsics-functions';
import { isIntrinsicText, parseIntrinsic, scanTemplate, type IntrinsicArg, type IntrinsicCall } from './intrinsics-parse';
import { readPath } from './jsonpath';
import type { PathContext } from './types';

const MAX_CACHED = 10_000;
const cache = new Map<string, IntrinsicCall>();

/** True when the string is an intrinsic call such as `States.Format('{}', $.a)`. */
export function isIntrinsic(value: string): boolean {
  return isIntrinsicText(value);
}

/**
 * Evaluates an intrinsic call; arguments may be literals, paths (`$.a`, `$$.Execution.Id`,
 * `$var`) or nested calls. Failures are `States.IntrinsicFailure` (bad arguments) or
 * `States.Runtime` (unresolvable path, malformed text).
 *
 * @example evaluateIntrinsic("States.MathAdd($.n, 1)", { input: { n: 1 }, context: {}, variables: {} }) // 2
 */
export function evaluateIntrinsic(expression: string, ctx: PathContext): unknown {
  let call = cache.get(expression);
  if (!call) {
    call = parseIntrinsic(expression);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(expression, call);
  }
  return evaluateCall(call, ctx, expression);
}

function evaluateCall(call: IntrinsicCall, ctx: PathContext, text: string): unknown {
  const impl = intrinsicFunctions[call.name];
  if (!impl) throw malformed('intrinsic function', text, `${call.name} is not a supported function`);
  const args = call.args.map((arg) => evaluateArg(arg, ctx, text));
  const first = call.args[0];
  if (first?.kind === 'string') return impl(args, call.name, first.placeholders);
  if (typeof args[0] !== 'string') return impl(args, call.name);
  // A template read from a path or variable follows the same escaping rules as a literal.
  const template = scanTemplate(args[0]);
  return impl([template.value, ...args.slice(1)], call.name, template.placeholders);
}

function evaluateArg(arg: IntrinsicArg, ctx: PathContext, text: string): unknown {
  switch (arg.kind) {
    case 'string':
    case 'literal':
      return arg.value;
    case 'path':
      return readPath(arg.text, ctx);
    case 'call':
      return evaluateCall(arg, ctx, text);
  }
}
