/**
 * An official runs a probe of school enrolment and
 * watches its live report, each step a bar against its limit, then records a finding.
 */
import type { Browser } from 'playwright-core';
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

test('an official runs a probe and reads its live report', async () => {
  const { page } = await newPage(browser);
  await signInAs(page, t.runtime.urls.api, { role: 'official', sub: 'leader-1' });
  await page.getByRole('heading', { name: '走流程（体验式办事）' }).waitFor();
  await page.getByLabel('事项').first().selectOption({ label: '教育入学一件事' });
  await page.getByRole('radio', { name: '自动巡检' }).check();
  await page.getByRole('button', { name: '开始' }).click();
  await page.waitForURL(/\/official\/walkthroughs\//);
  await page.getByRole('img', { name: '各环节已用工作日与法定时限' }).waitFor();
  await page.getByRole('row').filter({ hasText: '教育局' }).waitFor();
  expect(await seriousViolations(page).then(describeViolations)).toBe('');
  await screenshots(page, 'official-walkthrough');

  await page.getByLabel('新发现的问题').fill('办事指南未写明补正期限');
  await page.getByRole('button', { name: '记录问题' }).click();
  await page.getByText('办事指南未写明补正期限').waitFor();
});
