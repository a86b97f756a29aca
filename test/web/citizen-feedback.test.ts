/**
 * After the result, the parent gives a 好差评 and reads
 * the messages (站内信) about the application.
 */
import type { Browser } from 'playwright-core';
import { approveInOrder, getService, submitExample } from '../integration/support/flows';
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

test('a citizen evaluates the finished application and reads the messages', async () => {
  const service: any = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'feedback-parent' });
  const id = await submitExample(citizen, service, 'feedback-1');
  await approveInOrder(t.api, citizen, id, '同意');

  const { page } = await newPage(browser);
  await signInAs(page, t.runtime.urls.api, { role: 'citizen', sub: 'feedback-parent' });
  await page.goto(`${t.runtime.urls.api}/applications/${id}`);
  await page.getByRole('heading', { name: '好差评' }).waitFor();
  await page.getByLabel('非常满意').check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('感谢您的评价。').waitFor();
  const app = await citizen.request<any>('GET', `/v1/applications/${id}`);
  expect(app.timeline.filter((e: any) => e.type === 'evaluated')).toHaveLength(1);

  await page.goto(`${t.runtime.urls.api}/messages`);
  await page.getByRole('heading', { name: '消息通知' }).waitFor();
  await page.getByRole('link', { name: '查看办件' }).first().waitFor();
  expect(await seriousViolations(page).then(describeViolations)).toBe('');
  await screenshots(page, 'citizen-messages');
});
