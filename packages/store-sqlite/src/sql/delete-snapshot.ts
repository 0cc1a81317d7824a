// Deletes a stream's named snapshot.
import type { SqliteDatabase } from '../driver.js';

export const DELETE_SNAPSHOT_SQL = 'DELETE FROM logbook_snapshots WHERE stream_id = ? AND name = ?';

export function deleteSnapshot(db: SqliteDatabase): (streamId: string, name: string) => void {
  const stmt = db.prepare(DELETE_SNAPSHOT_SQL);
  return (streamId, name) => {
    stmt.run(streamId, name);
  };
}
