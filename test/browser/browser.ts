import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const BASE_URL = (): string => {
  const url = process.env.LT_BROWSER_BASE_URL;
  if (!url) throw new Error('LT_BROWSER_BASE_URL is not set: run through npm run test:browser');
  return url;
};

export const ARTIFACTS = 'test-artifacts';

/** Debian's Chromium, headless, with the flags that keep it off the (absent) network. */
export async function launch(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const INDONESIA = { locale: 'id-ID', timezoneId: 'Asia/Jakarta' } as const;

/** A context as an Indonesian office desk sees the app (id-ID, WIB, laptop screen). */
export function deskContext(browser: Browser, viewport = { width: 1366, height: 860 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, ...INDONESIA });
}

/** A context as a citizen's phone sees the portal (id-ID, WIB, a small touch screen). */
export function phoneContext(browser: Browser, viewport = { width: 360, height: 740 }): Promise<BrowserContext> {
  return browser.newContext({ viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true, ...INDONESIA });
}

/** A browser and one desk context. */
export async function openBrowser(viewport = { width: 1366, height: 860 }): Promise<{ browser: Browser; context: BrowserContext }> {
  const browser = await launch();
  return { browser, context: await deskContext(browser, viewport) };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

export const DEMO_PASSWORD = 'malang-demo-2026';

/**
 * Opens the console at its bare URL (no `#/login`, as a person types it) on a fresh document
 * and signs in; resolves once the user's queue (or, for accounts without one, the menu) shows.
 */
export async function loginConsole(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.evaluate(() => window.localStorage.clear()).catch(() => undefined);
  // A fresh document: the console caches the signed-in identity for the page's life.
  await page.goto('about:blank');
  await page.goto(`${BASE_URL()}/`);
  await page.getByTestId('login-username').waitFor({ timeout: 2000 });
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('[data-testid^="queue-tab-"]').or(page.getByTestId('menu-reports')).first().waitFor();
}

/** From the signed-in user's queue, finds a case by its tracking code in the widest queue and opens it. */
export async function openCase(page: Page, trackingCode: string): Promise<void> {
  const widest = page.getByTestId('queue-tab-opd').or(page.getByTestId('queue-tab-all')).first();
  await widest.click();
  await page.waitForLoadState('networkidle');
  const searched = page.waitForResponse((r) => r.url().includes('/api/cases?') && r.url().includes(trackingCode));
  await page.getByTestId('case-search').fill(trackingCode);
  await searched;
  await page.locator(`[data-testid="case-link-${trackingCode}"]`).click();
  await page.getByTestId('case-state').waitFor();
}

/** The API called as another person at another desk would (not through the page); throws on a non-2xx answer. */
export async function apiCall<T>(path: string, token: string | null, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`${BASE_URL()}/api${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A demo user's access token. */
export const tokenOf = async (username: string): Promise<string> =>
  (await apiCall<{ accessToken: string }>('/auth/login', null, { method: 'POST', body: { username, password: DEMO_PASSWORD } }))
    .accessToken;
