import { evaluatePathField, evaluatePayloadTemplate, StatesError, type PathContext } from '../../../src/expressions';

const ctx = (input: unknown, variables: Record<string, unknown> = {}): PathContext => ({
  input,
  context: { Map: { Item: { Value: 'Charizard', Index: 0 } } },
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

describe('evaluatePayloadTemplate', () => {
  it('resolves .$ keys from paths, the context object, variables and intrinsics', () => {
    const template = {
      static: 'Hello',
      'fromInput.$': '$',
      'title.$': '$.title',
      'item.$': '$$.Map.Item.Value',
      'name.$': '$customerName',
      'greeting.$': "States.Format('Hi {}', $customerName)",
      nested: { 'deep.$': '$.title', list: [{ 'x.$': '$.title' }, 'plain'] },
    };
    const input = { title: 'T' };
    expect(evaluatePayloadTemplate(template, ctx(input, { customerName: 'Ann' }))).toStrictEqual({
      static: 'Hello',
      fromInput: input,
      title: 'T',
      item: 'Charizard',
      name: 'Ann',
      greeting: 'Hi Ann',
      nested: { deep: 'T', list: [{ x: 'T' }, 'plain'] },
    });
  });

  it('copies values without .$ keys as written, even when they look like paths (conformance escape-string-literals-jsonpath)', () => {
    const template = { path: '$.title', intrinsic: "States.Format('{}', 1)", quote: 'An escaped quote: \\"hello\\"', n: 0.1, none: null };
    expect(evaluatePayloadTemplate(template, ctx({ title: 'T' }))).toStrictEqual(template);
    expect(evaluatePayloadTemplate('text', ctx({}))).toBe('text');
    expect(evaluatePayloadTemplate([1, { 'a.$': '$.v' }], ctx({ v: 2 }))).toStrictEqual([1, { a: 2 }]);
  });

  it('gives the same result when a template is evaluated again with another input', () => {
    const template = { 'v.$': '$.v' };
    expect(evaluatePayloadTemplate(template, ctx({ v: 1 }))).toStrictEqual({ v: 1 });
    expect(evaluatePayloadTemplate(template, ctx({ v: 2 }))).toStrictEqual({ v: 2 });
  });

  it('reports an unresolvable path with the field and the input, as AWS does', () => {
    expect(failure(() => evaluatePayloadTemplate({ 'missing.$': '$.nope.deep' }, ctx({ other: 1 })))).toMatchObject({
      error: 'States.Runtime',
      cause: "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be found in the input '{\"other\":1}'",
    });
  });

  it('passes on errors of variables and intrinsics unchanged', () => {
    expect(failure(() => evaluatePayloadTemplate({ 'a.$': '$nope' }, ctx({}))).cause).toBe(
      "Invalid path '$nope' : The variable '$nope' is not defined",
    );
    expect(failure(() => evaluatePayloadTemplate({ 'a.$': 'States.ArrayLength(1)' }, ctx({}))).error).toBe('States.IntrinsicFailure');
  });

  it('rejects a .$ key whose value is not a string, naming the field', () => {
    expect(failure(() => evaluatePayloadTemplate({ 'count.$': 3 }, ctx({}))).cause).toContain("field 'count.$'");
  });
});

describe('evaluatePathField', () => {
  const input = { Error: 'error string', Cause: 'cause string' };

  it('evaluates Fail-state paths and intrinsics (conformance fail-errorpath-causepath-intrinsic)', () => {
    expect(evaluatePathField('$.Error', 'ErrorPath', ctx(input))).toBe('error string');
    expect(
      evaluatePathField("States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)", 'CausePath', ctx(input)),
    ).toBe('This is a custom error message for error string, caused by cause string.');
  });

  it('words a missing path with the field name (conformance runtime-invalid-jsonpath-in-errorpath)', () => {
    expect(failure(() => evaluatePathField('$.ErrorX', 'ErrorPath', ctx({ Error: 'error-value' })))).toMatchObject({
      error: 'States.Runtime',
      cause: "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"error-value\"}'",
    });
    expect(failure(() => evaluatePathField('$$.Nope', 'CausePath', ctx({}))).cause).toContain('could not be found in the input \'{"Map"');
  });
});
