import { bodyBytes, header, readJsonBody } from '../../../../functions/http/body';
import { MalformedRequestError, PayloadTooLargeError } from '../../../../shared/errors';
import { UnsupportedMediaTypeError } from '../../../../functions/http/errors';

const json = { 'content-type': 'application/json' };

test('bodyBytes counts UTF-8 bytes and decoded base64 bytes without decoding', () => {
  expect(bodyBytes('办成', false)).toBe(6);
  for (const n of [0, 1, 2, 3, 4, 100]) {
    const b64 = Buffer.alloc(n, 7).toString('base64');
    expect(bodyBytes(b64, true)).toBe(n);
  }
});

test('header lookup ignores case', () => {
  expect(header({ 'Idempotency-Key': 'k' }, 'idempotency-key')).toBe('k');
  expect(header(undefined, 'x')).toBeUndefined();
});

test('readJsonBody accepts application/json with parameters and +json types', () => {
  expect(readJsonBody({ body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' }, isBase64Encoded: false })).toEqual(
    { a: 1 },
  );
  expect(readJsonBody({ body: '[1]', headers: { 'content-type': 'application/merge-patch+json' }, isBase64Encoded: false })).toEqual([1]);
});

test('readJsonBody: the limit is exact, and checked before the media type', () => {
  const limit = 10;
  expect(readJsonBody({ body: '"12345678"', headers: json, isBase64Encoded: false }, limit)).toBe('12345678');
  expect(() => readJsonBody({ body: '"123456789"', headers: json, isBase64Encoded: false }, limit)).toThrow(PayloadTooLargeError);
  expect(() => readJsonBody({ body: '"123456789"', headers: {}, isBase64Encoded: false }, limit)).toThrow(PayloadTooLargeError);
  expect(() =>
    readJsonBody({ body: '{}', headers: { 'content-type': 'application/x-www-form-urlencoded' }, isBase64Encoded: false }),
  ).toThrow(UnsupportedMediaTypeError);
  expect(() => readJsonBody({ body: '{', headers: json, isBase64Encoded: false })).toThrow(MalformedRequestError);
});
