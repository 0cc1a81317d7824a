// Deletes a consumer's checkpoint.
import type { SqliteDatabase } from '../driver.js';

export const DELETE_CHECKPOINT_SQL = 'DELETE FROM logbook_checkpoints WHERE name = ?';

export function deleteCheckpoint(db: SqliteDatabase): (name: string) => void {
  const stmt = db.prepare(DELETE_CHECKPOINT_SQL);
  return (name) => {
    stmt.run(name);
  };
}
