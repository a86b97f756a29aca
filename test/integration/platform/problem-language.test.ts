/**
 * problem+json in the caller's language over real HTTP: every representative error answers
 * with its stable code (in `type`, `code` and `errors[].code`) and with English or Chinese
 * texts as `Accept-Language` asks; English stays the default. Nothing of a refused request is stored.
 */
import { startTestRuntime, type TestRuntime } from '../support/runtime';
import { decide, findTask, getService, submitExample, waitForBranches, type ServiceDoc } from '../support/flows';
import type { OneThingClient } from '../../../local/client';

let t: TestRuntime;
let citizen: OneThingClient;
let officer: OneThingClient;
let school: ServiceDoc;
let citizenToken: string;
let officerToken: string;

beforeAll(async () => {
  t = await startTestRuntime();
  citizenToken = (await t.api.request<{ token: string }>('POST', '/v1/dev/tokens', { role: 'citizen', sub: 'zh-parent' })).token;
  officerToken = (await t.api.request<{ token: string }>('POST', '/v1/dev/tokens', { role: 'officer', sub: 'o-edu', dept: 'education' }))
    .token;
  citizen = t.api.as(citizenToken);
  officer = t.api.as(officerToken);
  school = await getService(t.api, 'school-enrolment');
});
afterAll(() => t.close());

interface Answer {
  status: number;
  language: string | null;
  contentType: string | null;
  problem: { type: string; code: string; title: string; detail: string; errors?: Array<{ path: string; code: string; message: string }> };
}

async function call(method: string, path: string, opts: { token?: string; language?: string; body?: string } = {}): Promise<Answer> {
  const res = await fetch(t.api.baseUrl + path, {
    method,
    headers: {
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.language ? { 'accept-language': opts.language } : {}),
    },
    body: opts.body,
  });
  return {
    status: res.status,
    language: res.headers.get('content-language'),
    contentType: res.headers.get('content-type'),
    problem: (await res.json()) as Answer['problem'],
  };
}

/** The same request in the default language, in English and in Chinese (a browser's typical header). */
async function inEachLanguage(method: string, path: string, opts: { token?: string; body?: string } = {}) {
  const plain = await call(method, path, opts);
  const en = await call(method, path, { ...opts, language: 'en-US,en;q=0.9' });
  return { plain, en, zh: await call(method, path, { ...opts, language: 'zh-CN,zh;q=0.9,en;q=0.8' }) };
}

function expectCode(answers: Awaited<ReturnType<typeof inEachLanguage>>, status: number, code: string) {
  for (const a of Object.values(answers)) {
    expect(a.status).toBe(status);
    expect(a.contentType).toBe('application/problem+json; charset=utf-8');
    expect(a.problem.type).toBe(`https://onething.dev/problems/${code}`);
    expect(a.problem.code).toBe(code);
  }
  const withoutInstance = ({ instance: _instance, ...rest }: Answer['problem'] & { instance?: string }) => rest;
  expect(withoutInstance(answers.plain.problem)).toEqual(withoutInstance(answers.en.problem));
  expect([answers.plain.language, answers.en.language, answers.zh.language]).toEqual(['en', 'en', 'zh-CN']);
}

const HAN = /\p{Script=Han}/u;

test('401 without a token', async () => {
  const answers = await inEachLanguage('GET', '/v1/applications');
  expectCode(answers, 401, 'token-missing');
  expect(answers.en.problem).toMatchObject({ title: 'Authentication required', detail: 'Send Authorization: Bearer <token>' });
  expect(answers.zh.problem).toMatchObject({ title: '请先登录', detail: expect.stringContaining('请先登录') });
});

test('403 for a role the endpoint does not allow', async () => {
  const body = JSON.stringify({ serviceId: 'school-enrolment', form: school.formSchema.examples[0], materials: [] });
  const answers = await inEachLanguage('POST', '/v1/applications', { token: officerToken, body });
  expectCode(answers, 403, 'role-not-allowed');
  expect(answers.en.problem.detail).toBe("The role 'officer' may not call this endpoint");
  expect(answers.zh.problem).toMatchObject({ title: '无权办理', detail: '当前身份（officer）无权使用此功能。' });
});

test('404 for an application that does not exist', async () => {
  const id = 'A01J00000000000000000000000';
  const answers = await inEachLanguage('GET', `/v1/applications/${id}`, { token: citizenToken });
  expectCode(answers, 404, 'application-not-found');
  expect(answers.en.problem).toMatchObject({ title: 'Application not found', detail: `application ${id} not found` });
  expect(answers.zh.problem).toMatchObject({ title: '办件不存在', detail: `未找到办件 ${id}。` });
});

test('400 for a body that is not JSON', async () => {
  const answers = await inEachLanguage('POST', '/v1/applications', { token: citizenToken, body: '{"serviceId": "school-enrolment",' });
  expectCode(answers, 400, 'body-not-json');
  expect(answers.en.problem.detail).toBe('The request body is not valid JSON');
  expect(answers.zh.problem).toMatchObject({ title: '请求格式错误', detail: '请求内容不是有效的 JSON。' });
});

test('413 for a body over the limit', async () => {
  const body = JSON.stringify({ serviceId: 'school-enrolment', form: { pad: 'x'.repeat(300 * 1024) }, materials: [] });
  const answers = await inEachLanguage('POST', '/v1/applications', { token: citizenToken, body });
  expectCode(answers, 413, 'body-too-large');
  expect(answers.en.problem.detail).toMatch(/^The request body is \d+ bytes; the limit is \d+ bytes$/);
  expect(answers.zh.problem.title).toBe('请求内容过大');
  expect(answers.zh.problem.detail).toMatch(/^请求内容为 \d+ 字节，超过了 \d+ 字节的上限。/);
});

test('422 on nested form fields: the ID-number check character and a birth date that disagrees', async () => {
  const form = structuredClone(school.formSchema.examples[0]) as Record<string, any>;
  form.guardian.idNumber = '410102198503150011'; // check character should be 0
  form.child.birthDate = '2019-09-02'; // the child's ID number says 2019-09-01
  const body = JSON.stringify({ serviceId: 'school-enrolment', form, materials: [] });
  const answers = await inEachLanguage('POST', '/v1/applications', { token: citizenToken, body });
  expectCode(answers, 422, 'validation');
  expect(answers.en.problem.errors).toEqual([
    { path: 'form.child.birthDate', code: 'birth-date-mismatch', message: 'does not match the ID number (2019-09-01)' },
    {
      path: 'form.guardian.idNumber',
      code: 'id-number-check-character',
      message: 'invalid resident ID number: check character does not match: please re-check every digit',
    },
  ]);
  expect(answers.zh.problem.title).toBe('填写内容有误');
  expect(answers.zh.problem.errors).toEqual([
    { path: 'form.child.birthDate', code: 'birth-date-mismatch', message: '与公民身份号码中的出生日期（2019-09-01）不一致' },
    { path: 'form.guardian.idNumber', code: 'id-number-check-character', message: '公民身份号码校验码不符，请逐位核对号码' },
  ]);
  expect(answers.zh.problem.detail).toContain('form.guardian.idNumber：公民身份号码校验码不符');
  // Refused in every language: nothing was stored.
  expect((await citizen.request<{ items: unknown[] }>('GET', '/v1/applications')).items).toHaveLength(0);
});

test('409 when a department decides a branch twice', async () => {
  const id = await submitExample(citizen, school);
  await waitForBranches(citizen, id, school.departments.length);
  const task = await findTask(officer, 'education', id);
  await decide(officer, task.taskId, { decision: 'approve' });
  const answers = await inEachLanguage('POST', `/v1/tasks/${task.taskId}/decision`, {
    token: officerToken,
    body: JSON.stringify({ decision: 'reject', comment: '材料不全' }),
  });
  expectCode(answers, 409, 'decision-conflict');
  expect(answers.en.problem).toMatchObject({ title: 'Already decided', detail: `task ${task.taskId} was already decided: approve` });
  expect(answers.zh.problem).toMatchObject({ title: '已作出审核决定', detail: '该部门环节已作出审核决定，不能重复审核。' });
  expect(HAN.test(answers.en.problem.title + answers.en.problem.detail)).toBe(false);
});
