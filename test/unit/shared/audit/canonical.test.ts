import { canonicalJson, CanonicalJsonError } from '../../../../shared/audit/canonical';

test('RFC 8785 section 3.2.2 example', () => {
  const input = {
    // eslint-disable-next-line no-loss-of-precision -- the test feeds a literal that is not exactly representable
    numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
    string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
    literals: [null, true, false],
  };
  expect(canonicalJson(input)).toBe(
    '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  );
});

test('RFC 8785 section 3.2.3: keys sorted by UTF-16 code units', () => {
  const input = {
    '\u20ac': 'Euro Sign',
    '\r': 'Carriage Return',
    '\ufb33': 'Hebrew Letter Dalet With Dagesh',
    '1': 'One',
    '\ud83d\ude00': 'Emoji: Grinning Face',
    '\u0080': 'Control',
    '\u00f6': 'Latin Small Letter O With Diaeresis',
  };
  // Not via JSON.parse: objects list integer-like keys such as '1' first.
  expect(canonicalJson(input)).toBe(
    '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  );
});

test.each([
  [0, '0'],
  [-0, '0'],
  [1e21, '1e+21'],
  [1e-7, '1e-7'],
  [9007199254740992, '9007199254740992'],
  [0.000001, '0.000001'],
  [-1.5, '-1.5'],
])('number %p -> %s (ECMAScript serialisation)', (n, text) => {
  expect(canonicalJson(n)).toBe(text);
});

test('nested objects are sorted at every level; undefined properties are left out', () => {
  expect(canonicalJson({ b: { d: 1, c: [{ z: 1, y: undefined, x: '中文' }] }, a: undefined })).toBe(
    '{"b":{"c":[{"x":"中文","z":1}],"d":1}}',
  );
  expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
});

test.each([
  ['NaN', { a: Number.NaN }, '$.a'],
  ['Infinity', { a: [1, Number.POSITIVE_INFINITY] }, '$.a[1]'],
  ['bigint', { a: 1n }, '$.a'],
  ['a function', { a: () => 1 }, '$.a'],
  ['a Date', { at: new Date(0) }, '$.at'],
  ['a Map', { m: new Map() }, '$.m'],
  ['undefined in an array', { a: [1, undefined] }, '$.a[1]'],
  ['a lone surrogate', { s: 'a\ud800b' }, '$.s'],
  ['undefined at the top', undefined, '$'],
])('%s is refused with its path', (_case, value, path) => {
  expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  expect(() => canonicalJson(value)).toThrow(new RegExp(`^${path.replace(/[$.[\]]/g, '\\$&')}: `));
});

test('a circular reference is refused', () => {
  const a: Record<string, unknown> = {};
  a.self = a;
  expect(() => canonicalJson(a)).toThrow(/circular reference/);
});
