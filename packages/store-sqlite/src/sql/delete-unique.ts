// Rebuilds only: removes (scope, value) whoever holds it.
import type { SqliteDatabase } from '../driver.js';

export const DELETE_UNIQUE_SQL = 'DELETE FROM logbook_uniques WHERE scope = ? AND value = ?';

export function deleteUnique(db: SqliteDatabase): (scope: string, value: string) => void {
  const stmt = db.prepare(DELETE_UNIQUE_SQL);
  return (scope, value) => {
    stmt.run(scope, value);
  };
}
