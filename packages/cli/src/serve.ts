// `logbook serve`: open the store, seed the bank demo on first start, register its views, serve the API and the UI.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { EventStore, EventStoreExtension } from '@logbook/core';
import { type Views, loadAuthConfig, startServer } from '@logbook/server';
import { pino } from 'pino';
import { DEFAULT_DB, openStore } from './db.js';

export interface ServeFlags {
  db?: string;
  host: string;
  port: string;
  tokens?: string;
  insecure?: boolean;
  seed: boolean;
  ui?: string;
  logLevel: string;
}

const DEFAULT_UI = fileURLToPath(new URL('../../ui/dist', import.meta.url));

interface BankModule {
  seedDemoData?: (store: EventStore) => Promise<unknown>;
  views?: Views;
  bankViews?: Views;
  bankUpcasters?: () => { extension(): EventStoreExtension };
  [name: string]: unknown;
}

/** The bank example, when present: its demo data and the views it registers for time travel. */
async function loadBank(): Promise<BankModule | undefined> {
  try {
    return (await import('@logbook/example-bank')) as BankModule;
  } catch {
    return undefined;
  }
}

function viewsOf(bank: BankModule | undefined): Views {
  if (!bank) return {};
  const named = bank.views ?? bank.bankViews;
  if (named && typeof named === 'object') return named;
  // Otherwise any export shaped like a view and naming its category: { category, initialState, evolve }.
  const views: Views = {};
  for (const value of Object.values(bank)) {
    const v = value as { category?: unknown; initialState?: unknown; evolve?: unknown } | null;
    if (v && typeof v === 'object' && typeof v.category === 'string' && typeof v.evolve === 'function' && 'initialState' in v) {
      views[v.category] = v as never;
    }
  }
  return views;
}

export async function serve(flags: ServeFlags): Promise<void> {
  const logger = pino({ name: 'logbook', level: flags.logLevel });
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${flags.port}`);
  const auth = loadAuthConfig(flags.tokens);
  const { store, version, describe } = await openStore(flags.db ?? process.env.LOGBOOK_DB ?? DEFAULT_DB);
  const bank = await loadBank();
  // The bank's old event versions are upcasted on every read, so the UI and time travel see the current shapes.
  if (typeof bank?.bankUpcasters === 'function') store.use(bank.bankUpcasters().extension());
  const seed = flags.seed && bank?.seedDemoData && (await store.stats().catch(() => undefined))?.events === 0n;
  const uiDir = flags.ui ?? DEFAULT_UI;
  const hasUi = existsSync(`${uiDir}/index.html`);
  const running = await startServer({
    store,
    auth,
    logger,
    views: viewsOf(bank),
    uiDir: hasUi ? uiDir : undefined,
    storeVersion: version,
    host: flags.host,
    port,
    insecure: flags.insecure,
    handleSignals: true,
    onSignalClosed: () => process.exit(0),
  }).catch(async (e) => {
    await store.close();
    throw e;
  });
  if (seed && bank?.seedDemoData) {
    // Seeded after the server started: its related-events projection indexes the demo data as it lands.
    logger.info('empty store: seeding the bank example demo data');
    try {
      await bank.seedDemoData(store);
    } catch (e) {
      await running.close();
      throw e;
    }
  }
  const views = Object.keys(viewsOf(bank));
  process.stderr.write(
    `logbook serving ${describe} on ${running.url}` +
      `${hasUi ? ` (web UI at ${running.url}/)` : ' (no built UI found)'}` +
      `${views.length ? `, time travel for: ${views.join(', ')}` : ''}\n`,
  );
}
