/**
 * Officers work their inboxes in the browser: the public-security officer finds the new task
 * (soonest due first), reads only what the department may see with the data-sharing results,
 * and sends ONE supplement notice listing two missing items; the task moves to the 待申请人补正
 * tab. The education officer approves from the task page.
 */
import type { Browser, Page } from 'playwright-core';
import { getApplication, getService, submitExample, waitForBranches } from '../integration/support/flows';
import { startTestRuntime, type TestRuntime } from '../integration/support/runtime';
import { describeViolations, launchBrowser, newPage, screenshots, seriousViolations, signInAs } from './support/browser';

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

test('an officer works the inbox: one notice listing every missing item; another approves', async () => {
  const base = t.runtime.urls.api;
  const service: any = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'web-officer-flow' });
  const id = await submitExample(citizen, service, 'officer-flow-1');
  await waitForBranches(citizen, id, service.departments.length);
  const deptName = (dept: string) => service.departments.find((d: any) => d.id === dept).name.zh as string;

  const { page } = await newPage(browser);
  await signInAs(page, base, { role: 'officer', sub: 'o-ps', deptLabel: deptName('public-security') });
  await page.getByRole('heading', { name: `${deptName('public-security')} 待办事项` }).waitFor();
  const row = page.getByRole('row').filter({ hasText: id });
  await row.waitFor();
  await checkPage(page, 'officer-inbox');

  await row.getByRole('link', { name: service.name.zh }).click();
  await page.getByRole('heading', { name: '数据共享核验' }).waitFor();
  await page
    .getByText(/核验(未)?通过/)
    .first()
    .waitFor();
  await checkPage(page, 'officer-task');

  await page.getByLabel('一次性告知补正材料').check();
  await page.getByLabel('需补正事项1').selectOption({ label: '材料：户口簿' });
  await page.getByLabel('补正原因').first().fill('户口簿信息不清晰，请重新上传');
  await page.getByRole('button', { name: '再加一项' }).click();
  const fieldOption = await page
    .getByLabel('需补正事项2')
    .locator('option')
    .filter({ hasText: /^字段：.*(idNumber|身份证|身份号码)/ })
    .first()
    .getAttribute('value');
  await page.getByLabel('需补正事项2').selectOption(fieldOption);
  await page.getByLabel('补正原因').nth(1).fill('儿童身份证号与户籍不符');
  await page.getByLabel('审核意见', { exact: true }).fill('请一次性补正以上两项');
  await checkPage(page, 'officer-request-supplement');
  await page.getByRole('button', { name: '提交审核意见' }).click();
  await page.waitForURL(/\/officer\?tab=open/);

  await page.getByRole('tab', { name: '待申请人补正' }).click();
  await page.getByRole('row').filter({ hasText: id }).waitFor();
  await checkPage(page, 'officer-inbox-waiting');

  const app = await getApplication(citizen, id);
  const ps = app.branches.find((b: any) => b.department === 'public-security');
  expect(ps.status).toBe('supplement-required');
  expect(ps.supplementRequests).toHaveLength(1);
  expect(ps.supplementRequests[0].missing).toEqual([
    { materialId: 'household-booklet', reason: '户口簿信息不清晰，请重新上传' },
    { field: fieldOption!.replace(/^field:/, ''), reason: '儿童身份证号与户籍不符' },
  ]);

  // Another department's officer approves from the task page.
  const second = await newPage(browser);
  await signInAs(second.page, base, { role: 'officer', sub: 'o-edu', deptLabel: deptName('education') });
  await second.page.getByRole('row').filter({ hasText: id }).getByRole('link').click();
  await second.page.getByRole('button', { name: '提交审核意见' }).waitFor();
  await second.page.getByLabel('审核意见', { exact: true }).fill('符合入学条件');
  await second.page.getByRole('button', { name: '提交审核意见' }).click();
  await second.page.waitForURL(/\/officer\?tab=open/);
  await second.page.getByRole('tab', { name: '已办结' }).click();
  await second.page.getByRole('row').filter({ hasText: id }).waitFor();
  const after = await getApplication(citizen, id);
  expect(after.branches.find((b: any) => b.department === 'education')).toMatchObject({ status: 'approved', comment: '符合入学条件' });
});
