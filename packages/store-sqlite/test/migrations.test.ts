// Schema migrations: created on open, recorded by version, applied once, in order, and never downgraded.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration, type SqliteDatabase, createSqliteStore, migrate, schemaVersion } from '../src/index.js';
import { tempDir } from './helpers.js';

const files = tempDir();
const open = (path: string) => new Database(path);
const tables = (db: SqliteDatabase) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map(
    (r) => r.name,
  );

describe('migrations', () => {
  it('creates the schema on first open and records every migration', async () => {
    const path = files.path();
    const store = await createSqliteStore({ path });
    await store.close();
    const db = open(path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['logbook_events', 'logbook_streams', 'logbook_uniques', 'logbook_schema_migrations']),
    );
    const rows = db.prepare('SELECT version, name FROM logbook_schema_migrations ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    db.close();
  });

  it('applies nothing on a second open and keeps the data', async () => {
    const path = files.path();
    const first = await createSqliteStore({ path });
    await first.append({ writes: [{ streamId: 'a', expectedRevision: 'any', events: [ev()] }] });
    await first.close();
    const db = open(path);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    db.close();
    const second = await createSqliteStore({ path });
    expect((await second.stats()).events).toBe(1n);
    await second.close();
  });

  it('applies only the migrations not yet recorded, in order', () => {
    const db = open(files.path());
    const extra: Migration = { version: MIGRATIONS.length + 1, name: 'extra', sql: 'CREATE TABLE extra_table (x INTEGER)' };
    expect(migrate(db, MIGRATIONS)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db, [extra, ...MIGRATIONS])).toEqual([extra.version]);
    expect(tables(db)).toContain('extra_table');
    expect(schemaVersion(db)).toBe(extra.version);
    db.close();
  });

  it('rolls back a failing migration entirely', () => {
    const db = open(files.path());
    migrate(db, MIGRATIONS);
    const broken: Migration = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;',
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow(/no_such_table/);
    expect(tables(db)).not.toContain('half_done');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database migrated by newer code', async () => {
    const path = files.path();
    const db = open(path);
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO logbook_schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
      MIGRATIONS.length + 1,
      'from the future',
      new Date().toISOString(),
    );
    db.close();
    await expect(createSqliteStore({ path })).rejects.toMatchObject({ code: 'store_unavailable' });
  });

  it('rejects migration lists with gaps', () => {
    const db = open(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(/without gaps/);
    db.close();
  });
});

function ev() {
  return { id: crypto.randomUUID(), type: 'T', data: null, metadata: {} };
}
