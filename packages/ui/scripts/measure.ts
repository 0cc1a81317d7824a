// Measures how long the UI's pages take to show data from a large SQLite store (see gen-big-store.ts).
// Usage: npx tsx scripts/measure.ts [path=.tmp/big.db] [runs=5]   (ONLY=<label part> runs one measurement)
import { createEventStore } from '@logbook/core';
import { createSqliteStore } from '@logbook/store-sqlite';
import type { Page } from 'playwright-core';
import { ensureBuilt, launchBrowser, startUiServer } from '../test/fixture.js';

const [path = '.tmp/big.db', runsArg = '5'] = process.argv.slice(2);
const runs = Number(runsArg);

await ensureBuilt();
const port = await createSqliteStore({ path });
const server = await startUiServer({ store: createEventStore(port), storeVersion: 'sqlite' });
const { browser, close } = await launchBrowser();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function time(label: string, hash: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  if (process.env.ONLY && !label.includes(process.env.ONLY)) return;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(`${server.url}/#${hash}`);
    await ready(page);
    samples.push(performance.now() - t0);
    await context.close();
  }
  console.log(
    `${label}: median ${median(samples).toFixed(0)} ms (min ${Math.min(...samples).toFixed(0)}, max ${Math.max(...samples).toFixed(0)}, ${runs} runs)`,
  );
}

const stats = await server.client.stats();
console.log(`store: ${stats.events} events, ${stats.streams} streams (${stats.store.kind})`);
// Baseline: a new browser tab loading the app and rendering a page that fetches nothing.
await time('app shell only (baseline, no API call)', '/nothing-here', (page) => page.getByText('Nothing here').waitFor());
await time('overview (counts + chart)', '/', async (page) => {
  await page
    .getByTestId('stat-events')
    .filter({ hasText: stats.events.toLocaleString('en-US') })
    .waitFor();
  await page.locator('.chart svg, .chart-empty').first().waitFor();
});
await time('streams list (first page)', '/streams', (page) => page.locator('.table-streams tbody tr').first().waitFor());
await time('stream page, 100,000-event stream (newest 100)', '/streams/account-big', async (page) => {
  await page.locator('[data-testid=stream-events] > li').nth(99).waitFor();
  await page.getByTestId('stream-count').waitFor();
});
await time('stream page, oldest first, jump to #50,000', '/streams/account-big?dir=forward&from=50000', (page) =>
  page.locator('[data-testid=stream-events] > li').nth(99).waitFor(),
);
await time('time travel on the 100,000-event stream at #99,999 (server folds the view)', '/streams/account-big/travel', (page) =>
  page.getByTestId('diff-summary').waitFor({ timeout: 120_000 }),
);
// Playwright's own probes starve while Chromium swallows the catch-up flood on a 2-core machine,
// so the page times itself: from switching "From" to "start" until the first row and a full screen of rows exist.
async function liveTail(): Promise<void> {
  if (process.env.ONLY && !'live tail'.includes(process.env.ONLY)) return;
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await page.goto(`${server.url}/#/live`);
  await page.getByTestId('live-status').filter({ hasText: 'Live' }).waitFor();
  await page.evaluate(
    (total) => {
      const w = window as unknown as Record<string, number>;
      const t0 = performance.now();
      new MutationObserver(() => {
        const rows = document.querySelectorAll('[data-testid=live-events] > li').length;
        if (rows > 0 && w.first === undefined) w.first = performance.now() - t0;
        if (rows >= 300 && w.full === undefined) w.full = performance.now() - t0;
        const counts = document.querySelector('[data-testid=live-counts]')?.textContent ?? '';
        if (counts.startsWith(total) && w.all === undefined) w.all = performance.now() - t0;
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
      const select = document.querySelector('select') as HTMLSelectElement;
      select.value = 'start';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    },
    `${stats.events.toLocaleString('en-US')} received`,
  );
  await page.waitForFunction(() => (window as unknown as Record<string, number>).all !== undefined, undefined, {
    timeout: 300_000,
  });
  const { first, full, all } = await page.evaluate(() => {
    const w = window as unknown as Record<string, number>;
    return { first: w.first, full: w.full, all: w.all };
  });
  console.log(
    `live tail from the start of the log: first row ${first!.toFixed(0)} ms, 300 rows ${full!.toFixed(0)} ms, ` +
      `all ${stats.events} events received in ${(all! / 1000).toFixed(1)} s (${Math.round(stats.events / (all! / 1000))} events/s)`,
  );
  await page.close();
}
await liveTail();

await close();
await server.close();
