// createSqliteStore: opens (or adopts) a database, migrates it and returns the store.
import type { SqliteDatabase, SqliteDriver } from './driver.js';
import { type Synchronous, openDatabase } from './open-database.js';
import { SqliteStore, type SqliteStoreSettings } from './sqlite-store.js';

export interface SqliteStoreOptions extends SqliteStoreSettings {
  /** A database file to open (created when missing); better-sqlite3 is imported only in this case. */
  path?: string;
  /** An open better-sqlite3 Database to use instead; the store does not close it unless `closeDatabase` is true. */
  database?: SqliteDatabase;
  /** The better-sqlite3 constructor to open `path` with, instead of importing the package. */
  driver?: SqliteDriver;
  /** FULL (default): an acknowledged append survives power loss. NORMAL: survives a crash of the process. OFF: neither. */
  synchronous?: Synchronous;
  /** How long a write waits for another process's write lock before failing with store_unavailable (default 5000). */
  busyTimeoutMs?: number;
}

export async function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const { db, owned } = await openDatabase(options);
  return new SqliteStore(db, { ...options, closeDatabase: options.closeDatabase ?? owned });
}
