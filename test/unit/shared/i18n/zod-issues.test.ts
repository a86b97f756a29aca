import * as z from 'zod';
import { residentIdNumber } from '../../../../shared/identity';
import { fieldErrorsFromIssues } from '../../../../shared/i18n/zod-issues';
import { fieldMessageTexts, render } from '../../../../shared/i18n';

const dotted = (segments: readonly PropertyKey[]) => segments.map(String).join('.');
const errorsOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) throw new Error('expected a failure');
  return fieldErrorsFromIssues(result.error.issues, dotted);
};
const zhOf = (e: { code: string; params?: Record<string, string | number> }) => render(fieldMessageTexts(e.code)!.zh, e.params);

test('zod issue kinds map to codes with their params; default messages become the catalog English', () => {
  const schema = z.strictObject({
    name: z.string().min(1),
    note: z.string().min(3).max(5),
    age: z.number().int().min(6),
    tags: z.array(z.string()).min(1),
    stage: z.enum(['primary', 'junior-secondary']),
    born: z.iso.date(),
    flag: z.boolean(),
  });
  const errors = errorsOf(schema, { name: '', note: 'x', age: 3, tags: [], stage: 'x', born: '2020-13-01', flag: 'yes', extra: 1 });
  expect(errors).toEqual([
    { path: 'name', code: 'required', message: 'Required' },
    { path: 'note', code: 'too-short', message: 'Must be at least 3 characters', params: { minimum: 3 } },
    { path: 'age', code: 'too-small', message: 'Must be at least 6', params: { minimum: 6 } },
    { path: 'tags', code: 'too-few-items', message: 'Must have at least 1 items', params: { minimum: 1 } },
    {
      path: 'stage',
      code: 'invalid-option',
      message: 'Must be one of: primary, junior-secondary',
      params: { options: 'primary, junior-secondary' },
    },
    { path: 'born', code: 'invalid-date', message: 'Must be a date (YYYY-MM-DD)' },
    { path: 'flag', code: 'invalid-type', message: 'Expected boolean', params: { expected: 'boolean' } },
    { path: 'extra', code: 'unknown-field', message: 'Unknown field' },
  ]);
  expect(errors.map(zhOf)).toEqual([
    '此项为必填项',
    '至少填写 3 个字符',
    '不能小于 6',
    '至少需要 1 项',
    '请从以下选项中选择：primary, junior-secondary',
    '请填写有效日期（年-月-日，如 2020-09-01）',
    '填写的内容类型不正确（应为 boolean）',
    '不应有此字段',
  ]);
});

test('a missing field is `required`, with or without reportInput', () => {
  const schema = z.object({ a: z.string() });
  expect(errorsOf(schema, {})).toEqual([{ path: 'a', code: 'required', message: 'Required' }]);
  const plain = schema.safeParse({});
  expect(fieldErrorsFromIssues(plain.error!.issues, dotted)).toEqual([{ path: 'a', code: 'required', message: 'Required' }]);
});

test("a schema's own message is kept in English; a registered one gives its code", () => {
  const schema = z.object({
    pattern: z.string().regex(/^\d+$/, 'digits only'),
    phone: z.string().regex(/^1[3-9]\d{9}$/, 'expected an 11-digit mobile number'),
  });
  expect(errorsOf(schema, { pattern: 'x', phone: '123' })).toEqual([
    { path: 'pattern', code: 'invalid-format', message: 'digits only' },
    { path: 'phone', code: 'mobile-phone-format', message: 'expected an 11-digit mobile number' },
  ]);
});

test('ID-number checks carry their code and params (custom issues with params.code)', () => {
  const schema = z.object({ id: residentIdNumber() });
  const [check] = errorsOf(schema, { id: '410102198503150011' });
  expect(check).toEqual({
    path: 'id',
    code: 'id-number-check-character',
    message: 'invalid resident ID number: check character does not match: please re-check every digit',
  });
  expect(zhOf(check!)).toBe('公民身份号码校验码不符，请逐位核对号码');
  const [short] = errorsOf(schema, { id: '4101' });
  expect(short).toMatchObject({ code: 'id-number-length', params: { length: 4 } });
  expect(zhOf(short!)).toBe('公民身份号码应为18位，当前为4位');
});

test('a custom issue without a registered code is `invalid` and keeps its message', () => {
  const schema = z.object({ a: z.string().refine(() => false, 'a reason nobody registered') });
  expect(errorsOf(schema, { a: 'x' })).toEqual([{ path: 'a', code: 'invalid', message: 'a reason nobody registered' }]);
});
