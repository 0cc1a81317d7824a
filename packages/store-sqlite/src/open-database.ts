// Opens (or adopts) the database and prepares it: UTF-8, WAL, the chosen synchronous level, busy timeout, migrations.
import { LogbookError } from '@logbook/core';
import { type SqliteDatabase, type SqliteDriver, loadDriver } from './driver.js';
import { toStoreError } from './errors.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

export type Synchronous = 'FULL' | 'NORMAL' | 'OFF';

export interface OpenOptions {
  path?: string;
  database?: SqliteDatabase;
  driver?: SqliteDriver;
  synchronous?: Synchronous;
  busyTimeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** Returns the prepared database and whether this call opened it (and so owns closing it). */
export async function openDatabase(options: OpenOptions): Promise<{ db: SqliteDatabase; owned: boolean }> {
  if ((options.path === undefined) === (options.database === undefined)) {
    throw new LogbookError('invalid_request', 'createSqliteStore needs exactly one of `path` or `database`');
  }
  const synchronous = options.synchronous ?? 'FULL';
  if (!['FULL', 'NORMAL', 'OFF'].includes(synchronous)) {
    throw new LogbookError('invalid_request', `synchronous must be FULL, NORMAL or OFF, got ${String(synchronous)}`);
  }
  const busyTimeoutMs = options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  let db = options.database;
  const owned = db === undefined;
  if (!db) {
    const Driver = options.driver ?? (await loadDriver());
    try {
      db = new Driver(options.path as string, { timeout: busyTimeoutMs });
    } catch (e) {
      throw toStoreError(e);
    }
  }
  try {
    configure(db, synchronous, busyTimeoutMs);
    migrate(db, MIGRATIONS, options.now);
  } catch (e) {
    if (owned) db.close();
    throw toStoreError(e);
  }
  return { db, owned };
}

function configure(db: SqliteDatabase, synchronous: Synchronous, busyTimeoutMs: number): void {
  // Only takes effect on a new, empty file; an existing UTF-16 database would break byte-ordered stream listing.
  db.pragma("encoding = 'UTF-8'");
  const encoding = db.pragma('encoding', { simple: true });
  if (encoding !== 'UTF-8') {
    throw new LogbookError('invalid_request', `the SQLite database must be UTF-8, it is ${String(encoding)}`);
  }
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`);
  // WAL: readers never block the writer, and a commit is one append (and with FULL one fsync) of the WAL file.
  // In-memory databases answer 'memory', which is fine.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal' && !db.memory) {
    throw new LogbookError('store_unavailable', `could not switch the SQLite database to WAL mode (got ${String(mode)})`);
  }
  db.pragma(`synchronous = ${synchronous}`);
  // Each append of a group commit runs in a savepoint, whose undo log (the statement journal) spills to a temp
  // file past 64 KiB: a 100-event append paid for that file. It only serves ROLLBACK TO; durability is the WAL's.
  db.pragma('temp_store = MEMORY');
}
