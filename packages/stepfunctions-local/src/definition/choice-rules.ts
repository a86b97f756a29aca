/** Shape checks of JSONPath Choice rules: one comparison (or And/Or/Not) per rule. */
type Fail = (location: string, message: string) => void;

const OPERATORS = ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
const COMPARATORS = new Set([
  ...['String', 'Numeric', 'Timestamp'].flatMap((kind) => OPERATORS.flatMap((op) => [`${kind}${op}`, `${kind}${op}Path`])),
  'BooleanEquals',
  'BooleanEqualsPath',
  'StringMatches',
  'IsNull',
  'IsPresent',
  'IsNumeric',
  'IsString',
  'IsBoolean',
  'IsTimestamp',
]);
const COMBINATORS = ['And', 'Or', 'Not'];

/** Checks one rule; `top` rules carry Next (and may carry Assign), nested ones do not. */
export function checkChoiceRule(rule: Record<string, unknown>, at: string, top: boolean, fail: Fail): void {
  const keys = Object.keys(rule).filter((k) => k !== 'Comment' && k !== 'Next' && !(top && k === 'Assign'));
  if (top && typeof rule.Next !== 'string') fail(`${at}/Next`, "The field 'Next' is required in a choice rule");
  if (!top && rule.Next !== undefined) fail(`${at}/Next`, "The field 'Next' is only allowed in a top-level choice rule");
  const combinators = keys.filter((k) => COMBINATORS.includes(k));
  if (combinators.length > 0) {
    if (keys.length !== 1) return fail(at, `A choice rule with '${combinators[0]}' must not have other comparison fields`);
    const inner = rule[combinators[0]!]; // combinators is not empty
    if (combinators[0] === 'Not') {
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner))
        return fail(`${at}/Not`, "The field 'Not' must be a choice rule");
      return checkChoiceRule(inner as Record<string, unknown>, `${at}/Not`, false, fail);
    }
    if (!Array.isArray(inner) || inner.length === 0)
      return fail(`${at}/${combinators[0]}`, `The field '${combinators[0]}' must be a non-empty array of choice rules`);
    inner.forEach((r, i) => checkChoiceRule((r ?? {}) as Record<string, unknown>, `${at}/${combinators[0]}[${i}]`, false, fail));
    return;
  }
  if (typeof rule.Variable !== 'string' || !rule.Variable.startsWith('$'))
    fail(`${at}/Variable`, "The field 'Variable' must be a JSONPath");
  const comparators = keys.filter((k) => k !== 'Variable');
  if (comparators.length !== 1 || !COMPARATORS.has(comparators[0]!)) {
    fail(at, `A choice rule must have exactly one comparison operator, found: ${comparators.length ? comparators.join(', ') : 'none'}`);
  }
}
