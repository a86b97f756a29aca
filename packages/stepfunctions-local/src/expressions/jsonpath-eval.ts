/**
 * Walks a parsed JSONPath over a document with Jayway's rules (the library AWS uses):
 * on a definite path a missing intermediate property is an error, a missing leaf just
 * selects nothing; anything under a wildcard, scan or filter is skipped silently.
 */
import { invalidPath } from './errors';
import { compareFilterValues } from './json-compare';
import { notAnArray, notAnObject } from './jsonpath-errors';
import type { FilterExpr, Operand } from './jsonpath-filter';
import { renderPath, type CompiledPath, type Segment } from './jsonpath-syntax';
import { isJsonObject } from './json';

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key);

/**
 * All values `path` selects from `start`; `root` is what `$` means inside filters.
 * Only definite paths report unresolvable steps: AWS answers `[]` for `$.missing[*]`.
 */
export function selectValues(path: CompiledPath, start: unknown, root: unknown = start): unknown[] {
  const out: unknown[] = [];
  walk(path, 0, start, path.definite, out, root);
  return out;
}

function walk(path: CompiledPath, i: number, value: unknown, definite: boolean, out: unknown[], root: unknown): void {
  const segments = path.segments;
  if (i === segments.length) {
    out.push(value);
    return;
  }
  const segment = segments[i]!; // i < segments.length, checked above
  switch (segment.kind) {
    case 'property': {
      if (!isJsonObject(value)) {
        if (definite) throw notAnObject(path, i, value);
        return;
      }
      const single = segment.names.length === 1;
      for (const name of segment.names) {
        if (hasOwn(value, name)) walk(path, i + 1, value[name], definite && single, out, root);
        else if (i < segments.length - 1 && definite && single) {
          throw invalidPath(path.text, `Missing property in path ${renderPath(segments.slice(0, i + 1))}`);
        }
      }
      return;
    }
    case 'index': {
      if (!Array.isArray(value)) {
        if (definite) throw notAnArray(path, i, value);
        return;
      }
      const single = segment.indexes.length === 1;
      for (const index of segment.indexes) {
        const effective = index < 0 ? value.length + index : index;
        if (effective >= 0 && effective < value.length) walk(path, i + 1, value[effective], definite && single, out, root);
      }
      return;
    }
    case 'slice':
      if (Array.isArray(value)) {
        for (const item of slice(value, segment)) walk(path, i + 1, item, false, out, root);
      }
      return;
    case 'wildcard':
      for (const item of children(value)) walk(path, i + 1, item, false, out, root);
      return;
    case 'scan':
      scan(path, i, value, out, root);
      return;
    case 'filter':
      if (Array.isArray(value)) {
        for (const item of value) if (matches(segment.expr, item, root)) walk(path, i + 1, item, false, out, root);
      } else if (isJsonObject(value) && matches(segment.expr, value, root)) {
        walk(path, i + 1, value, false, out, root);
      }
      return;
  }
}

function scan(path: CompiledPath, i: number, value: unknown, out: unknown[], root: unknown): void {
  walk(path, i + 1, value, false, out, root);
  for (const item of children(value)) {
    if (typeof item === 'object' && item !== null) scan(path, i, item, out, root);
  }
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return isJsonObject(value) ? Object.values(value) : [];
}

function slice(items: unknown[], segment: Extract<Segment, { kind: 'slice' }>): unknown[] {
  const length = items.length;
  const norm = (n: number | undefined, fallback: number) =>
    n === undefined ? fallback : Math.min(Math.max(n < 0 ? length + n : n, 0), length);
  const picked: unknown[] = [];
  const step = Math.max(segment.step, 1);
  for (let k = norm(segment.start, 0); k < norm(segment.end, length); k += step) picked.push(items[k]);
  return picked;
}

function matches(expr: FilterExpr, item: unknown, root: unknown): boolean {
  switch (expr.kind) {
    case 'or':
      return matches(expr.left, item, root) || matches(expr.right, item, root);
    case 'and':
      return matches(expr.left, item, root) && matches(expr.right, item, root);
    case 'not':
      return !matches(expr.expr, item, root);
    case 'exists':
      return operandValue(expr.operand, item, root) !== undefined;
    case 'compare':
      return compareFilterValues(expr.op, operandValue(expr.left, item, root), operandValue(expr.right, item, root));
  }
}

function operandValue(operand: Operand, item: unknown, root: unknown): unknown {
  if (operand.kind === 'literal') return operand.value;
  if (operand.kind === 'regex') return operand.regex;
  try {
    const values = selectValues(operand.path, operand.relative ? item : root, root);
    return operand.path.definite ? values[0] : values;
  } catch {
    // Jayway treats a path that cannot be followed inside a predicate as absent.
    return undefined;
  }
}
