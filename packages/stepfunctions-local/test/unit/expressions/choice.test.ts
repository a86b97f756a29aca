import { evaluateChoiceRule, StatesError, type PathContext } from '../../../src/expressions';

const ctx = (input: unknown, variables: Record<string, unknown> = {}): PathContext => ({ input, context: {}, variables });
const check = (rule: Record<string, unknown>, input: unknown, variables?: Record<string, unknown>) =>
  evaluateChoiceRule(rule, ctx(input, variables));

describe('evaluateChoiceRule', () => {
  it('compares strings, numbers and booleans, false on a type mismatch (conformance vars-assign-in-choice-state-string-42)', () => {
    expect(check({ Variable: '$.s', StringEquals: 'b' }, { s: 'b' })).toBe(true);
    expect(check({ Variable: '$.s', StringLessThan: 'c' }, { s: 'b' })).toBe(true);
    expect(check({ Variable: '$.s', StringGreaterThanEquals: 'c' }, { s: 'b' })).toBe(false);
    expect(check({ Variable: '$.n', NumericEquals: 42 }, { n: 42 })).toBe(true);
    expect(check({ Variable: '$.n', NumericEquals: 42 }, { n: '42' })).toBe(false);
    expect(check({ Variable: '$.n', NumericLessThanEquals: 3 }, { n: 3 })).toBe(true);
    expect(check({ Variable: '$.n', NumericGreaterThan: 3 }, { n: 3.5 })).toBe(true);
    expect(check({ Variable: '$.b', BooleanEquals: false }, { b: false })).toBe(true);
    expect(check({ Variable: '$.b', BooleanEquals: true }, { b: 'true' })).toBe(false);
  });

  it('supports the *Path variants with input and variables (conformance vars-reference-in-choice)', () => {
    expect(check({ Variable: '$guess', StringEqualsPath: '$answer' }, {}, { guess: 'a', answer: 'a' })).toBe(true);
    expect(check({ Variable: '$guess', StringEqualsPath: '$answer' }, {}, { guess: 'a', answer: 'b' })).toBe(false);
    expect(check({ Variable: '$.a', NumericLessThanPath: '$.b' }, { a: 1, b: 2 })).toBe(true);
    expect(check({ Variable: '$.a', TimestampLessThanPath: '$.b' }, { a: '2024-01-01T00:00:00Z', b: '2024-01-01T00:00:01Z' })).toBe(true);
  });

  it('compares timestamps by instant with nanosecond precision and any offset', () => {
    const at = (t: string, rule: Record<string, unknown>) => check({ Variable: '$.t', ...rule }, { t });
    expect(at('2024-01-01T08:00:00+08:00', { TimestampEquals: '2024-01-01T00:00:00Z' })).toBe(true);
    expect(at('2016-03-05T21:29:29.243167252Z', { TimestampGreaterThan: '2016-03-05T21:29:29.243167251Z' })).toBe(true);
    expect(at('2016-03-05T21:29:29Z', { TimestampLessThanEquals: '2016-03-05T21:29:29Z' })).toBe(true);
    expect(at('2016-03-05T21:29:29Z', { TimestampGreaterThanEquals: '2016-03-05T21:29:30Z' })).toBe(false);
    expect(at('2016-12-05T21:29:29', { TimestampEquals: '2016-12-05T21:29:29Z' })).toBe(false);
  });

  it('matches StringMatches patterns with * wildcards and escapes', () => {
    const matches = (s: string, pattern: string) => check({ Variable: '$.s', StringMatches: pattern }, { s });
    expect(matches('log-2024.txt', 'log-*.txt')).toBe(true);
    expect(matches('log-2024.csv', 'log-*.txt')).toBe(false);
    expect(matches('a*b', 'a\\*b')).toBe(true);
    expect(matches('axb', 'a\\*b')).toBe(false);
    expect(matches('a\\b', 'a\\\\b')).toBe(true);
    expect(matches('(x).y', '(*).y')).toBe(true);
  });

  it('tests types and presence; IsPresent never fails on a missing path', () => {
    const input = { n: 1, s: 'x', b: true, z: null, t: '2024-02-29T12:00:00Z', bad: '2023-02-29T12:00:00Z' };
    expect(check({ Variable: '$.z', IsNull: true }, input)).toBe(true);
    expect(check({ Variable: '$.n', IsNumeric: true }, input)).toBe(true);
    expect(check({ Variable: '$.s', IsString: false }, input)).toBe(false);
    expect(check({ Variable: '$.b', IsBoolean: true }, input)).toBe(true);
    expect(check({ Variable: '$.t', IsTimestamp: true }, input)).toBe(true);
    expect(check({ Variable: '$.bad', IsTimestamp: true }, input)).toBe(false);
    expect(check({ Variable: '$.input_value', IsPresent: false }, {})).toBe(true);
    expect(check({ Variable: '$.a.b.c', IsPresent: true }, {})).toBe(false);
    expect(check({ Variable: '$.n', IsPresent: true }, input)).toBe(true);
    expect(check({ Variable: '$.list[*]', IsPresent: true }, { list: [] })).toBe(false);
  });

  it('combines rules with And, Or and Not (conformance map-break-condition-fail)', () => {
    const rule = {
      And: [
        { IsPresent: true, Variable: '$' },
        {
          And: [
            { IsNumeric: true, Variable: '$' },
            { NumericEquals: 3, Variable: '$' },
          ],
        },
      ],
    };
    expect([1, 'Hello', {}, 3.3, 3].map((item) => evaluateChoiceRule(rule, ctx(item)))).toEqual([false, false, false, false, true]);
    expect(
      check(
        {
          Or: [
            { Variable: '$.a', NumericEquals: 1 },
            { Variable: '$.a', NumericEquals: 2 },
          ],
        },
        { a: 2 },
      ),
    ).toBe(true);
    expect(check({ Not: { Variable: '$.a', StringEquals: 'x' } }, { a: 'y' })).toBe(true);
  });

  it('fails with States.Runtime when the Variable path does not resolve', () => {
    expect(() => check({ Variable: '$.missing', StringEquals: 'x' }, {})).toThrow(StatesError);
    expect(() => check({ Variable: '$.missing', StringEquals: 'x' }, {})).toThrow(
      "Invalid path '$.missing' : No results for path: $['missing']",
    );
  });

  it('rejects malformed rules, naming the problem', () => {
    expect(() => check({ StringEquals: 'x' }, {})).toThrow("'Variable' must be a path string");
    expect(() => check({ Variable: '$', Frobnicates: 1 }, {})).toThrow('no comparison operator found');
    expect(() => check({ Not: 'x' }, {})).toThrow('a nested rule must be an object');
  });
});
