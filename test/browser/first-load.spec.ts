/// <reference lib="dom" />
// Issue 14 item 1: the console opened at its bare URL. Without a session the login form shows at
// once (it used to take 13-17 s of blank page and thousands of pushState calls to #/login); with
// one, `/` lands on the user's queue.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BASE_URL, loginConsole, openBrowser } from './browser';

/** Counts history.pushState calls from the first script on. */
async function countPushState(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __pushes: number };
    w.__pushes = 0;
    const push = history.pushState.bind(history);
    history.pushState = (...args: Parameters<History['pushState']>) => {
      w.__pushes += 1;
      push(...args);
    };
  });
}

const pushes = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __pushes: number }).__pushes);

describe('console first load at /', () => {
  let browser: Browser;
  let context: BrowserContext;
  beforeAll(async () => {
    ({ browser, context } = await openBrowser());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the login form within 2 s without a redirect loop', async () => {
    const page = await context.newPage();
    await countPushState(page);
    // goto resolves at the load event (scripts fetched); from there the form has 2 s. The
    // document's own transfer time depends on the machine's load, not on the console.
    await page.goto(`${BASE_URL()}/`);
    await page.getByTestId('login-username').waitFor({ timeout: 2000 });
    expect(page.url()).toMatch(/#\/login$/);
    await page.waitForTimeout(500);
    expect(await pushes(page)).toBeLessThanOrEqual(2);
    await page.close();
  });

  it('lands a signed-in user opening / on their queue', async () => {
    const page = await context.newPage();
    await loginConsole(page, 'verifikator.dukcapil');
    expect(page.url()).toContain('#/cases');
    const again = await context.newPage();
    await countPushState(again);
    await again.goto(`${BASE_URL()}/`);
    await again.locator('[data-testid^="queue-tab-"]').first().waitFor({ timeout: 2000 });
    expect(again.url()).toContain('#/cases');
    expect(await again.getByTestId('login-username').count()).toBe(0);
    expect(await pushes(again)).toBeLessThanOrEqual(2);
    await again.close();
    await page.close();
  });
});
