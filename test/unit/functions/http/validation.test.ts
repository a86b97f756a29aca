import * as z from 'zod';
import { fieldPath, parseOrThrow } from '../../../../functions/http/validation';
import { ValidationError } from '../../../../shared/errors';

test('fieldPath writes dotted keys and [i] indices; an empty path names the root', () => {
  expect(fieldPath(['materials', 0, 'uploadId'])).toBe('materials[0].uploadId');
  expect(fieldPath([0, 'a', 1, 2])).toBe('[0].a[1][2]');
  expect(fieldPath([], 'body')).toBe('body');
});

test('parseOrThrow returns parsed output (defaults, coercion)', () => {
  const schema = z.object({ limit: z.coerce.number().default(20), tags: z.array(z.string()).default([]) });
  expect(parseOrThrow(schema, { limit: '7' })).toEqual({ limit: 7, tags: [] });
});

test('unknown keys of strict objects are reported one by one under their own path', () => {
  const schema = z.strictObject({ a: z.object({ b: z.string() }).strict() });
  let caught: unknown;
  try {
    parseOrThrow(schema, { a: { b: 'x', c: 1, d: 2 } }, 'body');
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ValidationError);
  expect((caught as ValidationError).errors).toEqual([
    { path: 'a.c', code: 'unknown-field', message: 'Unknown field' },
    { path: 'a.d', code: 'unknown-field', message: 'Unknown field' },
  ]);
});

test('a wrong type for the whole value is reported under the root name', () => {
  expect(() => parseOrThrow(z.object({}), [], 'body')).toThrow(
    expect.objectContaining({
      errors: [{ path: 'body', code: 'invalid-type', message: expect.any(String), params: { expected: 'object' } }],
    }),
  );
});
