// Logbook subjects: the public EventStore API over the memory, SQLite and PostgreSQL stores.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, MemoryStore, type StorePort } from '@logbook/core';
import { type BenchEvent, foldBalance } from '../payload.js';
import type { BenchPostgres } from '../postgres.js';
import type { Backend, Follower, Session, Subject } from './types.js';

type SqliteModule = {
  createSqliteStore(options: { path: string; synchronous?: 'FULL'; groupCommit?: boolean }): Promise<StorePort>;
};
type PostgresModule = {
  createPostgresStore(options: { connectionString: string; schema?: string }): StorePort | Promise<StorePort>;
};

export function logbookSession(port: StorePort, cleanup: () => Promise<void> = async () => {}): Session {
  const store = new EventStore(port);
  return {
    async append(streamId, last, events) {
      await store.append(streamId, events as BenchEvent[] as never, {
        expectedRevision: last < 0 ? 'no_stream' : BigInt(last),
      });
    },
    async fold(streamId) {
      let balance = 0;
      let events = 0;
      for await (const e of store.readStream(streamId)) {
        balance = foldBalance(balance, e.data);
        events++;
      }
      return { events, balance };
    },
    async scanAll() {
      let count = 0;
      const sub = store.subscribe({ from: 'start' }, () => {
        count++;
      });
      await sub.caughtUp;
      await sub.stop();
      return count;
    },
    async follow(onEvent: Follower) {
      const sub = store.subscribe({ from: 'end' }, (e) => onEvent(e.data as BenchEvent['data']));
      // 'end' is resolved on the first read; wait for it so no event appended after follow() returns is missed.
      await sub.caughtUp;
      return () => sub.stop();
    },
    async close() {
      await store.close();
      await cleanup();
    },
  };
}

/** A fresh empty Logbook store port on `backend`, and what to do after closing it. */
export async function openLogbookPort(
  backend: Backend,
  server: BenchPostgres | undefined,
): Promise<{ port: StorePort; cleanup: () => Promise<void>; path?: string; url?: string }> {
  if (backend === 'memory') return { port: new MemoryStore(), cleanup: async () => {} };
  if (backend === 'sqlite') {
    const mod = (await import('@logbook/store-sqlite')) as unknown as SqliteModule;
    const dir = mkdtempSync(join(tmpdir(), 'logbook-bench-'));
    // Durable like the raw baseline (synchronous=FULL), with group commit on (the store's default).
    const path = join(dir, 'logbook.db');
    const port = await mod.createSqliteStore({ path, synchronous: 'FULL', groupCommit: true });
    return { port, path, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  if (!server) throw new Error('no PostgreSQL server');
  const mod = (await import('@logbook/store-postgres')) as unknown as PostgresModule;
  const db = await server.freshDatabase('logbook');
  const port = await mod.createPostgresStore({ connectionString: db.url });
  return { port, url: db.url, cleanup: () => db.drop() };
}

export function logbookSubject(backend: Backend, server?: BenchPostgres): Subject {
  return {
    impl: 'logbook',
    backend,
    label: `logbook/${backend}`,
    async open() {
      const { port, cleanup } = await openLogbookPort(backend, server);
      return logbookSession(port, cleanup);
    },
  };
}
