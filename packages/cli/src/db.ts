// Opens a store from a database URL: sqlite:PATH, postgres://..., or memory: (for trying things out).
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EventStore, LogbookError, MemoryStore, type StorePort } from '@logbook/core';

export const DEFAULT_DB = 'sqlite:./data/logbook.db';

export interface OpenedStore {
  store: EventStore;
  /** e.g. "@logbook/store-sqlite 0.1.0". */
  version: string;
  describe: string;
}

function packageVersion(name: string): string {
  try {
    const url = new URL(`../../${name}/package.json`, import.meta.url);
    return `@logbook/${name} ${JSON.parse(readFileSync(url, 'utf8')).version}`;
  } catch {
    return `@logbook/${name}`;
  }
}

/** Accepts sqlite:PATH, sqlite://PATH, a path ending in .db/.sqlite, postgres(ql)://..., memory: */
export async function openStore(url: string): Promise<OpenedStore> {
  let port: StorePort;
  let version: string;
  let describe = url;
  if (url === 'memory:' || url === 'memory') {
    port = new MemoryStore();
    version = packageVersion('core');
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    const { createPostgresStore } = await import('@logbook/store-postgres');
    port = createPostgresStore({ connectionString: url });
    version = packageVersion('store-postgres');
    describe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  } else if (url.startsWith('sqlite:') || /\.(db|sqlite3?)$/.test(url)) {
    const path = resolve(url.replace(/^sqlite:(\/\/)?/, ''));
    mkdirSync(dirname(path), { recursive: true });
    const { createSqliteStore } = await import('@logbook/store-sqlite');
    port = await createSqliteStore({ path });
    version = packageVersion('store-sqlite');
    describe = `sqlite:${path}`;
  } else {
    throw new LogbookError(
      'invalid_request',
      `unknown database URL ${JSON.stringify(url)}: use sqlite:PATH, postgres://... or memory:`,
    );
  }
  const store = new EventStore(port);
  try {
    await port.ping();
  } catch (e) {
    await port.close().catch(() => {});
    throw e;
  }
  return { store, version, describe };
}
