// Emmett subjects: @event-driven-io/emmett-sqlite and emmett-postgresql, each as their docs set them up.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { foldBalance } from '../payload.js';
import type { BenchPostgres } from '../postgres.js';
import type { Session, Subject } from './types.js';

type Ev = { type: string; data: Record<string, unknown> };

/** The slice of Emmett's store API the bench uses (both adapters share it). */
interface EmmettStore {
  appendToStream(stream: string, events: Ev[], options: { expectedStreamVersion: bigint }): Promise<unknown>;
  aggregateStream<S>(
    stream: string,
    options: { evolve: (state: S, event: Ev) => S; initialState: () => S },
  ): Promise<{ state: S }>;
  readStream(stream: string): Promise<{ events: unknown[] }>;
}

interface EmmettSqliteModule {
  getSQLiteEventStore(options: Record<string, unknown>): EmmettStore & {
    consumer(options: Record<string, unknown>): EmmettSqliteConsumer;
  };
  sqliteConnection(options: { fileName: string }): { close(): void; query(sql: string): Promise<unknown[]> };
}
interface EmmettSqliteConsumer {
  processor(options: Record<string, unknown>): unknown;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Emmett's SQLite adapter lives in its own npm root (bench/emmett-sqlite): see docs/benchmarks.md for why. */
export const EMMETT_SQLITE_ENTRY = fileURLToPath(new URL('../../emmett-sqlite/index.js', import.meta.url));

export function emmettSqliteInstalled(): boolean {
  return existsSync(join(EMMETT_SQLITE_ENTRY, '..', 'node_modules', '@event-driven-io', 'emmett-sqlite'));
}

function emmettSession(store: EmmettStore, scanAll: () => Promise<number>, close: () => Promise<void>): Session {
  return {
    async append(streamId, last, events) {
      // Emmett's stream version counts events: 0n = no stream yet, n = n events.
      await store.appendToStream(streamId, events as Ev[], { expectedStreamVersion: BigInt(last + 1) });
    },
    async fold(streamId) {
      let events = 0;
      const { state } = await store.aggregateStream<number>(streamId, {
        evolve: (balance, e) => {
          events++;
          return foldBalance(balance, e.data);
        },
        initialState: () => 0,
      });
      return { events, balance: state };
    },
    scanAll,
    close,
  };
}

export const emmettSqlite: Subject = {
  impl: 'emmett',
  backend: 'sqlite',
  label: 'emmett/sqlite',
  async open() {
    const mod = (await import(EMMETT_SQLITE_ENTRY)) as EmmettSqliteModule;
    const dir = mkdtempSync(join(tmpdir(), 'emmett-bench-'));
    const fileName = join(dir, 'emmett.db');
    // One long-lived connection (the adapter's `singleton` option). A connection per call (the default) fails
    // at random with SQLITE_BUSY "cannot commit transaction - SQL statements in progress": each new connection
    // fires `PRAGMA journal_mode = WAL` without waiting for it. One connection, warmed up once, avoids that race.
    const connection = mod.sqliteConnection({ fileName });
    await connection.query('SELECT 1');
    await new Promise((r) => setTimeout(r, 50));
    const store = mod.getSQLiteEventStore({ fileName, connectionOptions: { singleton: true, connection } });
    let run = 0;
    return emmettSession(
      store,
      async () => {
        let count = 0;
        const consumer = store.consumer({ fileName, pulling: { batchSize: 500 } });
        const total = await countEvents(store, fileName, mod);
        consumer.processor({
          processorId: `bench-scan-${++run}`,
          startFrom: 'BEGINNING',
          eachMessage: () => {
            count++;
          },
          stopAfter: () => count >= total,
        });
        await consumer.start();
        await consumer.close();
        return count;
      },
      async () => {
        connection.close();
        rmSync(dir, { recursive: true, force: true });
      },
    );
  },
};

/** How many events the log holds, so the consumer can stop once it has seen them all (it has no "caught up"). */
async function countEvents(_store: EmmettStore, fileName: string, mod: EmmettSqliteModule): Promise<number> {
  const c = mod.sqliteConnection({ fileName }) as unknown as {
    querySingle<T>(sql: string): Promise<T | null>;
    close(): void;
  };
  try {
    const row = await c.querySingle<{ n: number }>('SELECT count(*) AS n FROM emt_messages');
    return Number(row?.n ?? 0);
  } finally {
    c.close();
  }
}

export function emmettPostgres(server: BenchPostgres): Subject {
  return {
    impl: 'emmett',
    backend: 'postgres',
    label: 'emmett/postgres',
    async open() {
      const db = await server.freshDatabase('emmett');
      const store = getPostgreSQLEventStore(db.url);
      let run = 0;
      return emmettSession(
        store as unknown as EmmettStore,
        async () => {
          let count = 0;
          const consumer = store.consumer({ stopWhen: { noMessagesLeft: true }, pulling: { batchSize: 500 } });
          consumer.reactor({
            processorId: `bench-scan-${++run}`,
            startFrom: 'BEGINNING',
            eachMessage: () => {
              count++;
            },
          });
          await consumer.start();
          // stop(), not close(): close() ends the pool the consumer shares with the store.
          await consumer.stop();
          return count;
        },
        async () => {
          await store.close();
          await db.drop();
        },
      );
    },
  };
}
