// The web UI in real headless Chromium against a real Logbook server: every page, live tail, time travel, causation.
import { parsePosition } from '@logbook/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, type WatchedPage } from './browser.js';
import { type DemoIds, seedDemo } from './demo-data.js';
import { ensureBuilt, launchBrowser, startUiServer, type TestServer } from './fixture.js';

let server: TestServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let ids: DemoIds;

beforeAll(async () => {
  await ensureBuilt();
  server = await startUiServer();
  ids = await seedDemo(server.client);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function withPage(fn: (w: WatchedPage) => Promise<void>, options?: Parameters<typeof openPage>[1]): Promise<void> {
  const w = await openPage(browser.browser, options);
  try {
    await fn(w);
    expect(w.problems).toEqual([]);
  } finally {
    await w.close();
  }
}

describe('web UI', () => {
  it('lists streams, filters by category and pages', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`${server.url}/#/streams`);
      await page.getByRole('link', { name: 'account-1', exact: true }).waitFor();
      await screenshot(page, 'streams');
      await page.getByLabel('Category').fill('order');
      await expect.poll(() => page.locator('.table-streams tbody tr').count()).toBe(4);
      expect(await page.locator('.table-streams').textContent()).not.toContain('account-1');
      // 55 streams in category "page": 50 on the first page, 5 on the next, and back.
      const appends = Array.from({ length: 55 }, (_, i) => ({
        streamId: `page-${String(i).padStart(2, '0')}`,
        events: [{ type: 'Created', data: { i } }],
      }));
      await server.client.transaction({ appends });
      await page.getByLabel('Category').fill('page');
      const rows = page.locator('.table-streams tbody tr');
      await expect.poll(() => rows.count()).toBe(50);
      await page.getByRole('button', { name: 'Next →' }).click();
      await expect.poll(() => rows.count()).toBe(5);
      expect(await rows.first().textContent()).toContain('page-50');
      await page.getByRole('button', { name: '← Previous' }).click();
      await expect.poll(() => rows.count()).toBe(50);
      expect(await rows.first().textContent()).toContain('page-00');
    });
  });

  it('shows a stream newest first, expands an event and flips the order', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`${server.url}/#/streams/account-2`);
      const rows = page.locator('[data-testid=stream-events] > li');
      await rows.first().waitFor();
      const count = await rows.count();
      expect(await rows.first().locator('.ev-num').textContent()).toBe(`#${count - 1}`);
      await rows.nth(1).locator('button.event-summary').click();
      await rows.nth(1).locator('figure.json').first().waitFor();
      await screenshot(page, 'stream');
      await page.getByRole('button', { name: 'Oldest first' }).click();
      await expect.poll(() => rows.first().locator('.ev-num').textContent()).toBe('#0');
      // Keyboard: j moves to the next event, Enter expands it.
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('j');
      await page.keyboard.press('j');
      await page.keyboard.press('Enter');
      await expect.poll(() => rows.nth(1).getAttribute('class')).toContain('open');
    });
  });

  it('moves the time-travel slider and highlights what each event changed', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`${server.url}/#/streams/account-2/travel`);
      const readout = page.getByTestId('travel-rev');
      const last = (await server.client.readStream('account-2', { direction: 'backward', limit: 1 })).events[0]!;
      await expect.poll(() => readout.textContent()).toBe(`#${last.revision}`);
      const slider = page.getByRole('slider', { name: 'Revision' });
      await slider.focus();
      await page.keyboard.press('Home');
      await expect.poll(() => readout.textContent()).toBe('#0');
      await expect.poll(() => page.getByTestId('diff-summary').textContent()).toContain('owner = "Grace Hopper"');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => readout.textContent()).toBe('#1');
      // account-2's first deposit is 50 (see demo-data): the summary names the old and new balance.
      await expect.poll(() => page.getByTestId('diff-summary').textContent()).toContain('balance 0 → 50');
      expect(await page.locator('.jl-changed').count()).toBeGreaterThan(0);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => readout.textContent()).toBe('#3');
      await expect.poll(() => page.locator('[data-testid=travel-events] .event.highlight .ev-num').textContent()).toBe('#3');
      await screenshot(page, 'time-travel');
      await page.emulateMedia({ colorScheme: 'dark' });
      await screenshot(page, 'time-travel-dark');
      await page.emulateMedia({ colorScheme: 'light' });
      // The date-time picker: a moment before the stream existed, then one after its last event.
      await page.getByTestId('travel-at').fill('2001-01-01T00:00:00');
      await page.getByTestId('travel-at-error').waitFor();
      await page.getByTestId('travel-at').fill('2099-01-01T00:00:00');
      await expect.poll(() => readout.textContent()).toBe(`#${last.revision}`);
    });
  });

  it('follows causation links up and down from an event', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`${server.url}/#/events/${ids.withdrawn}`);
      const chain = page.getByTestId('causation-chain');
      await chain.waitFor();
      await expect.poll(() => page.getByTestId('correlated').locator('.tree-item').count()).toBe(4);
      await screenshot(page, 'event');
      await chain.getByRole('link', { name: /TransferRequested/ }).click();
      await page.waitForURL(`**/#/events/${ids.requested}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('TransferRequested');
      await page
        .getByTestId('caused')
        .getByRole('link', { name: /Withdrawn/ })
        .click();
      await page.waitForURL(`**/#/events/${ids.withdrawn}`);
      await expect.poll(() => page.locator('h1').textContent()).toBe('Withdrawn');
    });
  });

  it('shows an event appended through the API in the live tail, and loses none while paused', async () => {
    await withPage(async ({ page }) => {
      await page.goto(`${server.url}/#/live`);
      await expect.poll(() => page.getByTestId('live-status').textContent()).toContain('Live');
      await server.client.append('account-9', [{ type: 'AccountOpened', data: { owner: 'Live Tester', currency: 'EUR' } }]);
      const rows = page.locator('[data-testid=live-events] > li');
      await rows.filter({ hasText: 'account-9' }).first().waitFor();

      await page.getByTestId('pause').click();
      const deposits = [1, 2, 3].map((n) => ({ type: 'Deposited', data: { amount: n } }));
      for (const d of deposits) await server.client.append('account-9', [d]);
      await expect.poll(() => page.getByTestId('pause').textContent()).toContain('3 waiting');
      expect(await rows.filter({ hasText: 'Deposited' }).count()).toBe(0);
      await page.getByTestId('pause').click();
      await expect.poll(() => rows.filter({ hasText: 'Deposited' }).count()).toBe(3);
      await screenshot(page, 'live-tail');
    });
  });

  it('shows the overview with counts, store and rate chart, in light and dark', async () => {
    // Two consumers' checkpoints, one caught up and one behind, as the read side would save them.
    const checkpoints = server.store.port.checkpoints!;
    const head = await server.store.headPosition();
    await checkpoints.write('projection:account-balances', head);
    await checkpoints.write('consumer:email-notifier', parsePosition(String(Number(head) - 12)));
    const stats = await server.client.stats();
    for (const dark of [false, true]) {
      await withPage(
        async ({ page }) => {
          await page.goto(`${server.url}/`);
          await expect.poll(() => page.getByTestId('stat-events').textContent()).toContain(String(stats.events));
          await expect.poll(() => page.getByTestId('stat-store').textContent()).toContain('memory');
          await page.locator('.chart svg').waitFor();
          const consumers = page.locator('.table tbody tr');
          await expect.poll(() => consumers.filter({ hasText: 'email-notifier' }).locator('.lag').textContent()).toBe('12');
          await expect.poll(() => consumers.filter({ hasText: 'account-balances' }).locator('.lag').textContent()).toBe('0');
          await screenshot(page, dark ? 'overview-dark' : 'overview');
        },
        { dark },
      );
    }
  });

  it('fits a phone screen', async () => {
    await withPage(
      async ({ page }) => {
        await page.goto(`${server.url}/#/streams/account-1`);
        await page.locator('[data-testid=stream-events] > li').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await screenshot(page, 'stream-phone');
      },
      { width: 390, height: 844 },
    );
  });
});

describe('web UI with tokens', () => {
  let secured: TestServer;
  beforeAll(async () => {
    secured = await startUiServer({ auth: { tokens: [{ token: 'ui-test-token', name: 'ui', read: [''], write: [''] }] } });
  });
  afterAll(async () => secured?.close());

  it('asks for a token when the server answers 401, then loads with it', async () => {
    await withPage(
      async ({ page }) => {
        await page.goto(`${secured.url}/`);
        const dialog = page.getByRole('dialog');
        await dialog.getByText('This server needs a token').waitFor();
        await dialog.getByLabel('Bearer token').fill('ui-test-token');
        await dialog.getByRole('button', { name: 'Save' }).click();
        await page.getByTestId('stat-events').waitFor();
        expect(await page.getByTestId('stat-events').textContent()).toContain('0');
      },
      // The 401s that make the UI ask for a token are logged by the browser itself.
      { allow: /status of 401/ },
    );
  });
});
