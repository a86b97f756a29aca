/**
 * Every page, for every role, in both sizes: axe-core reports no serious or critical violation,
 * every control can be reached with the Tab key, the large-text mode (适老化) makes the text
 * bigger without pushing the phone layout sideways, and the English switch changes the page
 * and what the API is asked for. Screenshots of each page go to .tmp/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { getService, submitExample, waitForBranches } from '../integration/support/flows';
import { startTestRuntime, type TestRuntime } from '../integration/support/runtime';
import { describeViolations, launchBrowser, newPage, PHONE, screenshots, seriousViolations, signInAs } from './support/browser';

let t: TestRuntime;
let browser: Browser;
let applicationId: string;
beforeAll(async () => {
  [t, browser] = await Promise.all([startTestRuntime(), launchBrowser()]);
  const service: any = await getService(t.api, 'school-enrolment');
  const citizen = await t.api.login({ role: 'citizen', sub: 'pages-parent' });
  applicationId = await submitExample(citizen, service, 'pages-1');
  await waitForBranches(citizen, applicationId, service.departments.length);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Tabs through the page and returns the interactive elements that focus never reached. */
async function unreachableByKeyboard(page: Page): Promise<string[]> {
  const ids = await page.evaluate(() => {
    const g = globalThis as any;
    const all = [...g.document.querySelectorAll('a[href], button, input, select, textarea, [tabindex="0"]')].filter(
      (el: any) => !el.disabled && el.offsetParent !== null && el.getAttribute('tabindex') !== '-1',
    );
    all.forEach((el: any, i: number) => el.setAttribute('data-kb', String(i)));
    return all.length;
  });
  const seen = new Set<string>();
  await page.locator('body').focus();
  for (let i = 0; i < ids + 5; i++) {
    await page.keyboard.press('Tab');
    const kb = await page.evaluate(() => (globalThis as any).document.activeElement?.getAttribute('data-kb') ?? null);
    if (kb !== null) seen.add(kb);
  }
  return page.evaluate(
    (reached) =>
      [...(globalThis as any).document.querySelectorAll('[data-kb]')]
        .filter((el: any) => !reached.includes(el.getAttribute('data-kb')))
        .map((el: any) => el.outerHTML.slice(0, 100)),
    [...seen],
  );
}

async function checkPage(page: Page, name: string): Promise<void> {
  for (const viewport of [PHONE, { width: 1440, height: 900 }]) {
    await page.setViewportSize(viewport);
    const violations = await seriousViolations(page);
    expect(`${name} @${viewport.width}: ${violations.length === 0 ? 'none' : describeViolations(violations)}`).toBe(
      `${name} @${viewport.width}: none`,
    );
  }
  expect(await unreachableByKeyboard(page)).toEqual([]);
  await screenshots(page, name);
}

const pages: Array<{ name: string; who?: { role: string; sub: string; deptLabel?: string }; path: () => string; ready: string }> = [
  { name: 'sign-in', path: () => '/sign-in', ready: '登录' },
  { name: 'catalog', path: () => '/', ready: '一件事清单' },
  { name: 'service-guide', path: () => '/services/construction-permit', ready: '办理部门与时限' },
  { name: 'not-found', path: () => '/no/such/page', ready: '页面不存在' },
  { name: 'application', who: { role: 'citizen', sub: 'pages-parent' }, path: () => `/applications/${applicationId}`, ready: '部门环节' },
  {
    name: 'apply-proxy',
    who: { role: 'proxy', sub: 'pages-proxy' },
    path: () => '/services/school-enrolment/apply',
    ready: '代办信息（为谁办理）',
  },
  { name: 'inbox', who: { role: 'officer', sub: 'pages-edu', deptLabel: '教育局' }, path: () => '/officer', ready: '教育局 待办事项' },
];

test.each(pages)('$name: no serious accessibility violation, every control reachable by keyboard', async ({ name, who, path, ready }) => {
  const { page, context } = await newPage(browser);
  try {
    if (who) await signInAs(page, t.runtime.urls.api, who);
    await page.goto(`${t.runtime.urls.api}${path()}`);
    await page
      .getByRole('heading', { name: ready })
      .or(page.getByRole('group', { name: ready }))
      .first()
      .waitFor();
    await checkPage(page, `page-${name}`);
  } finally {
    await context.close();
  }
});

test('the large-text mode makes the text bigger and keeps the phone layout within the screen', async () => {
  const { page, context } = await newPage(browser, PHONE);
  try {
    await page.goto(`${t.runtime.urls.api}/services/school-enrolment`);
    await page.getByRole('heading', { name: '办理部门与时限' }).waitFor();
    const size = () =>
      page.evaluate(() => parseFloat((globalThis as any).getComputedStyle((globalThis as any).document.documentElement).fontSize));
    const normal = await size();
    await page.getByRole('button', { name: '大字模式' }).click();
    expect(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed')).toBe('true');
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.25);
    const overflow = await page.evaluate(() => {
      const d = (globalThis as any).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshots(page, 'page-service-guide-large-text');
    // Remembered: the next visit opens in large text.
    await page.reload();
    await page.getByRole('heading', { name: '办理部门与时限' }).waitFor();
    expect(await size()).toBeGreaterThanOrEqual(normal * 1.25);
  } finally {
    await context.close();
  }
});

test('the English switch changes the page and asks the API in English', async () => {
  const { page, context } = await newPage(browser);
  try {
    await page.goto(`${t.runtime.urls.api}/`);
    await page.getByRole('heading', { name: '一件事清单' }).waitFor();
    const asked = page.waitForRequest((r) => r.url().includes('/v1/services/') && r.headers()['accept-language'] === 'en');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'One-thing services' }).waitFor();
    await page.getByRole('link', { name: 'School enrolment' }).click();
    await asked;
    await page.getByRole('heading', { name: 'Departments and time limits' }).waitFor();
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '办理部门与时限' }).waitFor();
  } finally {
    await context.close();
  }
});
