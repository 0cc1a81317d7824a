// The PostgreSQL server the bench runs against: LOGBOOK_BENCH_POSTGRES_URL, else a throw-away server of its own.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const POSTGRES_URL_ENV = 'LOGBOOK_BENCH_POSTGRES_URL';

export interface BenchPostgres {
  url: string;
  version: string;
  /** A new empty database on the server, so every subject starts from nothing. */
  freshDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }>;
  stop(): Promise<void>;
}

interface Throwaway {
  connectionString: string;
  stop(): Promise<void>;
}

/** Starts (or connects to) PostgreSQL; resolves with a reason instead when there is none to use. */
export async function startBenchPostgres(): Promise<BenchPostgres | { skipped: string }> {
  let url = process.env[POSTGRES_URL_ENV];
  let stopServer = async () => {};
  if (!url) {
    try {
      const testing = (await import('@logbook/store-postgres/testing')) as {
        startThrowawayPostgres: () => Promise<Throwaway>;
      };
      const server = await testing.startThrowawayPostgres();
      url = server.connectionString;
      stopServer = () => server.stop();
    } catch (e) {
      return { skipped: `no PostgreSQL: ${(e as Error).message}` };
    }
  }
  const base = url;
  const created: string[] = [];
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const version = String((await admin.query('SHOW server_version')).rows[0]?.server_version ?? 'unknown');
  const settings = await admin.query("SELECT name, setting FROM pg_settings WHERE name IN ('fsync','synchronous_commit')");
  for (const row of settings.rows as Array<{ name: string; setting: string }>) {
    if (row.setting !== 'on') throw new Error(`PostgreSQL ${row.name} is ${row.setting}; the bench needs it on`);
  }
  return {
    url: base,
    version,
    async freshDatabase(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(base);
      u.pathname = `/${name}`;
      return {
        url: u.toString(),
        // Dropped at stop(), not here: a forced drop would kill connections a library is still closing and
        // crash the run with an unhandled pool 'error' event.
        drop: async () => {
          created.push(name);
        },
      };
    },
    async stop() {
      if (process.env[POSTGRES_URL_ENV]) {
        for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name}`).catch(() => {});
      }
      await admin.end().catch(() => {});
      await stopServer();
    },
  };
}
