import { deepClone, jsonTypeName, parseTimestamp, toAwsJsonString } from '../../../src/expressions';

describe('json helpers', () => {
  it('names JSON types as AWS does', () => {
    expect([[], {}, 1, 's', true, null].map(jsonTypeName)).toEqual(['array', 'object', 'number', 'string', 'boolean', 'null']);
  });

  it('prints compact JSON, never the word undefined', () => {
    expect(toAwsJsonString({ a: [1, 'x'], b: null })).toBe('{"a":[1,"x"],"b":null}');
    expect(toAwsJsonString(undefined)).toBe('null');
  });

  it('deep-clones without sharing structure', () => {
    const original = { a: [{ b: 1 }], c: 'x' };
    const copy = deepClone(original);
    expect(copy).toStrictEqual(original);
    copy.a[0]!.b = 2;
    expect(original.a[0]!.b).toBe(1);
  });
});

describe('parseTimestamp', () => {
  it('accepts RFC 3339 with offsets and nanoseconds (conformance wait-* cases)', () => {
    expect(parseTimestamp('2016-03-14T01:59:00Z')).toEqual([Date.UTC(2016, 2, 14, 1, 59) / 1000, 0]);
    expect(parseTimestamp('2016-03-05T21:29:29.243167252Z')?.[1]).toBe(243167252);
    expect(parseTimestamp('2016-03-14T09:59:00+08:00')).toEqual(parseTimestamp('2016-03-14T01:59:00Z'));
  });

  it('rejects what AWS rejects', () => {
    for (const text of ['2016-12-05T21:29:29', '2016-12-05 21:29:29Z', '2016-12-05T25:29:29Z', '2016-02-30T00:00:00Z', 42]) {
      expect(parseTimestamp(text)).toBeUndefined();
    }
  });
});
