// Test helpers: throw-away database files in the OS temp dir, removed when the test file finishes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { type SqliteStoreOptions, createSqliteStore, migrate, MIGRATIONS } from '../src/index.js';
import { prepareStatements } from '../src/statements.js';

/** A temp directory for this test file, removed after all its tests. */
export function tempDir(): { path: (name?: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'logbook-sqlite-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { path: (name) => join(dir, name ?? `db-${++n}.sqlite`) };
}

export function openStore(path: string, options: Omit<SqliteStoreOptions, 'path' | 'database'> = {}) {
  return createSqliteStore({ path, ...options });
}

/** A migrated in-memory database and its prepared statements, for the per-SQL-file tests. */
export function memoryStatements() {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS);
  return { db, s: prepareStatements(db) };
}
