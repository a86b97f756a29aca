/**
 * A parent's whole school enrolment in the browser: signs in, reads the 办事指南, fills the ONE
 * form by its labels (an ID number with a wrong check character is caught in the browser),
 * uploads a material (SHA-256 computed by the page), submits with a double tap (one
 * application), answers the education bureau's one-time supplement notice listing two items
 * at once, and sees the result. axe-core runs on every page; screenshots at both sizes.
 */
import type { Browser, Page } from 'playwright-core';
import { OneThingClient, sampleFileFor } from '../../local/client';
import { decide, findTask, getService, waitForBranches, waitForStatus, type ServiceDoc } from '../integration/support/flows';
import { eventually, startTestRuntime, type TestRuntime } from '../integration/support/runtime';
import { describeViolations, launchBrowser, newPage, screenshots, seriousViolations, signInAs } from './support/browser';
import { fieldLabels, valueAt } from './support/form';

let t: TestRuntime;
let browser: Browser;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function checkPage(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations.length === 0 ? 'none' : describeViolations(violations)).toBe('none');
  await screenshots(page, name);
}

const tokenOf = (page: Page) =>
  page.evaluate(() => JSON.parse((globalThis as any).sessionStorage.getItem('onething.session') ?? '{}').token as string);

test('a citizen applies, answers a supplement listing every missing item, and sees the result', async () => {
  const base = t.runtime.urls.api;
  const service = (await getService(t.api, 'school-enrolment')) as ServiceDoc & { name: { zh: string }; formSchema: any; materials: any[] };
  const example = service.formSchema.examples[0];
  const { page } = await newPage(browser);

  await signInAs(page, base, { role: 'citizen', sub: 'web-parent' });
  await page.getByRole('heading', { name: '一件事清单' }).waitFor();
  await page.getByRole('link', { name: service.name.zh }).waitFor();
  await checkPage(page, 'citizen-catalog');

  await page.getByRole('link', { name: service.name.zh }).click();
  await page.getByRole('heading', { name: '办理部门与时限' }).waitFor();
  // The guide says which materials the data sharing replaces.
  await expectText(page, '免提交（数据共享核验）');
  await checkPage(page, 'citizen-service-guide');

  await page.getByRole('button', { name: '在线申报' }).click();
  await page.getByRole('button', { name: '提交申报' }).waitFor();
  const fields = fieldLabels(service.formSchema);
  for (const f of fields) {
    const scope = f.group ? page.getByRole('group', { name: f.group, exact: true }) : page;
    const control = scope.getByLabel(f.label, { exact: true });
    const value = valueAt(example, f.path);
    if (typeof value === 'boolean') await control.setChecked(value);
    else if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(String(value));
    else await control.fill(String(value));
  }
  // A typo in the last character of the child's ID number is caught before anything is sent.
  const childId = fields.find((f) => f.path === 'child.idNumber')!;
  const idInput = page.getByRole('group', { name: childId.group!, exact: true }).getByLabel(childId.label, { exact: true });
  const good = String(example.child.idNumber);
  await idInput.fill(`${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`);
  await idInput.blur();
  await expectText(page, '身份证号校验码不符，请逐位核对');
  await idInput.fill(good);
  await idInput.blur();

  const optional = service.materials.find((m) => !m.required)!;
  const file = sampleFileFor(optional);
  await page
    .locator(`#apply-material-${optional.id}`)
    .setInputFiles({ name: 'shebao.pdf', mimeType: file.contentType, buffer: file.bytes });
  await page.getByRole('status').filter({ hasText: 'shebao.pdf 已上传' }).waitFor();
  await checkPage(page, 'citizen-apply');

  // A double tap: the same Idempotency-Key twice, one application.
  await page.getByRole('button', { name: '提交申报' }).dblclick();
  await page.waitForURL(/\/applications\/[^/?]+/, { timeout: 10_000 }).catch(async (error: Error) => {
    // What the page said instead of moving on.
    throw new Error(`${error.message}\npage alerts: ${(await page.getByRole('alert').allInnerTexts()).join(' | ')}`);
  });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  const citizen = new OneThingClient(base).as(await tokenOf(page));
  const mine = await citizen.request<{ items: Array<{ id: string }> }>('GET', '/v1/applications?limit=10');
  expect(mine.items.map((a) => a.id)).toEqual([id]);

  // The departments open their branches; education asks for two things at once, the others approve.
  await waitForBranches(citizen, id, service.departments.length);
  const officers = new Map<string, OneThingClient>();
  for (const d of service.departments) officers.set(d.id, await t.api.login({ role: 'officer', sub: `o-${d.id}`, dept: d.id }));
  const education = officers.get('education')!;
  const eduTask = await findTask(education, 'education', id);
  await decide(education, eduTask.taskId, {
    decision: 'request-supplement',
    comment: '请补正',
    missing: [
      { field: 'child.birthDate', reason: '出生日期与户籍信息不一致，请核对' },
      { materialId: 'household-booklet', reason: '请上传户口簿首页及儿童页' },
    ],
  });
  for (const d of service.departments.filter((x) => x.id !== 'education')) {
    const o = officers.get(d.id)!;
    await decide(o, (await findTask(o, d.id, id)).taskId, { decision: 'approve', comment: '同意' });
  }
  await waitForStatus(citizen, id, 'supplement-required');

  await page.goto(`${base}/applications/${encodeURIComponent(id)}`);
  const notice = page.getByRole('region', { name: /需补正事项/ });
  await notice.waitFor();
  await expectText(notice, '部门一次性告知以下2项');
  await expectText(notice, '出生日期与户籍信息不一致，请核对');
  await expectText(notice, '请上传户口簿首页及儿童页');
  await checkPage(page, 'citizen-supplement');
  const birth = fields.find((f) => f.path === 'child.birthDate')!;
  await notice.getByLabel(birth.label, { exact: true }).fill(String(example.child.birthDate));
  const booklet = service.materials.find((m) => m.id === 'household-booklet')!;
  const bookletFile = sampleFileFor(booklet);
  await notice
    .locator(`input[type=file]`)
    .setInputFiles({ name: 'hukou.pdf', mimeType: bookletFile.contentType, buffer: bookletFile.bytes });
  await notice.getByRole('status').filter({ hasText: 'hukou.pdf 已上传' }).waitFor();
  await notice.getByRole('button', { name: '提交补正' }).click();
  await eventually(async () => {
    const app = await citizen.request<any>('GET', `/v1/applications/${id}`);
    return app.branches.find((b: any) => b.department === 'education')?.status === 'open' ? app : undefined;
  }, 'the education branch to reopen');

  const again = await findTask(education, 'education', id);
  await decide(education, again.taskId, { decision: 'approve', comment: '准予入学' });
  await waitForStatus(citizen, id, 'approved');
  await page.reload();
  await page.getByRole('heading', { name: '办理结果' }).waitFor();
  await expectText(page, '准予办理');
  await expectText(page, '办理进度');
  await checkPage(page, 'citizen-result');

  await page.goto(`${base}/applications`);
  await page.getByRole('link', { name: service.name.zh }).waitFor();
  await expectText(page, '已办结（准予）');
  await checkPage(page, 'citizen-my-applications');
});

async function expectText(scope: Pick<Page, 'getByText'>, text: string): Promise<void> {
  await scope.getByText(text, { exact: false }).first().waitFor();
}
