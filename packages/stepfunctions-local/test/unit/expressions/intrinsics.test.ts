import { createHash } from 'node:crypto';
import { evaluateIntrinsic, isIntrinsic, StatesError, type PathContext } from '../../../src/expressions';

// The input of conformance case vars-assign-from-intrinsic-function.
const input = {
  inputArray: [1, 2, 3, 4, 5, 6],
  duplicateArray: [1, 2, 2, 3, 3, 4],
  rawString: 'Hello World',
  encodedString: 'SGVsbG8gV29ybGQ=',
  inputString: 'Hash this string',
  json1: { a: 1, b: 2 },
  json2: { c: 3, d: 4 },
  jsonString: '{"key":"value"}',
  jsonObject: { test: 'object' },
  value1: 5,
  value2: 3,
  csvString: 'a,b,c,d,e',
  name: 'John',
  place: 'LocalStack',
};
const ctx: PathContext = { input, context: { Map: { Item: { Value: 'Pikachu' } } }, variables: { tpl: "It's {}!", bias: 4.3 } };
const run = (expression: string) => evaluateIntrinsic(expression, ctx);

function failure(expression: string): StatesError {
  try {
    run(expression);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} to fail`);
}

describe('isIntrinsic', () => {
  it('recognises calls and nothing else', () => {
    expect(isIntrinsic("States.Format('{}', $.a)")).toBe(true);
    expect(isIntrinsic('States.UUID()')).toBe(true);
    expect(isIntrinsic('$.a')).toBe(false);
    expect(isIntrinsic('States.Format')).toBe(false);
    expect(isIntrinsic('{% $x %}')).toBe(false);
  });
});

describe('evaluateIntrinsic', () => {
  it('computes every function of the conformance Assign example', () => {
    expect(run("States.Array('a', 'b', 'c')")).toEqual(['a', 'b', 'c']);
    expect(run('States.ArrayPartition($.inputArray, 4)')).toEqual([
      [1, 2, 3, 4],
      [5, 6],
    ]);
    expect(run('States.ArrayContains($.inputArray, 5)')).toBe(true);
    expect(run('States.ArrayContains($.inputArray, 9)')).toBe(false);
    expect(run('States.ArrayRange(1, 10, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(0, 3, 1)')).toEqual([0, 1, 2, 3]);
    expect(run('States.ArrayGetItem($.inputArray, 2)')).toBe(3);
    expect(run('States.ArrayLength($.inputArray)')).toBe(6);
    expect(run('States.ArrayUnique($.duplicateArray)')).toEqual([1, 2, 3, 4]);
    expect(run('States.Base64Encode($.rawString)')).toBe('SGVsbG8gV29ybGQ=');
    expect(run('States.Base64Decode($.encodedString)')).toBe('Hello World');
    expect(run("States.Hash($.inputString, 'SHA-256')")).toBe(createHash('sha256').update('Hash this string').digest('hex'));
    expect(run('States.JsonMerge($.json1, $.json2, false)')).toEqual({ a: 1, b: 2, c: 3, d: 4 });
    expect(run('States.StringToJson($.jsonString)')).toEqual({ key: 'value' });
    expect(run('States.JsonToString($.jsonObject)')).toBe('{"test":"object"}');
    expect(run('States.MathAdd($.value1, $.value2)')).toBe(8);
    expect(run("States.StringSplit($.csvString, ',')")).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(run("States.Format('Hello {}, welcome to {}!', $.name, $.place)")).toBe('Hello John, welcome to LocalStack!');
    expect(run('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('supports nesting, variables, the context object and negative numbers', () => {
    expect(run('States.Format($tpl, $$.Map.Item.Value)')).toBe("It's Pikachu!");
    expect(run('States.MathAdd(States.MathAdd($.value1, -1), $bias)')).toBe(8);
    expect(run("States.ArrayGetItem(States.StringSplit('a/b.c/d', '/'), 1)")).toBe('b.c');
    expect(run("States.StringSplit('This.is+a,test=string', '.+,=')")).toEqual(['This', 'is', 'a', 'test', 'string']);
  });

  it('formats with escapes and prints non-string values as JSON', () => {
    expect(run("States.Format('\\{\\} {} \\'q\\' \\\\ {}', 101, $.json1)")).toBe('{} 101 \'q\' \\ {"a":1,"b":2}');
    expect(run("States.Format('a, b (c)')")).toBe('a, b (c)');
    expect(run("States.Format('{}', true)")).toBe('true');
  });

  it('reads paths whose filters contain commas and parentheses', () => {
    expect(run('States.ArrayLength($.inputArray[?(@ > 2 && (@ < 5))])')).toBe(2);
  });

  it('returns deterministic seeded randoms within the bounds', () => {
    const first = run('States.MathRandom(1, 100, 7)');
    expect(run('States.MathRandom(1, 100, 7)')).toBe(first);
    for (let i = 0; i < 50; i += 1) {
      const value = run('States.MathRandom(3, 6)') as number;
      expect(value >= 3 && value < 6 && Number.isInteger(value)).toBe(true);
    }
  });

  it('fails with States.IntrinsicFailure naming the function and argument', () => {
    expect(failure("States.Format('{} {}', 1)")).toMatchObject({
      error: 'States.IntrinsicFailure',
      cause: 'States.Format: the format string has 2 placeholder(s) but 1 value(s) were given',
    });
    expect(failure("States.ArrayLength('x')").cause).toBe(
      "States.ArrayLength: argument 1 must be of type 'array' but was 'string' for value: \"x\"",
    );
    expect(failure('States.ArrayGetItem($.inputArray, 6)').cause).toContain('out of bounds');
    expect(failure('States.ArrayPartition($.inputArray, 0)').cause).toContain('positive integer');
    expect(failure('States.ArrayRange(0, 2000, 1)').cause).toContain('at most 1000');
    expect(failure('States.ArrayRange(0, 5, 0)').cause).toContain('must not be 0');
    expect(failure("States.StringToJson('{x')").cause).toContain('is not valid JSON');
    expect(failure("States.Base64Decode('@@@')").cause).toContain('not valid base64');
    expect(failure("States.Hash('a', 'SHA-3')").cause).toContain('MD5, SHA-1, SHA-256, SHA-384, SHA-512');
    expect(failure('States.JsonMerge($.json1, $.json2, true)').cause).toContain('only shallow merging');
    expect(failure('States.MathAdd(2147483647, 1)').cause).toContain('32-bit');
    expect(failure('States.MathRandom(5, 5)').cause).toContain('greater than the start');
    expect(failure('States.UUID(1)').cause).toBe('States.UUID: expected 0 argument(s) but received 1');
  });

  it('fails with States.Runtime for unknown functions, bad syntax and unresolvable paths', () => {
    expect(failure('States.Nope(1)')).toMatchObject({ error: 'States.Runtime' });
    expect(failure('States.Nope(1)').cause).toContain('States.Nope is not a supported function');
    expect(failure("States.Format('x'")).toMatchObject({ error: 'States.Runtime' });
    expect(failure('States.ArrayLength($.missing)').cause).toBe("Invalid path '$.missing' : No results for path: $['missing']");
  });
});
