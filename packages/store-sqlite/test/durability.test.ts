// Durability settings: WAL, the synchronous level asked for, busy timeout, and appends that survive a killed process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/index.js';
import { tempDir } from './helpers.js';

const files = tempDir();
const LEVELS = { OFF: 0, NORMAL: 1, FULL: 2 } as const;

describe('durability settings', () => {
  it('defaults to WAL with synchronous=FULL and a busy timeout', async () => {
    const store = await createSqliteStore({ path: files.path() });
    const db = store.database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(LEVELS.FULL);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    await store.close();
  });

  for (const level of ['NORMAL', 'OFF'] as const) {
    it(`applies synchronous=${level} when asked`, async () => {
      const store = await createSqliteStore({ path: files.path(), synchronous: level, busyTimeoutMs: 250 });
      expect(store.database.pragma('synchronous', { simple: true })).toBe(LEVELS[level]);
      expect(store.database.pragma('busy_timeout', { simple: true })).toBe(250);
      await store.close();
    });
  }

  it('rejects an unknown synchronous level before touching the file', async () => {
    await expect(createSqliteStore({ path: files.path(), synchronous: 'EXTRA' as never })).rejects.toMatchObject({
      code: 'invalid_request',
    });
  });

  it('opens the path with the driver constructor it is given', async () => {
    const opened: string[] = [];
    class CountingDriver extends Database {
      constructor(filename: string, options?: Database.Options) {
        super(filename, options);
        opened.push(filename);
      }
    }
    const path = files.path();
    const store = await createSqliteStore({ path, driver: CountingDriver });
    expect(opened).toEqual([path]);
    await store.close();
    expect(store.database.open).toBe(false);
  });

  it('adopts a database handed in and leaves it open on close', async () => {
    const db = new Database(files.path());
    const store = await createSqliteStore({ database: db });
    await store.append({ writes: [{ streamId: 'x', expectedRevision: 'any', events: [ev()] }] });
    await store.close();
    expect(db.open).toBe(true);
    expect((db.prepare('SELECT count(*) AS n FROM logbook_events').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('reports a write lock held too long by another process as store_unavailable, then recovers', async () => {
    const path = files.path();
    const store = await createSqliteStore({ path, busyTimeoutMs: 50 });
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const request = { writes: [{ streamId: 'x', expectedRevision: 'any' as const, events: [ev()] }] };
    await expect(store.append(request)).rejects.toMatchObject({ code: 'store_unavailable' });
    other.prepare('COMMIT').run();
    other.close();
    const after = await store.append({ writes: [{ streamId: 'x', expectedRevision: 'no_stream', events: [ev()] }] });
    expect(after.ok && after.results[0]?.position).toBe('1');
    await store.close();
  });

  it('keeps every acknowledged append when the process is killed without closing', async () => {
    const path = files.path();
    const child = fileURLToPath(new URL('./fixtures/append-then-die.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', 'tsx', child, path, '25'], { encoding: 'utf8', timeout: 60_000 });
    // The child kills itself with SIGKILL right after its appends were acknowledged: no close, no checkpoint.
    expect(run.signal).toBe('SIGKILL');
    expect(run.stdout.trim()).toBe('acknowledged 25');
    const store = await createSqliteStore({ path });
    expect((await store.stats()).events).toBe(25n);
    expect((await store.streamInfo('crash-1')).lastRevision).toBe(24n);
    await store.close();
  });
});

function ev() {
  return { id: crypto.randomUUID(), type: 'T', data: null, metadata: {} };
}
