// Raw SQLite baseline: better-sqlite3 prepared INSERTs in WAL with synchronous=FULL, the limit for the SQLite store.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { foldBalance } from '../payload.js';
import type { Session, Subject } from './types.js';

// The same work a store must do: a global order, a unique event id, and (stream, revision) unique so an append
// written against a stale revision fails: the expected-revision check comes from the constraint.
const SCHEMA = `
CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  stream_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  UNIQUE (stream_id, revision)
);`;

interface Row {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

function toEvent(r: Row) {
  return {
    id: r.id,
    streamId: r.stream_id,
    revision: BigInt(r.revision),
    position: String(r.position),
    type: r.type,
    data: JSON.parse(r.data) as unknown,
    metadata: JSON.parse(r.metadata) as unknown,
    recordedAt: r.recorded_at,
  };
}

export const rawSqlite: Subject = {
  impl: 'raw',
  backend: 'sqlite',
  label: 'raw/sqlite',
  async open(): Promise<Session> {
    const dir = mkdtempSync(join(tmpdir(), 'raw-bench-'));
    const db = new Database(join(dir, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec(SCHEMA);
    const insert = db.prepare(
      'INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const readStream = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision');
    const page = db.prepare('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT 500');
    const appendTx = db.transaction((streamId: string, last: number, events: Array<{ type: string; data: unknown }>) => {
      const at = new Date().toISOString();
      let revision = last;
      for (const e of events) insert.run(randomUUID(), streamId, ++revision, e.type, JSON.stringify(e.data), '{}', at);
    });
    return {
      async append(streamId, last, events) {
        appendTx(streamId, last, events);
      },
      async fold(streamId) {
        // The same work as a store's read: every column, each row turned into an event object, then folded.
        let balance = 0;
        let events = 0;
        for (const row of readStream.all(streamId) as Row[]) {
          balance = foldBalance(balance, toEvent(row).data);
          events++;
        }
        return { events, balance };
      },
      async scanAll() {
        // Scan and parse: the same pages of 500 the subscription reads, each row turned into an event object.
        let from = 0;
        let count = 0;
        for (;;) {
          const rows = page.all(from) as Row[];
          for (const r of rows) if (toEvent(r).type) count++;
          const lastRow = rows[rows.length - 1];
          if (!lastRow || rows.length < 500) return count;
          from = lastRow.position;
          await Promise.resolve();
        }
      },
      async close() {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
