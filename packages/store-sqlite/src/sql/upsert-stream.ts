// Records a stream's new head (last revision and times) after an append; creates the row on the first append.
import type { SqliteDatabase } from '../driver.js';

export const UPSERT_STREAM_SQL = `INSERT INTO logbook_streams (stream_id, last_revision, first_recorded_at, last_recorded_at)
  VALUES (?, ?, ?, ?)
  ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_recorded_at = excluded.last_recorded_at`;

export function upsertStream(db: SqliteDatabase): (streamId: string, lastRevision: bigint, recordedAt: string) => void {
  const stmt = db.prepare(UPSERT_STREAM_SQL);
  return (streamId, lastRevision, recordedAt) => {
    stmt.run(streamId, lastRevision, recordedAt, recordedAt);
  };
}
