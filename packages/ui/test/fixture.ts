// Test fixture: builds the UI when stale, starts a real Logbook server over a store, and launches Debian's Chromium.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LogbookClient } from '@logbook/client';
import { createEventStore, MemoryStore } from '@logbook/core';
import type { EventStore } from '@logbook/core';
import { type RunningServer, type StartOptions, startServer } from '@logbook/server';
import { type Browser, chromium } from 'playwright-core';
import { accountView } from './demo-data.js';

export const uiRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDir = join(uiRoot, 'dist');

function newestMtime(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((e) => newestMtime(join(path, e))));
}

/** Builds dist/ with Vite when it is missing or older than any source file (the UI's or the client's it bundles). */
export async function ensureBuilt(): Promise<void> {
  const sources = Math.max(
    newestMtime(join(uiRoot, 'src')),
    newestMtime(join(uiRoot, 'index.html')),
    newestMtime(join(uiRoot, 'vite.config.ts')),
    newestMtime(join(uiRoot, '..', 'client', 'src')),
  );
  const built = statSync(join(distDir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= sources) return;
  const { build } = await import('vite');
  await build({ root: uiRoot, configFile: join(uiRoot, 'vite.config.ts'), logLevel: 'warn' });
}

export interface TestServer {
  url: string;
  client: LogbookClient;
  store: EventStore;
  running: RunningServer;
  close(): Promise<void>;
}

export async function startUiServer(options: Partial<StartOptions> & { store?: EventStore } = {}): Promise<TestServer> {
  const store = options.store ?? createEventStore(new MemoryStore());
  const running = await startServer({
    logger: false,
    processMetrics: false,
    views: { account: accountView as never },
    storeVersion: 'test',
    ...options,
    store,
    uiDir: distDir,
    host: '127.0.0.1',
    port: 0,
  });
  const client = new LogbookClient({ baseUrl: running.url });
  return { url: running.url, client, store, running, close: () => running.close() };
}

export const CHROMIUM = process.env.LOGBOOK_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, with everything that would reach for the network switched off.
 * Playwright gives each launch a fresh temporary profile (user-data-dir) and removes it on close.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return { browser, close: () => browser.close() };
}
