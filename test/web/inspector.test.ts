/**
 * An inspector reads the timeliness report as charts, opens an anomaly's
 * evidence and verifies the timing logs of the period.
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

test('an inspector reads the report and verifies the timing logs', async () => {
  const service: any = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'inspected' });
  const id = await submitExample(citizen, service, 'inspected-1');
  await approveInOrder(t.api, citizen, id, '同意');

  const { page } = await newPage(browser);
  await signInAs(page, t.runtime.urls.api, { role: 'inspector', sub: 'jw-1' });
  await page.getByRole('heading', { name: '办理时效监督' }).waitFor();
  await page.getByLabel('开始日期').fill('2026-09-01');
  await page.getByLabel('结束日期').fill('2026-12-31');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByRole('img', { name: '各部门按时办结率' }).waitFor();
  await page.getByRole('row').filter({ hasText: '教育局' }).waitFor();
  expect(await seriousViolations(page).then(describeViolations)).toBe('');
  await screenshots(page, 'inspector-dashboard');

  await page.getByRole('button', { name: '完整性校验' }).click();
  await page.getByText(/已校验\d+条办件计时日志，未发现篡改/).waitFor();
  await screenshots(page, 'inspector-verify');
});
