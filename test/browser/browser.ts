import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}
