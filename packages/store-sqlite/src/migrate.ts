// Versioned schema migrations, applied on open inside one write transaction and recorded in logbook_schema_migrations.
import { LogbookError } from '@logbook/core';
import type { SqliteDatabase } from './driver.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS logbook_schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
) STRICT`;

/** Applies every migration not yet recorded; returns the versions applied now. Refuses a schema newer than this code. */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], now: () => Date = () => new Date()): number[] {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1..n without gaps; found ${m.version} at ${i + 1}`);
  });
  // IMMEDIATE takes the write lock up front, so two processes opening a fresh file cannot both migrate it.
  db.prepare('BEGIN IMMEDIATE').run();
  try {
    db.prepare(CREATE_TABLE).run();
    const rows = db.prepare('SELECT version FROM logbook_schema_migrations ORDER BY version').all() as Array<{
      version: number | bigint;
    }>;
    const applied = new Set(rows.map((r) => Number(r.version)));
    const newest = Math.max(0, ...applied);
    if (newest > sorted.length) {
      throw new LogbookError(
        'store_unavailable',
        `the database schema is at version ${newest}, newer than this code knows (${sorted.length}); upgrade @logbook/store-sqlite`,
        { schemaVersion: newest, knownVersion: sorted.length },
      );
    }
    const record = db.prepare('INSERT INTO logbook_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const done: number[] = [];
    for (const m of sorted) {
      if (applied.has(m.version)) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, now().toISOString());
      done.push(m.version);
    }
    db.prepare('COMMIT').run();
    return done;
  } catch (e) {
    if (db.inTransaction) db.prepare('ROLLBACK').run();
    throw e;
  }
}

/** The highest applied migration version, 0 for a database Logbook never opened. */
export function schemaVersion(db: SqliteDatabase): number {
  const table = db
    .prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'logbook_schema_migrations'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM logbook_schema_migrations').get() as { v: number | bigint | null };
  return Number(row.v ?? 0);
}
