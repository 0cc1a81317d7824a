// Inserts one event row at its global position and stream revision; the unique index on id backs idempotency.
import type { SqliteDatabase } from '../driver.js';

export const APPEND_EVENT_SQL = `INSERT INTO logbook_events
  (position, id, stream_id, revision, type, category, data, metadata, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

export interface NewEventRow {
  position: bigint;
  id: string;
  streamId: string;
  revision: bigint;
  type: string;
  category: string;
  /** JSON text. */
  data: string;
  /** JSON text. */
  metadata: string;
  recordedAt: string;
}

export function appendEvent(db: SqliteDatabase): (row: NewEventRow) => void {
  const stmt = db.prepare(APPEND_EVENT_SQL);
  return (r) => {
    stmt.run(r.position, r.id, r.streamId, r.revision, r.type, r.category, r.data, r.metadata, r.recordedAt);
  };
}
