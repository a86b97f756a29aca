/** JSONPath as Step Functions uses it: reading `$`, `$$` and `$variable` paths, and ResultPath. */
import { ErrorNames, invalidPath, malformed, StatesError } from './errors';
import { selectValues } from './jsonpath-eval';
import { parsePath } from './jsonpath-parse';
import { renderPath, type CompiledPath } from './jsonpath-syntax';
import { isJsonObject, toAwsJsonString } from './json';
import type { PathContext } from './types';

/** Paths come from state machine definitions, so the set is small; the cap guards misuse. */
const MAX_CACHED = 10_000;
const cache = new Map<string, CompiledPath>();

/** Parses a path once and returns the cached result afterwards. Throws on bad syntax. */
export function compilePath(text: string): CompiledPath {
  let compiled = cache.get(text);
  if (!compiled) {
    compiled = parsePath(text);
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(text, compiled);
  }
  return compiled;
}

/**
 * Reads a path: `$...` from the state input, `$$...` from the context object, `$name...`
 * from a variable. A definite path returns its value or throws `States.Runtime`; an
 * indefinite one (wildcard, scan, slice, filter, several names) returns an array.
 *
 * @example readPath('$.a[0]', { input: { a: [7] }, context: {}, variables: {} }) // 7
 */
export function readPath(path: string, ctx: PathContext): unknown {
  const compiled = compilePath(path);
  const values = selectValues(compiled, rootOf(compiled, ctx));
  if (!compiled.definite) return values;
  if (values.length === 0) throw invalidPath(path, `No results for path: ${renderPath(compiled.segments)}`);
  return values[0];
}

function rootOf(compiled: CompiledPath, ctx: PathContext): unknown {
  const root = compiled.root;
  if (root.kind === 'input') return ctx.input;
  if (root.kind === 'context') return ctx.context;
  if (!Object.prototype.hasOwnProperty.call(ctx.variables, root.name)) {
    throw invalidPath(compiled.text, `The variable '$${root.name}' is not defined`);
  }
  return ctx.variables[root.name];
}

/**
 * Places a state's result into its input as ResultPath says: `undefined` or `'$'` → the
 * result; `null` → the input unchanged; `'$.a.b'` → a copy of the input with the result at
 * `a.b` (missing objects created). Only the objects along the path are copied.
 */
export function applyResultPath(stateInput: unknown, result: unknown, resultPath: string | null | undefined): unknown {
  if (resultPath === undefined || resultPath === '$') return result;
  if (resultPath === null) return stateInput;
  const compiled = compilePath(resultPath);
  if (compiled.root.kind !== 'input' || !compiled.definite || compiled.segments.some((s) => s.kind !== 'property')) {
    throw malformed('ResultPath', resultPath, 'only a reference path of property names ($.a.b) can receive a result');
  }
  const names = compiled.segments.map((segment) => (segment.kind === 'property' ? (segment.names[0] ?? '') : ''));
  return setAt(stateInput, names, 0, result, resultPath);
}

function setAt(node: unknown, names: string[], i: number, value: unknown, path: string): unknown {
  if (i === names.length) return value;
  if (node !== undefined && node !== null && !isJsonObject(node)) {
    throw new StatesError(
      ErrorNames.resultPathMatch,
      `Unable to apply ResultPath '${path}' to input ${toAwsJsonString(node)}: ` +
        `'${names.slice(0, i).join('.') || '$'}' is ${Array.isArray(node) ? 'an array' : 'not an object'}`,
    );
  }
  const copy: Record<string, unknown> = isJsonObject(node) ? { ...node } : {};
  const name = names[i]!; // i < names.length, checked above
  copy[name] = setAt(copy[name], names, i + 1, value, path);
  return copy;
}
