/**
 * Input and output processing of a state in both query languages:
 * JSONPath InputPath → Parameters → (work) → ResultSelector → ResultPath → OutputPath, and
 * JSONata Arguments → (work) → Output; Assign in both. Assigned variables take effect only
 * after the state, so every expression here sees the variables as they were on entry.
 */
import { applyResultPath, evaluateJsonata, evaluatePayloadTemplate, readPath, type Variables } from '../expressions';
import { jsonataBindings, pathContext } from './scope';
import type { StepContext } from './types';

/** `InputPath` applied to the raw input (`null` → `{}`). */
export function selectInput(s: StepContext): unknown {
  const path = s.state.raw.InputPath;
  if (path === null) return {};
  if (path === undefined || path === '$') return s.frame.input;
  return readPath(path as string, pathContext(s, s.frame.input));
}

/**
 * The value a state works on: JSONPath `InputPath` + `Parameters` (field name given for
 * Map's ItemSelector), JSONata `Arguments`. Without them, the (selected) input.
 */
export async function effectiveInput(s: StepContext): Promise<unknown> {
  if (s.state.lang === 'JSONata') {
    const args = s.state.raw.Arguments;
    return args === undefined ? s.frame.input : evaluateJsonata(args, 'Arguments', jsonataBindings(s));
  }
  const input = selectInput(s);
  const params = s.state.raw.Parameters;
  return params === undefined ? input : evaluatePayloadTemplate(params, pathContext(s, input));
}

export interface StateResult {
  output: unknown;
  assigned?: Variables;
}

/**
 * Output and variables of a state that produced `result`.
 * `defaultOutput` is JSONata's output without `Output` (the result, or the input for Pass,
 * Choice and Wait); `hasResultPath` says whether the state type has ResultPath.
 */
export async function stateOutput(
  s: StepContext,
  result: unknown,
  opts: { hasResultPath: boolean; jsonataDefault: unknown; withResult: boolean },
): Promise<StateResult> {
  const raw = s.state.raw;
  if (s.state.lang === 'JSONata') {
    const b = jsonataBindings(s, opts.withResult ? { result } : {});
    const output = raw.Output === undefined ? opts.jsonataDefault : await evaluateJsonata(raw.Output, 'Output', b);
    const assigned = raw.Assign === undefined ? undefined : ((await evaluateJsonata(raw.Assign, 'Assign', b)) as Variables);
    return { output, assigned };
  }
  const selected = raw.ResultSelector === undefined ? result : evaluatePayloadTemplate(raw.ResultSelector, pathContext(s, result));
  const assigned = raw.Assign === undefined ? undefined : (evaluatePayloadTemplate(raw.Assign, pathContext(s, selected)) as Variables);
  const merged = opts.hasResultPath ? applyResultPath(s.frame.input, selected, raw.ResultPath as string | null | undefined) : selected;
  return { output: applyOutputPath(s, merged), assigned };
}

/** `OutputPath` (`null` → `{}`). */
export function applyOutputPath(s: StepContext, value: unknown): unknown {
  const path = s.state.raw.OutputPath;
  if (path === null) return {};
  if (path === undefined || path === '$') return value;
  return readPath(path as string, pathContext(s, value));
}
