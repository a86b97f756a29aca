import { problemResponse, toProblem } from '../../../../functions/http/problem';
import { NotReadyError } from '../../../../functions/http/errors';
import { ConflictError, DependencyError, NotFoundError, ValidationError } from '../../../../shared/errors';
import { applicationProblem, identityField } from '../../../../shared/i18n';

const notFound = () => new NotFoundError(applicationProblem('application-not-found', { id: 'A1' }));

test('a coded error: its own type and code; title and detail in the requested language', () => {
  expect(toProblem(notFound(), 'r1')).toEqual({
    type: 'https://onething.dev/problems/application-not-found',
    code: 'application-not-found',
    title: 'Application not found',
    status: 404,
    detail: 'application A1 not found',
    instance: 'urn:onething:request:r1',
  });
  expect(toProblem(notFound(), 'r1', 'zh-CN')).toMatchObject({
    type: 'https://onething.dev/problems/application-not-found',
    code: 'application-not-found',
    title: '办件不存在',
    detail: '未找到办件 A1。',
  });
});

test('an error thrown with a plain English message gets its class code and, in Chinese, the generic texts', () => {
  const error = new ConflictError('department education is busy');
  expect(toProblem(error)).toMatchObject({
    code: 'conflict',
    title: 'Conflict with the current state',
    detail: 'department education is busy',
  });
  expect(toProblem(error, undefined, 'zh-CN')).toMatchObject({
    type: 'https://onething.dev/problems/conflict',
    title: '与当前办理状态冲突',
    detail: '该操作与办件当前的办理状态冲突。',
  });
});

test('422: every field message in the language; uncoded findings are `invalid`; the detail lists them', () => {
  const error = new ValidationError([
    identityField('form.child.idNumber', 'id-number-check-character'),
    { path: 'form.note', message: 'something a newer module says' },
  ]);
  expect(toProblem(error).errors).toEqual([
    {
      path: 'form.child.idNumber',
      code: 'id-number-check-character',
      message: 'invalid resident ID number: check character does not match: please re-check every digit',
    },
    { path: 'form.note', code: 'invalid', message: 'something a newer module says' },
  ]);
  const zh = toProblem(error, undefined, 'zh-CN');
  expect(zh).toMatchObject({ type: 'https://onething.dev/problems/validation', title: '填写内容有误' });
  expect(zh.errors).toEqual([
    { path: 'form.child.idNumber', code: 'id-number-check-character', message: '公民身份号码校验码不符，请逐位核对号码' },
    { path: 'form.note', code: 'invalid', message: '填写的内容不符合要求' },
  ]);
  expect(zh.detail).toBe('form.child.idNumber：公民身份号码校验码不符，请逐位核对号码；form.note：填写的内容不符合要求');
});

test('5xx stay hidden in both languages; an exposed 503 is translated', () => {
  const hidden = toProblem(new DependencyError('DynamoDB throttled'), undefined, 'zh-CN');
  expect(hidden).toMatchObject({ code: 'dependency-unavailable', title: '服务暂时不可用' });
  expect(hidden.detail).not.toContain('DynamoDB');
  expect(hidden.detail).toContain('instance');
  expect(toProblem(new NotReadyError('The local runtime is still starting'), undefined, 'zh-CN').detail).toBe('系统正在启动，请稍后重试。');
});

test('responses say their language and vary on Accept-Language', () => {
  const res = problemResponse(notFound(), 'r1', 'zh-CN');
  expect(res.headers['content-language']).toBe('zh-CN');
  expect(res.headers.vary).toBe('Accept-Language');
  expect(problemResponse(notFound()).headers['content-language']).toBe('en');
});
