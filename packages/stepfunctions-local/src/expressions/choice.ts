/**
 * Choice rules of JSONPath states: And / Or / Not and the comparison operators. A value of
 * the wrong type makes a comparison false (AWS: "42" is not NumericEquals 42); a Variable
 * path that does not resolve fails with States.Runtime, except under IsPresent.
 */
import { malformed } from './errors';
import { readPath } from './jsonpath';
import { compareTimestamps, parseTimestamp } from './timestamps';
import { isJsonObject } from './json';
import type { PathContext } from './types';

type Kind = 'String' | 'Numeric' | 'Boolean' | 'Timestamp';
const RELATIONS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'] as const;
type Relation = (typeof RELATIONS)[number];

const COMPARISONS = new Map<string, { kind: Kind; relation: Relation; path: boolean }>();
for (const kind of ['String', 'Numeric', 'Boolean', 'Timestamp'] as const) {
  for (const relation of kind === 'Boolean' ? (['Equals'] as const) : RELATIONS) {
    COMPARISONS.set(`${kind}${relation}`, { kind, relation, path: false });
    COMPARISONS.set(`${kind}${relation}Path`, { kind, relation, path: true });
  }
}

const TYPE_TESTS = new Map<string, (value: unknown) => boolean>([
  ['IsNull', (value) => value === null],
  ['IsNumeric', (value) => typeof value === 'number'],
  ['IsString', (value) => typeof value === 'string'],
  ['IsBoolean', (value) => typeof value === 'boolean'],
  ['IsTimestamp', (value) => parseTimestamp(value) !== undefined],
]);

/**
 * Evaluates one Choice rule (top-level or nested) against `ctx`.
 *
 * @example evaluateChoiceRule({ Variable: '$.n', NumericGreaterThan: 1 }, ctx)
 */
export function evaluateChoiceRule(rule: Record<string, unknown>, ctx: PathContext): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((inner) => evaluateChoiceRule(asRule(inner), ctx));
  if (Array.isArray(rule.Or)) return rule.Or.some((inner) => evaluateChoiceRule(asRule(inner), ctx));
  if (rule.Not !== undefined) return !evaluateChoiceRule(asRule(rule.Not), ctx);
  if (typeof rule.Variable !== 'string') throw malformed('Choice rule', JSON.stringify(rule), "'Variable' must be a path string");
  const variable = rule.Variable;
  if ('IsPresent' in rule) return isPresent(variable, ctx) === rule.IsPresent;
  for (const [operator, expected] of Object.entries(rule)) {
    const test = TYPE_TESTS.get(operator);
    if (test) return test(readPath(variable, ctx)) === expected;
    if (operator === 'StringMatches') return matchesPattern(readPath(variable, ctx), expected);
    const comparison = COMPARISONS.get(operator);
    if (comparison) {
      const other = comparison.path ? readPath(String(expected), ctx) : expected;
      return compare(comparison.kind, comparison.relation, readPath(variable, ctx), other);
    }
  }
  throw malformed('Choice rule', JSON.stringify(rule), 'no comparison operator found');
}

function asRule(value: unknown): Record<string, unknown> {
  if (!isJsonObject(value)) throw malformed('Choice rule', JSON.stringify(value), 'a nested rule must be an object');
  return value;
}

function isPresent(path: string, ctx: PathContext): boolean {
  try {
    const value = readPath(path, ctx);
    // An indefinite path that selects nothing is not present either.
    return !(Array.isArray(value) && value.length === 0 && /[*?]|\.\./.test(path));
  } catch {
    return false;
  }
}

function compare(kind: Kind, relation: Relation, left: unknown, right: unknown): boolean {
  let order: number;
  if (kind === 'Timestamp') {
    const [a, b] = [parseTimestamp(left), parseTimestamp(right)];
    if (!a || !b) return false;
    order = compareTimestamps(a, b);
  } else if (kind === 'Boolean') {
    return typeof left === 'boolean' && left === right;
  } else {
    const type = kind === 'String' ? 'string' : 'number';
    if (typeof left !== type || typeof right !== type) return false;
    const [a, b] = [left as string | number, right as string | number];
    order = a < b ? -1 : a > b ? 1 : 0;
  }
  switch (relation) {
    case 'Equals':
      return order === 0;
    case 'LessThan':
      return order < 0;
    case 'GreaterThan':
      return order > 0;
    case 'LessThanEquals':
      return order <= 0;
    case 'GreaterThanEquals':
      return order >= 0;
  }
}

const patternCache = new Map<string, RegExp>();

/** StringMatches: `*` matches any run of characters; `\*` and `\\` are a literal star and backslash. */
function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (typeof value !== 'string' || typeof pattern !== 'string') return false;
  let regex = patternCache.get(pattern);
  if (!regex) {
    let source = '';
    for (let i = 0; i < pattern.length; i += 1) {
      const char = pattern.charAt(i);
      if (char === '\\' && i + 1 < pattern.length) source += escapeRegex(pattern.charAt(++i));
      else source += char === '*' ? '.*' : escapeRegex(char);
    }
    regex = new RegExp(`^${source}$`, 's');
    patternCache.set(pattern, regex);
  }
  return regex.test(value);
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
