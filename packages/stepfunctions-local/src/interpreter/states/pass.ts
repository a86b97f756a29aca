/** Pass, Succeed and Fail states. */
import { evaluateIntrinsic, evaluateJsonata, isIntrinsic, readPath, StatesError, toAwsJsonString } from '../../expressions';
import { applyOutputPath, effectiveInput, selectInput, stateOutput } from '../dataflow';
import { jsonataBindings, pathContext } from '../scope';
import type { Outcome, StepContext } from '../types';

/** Pass: `Result` (JSONPath) or the effective input becomes the result. */
export async function runPass(s: StepContext): Promise<Outcome> {
  if (s.state.lang === 'JSONata') {
    const out = await stateOutput(s, undefined, { hasResultPath: false, jsonataDefault: s.frame.input, withResult: false });
    return { kind: 'next', ...out };
  }
  const input = await effectiveInput(s);
  const result = 'Result' in s.state.raw ? s.state.raw.Result : input;
  const out = await stateOutput(s, result, { hasResultPath: true, jsonataDefault: undefined, withResult: false });
  return { kind: 'next', ...out };
}

/** Succeed: the (filtered) input is the branch's output. */
export async function runSucceed(s: StepContext): Promise<Outcome> {
  if (s.state.lang === 'JSONata') {
    const output =
      s.state.raw.Output === undefined ? s.frame.input : await evaluateJsonata(s.state.raw.Output, 'Output', jsonataBindings(s));
    return { kind: 'succeed', output };
  }
  return { kind: 'succeed', output: applyOutputPath(s, selectInput(s)) };
}

/** Fail: static, path-selected (JSONPath) or computed (JSONata) error and cause. */
export async function runFail(s: StepContext): Promise<Outcome> {
  const raw = s.state.raw;
  if (s.state.lang === 'JSONata') {
    const b = jsonataBindings(s);
    const error = raw.Error === undefined ? null : await evaluateJsonata(raw.Error, 'Error', b);
    const cause = raw.Cause === undefined ? null : await evaluateJsonata(raw.Cause, 'Cause', b);
    return { kind: 'fail', error: asText(error), cause: asText(cause) };
  }
  const error = raw.ErrorPath !== undefined ? failPath(s, raw.ErrorPath as string, 'ErrorPath') : (raw.Error as string | undefined);
  const cause = raw.CausePath !== undefined ? failPath(s, raw.CausePath as string, 'CausePath') : (raw.Cause as string | undefined);
  return { kind: 'fail', error: error ?? null, cause: cause ?? null };
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : toAwsJsonString(value);
}

/** ErrorPath/CausePath: a path or an intrinsic that must yield a string. */
function failPath(s: StepContext, path: string, field: string): string {
  let value: unknown;
  const ctx = pathContext(s, s.frame.input);
  if (isIntrinsic(path)) return String(evaluateIntrinsic(path, ctx));
  try {
    value = readPath(path, ctx);
  } catch (err) {
    if (!(err instanceof StatesError)) throw err;
    throw new StatesError(
      'States.Runtime',
      `The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${toAwsJsonString(s.frame.input)}'`,
    );
  }
  if (typeof value !== 'string') {
    throw new StatesError(
      'States.Runtime',
      `The JSONPath '${path}' specified for the field '${field}' must resolve to a string, but was: ${toAwsJsonString(value)}`,
    );
  }
  return value;
}
