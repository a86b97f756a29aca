import { applyResultPath, readPath, StatesError, type PathContext } from '../../../src/expressions';

const ctx = (input: unknown, variables: Record<string, unknown> = {}): PathContext => ({
  input,
  context: { Execution: { Id: 'arn:exec' }, Map: { Item: { Value: 'v', Index: 2 } } },
  variables,
});

function failure(run: () => unknown): StatesError {
  try {
    run();
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error('expected a StatesError');
}

describe('readPath', () => {
  it('reads the three roots: input, context object and variables', () => {
    const c = ctx({ a: { b: [10, 20] } }, { answer: { list: [1, 2, 3] } });
    expect(readPath('$', c)).toEqual({ a: { b: [10, 20] } });
    expect(readPath('$.a.b[1]', c)).toBe(20);
    expect(readPath("$['a']['b'][-1]", c)).toBe(20);
    expect(readPath('$$.Execution.Id', c)).toBe('arn:exec');
    expect(readPath('$$.Map.Item.Index', c)).toBe(2);
    expect(readPath('$answer.list[0]', c)).toBe(1);
    expect(readPath('$answer', c)).toEqual({ list: [1, 2, 3] });
  });

  it('returns arrays for indefinite paths, empty when nothing matches (conformance pass-jsonpath-wildcard-no-input)', () => {
    expect(readPath('$.items[*]', ctx({}))).toEqual([]);
    expect(readPath('$.a[*].b', ctx({ a: [{ b: 1 }, { c: 2 }, { b: 3 }] }))).toEqual([1, 3]);
    expect(readPath('$..id', ctx({ id: 1, x: { id: 2, y: [{ id: 3 }] } }))).toEqual([1, 2, 3]);
    expect(readPath('$.a[1:3]', ctx({ a: [1, 2, 3, 4] }))).toEqual([2, 3]);
    expect(readPath('$.a[0,2]', ctx({ a: [1, 2, 3] }))).toEqual([1, 3]);
    expect(readPath('$.o.*', ctx({ o: { x: 1, y: 2 } }))).toEqual([1, 2]);
  });

  it('evaluates filters like Jayway (conformance pass-jsonpath-filter-expression)', () => {
    const users = {
      users: [
        { year: 1997, status: 0 },
        { year: 1998, status: 1 },
      ],
    };
    expect(readPath('$.users[?(@.status == 0)]', ctx(users))).toEqual([{ year: 1997, status: 0 }]);
    expect(readPath('$.users[?(@.year > 1997 || @.status == 0)].year', ctx(users))).toEqual([1997, 1998]);
    expect(readPath('$.users[?(!(@.status == 0))].year', ctx(users))).toEqual([1998]);
    expect(readPath('$.n[?(@.name =~ /^a.*/i)].name', ctx({ n: [{ name: 'Ab' }, { name: 'b' }] }))).toEqual(['Ab']);
    expect(readPath("$.n[?(@.k in ['x','y'])].k", ctx({ n: [{ k: 'x' }, { k: 'z' }] }))).toEqual(['x']);
    expect(readPath('$.n[?(@.flag)].id', ctx({ n: [{ id: 1, flag: false }, { id: 2 }] }))).toEqual([1]);
    expect(readPath('$.n[?(@.v <= $.max)].v', ctx({ max: 2, n: [{ v: 1 }, { v: 3 }] }))).toEqual([1]);
  });

  it('keeps backslashes inside bracketed names (conformance escape-jsonpath-bracket-key)', () => {
    const input = { 'Test\\""Name"': 'Value"\\' };
    expect(readPath('$[\'Test\\""Name"\']', ctx(input))).toBe('Value"\\');
  });

  it('words unresolvable definite paths as AWS does', () => {
    expect(failure(() => readPath('$.NoSuchInputPath', ctx({ a: 1 })))).toMatchObject({
      error: 'States.Runtime',
      cause: "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    });
    expect(failure(() => readPath('$.no.such.result.path', ctx({})))).toMatchObject({
      error: 'States.Runtime',
      cause: "Invalid path '$.no.such.result.path' : Missing property in path $['no']",
    });
    expect(failure(() => readPath('$.a[5]', ctx({ a: [1] }))).cause).toBe("Invalid path '$.a[5]' : No results for path: $['a'][5]");
    expect(failure(() => readPath('$.a.b', ctx({ a: 5 }))).cause).toContain(
      "Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.Integer'",
    );
    expect(failure(() => readPath('$missing.x', ctx({}))).cause).toBe("Invalid path '$missing.x' : The variable '$missing' is not defined");
  });

  it('rejects malformed paths naming the text', () => {
    expect(failure(() => readPath('a.b', ctx({}))).cause).toContain("The JSONPath 'a.b' is invalid");
    expect(failure(() => readPath('$.a[', ctx({}))).cause).toContain("unclosed '['");
  });
});

describe('applyResultPath', () => {
  const input = { keep: 1, nested: { other: true } };

  it('handles $, undefined and null', () => {
    expect(applyResultPath(input, 'r', undefined)).toBe('r');
    expect(applyResultPath(input, 'r', '$')).toBe('r');
    expect(applyResultPath(input, 'r', null)).toBe(input);
  });

  it('places the result without mutating the input, creating objects on the way', () => {
    expect(applyResultPath(input, 5, '$.nested.result')).toEqual({ keep: 1, nested: { other: true, result: 5 } });
    expect(applyResultPath(input, 5, '$.a.b')).toEqual({ keep: 1, nested: { other: true }, a: { b: 5 } });
    expect(input).toEqual({ keep: 1, nested: { other: true } });
  });

  it('fails with States.ResultPathMatchFailure when the input cannot hold the result', () => {
    expect(failure(() => applyResultPath('text', 1, '$.x'))).toMatchObject({ error: 'States.ResultPathMatchFailure' });
    expect(failure(() => applyResultPath({ a: [1] }, 1, '$.a.b')).cause).toContain("'a' is an array");
  });

  it('accepts only reference paths', () => {
    expect(failure(() => applyResultPath({}, 1, '$.a[*]')).cause).toContain("The ResultPath '$.a[*]' is invalid");
  });
});
