/**
 * The browser side of the web e2e tests: Debian's Chromium driven by playwright-core (never a
 * downloaded browser), axe-core injected from its own source, screenshots of every page at
 * phone and desktop size written to .tmp/screenshots/ (docs/screenshots/ keeps a chosen few).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.ONETHING_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', '..', '.tmp', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Starts headless Chromium (one process, small on 2 cores); web/dist is built by the tier's global setup. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--renderer-process-limit=2'],
  });
}

/** A fresh context (its own sessionStorage) at a viewport, in zh-CN. */
export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw new Error(`page error on ${page.url()}: ${error.message}`);
  });
  return { context, page };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary?: string }>;
}

/** axe-core on the page as it is now; the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's CSP (script-src 'self') does not govern.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const g = globalThis as any;
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return (result.violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Readable violations for an assertion message. */
export const describeViolations = (vs: AxeViolation[]) =>
  vs
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 120)} ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 200)}`).join('\n  ')}`,
    )
    .join('\n');

/** Writes `<name>-<phone|desktop>.png`; the page is first resized to that viewport. */
export async function screenshot(page: Page, name: string, viewport: { width: number; height: number }): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize(viewport);
  const kind = viewport.width < 800 ? 'phone' : 'desktop';
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${kind}.png`), fullPage: true });
}

/** Both sizes, back at the viewport the page had. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? DESKTOP;
  await screenshot(page, name, PHONE);
  await screenshot(page, name, DESKTOP);
  await page.setViewportSize(before);
}

/** Signs in through the dev sign-in page as a person would. */
export async function signInAs(page: Page, baseUrl: string, who: { role: string; sub: string; deptLabel?: string }): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('角色').selectOption({ label: roleLabel(who.role) });
  if (who.deptLabel) await page.getByLabel('部门').selectOption({ label: who.deptLabel });
  await page.getByLabel('用户标识').fill(who.sub);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

const roleLabel = (role: string) =>
  ({ citizen: '申请人', proxy: '代办员', officer: '经办人', inspector: '纪检监察人员', official: '部门负责人' })[role] ?? role;
