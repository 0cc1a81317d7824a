// @logbook/store-sqlite: the embedded SQLite store (better-sqlite3, WAL, group commit).
export { createSqliteStore, type SqliteStoreOptions } from './create-sqlite-store.js';
export { SqliteStore, type SqliteStoreSettings } from './sqlite-store.js';
export type { SqliteDatabase, SqliteDriver, SqliteStatement, SqliteRunResult } from './driver.js';
export type { Synchronous } from './open-database.js';
export { migrate, schemaVersion, type Migration } from './migrate.js';
export { MIGRATIONS } from './migrations/index.js';
