import { readJsonBody } from '../../../../functions/http/body';
import { jsonInputErrors, MAX_JSON_DEPTH } from '../../../../functions/http/json-input';
import { ValidationError } from '../../../../shared/errors';

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const read = (body: string) => readJsonBody({ body, headers: { 'content-type': 'application/json' }, isBase64Encoded: false });
const pathsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors.map((e) => e.path);
  }
  throw new Error('accepted');
};

test('lone surrogates in values and keys are named by their path (the key shown with U+FFFD)', () => {
  expect(jsonInputErrors({ comment: 'ok \ud800' }).map((e) => e.path)).toEqual(['comment']);
  expect(jsonInputErrors({ missing: [{ reason: 'x' }, { reason: '\udc00' }] }).map((e) => e.path)).toEqual(['missing[1].reason']);
  expect(jsonInputErrors({ form: { ['k\ud800']: 'v' } }).map((e) => e.path)).toEqual(['form.k\ufffd']);
  // A well-formed pair, astral characters and control characters are fine.
  expect(jsonInputErrors({ a: '\ud83d\ude00 办 \u0000 \u2028' })).toEqual([]);
});

test(`depth: ${MAX_JSON_DEPTH} levels pass, one more is refused at the first level too deep`, () => {
  expect(jsonInputErrors(JSON.parse(nested(MAX_JSON_DEPTH)))).toEqual([]);
  expect(jsonInputErrors({ form: JSON.parse(nested(MAX_JSON_DEPTH)) })).toEqual([
    {
      path: `form${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`,
      code: 'nesting-too-deep',
      message: `nested deeper than ${MAX_JSON_DEPTH} levels`,
      params: { maxDepth: MAX_JSON_DEPTH },
    },
  ]);
});

test('a body nested 100,000 deep is a 422, not a stack overflow', () => {
  expect(pathsOf(() => read(`{"form":${nested(100_000)}}`))).toEqual([`form${'[0]'.repeat(MAX_JSON_DEPTH - 1)}`]);
});

test('numbers DynamoDB cannot store are refused (1e400 parses as Infinity)', () => {
  expect(pathsOf(() => read('{"a":1e400,"b":1e200,"c":-1e-200,"d":0,"e":-0,"f":1.5e125,"g":1e-130}'))).toEqual(['a', 'b', 'c']);
});

test('the reserved key __proto__ is refused instead of silently dropped', () => {
  expect(pathsOf(() => read('{"form":{"__proto__":{"x":1}}}'))).toEqual(['form.__proto__']);
});

test('at most 20 findings', () => {
  expect(jsonInputErrors(Array.from({ length: 100 }, () => '\ud800'))).toHaveLength(20);
});
