// Page helpers for the browser tests: console-error capture and screenshots into docs/screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { uiRoot } from './fixture.js';

export const screenshotDir = join(uiRoot, '..', '..', 'docs', 'screenshots');

export interface WatchedPage {
  page: Page;
  /** Console errors, failed requests and uncaught exceptions seen so far. */
  problems: string[];
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  options: { dark?: boolean; width?: number; height?: number; allow?: RegExp } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    colorScheme: options.dark ? 'dark' : 'light',
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const allowed = (text: string) => options.allow?.test(text) ?? false;
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowed(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Aborted requests are the UI cancelling a superseded load or closing a live tail, not failures.
    const failure = r.failure()?.errorText ?? '';
    if (!failure.includes('ERR_ABORTED')) problems.push(`request failed: ${r.url()} ${failure}`);
  });
  return { page, problems, close: () => context.close() };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: false });
}
