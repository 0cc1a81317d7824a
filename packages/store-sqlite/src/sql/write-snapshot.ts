// Stores (or replaces) a stream's named snapshot.
import type { StoredSnapshot } from '@logbook/core';
import type { SqliteDatabase } from '../driver.js';

export const WRITE_SNAPSHOT_SQL = `INSERT INTO logbook_snapshots (stream_id, name, revision, schema_version, state, taken_at)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (stream_id, name) DO UPDATE SET revision = excluded.revision, schema_version = excluded.schema_version,
    state = excluded.state, taken_at = excluded.taken_at`;

export function writeSnapshot(db: SqliteDatabase): (snapshot: StoredSnapshot) => void {
  const stmt = db.prepare(WRITE_SNAPSHOT_SQL);
  return (s) => {
    stmt.run(s.streamId, s.name, s.revision, s.schemaVersion, JSON.stringify(s.state), s.takenAt);
  };
}
